// Offline edits travel back as typed edit ops (electron/sync/push-ops.ts): the replica's own edit
// revisions replayed on the server at the base revision as ONE edit revision (content and tags),
// an undone merge keeping the server's item id; a conflict or a refusal keeps the local page
// whole on both sides; a replica holding whole-page revisions takes the legacy path (ops worked
// out from the two pages). SQLite server and laptop, through the command line.
import { describe, expect, it } from 'vitest';
import type { PageRecord } from '../../shared/domain.ts';
import type { EditOp } from '../../shared/edit-ops.ts';
import { newItem } from '../../core/edit/index.ts';
import { ReplicaStore } from '../../electron/sync/replica-store.ts';
import { cli, galley, localPath, open, sqliteServer, SUE } from './support.ts';

const content = (p: PageRecord) => ({ text: p.text, items: p.items.map(({ id: _id, tags, ...rest }) => ({ ...rest, tags: [...tags].sort() })) });
const NOTHING = { saved: 0, tagged: 0, states: 0, pulled: 0, added: 0, conflicts: [] };

async function checkedOut(user = 'Sue') {
  const server = await sqliteServer();
  const local = localPath();
  const issue = open(server).listIssues().find((i) => i.date === '2021-10-29')!;
  await galley(['checkout', String(issue.id), '--from', server, '--to', local, '--user', user]);
  const row = new ReplicaStore(open(local).db).pages()[0]!;
  return { server, local, row };
}

/** One local edit revision, as the workspace makes it. */
function edit(local: string, pageId: number, ops: EditOp[], actor: { name: string } = SUE) {
  const l = open(local);
  return l.editPage({ pageId, baseRevision: l.getPage(pageId).revision, ops }, actor);
}

/** The revisions a page got after `base`, as the server logged them. */
const revisionsAfter = (server: string, pageId: number, base: number) =>
  open(server)
    .listRevisions(pageId)
    .filter((r) => r.pageRevision !== null && r.pageRevision > base);

describe('galley sync: edits as ops', { timeout: 60_000 }, () => {
  it('replays the offline edit revisions on the server as one edit revision; an undone merge keeps the server id; a second sync sends nothing', async () => {
    const { server, local, row } = await checkedOut();
    const p = open(local).getPage(row.localPageId);
    expect(p.items.length).toBeGreaterThanOrEqual(3);
    const k = p.items.findIndex((i) => i.kind !== 'masthead');
    const item = p.items[k]!;
    // A text fix and its headline, a merge and its undo (the stored inverse), a split with a tag.
    edit(local, p.id, [
      { op: 'text', at: item.start + 1, remove: '', insert: '新' },
      { op: 'field', index: k, name: 'headline', from: item.headline, to: '改过的标题' },
    ]);
    const last = p.items.length - 1;
    const lastStart = open(local).getPage(p.id).items[last]!.start;
    edit(local, p.id, [{ op: 'merge', index: last, start: lastStart }]);
    const l = open(local);
    const inverse = (l.getRevision(l.listRevisions(p.id).at(-1)!.id).before as { ops: EditOp[] }).ops;
    edit(local, p.id, inverse);
    const now = open(local).getPage(p.id);
    const host = now.items[last]!;
    const at = now.text.indexOf('\n', host.start) + 1;
    expect(at).toBeGreaterThan(host.start);
    edit(local, p.id, [{ op: 'split', at, item: { ...newItem(host, at), headline: '新条目', tags: ['桥梁'] } }]);
    // A tag op on an item the server has: it goes as the server's tags to the local ones.
    const tagged = open(local).getPage(p.id).items[k]!;
    edit(local, p.id, [{ op: 'tags', index: k, from: tagged.tags, to: [...tagged.tags, '校对'] }]);
    const here = open(local).getPage(p.id);

    const report = JSON.parse(await galley(['sync', local, '--user', 'Sue', '--json']));
    expect(report).toMatchObject({ saved: 1, tagged: 1, conflicts: [] });
    const there = open(server).getPage(row.originPageId);
    expect(content(there)).toEqual(content(here));
    // One revision on the server, an 'edit' by Sue holding ops (no whole page), none of them a save.
    const added = revisionsAfter(server, row.originPageId, row.baseRevision);
    expect(added.map((r) => [r.action, r.actor])).toEqual([['edit', 'Sue']]);
    const stored = open(server).getRevision(added[0]!.id);
    const ops = (stored.after as { ops: EditOp[] }).ops;
    expect(ops.map((o) => o.op)).toEqual(expect.arrayContaining(['text', 'field', 'merge', 'split', 'tags']));
    expect(stored.after).not.toHaveProperty('text');
    expect(stored.after).not.toHaveProperty('items');
    // Every item the server had keeps its id, the merged-and-restored one included.
    const ids = new Set(there.items.map((i) => i.id));
    for (const m of row.items) expect(ids.has(m.origin)).toBe(true);
    expect(there.items.find((i) => i.headline === '新条目')!.tags).toEqual(['桥梁']);

    expect(new ReplicaStore(open(local).db).pages()[0]!.baseRevision).toBe(there.revision);
    expect(JSON.parse(await galley(['sync', local, '--user', 'Sue', '--json']))).toEqual(NOTHING);
    expect(open(server).getPage(row.originPageId).revision).toBe(there.revision);
  });

  it('an op edit made here and an edit on the server: a conflict on both sides, the server keeps its version, the local one is kept whole', async () => {
    const { server, local, row } = await checkedOut();
    const there = open(server).getPage(row.originPageId);
    open(server).editPage({ pageId: there.id, baseRevision: there.revision, ops: [{ op: 'text', at: there.text.length, remove: '', insert: '\n服务器上的更正。' }] }, { name: 'Ed' });
    const here = open(local).getPage(row.localPageId);
    edit(local, here.id, [{ op: 'text', at: here.text.length, remove: '', insert: '\n离线时的更正。' }]);
    const localText = open(local).getPage(row.localPageId).text;

    const c = cli();
    expect(await c.run(['sync', local, '--user', 'Sue'])).toBe(2);
    const after = open(server).getPage(row.originPageId);
    expect(after.text).toBe(`${there.text}\n服务器上的更正。`);
    const [kept, ...more] = new ReplicaStore(open(local).db).conflicts();
    expect(more).toEqual([]);
    expect(kept).toMatchObject({ reason: 'both-changed', baseRevision: row.baseRevision, serverRevision: after.revision });
    expect(kept!.local.text).toBe(localText);
    expect(JSON.parse(open(server).getSetting(`sync-conflict:${kept!.id}`)!).local.text).toBe(localText);
    expect(open(local).getPage(row.localPageId).text).toBe(after.text);
  });

  it('keeps an op edit the server refuses (an archivist changing the text) as a conflict; nothing reaches the server', async () => {
    const { server, local, row } = await checkedOut('Amy');
    const here = open(local).getPage(row.localPageId);
    edit(local, here.id, [{ op: 'text', at: 0, remove: '', insert: '《' }], { name: 'Amy' });
    const report = JSON.parse(await galley(['sync', local, '--user', 'Amy', '--json'], 2));
    expect(report.conflicts).toHaveLength(1);
    expect(report.conflicts[0]).toMatchObject({ reason: 'refused', originPageId: row.originPageId });
    expect(report.conflicts[0].local.text.startsWith('《')).toBe(true);
    expect(open(server).getPage(row.originPageId).revision).toBe(row.baseRevision);
  });

  it('legacy path: a replica page saved whole (text and a new item) goes as ops worked out from the two pages', async () => {
    const { server, local, row } = await checkedOut();
    const l = open(local);
    const here = l.getPage(row.localPageId);
    // A word fixed in one article, another article split in two, saved as a whole page (before ops).
    const text = here.text.replace('正式通车', '正式通行');
    expect(text.length).toBe(here.text.length);
    const k = here.items.findIndex((i) => i.byline !== null);
    const cut = here.items[k]!;
    const at = text.indexOf('\n', cut.start) + 1;
    expect(at).toBeLessThan(cut.end);
    const fixed = here.items.map((i) => ({ ...i, paragraphs: i.paragraphs.map((para) => para.replace('正式通车', '正式通行')) }));
    const items = [...fixed.slice(0, k), { ...cut, end: at, byline: null }, { ...newItem(cut, at), end: cut.end, headline: '分出的一条' }, ...fixed.slice(k + 1)];
    l.savePage({ pageId: here.id, baseRevision: here.revision, text, items }, SUE);
    const saved = open(local).getPage(row.localPageId);

    expect(JSON.parse(await galley(['sync', local, '--user', 'Sue', '--json']))).toMatchObject({ saved: 1, conflicts: [] });
    const there = open(server).getPage(row.originPageId);
    expect(content(there)).toEqual(content(saved));
    const added = revisionsAfter(server, row.originPageId, row.baseRevision);
    expect(added.map((r) => r.action)).toEqual(['edit']);
    expect((open(server).getRevision(added[0]!.id).after as { ops: EditOp[] }).ops.map((o) => o.op)).toEqual(expect.arrayContaining(['text', 'split']));
    for (const m of row.items) expect(there.items.some((i) => i.id === m.origin)).toBe(true);
    expect(JSON.parse(await galley(['sync', local, '--user', 'Sue', '--json']))).toEqual(NOTHING);
  });
  it('legacy path: a whole-page save no ops can express (an item in the gap after the last one) is kept as a conflict, nothing sent', async () => {
    const { server, local, row } = await checkedOut();
    const l = open(local);
    const here = l.getPage(row.localPageId);
    const host = here.items.at(-1)!;
    // The test pages' items end before the blank line: a new item after the last one's end is a
    // split no item holds; the page stays as it was on the server and whole in the conflict.
    const text = `${here.text}\n\n离线补记一段。`;
    const at = text.length - '离线补记一段。'.length;
    expect(at).toBeGreaterThan(host.end);
    l.savePage({ pageId: here.id, baseRevision: here.revision, text, items: [...here.items, { ...newItem(host, at), end: text.length, headline: '补记', tags: [] }] }, SUE);
    const report = JSON.parse(await galley(['sync', local, '--user', 'Sue', '--json'], 2));
    expect(report.conflicts).toHaveLength(1);
    expect(report.conflicts[0]).toMatchObject({ reason: 'refused', message: expect.stringMatching(/cannot be sent as edit operations/) });
    expect(report.conflicts[0].local.text).toBe(text);
    expect(open(server).getPage(row.originPageId).revision).toBe(row.baseRevision);
  });
});
