// The history view's rows: each page revision as who/when/what, a one-line summary and a unified
// diff (the `diff` package) of a readable rendering of the page or of one item. Pure: the
// archive gives the revisions with their before/after snapshots.
import { createTwoFilesPatch } from 'diff';
import { z } from 'zod';
import { storedItemSchema, type StoredItem } from '../../shared/domain.ts';
import type { RevisionView } from '../../shared/ipc-review.ts';
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

const CONTENT_ACTIONS = new Set(['import', 'reimport', 'save', 'restore', 'tag']);

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

const tagChange = (before: StoredItem[] | undefined, after: StoredItem[] | undefined): string[] => {
  const old = new Map((before ?? []).map((i) => [i.id, i.tags]));
  const out: string[] = [];
  for (const item of after ?? []) {
    const was = new Set(old.get(item.id) ?? []);
    const now = new Set(item.tags);
    const plus = [...now].filter((t) => !was.has(t));
    const minus = [...was].filter((t) => !now.has(t));
    if (plus.length || minus.length) {
      out.push(`item ${item.id ?? '?'}: ${[...plus.map((t) => `+ ${t}`), ...minus.map((t) => `− ${t}`)].join(', ')}`);
    }
  }
  return out;
};

function summarise(r: RevisionSource, before: Snapshot | null, after: Snapshot | null): string {
  switch (r.action) {
    case 'import':
      return `Imported (${after?.items?.length ?? 0} items)`;
    case 'reimport':
      return `Re-imported (${after?.items?.length ?? 0} items)`;
    case 'state':
      return `State: ${before?.state ?? '?'} → ${after?.state ?? '?'}`;
    case 'tag':
      return `Tags of ${tagChange(before?.items, after?.items).join('; ') || 'items'}`;
    case 'restore':
      return `Restored revision ${before?.restoredFrom ?? '?'}`;
    case 'save': {
      const old = new Map((before?.items ?? []).map((i) => [i.id, renderItem(i)]));
      const changed = (after?.items ?? []).filter((i) => old.get(i.id) !== renderItem(i)).length;
      const removed = (before?.items ?? []).filter((i) => !(after?.items ?? []).some((a) => a.id === i.id)).length;
      const text = before?.text !== undefined && after?.text !== undefined && before.text !== after.text ? 'text and ' : '';
      return `Saved: ${text}${changed} item${changed === 1 ? '' : 's'} changed${removed ? `, ${removed} removed` : ''}`;
    }
    default:
      return r.action;
  }
}

function view(r: RevisionSource, summary: string, diff: string, currentRevision: number | null): RevisionView {
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
    summary,
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
    const summary =
      r.action === 'tag'
        ? `Tags: ${tags.map((t) => t.replace(/^item \S+: /, '')).join('; ')}`
        : !before
          ? r.action === 'import' || r.action === 'reimport'
            ? 'Imported'
            : 'Created'
          : !after
            ? 'Removed'
            : summarise(r, snap(r.before), snap(r.after));
    out.push(view(r, summary, unifiedDiff(`item ${itemId}`, a, b), currentRevision));
  }
  return out.reverse();
}
