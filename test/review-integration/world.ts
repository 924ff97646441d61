// A test world for the review handlers: a real archive (the sample Hengyang page imported with
// the engine), the real handler table, and profiles for every role. `world()` copies a template
// archive made once, so each test starts from the same state quickly.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach } from 'vitest';
import type { Channel, Req } from '../../shared/ipc.ts';
import type { Profile, Role } from '../../shared/roles.ts';
import { openArchive, type SqliteArchive } from '../../electron/archive/sqlite-archive.ts';
import { createHandlers, dispatch, type DispatchResult, type HandlerTable } from '../../electron/host/handlers.ts';
import { engineAdapter, importerAdapter } from '../../electron/host/load-backend.ts';
import { inProcess } from '../../electron/archive/async-archive.ts';

export const SAMPLE = join(import.meta.dirname, '../../resources/pages/hengyang-daily-2021-10-29-p1.txt');
const OS_USER = { name: 'os-user' };

const dirs: string[] = [];
const open: SqliteArchive[] = [];
afterEach(() => {
  for (const a of open.splice(0)) a.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'galley-review-'));
  dirs.push(d);
  return d;
}

let template: string | null = null;

/** The template: sample page imported, profiles Sue (supervisor), Ed (editor), Ada (archivist), Otto (editor), one vocabulary term. */
function makeTemplate(): string {
  if (template) return template;
  const dir = mkdtempSync(join(tmpdir(), 'galley-review-template-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'archive.sqlite');
  const a = openArchive(path, { logger: { warn: () => {} } });
  a.importPage({ sourceName: '衡阳日报/2021-10-29/p01.txt', text: readFileSync(SAMPLE, 'utf8'), encoding: 'UTF-8' }, OS_USER);
  const sue = a.createProfile({ name: 'Sue', role: 'supervisor' }, OS_USER);
  const by = { name: sue.name, profileId: sue.id, role: sue.role };
  a.createProfile({ name: 'Ed', role: 'editor' }, by);
  a.createProfile({ name: 'Ada', role: 'archivist' }, by);
  a.createProfile({ name: 'Otto', role: 'editor' }, by);
  a.upsertVocabulary({ type: 'place', path: ['湖南'], label: '湖南', aliases: ['湖南省'] }, by);
  a.close();
  template = path;
  return path;
}

export interface World {
  archive: SqliteArchive;
  table: HandlerTable;
  dir: string;
  call<C extends Channel>(channel: C, request: Req<C>): Promise<DispatchResult>;
  /** Calls and expects success; returns the value. */
  ok<C extends Channel>(channel: C, request: Req<C>): Promise<any>;
  /** Selects the profile with this name (or the first of this role). */
  as(who: string | Role): Promise<Profile>;
  profile(name: string): Profile;
  pageId: number;
  issueId: number;
  /** The first article of the sample page (items[1]; items[0] is the masthead). */
  firstArticleId: number;
  /** A fingerprint of everything a refused action must leave alone. */
  fingerprint(): string;
}

export function world(options: { empty?: boolean } = {}): World {
  const dir = tempDir();
  const path = join(dir, 'archive.sqlite');
  if (!options.empty) copyFileSync(makeTemplate(), path);
  const archive = openArchive(path, { logger: { warn: () => {} } });
  open.push(archive);
  const table = createHandlers({
    archive: inProcess(archive),
    engine: engineAdapter,
    importer: importerAdapter(OS_USER),
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
  const profile = (name: string) => {
    const p = archive.findProfile(name);
    if (!p) throw new Error(`no profile ${name}`);
    return p;
  };
  const issues = archive.listIssues();
  const pageId = issues.length ? archive.listPages(issues[0]!.id)[0]!.id : 0;
  return {
    archive,
    table,
    dir,
    call,
    ok,
    profile,
    pageId,
    issueId: issues[0]?.id ?? 0,
    firstArticleId: pageId ? archive.getPage(pageId).items[1]!.id! : 0,
    async as(who) {
      const p = ['editor', 'archivist', 'supervisor'].includes(who) ? archive.listProfiles().find((x) => x.role === who)! : profile(who);
      await ok('session.selectProfile', { profileId: p.id });
      return p;
    },
    fingerprint() {
      const q = (sql: string) => archive.db.raw.prepare(sql).all();
      const state = {
        revisions: q('SELECT id, actor, action FROM revisions ORDER BY id'),
        profiles: q('SELECT id, name, role FROM profiles ORDER BY id'),
        vocabulary: q('SELECT type, path, label, aliases_json FROM vocabulary ORDER BY id'),
        issues: q('SELECT id, state FROM issues ORDER BY id'),
        history: q('SELECT id FROM issue_history ORDER BY id'),
        pages: q('SELECT id, revision, state, text FROM pages ORDER BY id'),
        items: q('SELECT id, headline, paragraphs_json FROM items ORDER BY id'),
        tags: q('SELECT item_id, tag_id FROM item_tags ORDER BY item_id, tag_id'),
      };
      return createHash('sha256').update(JSON.stringify(state)).digest('hex');
    },
  };
}
