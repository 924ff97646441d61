// A small world for page.edit: a SQLite archive whose segmenter leaves items contiguous (each runs
// to the next, as the engine does), a front page imported, profiles of every role, and the real
// handler table. Independent of the learned model, so these tests read only the edit path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { Channel, Req } from '../../shared/ipc.ts';
import type { Role } from '../../shared/roles.ts';
import { openArchive, type SqliteArchive } from '../../electron/archive/sqlite-archive.ts';
import { createHandlers, dispatch, type DispatchResult } from '../../electron/host/handlers.ts';
import { inProcess } from '../../electron/archive/async-archive.ts';
import { fakeSegment } from '../archive/fake-segmenter.ts';
import { tempDir, track } from '../archive/helpers.ts';
import { fakeDerive } from '../renderer/fake-engine.ts';

const OS_USER = { name: 'os-user' };
export const SAMPLE = join(import.meta.dirname, '../../resources/pages/hengyang-daily-2021-10-29-p1.txt');

export interface EditWorld {
  archive: SqliteArchive;
  pageId: number;
  issueId: number;
  call<C extends Channel>(channel: C, request: Req<C>): Promise<DispatchResult>;
  ok<C extends Channel>(channel: C, request: Req<C>): Promise<any>;
  as(role: Role): Promise<void>;
  fingerprint(): string;
}

export async function editWorld(): Promise<EditWorld> {
  const archive = track(
    openArchive(join(tempDir(), 'archive.sqlite'), {
      logger: { warn: () => {} },
      segment: (text) => {
        const seg = fakeSegment(text);
        return { ...seg, items: seg.items.map((it, i) => ({ ...it, end: seg.items[i + 1]?.start ?? text.length })) };
      },
    }),
  );
  archive.importPage({ sourceName: '衡阳日报/2021-10-29/p01.txt', text: readFileSync(SAMPLE, 'utf8'), encoding: 'UTF-8' }, OS_USER);
  const sue = archive.createProfile({ name: 'Sue', role: 'supervisor' }, OS_USER);
  const by = { name: sue.name, profileId: sue.id, role: sue.role };
  archive.createProfile({ name: 'Ed', role: 'editor' }, by);
  archive.createProfile({ name: 'Ada', role: 'archivist' }, by);
  const table = createHandlers({
    archive: inProcess(archive),
    engine: { deriveItems: fakeDerive },
    importer: {
      importPaths: async () => ({ outcomes: [], cancelled: false }),
      importUploads: async () => ({ outcomes: [], cancelled: false }),
    },
    host: 'browser',
    version: 'test',
    actor: OS_USER,
    emit: () => {},
  });
  const call = <C extends Channel>(channel: C, request: Req<C>) => dispatch(table, channel, request);
  const ok = async <C extends Channel>(channel: C, request: Req<C>) => {
    const r = await call(channel, request);
    if (!r.ok) throw new Error(`${channel}: ${r.code}: ${r.message}`);
    return r.value as any;
  };
  const issueId = archive.listIssues()[0]!.id;
  return {
    archive,
    pageId: archive.listPages(issueId)[0]!.id,
    issueId,
    call,
    ok,
    async as(role) {
      await ok('session.selectProfile', { profileId: archive.listProfiles().find((p) => p.role === role)!.id });
    },
    fingerprint() {
      const q = (sql: string) => archive.db.raw.prepare(sql).all();
      const state = {
        revisions: q('SELECT id, action FROM revisions ORDER BY id'),
        pages: q('SELECT id, revision, state, text FROM pages ORDER BY id'),
        items: q('SELECT id, kind, start_offset, headline, byline, paragraphs_json FROM items ORDER BY id'),
        tags: q('SELECT item_id, tag_id FROM item_tags ORDER BY item_id, tag_id'),
      };
      return createHash('sha256').update(JSON.stringify(state)).digest('hex');
    },
  };
}
