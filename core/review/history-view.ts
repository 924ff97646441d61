// The history view's rows: each page revision as who/when/what, a one-line summary and a unified
// diff (the `diff` package) of a readable rendering of the page or of one item. Pure: the
// archive gives the revisions with their before/after snapshots.
import { createTwoFilesPatch } from 'diff';
import { z } from 'zod';
import { storedItemSchema, type StoredItem } from '../../shared/domain.ts';
import type { RevisionSummary, RevisionView } from '../../shared/ipc-review.ts';
import type { Role } from '../../shared/roles.ts';

/** What the view needs of a revision (the archive's RevisionDetail). */
export interface RevisionSource {
  id: number;
  at: string;
  actor: string;
  profileId: string | null;
  role: Role | null;
  entity: string;
  entityId: number;
  action: string;
  pageRevision: number | null;
  before: unknown;
  after: unknown;
}

// 'edit': typed edit ops (core/edit); the archive replays its before/after pages for this view.
const CONTENT_ACTIONS = new Set(['import', 'reimport', 'save', 'restore', 'tag', 'edit']);

const snapshotSchema = z.object({
  text: z.string().optional(),
  state: z.string().optional(),
  items: z.array(storedItemSchema).optional(),
  restoredFrom: z.number().optional(),
});
type Snapshot = z.infer<typeof snapshotSchema>;

const snap = (v: unknown): Snapshot | null => {
  const r = snapshotSchema.safeParse(v);
  return r.success ? r.data : null;
};

/** One item as readable lines: kind, metadata, tags, then its paragraphs. */
export function renderItem(item: StoredItem): string {
  const lines = [`[${item.id === undefined ? 'new' : `#${item.id}`} ${item.kind}]`];
  const field = (name: string, value: string | number | null) => {
    if (value !== null && value !== '') lines.push(`${name}: ${value}`);
  };
  field('kicker', item.kicker);
  field('headline', item.headline);
  field('subheadline', item.subheadline);
  field('series', item.series);
  field('byline', item.byline);
  if (item.contributors.length) lines.push(`contributors: ${item.contributors.map((c) => `${c.name} (${c.role})`).join(', ')}`);
  field('continued on page', item.continuedOn);
  field('continued from page', item.continuedFrom);
  if (item.tags.length) lines.push(`tags: ${[...item.tags].sort().join(', ')}`);
  for (const p of item.paragraphs) lines.push(`¶ ${p}`);
  return lines.join('\n') + '\n';
}

/** A page snapshot as readable text: its state, then every item. */
export function renderPage(s: Snapshot | null): string {
  if (!s) return '';
  const head = s.state ? `state: ${s.state}\n` : '';
  if (!s.items) return head;
  return head + s.items.map((i) => '\n' + renderItem(i)).join('');
}

export function unifiedDiff(name: string, before: string, after: string): string {
  if (before === after) return '';
  return createTwoFilesPatch(`${name} (before)`, `${name} (after)`, before, after, undefined, undefined, { context: 2 });
}

type TagChange = { item: number | null; added: string[]; removed: string[] };

const tagChange = (before: StoredItem[] | undefined, after: StoredItem[] | undefined): TagChange[] => {
  const old = new Map((before ?? []).map((i) => [i.id, i.tags]));
  const out: TagChange[] = [];
  for (const item of after ?? []) {
    const was = new Set(old.get(item.id) ?? []);
    const now = new Set(item.tags);
    const added = [...now].filter((t) => !was.has(t));
    const removed = [...was].filter((t) => !now.has(t));
    if (added.length || removed.length) out.push({ item: item.id ?? null, added, removed });
  }
  return out;
};

const tagWords = (c: TagChange): string => [...c.added.map((t) => `+ ${t}`), ...c.removed.map((t) => `− ${t}`)].join(', ');

/** The English one-liner of a structured summary (the CLI and logs). */
export function summaryText(s: RevisionSummary): string {
  switch (s.code) {
    case 'imported':
      return `Imported (${s.items} items)`;
    case 'reimported':
      return `Re-imported (${s.items} items)`;
    case 'state':
      return `State: ${s.from ?? '?'} → ${s.to ?? '?'}`;
    case 'tags': {
      if (s.changes.length > 0 && s.changes.every((c) => c.item === null)) return `Tags: ${s.changes.map(tagWords).join('; ')}`;
      return `Tags of ${s.changes.map((c) => `item ${c.item ?? '?'}: ${tagWords(c)}`).join('; ') || 'items'}`;
    }
    case 'restored':
      return `Restored revision ${s.from ?? '?'}`;
    case 'saved': {
      // As the window words it (issue 14): never "text and 0 items changed".
      const items = s.itemsChanged > 0 ? `${s.itemsChanged} item${s.itemsChanged === 1 ? '' : 's'}` : '';
      const what = [s.text ? 'text' : '', items].filter(Boolean).join(' and ');
      const removed = s.itemsRemoved ? `, ${s.itemsRemoved} removed` : '';
      return what ? `Saved: ${what} changed${removed}` : `Saved${removed}`;
    }
    case 'item-imported':
      return 'Imported';
    case 'item-created':
      return 'Created';
    case 'item-removed':
      return 'Removed';
    case 'other':
      return s.action;
  }
}

function summarise(r: RevisionSource, before: Snapshot | null, after: Snapshot | null): RevisionSummary {
  switch (r.action) {
    case 'import':
      return { code: 'imported', items: after?.items?.length ?? 0 };
    case 'reimport':
      return { code: 'reimported', items: after?.items?.length ?? 0 };
    case 'state':
      return { code: 'state', from: before?.state ?? null, to: after?.state ?? null };
    case 'tag':
      return { code: 'tags', changes: tagChange(before?.items, after?.items) };
    case 'restore':
      return { code: 'restored', from: before?.restoredFrom ?? null };
    case 'save':
    case 'edit': {
      // By id; items without one (an import snapshot, and an edit replayed from it) by position.
      const key = (i: StoredItem, n: number): number | string => i.id ?? `@${n}`;
      const old = new Map((before?.items ?? []).map((i, n) => [key(i, n), renderItem({ ...i, id: undefined })]));
      const now = new Set((after?.items ?? []).map(key));
      const itemsChanged = (after?.items ?? []).filter((i, n) => old.get(key(i, n)) !== renderItem({ ...i, id: undefined })).length;
      const itemsRemoved = (before?.items ?? []).filter((i, n) => !now.has(key(i, n))).length;
      const text = before?.text !== undefined && after?.text !== undefined && before.text !== after.text;
      return { code: 'saved', text, itemsChanged, itemsRemoved };
    }
    default:
      return { code: 'other', action: r.action };
  }
}

function view(r: RevisionSource, summary: RevisionSummary, diff: string, currentRevision: number | null): RevisionView {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    profileId: r.profileId,
    role: r.role,
    entity: r.entity === 'issue' ? 'issue' : 'page',
    entityId: r.entityId,
    action: r.action,
    pageRevision: r.pageRevision,
    summary: summaryText(summary),
    summaryData: summary,
    diff,
    restorable: r.entity === 'page' && CONTENT_ACTIONS.has(r.action) && r.pageRevision !== null && r.pageRevision !== currentRevision && r.after !== null,
  };
}

/** The page's revisions, newest first, each with a diff of the whole page. */
export function pageHistory(revisions: readonly RevisionSource[], currentRevision: number | null): RevisionView[] {
  return [...revisions].reverse().map((r) => {
    const before = snap(r.before);
    const after = snap(r.after);
    // A state change stores only the states; the diff shows just that line.
    return view(r, summarise(r, before, after), unifiedDiff(`page ${r.entityId}`, renderPage(before), renderPage(after)), currentRevision);
  });
}

/**
 * The revisions that changed one item, newest first, with a diff of the item alone. Import
 * snapshots carry no item ids; there the item is recognised by its kind and start offset.
 */
export function itemHistory(revisions: readonly RevisionSource[], itemId: number, currentRevision: number | null): RevisionView[] {
  let known: StoredItem | null = null;
  for (const r of revisions) {
    known = snap(r.after)?.items?.find((i) => i.id === itemId) ?? snap(r.before)?.items?.find((i) => i.id === itemId) ?? null;
    if (known) break;
  }
  if (!known) return [];
  const find = (s: Snapshot | null): StoredItem | null => {
    if (!s?.items) return null;
    const byId = s.items.find((i) => i.id === itemId);
    if (byId) return byId;
    if (s.items.every((i) => i.id === undefined)) return s.items.find((i) => i.kind === known!.kind && i.start === known!.start) ?? null;
    return null;
  };
  const out: RevisionView[] = [];
  for (const r of revisions) {
    if (r.action === 'state') continue;
    const before = find(snap(r.before));
    const after = find(snap(r.after));
    const a = before ? renderItem({ ...before, id: itemId }) : '';
    const b = after ? renderItem({ ...after, id: itemId }) : '';
    if (a === b) continue;
    const tags = r.action === 'tag' ? tagChange(before ? [{ ...before, id: itemId }] : [], after ? [{ ...after, id: itemId }] : []) : [];
    const summary: RevisionSummary =
      r.action === 'tag'
        ? { code: 'tags', changes: tags.map((c) => ({ ...c, item: null })) }
        : !before
          ? r.action === 'import' || r.action === 'reimport'
            ? { code: 'item-imported' }
            : { code: 'item-created' }
          : !after
            ? { code: 'item-removed' }
            : summarise(r, snap(r.before), snap(r.after));
    out.push(view(r, summary, unifiedDiff(`item ${itemId}`, a, b), currentRevision));
  }
  return out.reverse();
}
