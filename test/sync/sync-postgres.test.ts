// Offline replicas with PostgreSQL as the server: check out from PG, edit and tag offline, sync
// back as an authenticated account while another editor changed one of the pages on the server:
// the untouched page is saved, the other is a conflict kept on both sides, the tags merge, and a
// second sync sends nothing. An account with a password syncs only with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../electron/accounts/password.ts';
import type { AsyncArchive } from '../../electron/archive/async-archive.ts';
import { openPostgresArchive } from '../../electron/archive/postgres/pg-archive.ts';
import { ReplicaStore } from '../../electron/sync/replica-store.ts';
import { fakeSegment } from '../archive/fake-segmenter.ts';
import { freshDatabase } from '../postgres/fresh-db.ts';
import { findPostgres, POSTGRES_MISSING, startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.ts';
import { galley, localPath, open, seedServer, SUE } from './support.ts';

const available = findPostgres() !== null;
if (!available && process.env.CI) throw new Error(POSTGRES_MISSING);
const quiet = { warn: () => {} };

describe.skipIf(!available)(`galley checkout/sync with a PostgreSQL server${available ? '' : ` (skipped: ${POSTGRES_MISSING})`}`, { timeout: 180_000 }, () => {
  let cluster: PostgresCluster;
  let url = '';
  let pgArchive: AsyncArchive;
  beforeAll(async () => {
    cluster = startPostgresCluster();
    url = await freshDatabase(cluster, { migrated: true });
    pgArchive = await openPostgresArchive(url, { segment: fakeSegment, logger: quiet, maxConnections: 2 });
    await seedServer(pgArchive);
    const amy = (await pgArchive.findProfile('Amy'))!;
    await pgArchive.setProfilePassword(amy.id, await hashPassword('amy-offline-1', { N: 2 ** 10, r: 8, p: 1 }), SUE);
  }, 180_000);
  afterAll(async () => {
    await pgArchive?.close();
    cluster?.stop();
  }, 60_000);

  it('checkout from PG, edit and tag offline, sync back with a concurrent server edit: saved, conflict kept, tags merged, no-op after', async () => {
    const issue = (await pgArchive.listIssues()).find((i) => i.date === '2021-10-29')!;
    const local = localPath();
    await galley(['checkout', String(issue.id), '--from', url, '--to', local, '--user', 'Sue']);
    const rows = new ReplicaStore(open(local).db).pages();
    expect(rows).toHaveLength(2);
    const [r0, r1] = rows as [(typeof rows)[0], (typeof rows)[0]];

    // Offline: Sue corrects a headline on page 1 and tags an item; edits page 2's text.
    const l = open(local);
    const p0 = l.getPage(r0.localPageId);
    const target = p0.items.find((i) => i.kind !== 'masthead' && i.tags.length === 0)!;
    const items0 = p0.items.map((i) => (i === target ? { ...i, headline: '加强两地交流合作(校)', editedFields: ['headline' as const], tags: ['交流'] } : i));
    l.savePage({ pageId: p0.id, baseRevision: p0.revision, text: p0.text, items: items0 }, SUE);
    const p1 = l.getPage(r1.localPageId);
    const localText = `${p1.text}\n离线补充一句。`;
    l.savePage({ pageId: p1.id, baseRevision: p1.revision, text: localText, items: p1.items }, SUE);
    // Meanwhile on the server, Ed edits page 2.
    const s1 = await pgArchive.getPage(r1.originPageId);
    const serverText = `${s1.text}\n编辑在服务器上的修改。`;
    await pgArchive.savePage({ pageId: s1.id, baseRevision: s1.revision, text: serverText, items: s1.items }, { name: 'Ed' });

    const report = JSON.parse(await galley(['sync', local, '--to', url, '--user', 'Sue', '--json'], 2));
    expect(report).toMatchObject({ saved: 1, tagged: 1 });
    expect(report.conflicts).toHaveLength(1);
    expect(report.conflicts[0]).toMatchObject({ reason: 'both-changed', originPageId: r1.originPageId, baseRevision: r1.baseRevision });

    const after0 = await pgArchive.getPage(r0.originPageId);
    expect(after0.revision).toBe(r0.baseRevision + 1);
    const onServer = after0.items.find((i) => i.headline === '加强两地交流合作(校)')!;
    expect(onServer.tags).toEqual(['交流']);
    // Content and tags as one revision of edit ops.
    expect((await pgArchive.listRevisionDetails(r0.originPageId)).at(-1)).toMatchObject({ actor: 'Sue', action: 'edit' });
    // The server kept Ed's version of page 2; Sue's is kept on both sides.
    expect((await pgArchive.getPage(r1.originPageId)).text).toBe(serverText);
    const kept = new ReplicaStore(open(local).db).conflicts();
    expect(kept.map((c) => c.local.text)).toEqual([localText]);
    expect(JSON.parse((await pgArchive.getSetting(`sync-conflict:${kept[0]!.id}`))!).local.text).toBe(localText);
    expect(open(local).getPage(r1.localPageId).text).toBe(serverText);

    const again = JSON.parse(await galley(['sync', local, '--to', url, '--user', 'Sue', '--json']));
    expect(again).toEqual({ saved: 0, tagged: 0, states: 0, pulled: 0, added: 0, conflicts: [] });
  });

  it('an account with a password syncs only with it (GALLEY_PASSWORD)', async () => {
    const issue = (await pgArchive.listIssues()).find((i) => i.date === '2021-10-30')!;
    const local = localPath();
    const before = process.env.GALLEY_PASSWORD;
    try {
      process.env.GALLEY_PASSWORD = 'amy-offline-1';
      await galley(['checkout', String(issue.id), '--from', url, '--to', local, '--user', 'Amy']);
      const row = new ReplicaStore(open(local).db).pages()[0]!;
      const item = open(local).getPage(row.localPageId).items.find((i) => i.kind !== 'masthead')!;
      open(local).setItemTags(item.id!, ['体育'], { name: 'Amy' });
      process.env.GALLEY_PASSWORD = 'not-amys-password';
      await expect(galley(['sync', local, '--to', url, '--user', 'Amy'])).rejects.toThrow(/password/i);
      const serverItemId = row.items.find((m) => m.local === item.id)!.origin;
      expect((await pgArchive.getItem(serverItemId)).item.tags).toEqual([]);
      process.env.GALLEY_PASSWORD = 'amy-offline-1';
      expect(JSON.parse(await galley(['sync', local, '--to', url, '--user', 'Amy', '--json']))).toMatchObject({ tagged: 1, conflicts: [] });
      expect((await pgArchive.getItem(serverItemId)).item.tags).toEqual(['体育']);
    } finally {
      if (before === undefined) delete process.env.GALLEY_PASSWORD;
      else process.env.GALLEY_PASSWORD = before;
    }
  });
});
