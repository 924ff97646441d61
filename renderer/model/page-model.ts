// The editing model of one page session: split, merge, move, field edits, text edits, undo/redo.
// Pure and synchronous; independent of React, Monaco and the host. Structural changes are
// planned here (new starts + kinds + which old item each new item continues), derived by the
// engine elsewhere, and applied back here with applyDerived, which keeps hand-edited fields.
//
// Every change is made as typed edit ops (core/edit, shared/edit-ops.ts) and each doc remembers
// the doc and ops it came from (edit-links.ts), so autosave sends the ops since the last save and
// an undo sends their inverse — the same ops the archive applies to its copy.
import type { EditableField, StoredItem } from '../../shared/domain.ts';
import type { Contributor, Item, ItemKind } from '../../shared/segmentation.ts';
import { itemChangeOps, planOps, sameValue, textChangesOps } from '../../core/edit/index.ts';
import { FIELD_NAMES } from '../../shared/edit-ops.ts';
import { carriedConfidence } from './doubts.ts';
import { applyEdit, squashInto, type PageDoc } from './edit-links.ts';

export type { PageDoc } from './edit-links.ts';

export interface StructurePlan {
  starts: number[];
  kinds: (ItemKind | null)[];
  /** For each new item, the index of the old item whose identity and hand-edited fields it keeps. */
  sources: (number | null)[];
  /** Index of the item to select afterwards. */
  focus: number;
}

export type Derive = (text: string, starts: number[], kinds: (ItemKind | null)[]) => Item[];

export const ROLES = ['kicker', 'headline', 'subheadline', 'series', 'byline', 'caption'] as const;
export type Role = (typeof ROLES)[number];

// ---- lines ----

export function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

/** 0-based line index holding `offset`. */
export function lineOfOffset(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Start offset of the line holding `offset`. */
export function lineStartAt(text: string, offset: number): number {
  if (offset <= 0) return 0;
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Text of the line holding `offset`, without its newline. */
export function lineTextAt(text: string, offset: number): string {
  const start = lineStartAt(text, offset);
  const nl = text.indexOf('\n', start);
  return text.slice(start, nl < 0 ? text.length : nl);
}

/** Index of the item whose span holds `offset` (the last item starting at or before it), or -1. */
export function itemIndexAt(items: readonly StoredItem[], offset: number): number {
  let found = -1;
  for (let i = 0; i < items.length; i++) {
    if (items[i]!.start <= offset) found = i;
    else break;
  }
  return found;
}

function currentKinds(items: readonly StoredItem[]): (ItemKind | null)[] {
  return items.map((it) => it.kind);
}

// ---- structural plans ----

/** A new item starts on the line holding `offset`. Null when a split point is already there. */
export function planSplit(doc: PageDoc, offset: number): StructurePlan | null {
  const at = lineStartAt(doc.text, Math.min(offset, doc.text.length));
  if (doc.items.some((it) => it.start === at)) return null;
  const starts = doc.items.map((it) => it.start);
  const kinds = currentKinds(doc.items);
  const sources: (number | null)[] = doc.items.map((_, i) => i);
  let pos = starts.findIndex((s) => s > at);
  if (pos < 0) pos = starts.length;
  starts.splice(pos, 0, at);
  // The new item takes the kind of the item it was cut from, unless it is the first.
  kinds.splice(pos, 0, pos > 0 ? (doc.items[pos - 1]!.kind === 'masthead' ? 'article' : doc.items[pos - 1]!.kind) : null);
  sources.splice(pos, 0, null);
  return { starts, kinds, sources, focus: pos };
}

/** Item `index` is merged into the item before it. */
export function planMerge(doc: PageDoc, index: number): StructurePlan | null {
  if (index <= 0 || index >= doc.items.length) return null;
  const starts = doc.items.map((it) => it.start);
  const kinds = currentKinds(doc.items);
  const sources: (number | null)[] = doc.items.map((_, i) => i);
  starts.splice(index, 1);
  kinds.splice(index, 1);
  sources.splice(index, 1);
  return { starts, kinds, sources, focus: index - 1 };
}

/** Moves item `index`'s start by `deltaLines` lines; null when it would cross a neighbour. */
export function planMoveStart(doc: PageDoc, index: number, deltaLines: number): StructurePlan | null {
  const item = doc.items[index];
  if (!item || index === 0 || deltaLines === 0) return null;
  const ls = lineStarts(doc.text);
  const line = lineOfOffset(ls, item.start) + deltaLines;
  if (line < 0 || line >= ls.length) return null;
  return planMoveStartTo(doc, index, ls[line]!);
}

/** Moves item `index`'s start to the line holding `offset` (gutter drag). */
export function planMoveStartTo(doc: PageDoc, index: number, offset: number): StructurePlan | null {
  const item = doc.items[index];
  if (!item || index === 0) return null;
  const at = lineStartAt(doc.text, Math.min(offset, doc.text.length));
  const prev = doc.items[index - 1]!;
  const next = doc.items[index + 1];
  if (at <= prev.start || (next && at >= next.start) || at === item.start) return null;
  const starts = doc.items.map((it) => it.start);
  starts[index] = at;
  return { starts, kinds: currentKinds(doc.items), sources: doc.items.map((_, i) => i), focus: index };
}

/** Re-derive every item in place (after a text edit). */
export function planRederive(doc: PageDoc): StructurePlan {
  return { starts: doc.items.map((it) => it.start), kinds: currentKinds(doc.items), sources: doc.items.map((_, i) => i), focus: 0 };
}

/** Applies the engine's items for a plan; items continuing an old item keep its id, tags and hand-edited fields. */
export function applyDerived(doc: PageDoc, plan: StructurePlan, derived: readonly Item[]): PageDoc {
  if (derived.length !== plan.starts.length) throw new Error(`engine returned ${derived.length} items for ${plan.starts.length} starts`);
  const items = derived.map((d, i): StoredItem => {
    const src = plan.sources[i];
    const old = src === null || src === undefined ? undefined : doc.items[src];
    // The item itself handed back (previewItems does so for spans the change did not touch): it
    // stays as it is, uncompared and uncopied, unless carrying its doubt would change it.
    // An engine item that reads as `old` does (the host's answer for an item a change did not
    // touch) is kept the same way, after one comparison instead of a copy and its ops.
    if (old && old.start === plan.starts[i] && (d === old ? keepsConfidence(old) : derivesAsIs(old, d))) return old;
    return settledItem(old, d, plan.starts[i]!);
  });
  // The same change as ops (split, merge, boundary, then each item's re-derived fields): an item
  // the change did not touch stays the same object (cheap re-rendering).
  return applyEdit(doc, planOps(doc, { text: doc.text, items }).ops);
}

/**
 * The engine's item `d` at `start` as the page keeps it: continuing `old` (if any), it keeps old's id,
 * tags and hand-edited fields. Confidence is the engine's, from the page's segmentation: a split the
 * editor made or moved is confirmed, an untouched one keeps its doubt (doubts.ts).
 */
export function settledItem(old: StoredItem | undefined, d: Item, start: number): StoredItem {
  const { confidence: _derived, ...fresh } = d;
  const base: StoredItem = { ...fresh, start, editedFields: [], tags: [] };
  if (!old) return base;
  const kept: StoredItem = { ...base, editedFields: [...old.editedFields], tags: [...old.tags] };
  if (old.id !== undefined) kept.id = old.id;
  for (const f of old.editedFields) (kept as Record<string, unknown>)[f] = old[f];
  const confidence = carriedConfidence(old, old.start !== start, kept.editedFields);
  if (confidence) kept.confidence = confidence;
  return kept;
}

/** Whether applyDerived, carrying `old` at its own start, would leave its confidence as it is. */
function keepsConfidence(old: StoredItem): boolean {
  // Only typed titles change what an unmoved item carries (carriedConfidence).
  if (!old.confidence || old.editedFields.length === 0) return true;
  const carried = carriedConfidence(old, false, old.editedFields);
  return !!carried && carried.boundary === old.confidence.boundary && carried.titles === old.confidence.titles;
}

/**
 * Whether applyDerived would give `old` back unchanged (no op) from the engine's item `d` at old's
 * own start: every field the ops compare reads the same, except the ones typed by hand (kept) and
 * the carried doubt (old's own, keepsConfidence).
 */
function derivesAsIs(old: StoredItem, d: Item): boolean {
  if (!keepsConfidence(old)) return false;
  const edited: readonly string[] = old.editedFields;
  if (old.kind !== d.kind && !edited.includes('kind')) return false;
  for (const name of FIELD_NAMES) {
    if (name === 'confidence' || name === 'editedFields' || edited.includes(name)) continue;
    if (!sameValue(old[name], d[name])) return false;
  }
  return edited.includes('paragraphs') || sameValue(old.paragraphs, d.paragraphs);
}

// ---- field edits ----

export type FieldValue<F extends EditableField> = StoredItem[F];

export function setField<F extends EditableField>(doc: PageDoc, index: number, field: F, value: FieldValue<F>): PageDoc {
  const item = doc.items[index];
  if (!item) return doc;
  if (JSON.stringify(item[field]) === JSON.stringify(value)) return doc;
  const edited = item.editedFields.includes(field) ? item.editedFields : [...item.editedFields, field];
  const next: StoredItem = { ...item, [field]: value, editedFields: edited };
  // Typing a title settles a titles doubt (doubts.ts).
  if (item.confidence) {
    const confidence = carriedConfidence(item, false, edited);
    if (confidence) next.confidence = confidence;
    else delete next.confidence;
  }
  return applyEdit(doc, itemChangeOps(index, item, next));
}

/** Assigns the line holding `offset` to a role of the item it belongs to. */
export function assignRole(doc: PageDoc, offset: number, role: Role): PageDoc {
  const index = itemIndexAt(doc.items, offset);
  if (index < 0) return doc;
  const line = lineTextAt(doc.text, offset).trim();
  if (!line) return doc;
  if (role === 'caption') {
    // This data model has no caption field: a caption is the text of a photo item.
    const withKind = setField(doc, index, 'kind', 'photo');
    return setField(withKind, index, 'paragraphs', [line]);
  }
  // The line moves to its new role: a title field that held this same line is given the one it
  // displaces (Alt+H on the subheadline swaps headline and subheadline), so no field keeps a
  // copy of the line and no title typed or found before is lost.
  const item = doc.items[index]!;
  const displaced = item[role];
  let next = doc;
  for (const other of TITLE_ROLES) {
    if (other === role || (item[other] ?? '').trim() !== line) continue;
    next = setField(next, index, other, displaced !== null && displaced.trim() !== line ? displaced : null);
  }
  return setField(next, index, role, line);
}

const TITLE_ROLES = ['kicker', 'headline', 'subheadline', 'series', 'byline'] as const;

/**
 * "name (role), name (role)" back into contributors. A role is its code ("reporter") or, through
 * `labels`, any of its translated names ("记者", "trainee reporter"), matched case-insensitively.
 */
export function parseContributors(text: string, roles: readonly string[], labels: Readonly<Record<string, string>> = {}): Contributor[] | null {
  const byLabel = new Map(Object.entries(labels).map(([label, role]) => [label.trim().toLowerCase(), role]));
  const out: Contributor[] = [];
  for (const part of text.split(/[,，;；\n]/)) {
    const p = part.trim();
    if (!p) continue;
    const m = /^(.+?)\s*[(（]\s*([^()（）]+?)\s*[)）]$/.exec(p);
    if (!m) return null;
    const said = m[2]!.trim();
    const role = roles.includes(said) ? said : byLabel.get(said.toLowerCase());
    if (!role || !roles.includes(role)) return null;
    out.push({ name: m[1]!.trim(), role: role as Contributor['role'] });
  }
  return out;
}

// ---- text edits ----

export interface TextChange {
  /** Offset of the replaced range in the text before this change. */
  offset: number;
  length: number;
  text: string;
}

/**
 * Applies changes to the text (each against the text as left by the previous one, as Monaco
 * reports them in order when applied one after another) and shifts every offset through them,
 * keeping split points on the lines they were on and hand-edited fields untouched: an item whose
 * start is deleted joins the one before it, a split point left inside a line moves to its start
 * (core/edit/text-ops.ts makes these the ops the archive gets).
 */
export function applyTextChanges(doc: PageDoc, changes: readonly TextChange[]): PageDoc {
  const { ops } = textChangesOps(doc, changes);
  return ops.length ? applyEdit(doc, ops) : doc;
}

/** The single change turning `before` into `after` (common prefix and suffix removed). */
export function diffText(before: string, after: string): TextChange | null {
  if (before === after) return null;
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  return { offset: p, length: before.length - p - s, text: after.slice(p, after.length - s) };
}

// ---- history ----

export interface History {
  readonly past: readonly PageDoc[];
  readonly present: PageDoc;
  readonly future: readonly PageDoc[];
  /** Key and time of the last change, to fold a burst of typing into one undo step. */
  readonly lastKey: string | null;
  readonly lastAt: number;
}

export const HISTORY_LIMIT = 500;
export const COALESCE_MS = 1000;

export function newHistory(doc: PageDoc): History {
  return { past: [], present: doc, future: [], lastKey: null, lastAt: 0 };
}

/** Records a change. Changes with the same coalesce key within COALESCE_MS become one step. */
export function commit(h: History, doc: PageDoc, coalesceKey: string | null = null, now = 0): History {
  if (doc === h.present) return h;
  if (coalesceKey !== null && coalesceKey === h.lastKey && now - h.lastAt < COALESCE_MS && h.past.length > 0) {
    // The present is no step of its own any more: its ops fold into the new doc's (less to keep).
    squashInto(doc, h.present);
    return { past: h.past, present: doc, future: [], lastKey: coalesceKey, lastAt: now };
  }
  const past = [...h.past, h.present];
  if (past.length > HISTORY_LIMIT) past.shift();
  return { past, present: doc, future: [], lastKey: coalesceKey, lastAt: now };
}

/** Replaces the present without a new undo step (e.g. re-derivation after a text edit). */
export function replacePresent(h: History, doc: PageDoc): History {
  squashInto(doc, h.present);
  return { ...h, present: doc };
}

export function undo(h: History): History {
  const prev = h.past[h.past.length - 1];
  if (!prev) return h;
  return { past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future], lastKey: null, lastAt: 0 };
}

export function redo(h: History): History {
  const next = h.future[0];
  if (!next) return h;
  return { past: [...h.past, h.present], present: next, future: h.future.slice(1), lastKey: null, lastAt: 0 };
}

/** Runs a plan through a (synchronous) derive function. */
export function runPlan(doc: PageDoc, plan: StructurePlan, derive: Derive): PageDoc {
  return applyDerived(doc, plan, derive(doc.text, plan.starts, plan.kinds));
}
