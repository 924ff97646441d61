// A replica's conflicts in the app (issue 13 §5): the handler table on a checked-out laptop archive
// lists each conflict with both versions, who synced and when; the user keeps their version (it
// becomes the page here again: needs the right to save pages), keeps the server's, or keeps both;
// the next `galley sync` carries each choice to the server (the page saved, the server's copy
// dropped or marked kept) and a sync after that sends nothing more.
import { describe, expect, it } from 'vitest';
import { inProcess } from '../../electron/archive/async-archive.ts';
import { dispatch } from '../../electron/host/dispatch.ts';
import { createHandlers } from '../../electron/host/handlers.ts';
import { engineAdapter, importerAdapter } from '../../electron/host/load-backend.ts';
import type { ReplicaStatus, SyncConflictView } from '../../shared/contract/replica.ts';
import { ReplicaStore } from '../../electron/sync/replica-store.ts';
import { cli, galley, localPath, open, sqliteServer, SUE } from './support.ts';

async function twoConflicts() {
  const server = await sqliteServer();
  const local = localPath();
  const issue = open(server).listIssues().find((i) => i.date === '2021-10-29')!;
  await galley(['checkout', String(issue.id), '--from', server, '--to', local, '--user', 'Sue']);
  const rows = new ReplicaStore(open(local).db).pages();
  const texts: { origin: number; local: number; mine: string; theirs: string }[] = [];
  for (const [n, row] of rows.entries()) {
    const there = open(server).getPage(row.originPageId);
    const here = open(local).getPage(row.localPageId);
    const theirs = `${there.text}\n服务器上的更正${n}。`;
    const mine = `${here.text}\n离线时的更正${n}。`;
    open(server).savePage({ pageId: there.id, baseRevision: there.revision, text: theirs, items: there.items }, { name: 'Ed' });
    open(local).savePage({ pageId: here.id, baseRevision: here.revision, text: mine, items: here.items }, SUE);
    texts.push({ origin: row.originPageId, local: row.localPageId, mine, theirs });
  }
  open(local).setPageState(texts[0]!.local, 'proofed', SUE);
  const c = cli();
  expect(await c.run(['sync', local, '--user', 'Sue'])).toBe(2);
  return { server, local, texts };
}

function appOn(path: string) {
  const archive = inProcess(open(path));
  const table = createHandlers({ archive, engine: engineAdapter, importer: importerAdapter({ name: 'os' }), host: 'electron', version: 't', actor: { name: 'os' }, emit: () => undefined });
  const call = async (channel: string, request: unknown) => {
    const r = await dispatch(table, channel, request);
    if (!r.ok) throw Object.assign(new Error(r.message), { why: `${r.code}/${r.reason}` });
    return r.value;
  };
  const as = async (name: string) => {
    const p = (await archive.findProfile(name))!;
    await call('session.selectProfile', { profileId: p.id });
  };
  return { call, as };
}

const why = (p: Promise<unknown>) => p.then(() => 'ok', (e: { why?: string }) => e.why ?? String(e));

describe('a replica’s conflicts in the app', { timeout: 90_000 }, () => {
  it('lists both versions, resolves each by choice, and the next sync carries the choices', async () => {
    const { server, local, texts } = await twoConflicts();
    const app = appOn(local);
    await app.as('Amy');
    const status = (await app.call('replica.conflicts', {})) as ReplicaStatus;
    expect(status.replica).toMatchObject({ source: server, checkedOutBy: 'Sue' });
    expect(status.conflicts).toHaveLength(2);
    const byPage = new Map(status.conflicts.map((c) => [c.localPageId, c]));
    const [a, b] = [byPage.get(texts[0]!.local)!, byPage.get(texts[1]!.local)!];
    expect(a).toMatchObject({ reason: 'both-changed', by: 'Sue', resolvedAt: null, resolution: null, sent: false, page: { publication: '衡阳日报', date: '2021-10-29' } });
    expect(a.mine.text).toBe(texts[0]!.mine);
    expect(a.mine.state).toBe('proofed');
    // The page here holds the server's version after the sync.
    expect(a.current?.text).toBe(texts[0]!.theirs);
    expect(a.mine.headlines.length).toBeGreaterThan(0);

    // Keeping one's own version changes the page: an archivist may not, an editor may.
    expect(await why(app.call('replica.resolveConflict', { id: a.id, choice: 'mine' }))).toBe('forbidden/page.save');
    expect(await why(app.call('replica.resolveConflict', { id: 'no-such-conflict', choice: 'server' }))).toBe('not-found/not-found');
    await app.as('Ed');
    const mine = (await app.call('replica.resolveConflict', { id: a.id, choice: 'mine' })) as SyncConflictView;
    expect(mine).toMatchObject({ resolution: 'mine', sent: false });
    expect(mine.resolvedAt).not.toBeNull();
    expect(open(local).getPage(texts[0]!.local)).toMatchObject({ text: texts[0]!.mine, state: 'proofed' });
    await app.as('Amy');
    expect(((await app.call('replica.resolveConflict', { id: b.id, choice: 'both' })) as SyncConflictView).resolution).toBe('both');
    expect(open(local).getPage(texts[1]!.local).text).toBe(texts[1]!.theirs);
    expect(await why(app.call('replica.resolveConflict', { id: b.id, choice: 'server' }))).toBe('bad-request/invalid-input');
    expect(((await app.call('replica.conflicts', {})) as ReplicaStatus).conflicts).toEqual([]);
    expect(((await app.call('replica.conflicts', { all: true })) as ReplicaStatus).conflicts).toHaveLength(2);

    // The next sync sends the kept version as the page's next revision and both choices.
    const report = JSON.parse(await galley(['sync', local, '--user', 'Sue', '--json']));
    expect(report).toMatchObject({ saved: 1, conflicts: [], choices: 2 });
    expect(open(server).getPage(texts[0]!.origin)).toMatchObject({ text: texts[0]!.mine, state: 'proofed' });
    expect(open(server).getPage(texts[1]!.origin).text).toBe(texts[1]!.theirs);
    expect(open(server).getSetting(`sync-conflict:${a.id}`)).toBeNull();
    const keptCopy = JSON.parse(open(server).getSetting(`sync-conflict:${b.id}`)!);
    expect(keptCopy).toMatchObject({ resolution: 'both', local: { text: texts[1]!.mine } });
    const all = ((await app.call('replica.conflicts', { all: true })) as ReplicaStatus).conflicts;
    expect(all.every((c) => c.sent)).toBe(true);
    // Nothing more to send.
    const again = JSON.parse(await galley(['sync', local, '--user', 'Sue', '--json']));
    expect(again).toEqual({ saved: 0, tagged: 0, states: 0, pulled: 0, added: 0, conflicts: [] });
  });

  it('keeping the server’s version drops the copy on the server; an archive that is not a replica has none', async () => {
    const { server, local } = await twoConflicts();
    const app = appOn(local);
    await app.as('Amy');
    const [first] = ((await app.call('replica.conflicts', {})) as ReplicaStatus).conflicts;
    await app.call('replica.resolveConflict', { id: first!.id, choice: 'server' });
    expect(JSON.parse(await galley(['sync', local, '--user', 'Sue', '--json']))).toMatchObject({ saved: 0, choices: 1 });
    expect(open(server).getSetting(`sync-conflict:${first!.id}`)).toBeNull();
    const plain = appOn(server);
    await plain.as('Sue');
    expect(await plain.call('replica.conflicts', {})).toEqual({ replica: null, conflicts: [] });
  });
});
