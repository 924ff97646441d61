// page.get on the wire: the lean page (issue 14, big pages). The page record as JSON objects cost
// ~440 bytes an item (6.1 MB for 10,000 items): every key spelt out, every headline, byline and
// paragraph a second copy of the page text. On the wire an item is a tuple, and its texts are
// references into the page text wherever they are pieces of it, so a 10,000-item page is the text
// plus ~80 bytes an item. The archive builds it from its rows without making item objects
// (electron/archive/page-lean.ts); the tab turns it back into the same PageRecord on arrival, here,
// and checks every item with the contract's own item check (page-record-check.ts storedItem), so
// the one validated boundary stays where the answer crosses the network.
//
// Text references (T below): null, a string (text the page does not hold), or [offset, length]
// into the page text. A paragraph (P): a string, or an array of pieces, each a string or a number
// pair (offset, length) into the page text — the stored form of migration 0017
// (electron/archive/paragraph-refs.ts), so a row whose base is the page text goes out as stored.
import { z } from 'zod';
import { pageRecordSchema, storedItemSchema, type PageRecord, type StoredItem } from './domain.ts';
import { EDITABLE, flags, ROLES, storedItemOf, strings } from './page-record-check.ts';
import type { Contributor } from './segmentation.ts';

/** Marks the lean form (the Electron IPC host and dispatch() callers get PageRecord values). */
export const PAGE_WIRE = 'lean-1';

type TextRef = null | string | [number, number];
type Paragraph = string | (string | number)[];

/** An item on the wire; id 0: an item without an id. */
export type WireItem = [
  id: number,
  kind: string,
  start: number,
  end: number,
  kicker: TextRef,
  headline: TextRef,
  subheadline: TextRef,
  series: TextRef,
  byline: TextRef,
  contributors: [name: string, role: string][],
  paragraphs: Paragraph[],
  continuedOn: number | null,
  continuedFrom: number | null,
  flags: unknown[],
  editedFields: string[],
  tags: string[],
  confidence: { boundary: number; titles: number } | null,
];

export type WirePage = Omit<PageRecord, 'items'> & { wire: typeof PAGE_WIRE; items: WireItem[] };

const wireFieldsSchema = pageRecordSchema.extend({ wire: z.literal(PAGE_WIRE), items: z.array(z.unknown()) });

/** True when a page.get answer is the lean form. */
export const isWirePage = (v: unknown): boolean => typeof v === 'object' && v !== null && (v as { wire?: unknown }).wire === PAGE_WIRE;

// ---- Encoding (the archive; any PageRecord) ---------------------------------------------------

/** A text field as a reference into the page text when the item's span holds it. */
export function textRefJson(value: string | null, text: string, start: number, end: number): string {
  if (value === null) return 'null';
  if (value.length >= 2) {
    const at = text.slice(start, end).indexOf(value);
    if (at >= 0) return `[${start + at},${value.length}]`;
  }
  return JSON.stringify(value);
}

/**
 * A paragraph as pieces of the page text from `cursor.at` on: the OCR's line breaks inside it
 * are skipped, which is how the engine joins a paragraph's lines. Anything else: the string.
 */
function paragraphJson(p: string, text: string, end: number, cursor: { at: number }): string {
  if (p.length < 2) return JSON.stringify(p);
  // Looked for in the item's span only (a slice is a view, not a copy).
  const found = text.slice(cursor.at, end).indexOf(p.slice(0, 4));
  if (found < 0) return JSON.stringify(p);
  const first = cursor.at + found;
  const pieces: number[] = [];
  let pos = first;
  let i = 0;
  let from = pos;
  while (i < p.length) {
    if (pos < end && text.charCodeAt(pos) === p.charCodeAt(i)) {
      pos++;
      i++;
    } else if (pos < end && text.charCodeAt(pos) === 10 && pos > from) {
      pieces.push(from, pos - from);
      pos++;
      from = pos;
    } else return JSON.stringify(p);
  }
  pieces.push(from, pos - from);
  cursor.at = pos;
  return `[${pieces.join(',')}]`;
}

/** The item's paragraphs on the wire, each a reference into the page text where it is one. */
export function paragraphsJson(paragraphs: readonly string[], text: string, start: number, end: number): string {
  const cursor = { at: start };
  return `[${paragraphs.map((p) => paragraphJson(p, text, Math.min(end, text.length), cursor)).join(',')}]`;
}

const contributorsJson = (cs: StoredItem['contributors']): string => JSON.stringify(cs.map((c) => [c.name, c.role]));

/** The item tuple's JSON; `paragraphs` and the JSON columns may come as stored (page-lean.ts). */
export function wireItemJson(parts: {
  id: number;
  kind: string;
  start: number;
  end: number;
  texts: string;
  contributors: string;
  paragraphs: string;
  continuedOn: number | null;
  continuedFrom: number | null;
  flags: string;
  editedFields: string;
  tags: string;
  confidence: string;
}): string {
  const p = parts;
  return `[${p.id},${JSON.stringify(p.kind)},${p.start},${p.end},${p.texts},${p.contributors},${p.paragraphs},${p.continuedOn},${p.continuedFrom},${p.flags},${p.editedFields},${p.tags},${p.confidence}]`;
}

/** The five title fields as wire JSON, comma-separated. */
export function titleRefsJson(item: Pick<StoredItem, 'kicker' | 'headline' | 'subheadline' | 'series' | 'byline'>, text: string, start: number, end: number): string {
  return [item.kicker, item.headline, item.subheadline, item.series, item.byline].map((v) => textRefJson(v, text, start, end)).join(',');
}

/** The page's fields, with the item tuples given as JSON text. */
export function wirePageJson(page: Omit<PageRecord, 'items'>, itemsJson: readonly string[]): string {
  const { id, issueId, pageNumber, sourceName, encoding, contentHash, text, state, masthead, revision, model } = page;
  const head = JSON.stringify({ wire: PAGE_WIRE, id, issueId, pageNumber, sourceName, encoding, contentHash, state, masthead, revision, model: model ?? null, text });
  return `${head.slice(0, -1)},"items":[${itemsJson.join(',')}]}`;
}

/** Any page record in the lean form (PostgreSQL's read, and archives without their own). */
export function wirePageOf(page: PageRecord): string {
  const { text } = page;
  return wirePageJson(
    page,
    page.items.map((it) =>
      wireItemJson({
        id: it.id ?? 0,
        kind: it.kind,
        start: it.start,
        end: it.end,
        texts: titleRefsJson(it, text, it.start, it.end),
        contributors: contributorsJson(it.contributors),
        paragraphs: paragraphsJson(it.paragraphs, text, it.start, it.end),
        continuedOn: it.continuedOn,
        continuedFrom: it.continuedFrom,
        flags: JSON.stringify(it.flags),
        editedFields: JSON.stringify(it.editedFields),
        tags: JSON.stringify(it.tags),
        confidence: it.confidence ? JSON.stringify(it.confidence) : 'null',
      }),
    ),
  );
}

// ---- Decoding (the tab; dispatch() callers) ----------------------------------------------------

/** A lean answer the tab cannot read: names the item and the field. */
export class PageWireError extends Error {
  override readonly name = 'PageWireError';
}

function piece(text: string, at: unknown, len: unknown, where: string): string {
  if (typeof at !== 'number' || typeof len !== 'number' || !Number.isSafeInteger(at) || !Number.isSafeInteger(len) || at < 0 || len < 0 || at + len > text.length) {
    throw new PageWireError(`page.get: ${where} refers to ${String(at)}+${String(len)} outside the page text (${text.length} characters)`);
  }
  return text.slice(at, at + len);
}

function textOf(v: unknown, text: string, where: string): unknown {
  if (Array.isArray(v)) return v.length === 2 ? piece(text, v[0], v[1], where) : undefined;
  return v;
}

function paragraphOf(v: unknown, text: string, where: string): unknown {
  if (!Array.isArray(v)) return v;
  let out = '';
  for (let k = 0; k < v.length; k++) {
    const x: unknown = v[k];
    if (typeof x === 'string') out += x;
    else {
      out += piece(text, x, v[k + 1], where);
      k++;
    }
  }
  return out;
}

const TITLES = ['kicker', 'headline', 'subheadline', 'series', 'byline'] as const;

/** One tuple as the item object the contract describes (not yet checked): for zod to word a refusal. */
function itemObject(t: unknown, text: string, index: number): Record<string, unknown> {
  if (!Array.isArray(t) || t.length !== 17) throw new PageWireError(`page.get: item ${index} is not a 17-field tuple`);
  const where = (f: string) => `item ${index} ${f}`;
  const item: Record<string, unknown> = { kind: t[1], start: t[2], end: t[3] };
  for (let f = 0; f < TITLES.length; f++) item[TITLES[f]!] = textOf(t[4 + f], text, where(TITLES[f]!));
  const cs: unknown = t[9];
  item.contributors = Array.isArray(cs) ? cs.map((c: unknown) => (Array.isArray(c) && c.length === 2 ? { name: c[0], role: c[1] } : c)) : cs;
  const ps: unknown = t[10];
  item.paragraphs = Array.isArray(ps) ? ps.map((p: unknown) => paragraphOf(p, text, where('paragraphs'))) : ps;
  item.continuedOn = t[11];
  item.continuedFrom = t[12];
  item.flags = t[13];
  item.editedFields = t[14];
  item.tags = t[15];
  if (t[16] !== null) item.confidence = t[16];
  if (t[0] !== 0) item.id = t[0];
  return item;
}

function contributorsOf(v: unknown): Contributor[] | null {
  if (!Array.isArray(v)) return null;
  const out: Contributor[] = new Array<Contributor>(v.length);
  for (let k = 0; k < v.length; k++) {
    const c: unknown = v[k];
    if (!Array.isArray(c) || c.length !== 2) return null;
    const [name, role] = c as unknown[];
    if (typeof name !== 'string' || name.length === 0 || typeof role !== 'string' || !ROLES.has(role)) return null;
    out[k] = { name, role: role as Contributor['role'] };
  }
  return out;
}

function paragraphsOf(v: unknown, text: string, where: string): string[] | null {
  if (!Array.isArray(v)) return null;
  const out: string[] = new Array<string>(v.length);
  for (let k = 0; k < v.length; k++) {
    const p = paragraphOf(v[k], text, where);
    if (typeof p !== 'string') return null;
    out[k] = p;
  }
  return out;
}

/**
 * The tuple as the stored item storedItemSchema would return for its object form (page-record-check.ts
 * storedItem: the same checks, made on the tuple without building that object first), or null.
 */
function wireItem(t: unknown, text: string, index: number): StoredItem | null {
  if (!Array.isArray(t) || t.length !== 17) return null;
  const where = `item ${index}`;
  const [id, kind, start, end, kicker, headline, subheadline, series, byline, people, paragraphs,
    continuedOn, continuedFrom, flagList, edited, tags, confidence] = t as unknown[];
  return storedItemOf({
    kind, start, end,
    kicker: textOf(kicker, text, where),
    headline: textOf(headline, text, where),
    subheadline: textOf(subheadline, text, where),
    series: textOf(series, text, where),
    byline: textOf(byline, text, where),
    contributors: contributorsOf(people),
    paragraphs: paragraphsOf(paragraphs, text, `${where} paragraphs`),
    continuedOn, continuedFrom,
    flags: flags(flagList),
    editedFields: strings(edited, EDITABLE),
    tags: strings(tags),
    // The tuple writes an absent confidence as null and an absent id as 0.
    confidence: confidence === null ? undefined : confidence,
    id: id === 0 ? undefined : id,
  });
}

/** The lean page.get answer as the PageRecord it stands for; throws where the contract would refuse it. */
export function pageOfWire(value: unknown): PageRecord {
  const { wire: _wire, ...page } = wireFieldsSchema.parse(value);
  const items: StoredItem[] = new Array<StoredItem>(page.items.length);
  for (let i = 0; i < page.items.length; i++) {
    const item = wireItem(page.items[i], page.text, i);
    if (!item) {
      // zod words the refusal (the field and why); it throws here.
      storedItemSchema.parse(itemObject(page.items[i], page.text, i));
      throw new PageWireError(`page.get: item ${i} is not a stored item`);
    }
    items[i] = item;
  }
  return { ...page, items };
}
