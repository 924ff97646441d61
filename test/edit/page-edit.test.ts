// page.edit through the real handler table and the SQLite archive: permission per op kind,
// conflicts, ops that do not fit, the small revision it stores, undo by the stored inverse, and
// history and restore of an edit revision.
import { describe, expect, it } from 'vitest';
import type { EditOp } from '../../shared/edit-ops.ts';
import type { Role } from '../../shared/roles.ts';
import { isAllowed } from '../../shared/roles.ts';
import { actionForOp } from '../../core/edit/index.ts';
import { editWorld as world, type EditWorld as World } from './edit-world.ts';

const page = (w: World) => w.archive.getPage(w.pageId);
const strip = (p: { text: string; items: { id?: number }[] }) => ({ text: p.text, items: p.items.map(({ id: _id, ...rest }) => rest) });
const revisionRows = (w: World) =>
  w.archive.db.raw
    .prepare(`SELECT id, action, page_revision, length(before_json) + length(after_json) AS bytes, before_json, after_json FROM revisions WHERE entity = 'page' AND entity_id = ? ORDER BY id`)
    .all(w.pageId) as { id: number; action: string; page_revision: number; bytes: number; before_json: string; after_json: string }[];

/** One op of each permission, made on the page as it is. */
const OPS: { name: string; make: (w: World) => EditOp }[] = [
  { name: 'text', make: (w) => ({ op: 'text', at: page(w).items[1]!.start + 2, remove: '', insert: '新' }) },
  { name: 'field headline', make: (w) => ({ op: 'field', index: 1, name: 'headline', from: page(w).items[1]!.headline, to: '改过的标题' }) },
  { name: 'tags', make: (w) => ({ op: 'tags', index: 1, from: page(w).items[1]!.tags, to: ['衡阳'] }) },
  { name: 'merge', make: (w) => ({ op: 'merge', index: 2, start: page(w).items[2]!.start }) },
];

describe('page.edit', () => {
  for (const role of ['editor', 'archivist', 'supervisor'] as Role[]) {
    for (const { name, make } of OPS) {
      it(`${role}: ${name}`, async () => {
        const w = await world();
        await w.as(role);
        const op = make(w);
        const before = w.fingerprint();
        const r = await w.call('page.edit', { pageId: w.pageId, baseRevision: page(w).revision, ops: [op] });
        if (isAllowed(role, actionForOp(op))) {
          expect(r.ok).toBe(true);
          expect(page(w).revision).toBe(1);
        } else {
          expect(r).toMatchObject({ ok: false, code: 'forbidden', reason: actionForOp(op) });
          expect(w.fingerprint()).toBe(before);
        }
      });
    }
  }

  it('refuses a batch when one op needs a role the profile lacks, before touching anything', async () => {
    const w = await world();
    await w.as('archivist');
    const before = w.fingerprint();
    const p = page(w);
    const r = await w.call('page.edit', {
      pageId: w.pageId,
      baseRevision: p.revision,
      ops: [{ op: 'field', index: 1, name: 'byline', from: p.items[1]!.byline, to: 'x' }, { op: 'text', at: 0, remove: '', insert: 'x' }],
    });
    expect(r).toMatchObject({ ok: false, code: 'forbidden', reason: 'page.save' });
    expect(w.fingerprint()).toBe(before);
  });

  it('a stale base revision is a conflict; an op that does not fit names its reason and place', async () => {
    const w = await world();
    await w.as('editor');
    const p = page(w);
    await w.ok('page.edit', { pageId: w.pageId, baseRevision: 0, ops: [{ op: 'text', at: 0, remove: '', insert: '《' }] });
    const stale = await w.call('page.edit', { pageId: w.pageId, baseRevision: 0, ops: [{ op: 'text', at: 0, remove: '', insert: 'x' }] });
    expect(stale).toMatchObject({ ok: false, code: 'conflict', reason: 'revision-conflict' });
    const before = w.fingerprint();
    const misfit = await w.call('page.edit', {
      pageId: w.pageId,
      baseRevision: 1,
      ops: [{ op: 'kind', index: 1, from: p.items[1]!.kind, to: 'brief' }, { op: 'text', at: 5, remove: 'no such text', insert: '' }],
    });
    expect(misfit).toMatchObject({ ok: false, code: 'bad-request', reason: 'edit-text-mismatch', details: { op: 1 } });
    expect(w.fingerprint()).toBe(before);
  });

  it('stores a one-character edit as a revision under 1 KB where a save stored the whole page twice', async () => {
    const w = await world();
    await w.as('editor');
    const p = page(w);
    const at = p.items[3]!.start + 4;
    await w.ok('page.edit', { pageId: w.pageId, baseRevision: 0, ops: [{ op: 'text', at, remove: p.text[at]!, insert: '囗' }] });
    const edit = revisionRows(w).at(-1)!;
    expect(edit.action).toBe('edit');
    // The same change as a whole-page save (the archive's savePage: no channel sends one any more), for the figure.
    const q = page(w);
    w.archive.savePage({ pageId: w.pageId, baseRevision: q.revision, text: q.text.slice(0, at) + p.text[at] + q.text.slice(at + 1), items: q.items }, { name: 'figure' });
    const save = revisionRows(w).at(-1)!;
    expect(save.action).toBe('save');
    console.info(`revision bytes for a one-character fix: edit ${edit.bytes}, save ${save.bytes} (page ${p.text.length} chars, ${p.items.length} items)`);
    expect(edit.bytes).toBeLessThan(1024);
    expect(save.bytes).toBeGreaterThan(p.text.length * 2);
  });

  it('undo is the stored inverse sent as a new edit; history and restore read edit revisions', async () => {
    const w = await world();
    await w.as('editor');
    const original = page(w);
    const ops: EditOp[] = [
      { op: 'merge', index: 2, start: original.items[2]!.start },
      { op: 'field', index: 1, name: 'headline', from: original.items[1]!.headline, to: '合并后的标题' },
      { op: 'text', at: original.items[1]!.start, remove: '', insert: '【】' },
    ];
    await w.ok('page.edit', { pageId: w.pageId, baseRevision: 0, ops });
    const edited = page(w);
    expect(edited.items).toHaveLength(original.items.length - 1);
    const inverse = JSON.parse(revisionRows(w).at(-1)!.before_json).ops as EditOp[];
    const undone = await w.ok('page.edit', { pageId: w.pageId, baseRevision: 1, ops: inverse });
    expect(strip(page(w))).toEqual(strip(original));
    // The merged-away item is back under its own id, not a new one.
    expect(page(w).items.map((i) => i.id)).toEqual(original.items.map((i) => i.id));
    expect(undone.itemIds).toEqual(original.items.map((i) => i.id));

    const history = (await w.ok('history.forPage', { pageId: w.pageId })).revisions as { action: string; summaryData: { code: string }; diff: string; id: number; pageRevision: number }[];
    const edits = history.filter((h) => h.action === 'edit');
    expect(edits).toHaveLength(2);
    expect(edits[1]!.summaryData).toMatchObject({ code: 'saved', text: true });
    expect(edits[1]!.diff).toContain('合并后的标题');
    // Restore revision 1 (the merged page) from the replayed ops.
    await w.ok('history.restore', { revisionId: edits[1]!.id });
    expect(strip(page(w)).text).toBe(edited.text);
    expect(page(w).items.map((i) => i.headline)).toEqual(edited.items.map((i) => i.headline));
  });

  it('an approved issue refuses edits', async () => {
    const w = await world();
    await w.as('supervisor');
    await w.ok('page.setState', { pageId: w.pageId, state: 'proofed' });
    await w.ok('issues.approve', { issueId: w.issueId });
    const p = page(w);
    const r = await w.call('page.edit', { pageId: w.pageId, baseRevision: p.revision, ops: [{ op: 'text', at: 0, remove: '', insert: 'x' }] });
    expect(r).toMatchObject({ ok: false, code: 'refused' });
  });
});
