// Offline replicas, SQLite server to SQLite laptop, through the command line: checkout copies
// exactly; sync saves offline edits at the base revision as the authenticated user, merges tags
// as sets, sends page states, keeps a conflict on both sides without overwriting anything, keeps
// a refused change, copies pages added on the server, and a second sync is a no-op.
// The commands open archives and run the server's learning on proofed pages: seconds on a loaded machine, hence the timeouts.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PageRecord } from '../../shared/domain.ts';
import { ReplicaStore } from '../../electron/sync/replica-store.ts';
import { galley, localPath, open, sqliteServer, SUE } from './support.ts';

const content = (p: PageRecord) => ({ text: p.text, state: p.state, items: p.items.map(({ id: _id, ...rest }) => rest) });

async function checkedOut(user = 'Sue') {
  const server = await sqliteServer();
  const local = localPath();
  const issue = open(server).listIssues().find((i) => i.date === '2021-10-29')!;
  expect(issue.pagesTotal).toBe(2);
  await galley(['checkout', String(issue.id), '--from', server, '--to', local, '--user', user]);
  return { server, local, issueId: issue.id };
}

/** The local page with the server page it was copied from. */
function pair(server: string, local: string, n = 0) {
  const row = new ReplicaStore(open(local).db).pages()[n]!;
  return { row, here: open(local).getPage(row.localPageId), there: open(server).getPage(row.originPageId) };
}

describe('galley checkout', { timeout: 60_000 }, () => {
  it('copies the issue exactly (text, items, tags, states), the profiles without passwords, and records each page with its base revision', async () => {
    const { server, local, issueId } = await checkedOut();
    const s = open(server);
    const l = open(local);
    const serverPages = s.listPages(issueId).map((p) => s.getPage(p.id));
    const store = new ReplicaStore(l.db);
    expect(store.info()).toMatchObject({ source: server, checkedOutBy: 'Sue', syncedAt: null });
    const rows = store.pages();
    expect(rows.map((r) => r.originPageId)).toEqual(serverPages.map((p) => p.id));
    for (const [i, page] of serverPages.entries()) {
      expect(content(l.getPage(rows[i]!.localPageId))).toEqual(content(page));
      expect(rows[i]!.baseRevision).toBe(page.revision);
      expect(rows[i]!.items.map((m) => m.origin)).toEqual(page.items.map((it) => it.id));
    }
    // The tagged item arrived with its tags; the other issue did not come along.
    expect(l.listTags()).toEqual(expect.arrayContaining([{ name: '交通', count: 1 }, { name: '城建', count: 1 }]));
    expect(l.listIssues()).toHaveLength(1);
    expect(l.listIssues()[0]!.date).toBe('2021-10-29');
    expect(l.listProfiles().map((p) => `${p.name}:${p.role}`).sort()).toEqual(['Amy:archivist', 'Ed:editor', 'Sue:supervisor']);
    expect(l.listAccounts().every((a) => !a.hasPassword)).toBe(true);
  });

  it('refuses an unknown issue, an issue already checked out, and a replica of another source, in one line', async () => {
    const { server, local, issueId } = await checkedOut();
    const other = await sqliteServer();
    await expect(galley(['checkout', '999', '--from', server, '--to', local, '--user', 'Sue'])).rejects.toThrow(/no issue 999/);
    await expect(galley(['checkout', String(issueId), '--from', server, '--to', local, '--user', 'Sue'])).rejects.toThrow(/already checked out/);
    await expect(galley(['checkout', String(issueId), '--from', other, '--to', local, '--user', 'Sue'])).rejects.toThrow(/is a replica of/);
    const fresh = localPath();
    await expect(galley(['checkout', String(issueId), '--from', server, '--to', fresh])).rejects.toThrow(/--as NAME|--user/);
    await expect(galley(['checkout', '999', '--from', server, '--to', fresh, '--user', 'Sue'])).rejects.toThrow(/no issue 999/);
    expect(existsSync(fresh)).toBe(false);
  });
});

describe('galley sync', { timeout: 60_000 }, () => {
  it('sends an offline edit (a legacy whole-page save here) to the server at its base revision as edit ops, as the authenticated user; a second sync sends nothing', async () => {
    const { server, local } = await checkedOut();
    const { row, here } = pair(server, local);
    const items = here.items.map((it) => (it.kind === 'masthead' ? it : { ...it, headline: `${it.headline}(改)`, editedFields: ['headline' as const] }));
    open(local).savePage({ pageId: here.id, baseRevision: here.revision, text: here.text, items }, SUE);

    const out = await galley(['sync', local, '--user', 'Sue', '--json']);
    expect(JSON.parse(out)).toMatchObject({ saved: 1, tagged: 0, states: 0, conflicts: [] });
    const there = open(server).getPage(row.originPageId);
    expect(there.revision).toBe(row.baseRevision + 1);
    expect(there.items.map((i) => i.headline)).toEqual(items.map((i) => i.headline));
    // Item ids on the server are kept (the ops updated them, they did not replace them).
    expect(there.items.map((i) => i.id)).toEqual(row.items.map((m) => m.origin));
    const last = open(server).listRevisionDetails(row.originPageId).at(-1)!;
    expect({ actor: last.actor, role: last.role, action: last.action }).toEqual({ actor: 'Sue', role: 'supervisor', action: 'edit' });
    // The text did not change: the legacy path sends field ops only, not the page.
    expect(new Set(((open(server).getRevision(last.id).after as { ops: { op: string }[] }).ops).map((o) => o.op))).toEqual(new Set(['field']));

    const again = JSON.parse(await galley(['sync', local, '--user', 'Sue', '--json']));
    expect(again).toEqual({ saved: 0, tagged: 0, states: 0, pulled: 0, added: 0, conflicts: [] });
    expect(open(server).getPage(row.originPageId).revision).toBe(there.revision);
    expect(content(open(local).getPage(row.localPageId))).toEqual(content(there));
  });

  it('merges tags as sets: local adds and removes applied to the server tags changed meanwhile', async () => {
    const { server, local } = await checkedOut('Amy');
    const { row, here } = pair(server, local);
    const tagged = here.items.find((i) => i.tags.length > 0)!;
    const serverId = row.items.find((m) => m.local === tagged.id)!.origin;
    // On the server meanwhile: Sue adds 规划 to the same item.
    open(server).setItemTags(serverId, ['交通', '城建', '规划'], SUE);
    // Offline: Amy removes 城建 and adds 桥梁.
    open(local).setItemTags(tagged.id!, ['交通', '桥梁'], { name: 'Amy' });

    const report = JSON.parse(await galley(['sync', local, '--user', 'Amy', '--json']));
    expect(report).toMatchObject({ saved: 0, tagged: 1, conflicts: [] });
    expect(new Set(open(server).getItem(serverId).item.tags)).toEqual(new Set(['交通', '规划', '桥梁']));
    expect(new Set(open(local).getItem(tagged.id!).item.tags)).toEqual(new Set(['交通', '规划', '桥梁']));
    const last = open(server).listRevisionDetails(row.originPageId).at(-1)!;
    expect({ actor: last.actor, action: last.action }).toEqual({ actor: 'Amy', action: 'tag' });
    expect(JSON.parse(await galley(['sync', local, '--user', 'Amy', '--json']))).toMatchObject({ tagged: 0, saved: 0, conflicts: [] });
  });

  it('keeps a conflict on both sides when the page was edited here and on the server: nothing is overwritten or lost', async () => {
    const { server, local } = await checkedOut();
    const { row, here, there } = pair(server, local);
    const serverText = `${there.text}\n服务器上的更正。`;
    open(server).savePage({ pageId: there.id, baseRevision: there.revision, text: serverText, items: there.items }, { name: 'Ed' });
    const localText = `${here.text}\n离线时的更正。`;
    open(local).savePage({ pageId: here.id, baseRevision: here.revision, text: localText, items: here.items }, SUE);
    open(local).setPageState(here.id, 'proofed', SUE);

    const c = (await import('./support.ts')).cli();
    expect(await c.run(['sync', local, '--user', 'Sue'])).toBe(2);
    expect(c.out()).toMatch(/CONFLICT .* page \d+ .* both-changed/);
    // The server kept its version and its state.
    const after = open(server).getPage(row.originPageId);
    expect(after.text).toBe(serverText);
    expect(after.state).toBe(there.state);
    // The local version is kept here ...
    const [kept, ...more] = new ReplicaStore(open(local).db).conflicts();
    expect(more).toEqual([]);
    expect(kept).toMatchObject({ reason: 'both-changed', baseRevision: row.baseRevision, serverRevision: after.revision, by: 'Sue' });
    expect(kept!.local.text).toBe(localText);
    expect(kept!.local.state).toBe('proofed');
    // ... and on the server, revision-less.
    const onServer = JSON.parse(open(server).getSetting(`sync-conflict:${kept!.id}`)!);
    expect(onServer.local.text).toBe(localText);
    // The replica page now shows the server's version; the listing and --show give the local one back.
    expect(open(local).getPage(here.id).text).toBe(serverText);
    expect(await galley(['sync', local, '--conflicts'])).toContain(kept!.id);
    expect(JSON.parse(await galley(['sync', local, '--show', kept!.id])).text).toBe(localText);
    // A second sync sends nothing and adds no conflict; --resolve closes it.
    expect(JSON.parse(await galley(['sync', local, '--user', 'Sue', '--json']))).toMatchObject({ saved: 0, conflicts: [] });
    expect(open(server).getPage(row.originPageId).revision).toBe(after.revision);
    await galley(['sync', local, '--resolve', kept!.id]);
    expect(await galley(['sync', local, '--conflicts'])).toBe('no open conflicts\n');
    await expect(galley(['sync', local, '--resolve', kept!.id])).rejects.toThrow(/no open conflict/);
  });

  it('a page whose edit already reached the server (a sync stopped before the local refresh) is in step, not a conflict', async () => {
    const { server, local } = await checkedOut();
    const { row, here, there } = pair(server, local);
    const text = `${here.text}\n同一处更正。`;
    open(local).savePage({ pageId: here.id, baseRevision: here.revision, text, items: here.items }, SUE);
    open(server).savePage({ pageId: there.id, baseRevision: there.revision, text, items: there.items }, SUE);
    const report = JSON.parse(await galley(['sync', local, '--user', 'Sue', '--json']));
    expect(report).toMatchObject({ saved: 0, conflicts: [] });
    expect(open(server).getPage(row.originPageId).revision).toBe(row.baseRevision + 1);
    expect(new ReplicaStore(open(local).db).pages()[0]!.baseRevision).toBe(row.baseRevision + 1);
    expect(JSON.parse(await galley(['sync', local, '--user', 'Sue', '--json']))).toEqual({ saved: 0, tagged: 0, states: 0, pulled: 0, added: 0, conflicts: [] });
  });

  it('sends a page proofed offline as its state; approval stays on the server', async () => {
    const { server, local, issueId } = await checkedOut('Ed');
    const rows = new ReplicaStore(open(local).db).pages();
    for (const r of rows) open(local).setPageState(r.localPageId, 'proofed', { name: 'Ed' });
    const report = JSON.parse(await galley(['sync', local, '--user', 'Ed', '--json']));
    expect(report).toMatchObject({ states: rows.length, conflicts: [] });
    for (const r of rows) expect(open(server).getPage(r.originPageId).state).toBe('proofed');
    expect(open(server).getIssue(issueId).state).toBe('proofed');
  });

  it('keeps a change the server refuses (an editor tagging) as a conflict instead of dropping it', async () => {
    const { server, local } = await checkedOut('Ed');
    const { row, here } = pair(server, local);
    const item = here.items.find((i) => i.kind !== 'masthead')!;
    open(local).setItemTags(item.id!, [...item.tags, '未经许可'], { name: 'Ed' });
    const report = JSON.parse(await galley(['sync', local, '--user', 'Ed', '--json'], 2));
    expect(report.conflicts).toHaveLength(1);
    expect(report.conflicts[0]).toMatchObject({ reason: 'refused', originPageId: row.originPageId });
    expect(report.conflicts[0].local.items.find((i: { id: number }) => i.id === item.id).tags).toContain('未经许可');
    expect(open(server).listTags().map((t) => t.name)).not.toContain('未经许可');
  });

  it('brings in pages and edits made on the server since the checkout', async () => {
    const { server, local, issueId } = await checkedOut();
    const s = open(server);
    const { row, there } = pair(server, local, 1);
    s.savePage({ pageId: there.id, baseRevision: there.revision, text: `${there.text}\n补记。`, items: there.items }, SUE);
    const { fakeSegment } = await import('../archive/fake-segmenter.ts');
    const text = '第3版 副刊\n\n秋日随笔\n落叶满城。';
    s.importPage({ sourceName: '2021-10-29/p03.txt', text, encoding: 'UTF-8', dateHint: '2021-10-29', publicationHint: '衡阳日报', segmentation: fakeSegment(text, {}) }, SUE);
    expect(s.listPages(issueId)).toHaveLength(3);
    const report = JSON.parse(await galley(['sync', local, '--user', 'Sue', '--json']));
    expect(report).toMatchObject({ pulled: 1, added: 1, saved: 0, conflicts: [] });
    expect(open(local).getPage(row.localPageId).text).toBe(s.getPage(row.originPageId).text);
    expect(open(local).listIssues()[0]!.pagesTotal).toBe(3);
    expect(JSON.parse(await galley(['sync', local, '--user', 'Sue', '--json']))).toEqual({ saved: 0, tagged: 0, states: 0, pulled: 0, added: 0, conflicts: [] });
  });

  it('refuses a file that is not a replica, a missing one, and another server than the source, in one line', async () => {
    const server = await sqliteServer();
    const { local } = await checkedOut();
    await expect(galley(['sync', local, '--to', server, '--user', 'Sue'])).rejects.toThrow(/was checked out from .*, not /);
    await expect(galley(['sync', server, '--user', 'Sue'])).rejects.toThrow(/is not a replica/);
    await expect(galley(['sync', localPath(), '--user', 'Sue'])).rejects.toThrow(/no replica at/);
  });
});

describe('galley sync and approval', { timeout: 60_000 }, () => {
  it('refuses to sync a replica whose issue was approved offline, before sending anything', async () => {
    const { server, local } = await checkedOut();
    const { row, here } = pair(server, local);
    const l = open(local);
    open(local).savePage({ pageId: here.id, baseRevision: here.revision, text: `${here.text}\n改。`, items: here.items }, SUE);
    for (const r of new ReplicaStore(l.db).pages()) l.setPageState(r.localPageId, 'proofed', SUE);
    const supervisor = l.findProfile('Sue')!;
    l.issueEvent(here.issueId, { type: 'approve' }, { name: 'Sue', profileId: supervisor.id, role: 'supervisor' });
    await expect(galley(['sync', local, '--user', 'Sue'])).rejects.toThrow(/approval happens on the server.*nothing was sent/);
    expect(open(server).getPage(row.originPageId).revision).toBe(row.baseRevision);
  });
});
