// The archive's review tables (migration 0005): profiles, settings, issue state and its history,
// item tags as page revisions, the controlled vocabulary, revision details, and the gathering of
// an issue for export. Part of the archive (it writes SQL); built by openArchive with the
// archive's own helpers, so every write shares its connection and transactions.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { IssueState, IssueSummary, PageRecord, PageSummary, StoredItem } from '../../shared/domain.ts';
import { ISSUE_EXPORT_SCHEMA, type ExportPage, type IssueExport } from '../../shared/export.ts';
import { tagNameSchema, vocabularyTermSchema, type IssueHistoryRow, type VocabularyTerm } from '../../shared/ipc-review.ts';
import { profileSchema, roleSchema, type Profile, type Role } from '../../shared/roles.ts';
import { applyIssueEvent, assertIssueEditable, isLocked, issueStateFromPages, type IssueEvent } from '../../core/review/index.ts';
import { ArchiveError, type Actor, type IssueItemRow, type ItemRef, type RevisionDetail, type RevisionEntry } from './archive-api.ts';
import type { Db } from './db.ts';
import { createTagCanon } from './tag-canon.ts';

export interface ReviewStoreDeps {
  db: Db;
  now(): string;
  pageRow(pageId: number): { id: number; issue_id: number; revision: number; state: string };
  snapshot(pageId: number): unknown;
  loadItems(pageId: number): (StoredItem & { id: number })[];
  writeItemChildren(itemId: number, item: StoredItem, fresh: boolean): void;
  logRevision(actor: Actor, entity: RevisionEntry['entity'], entityId: number, action: string, pageRevision: number | null, before: unknown, after: unknown): void;
  listIssues(): IssueSummary[];
  listPages(issueId: number): PageSummary[];
  getPage(pageId: number): PageRecord;
}

const fail = (code: ArchiveError['code'], message: string): never => {
  throw new ArchiveError(code, message);
};

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue && issue.path.length ? ` at ${issue.path.join('.')}` : '';
    fail('invalid-input', `invalid ${what}${where}: ${issue?.message ?? 'malformed'}`);
  }
  return (r as { data: T }).data;
}

/** The profile an actor stands for; a bare name (importer, CLI import) acts as an editor. */
export function profileOfActor(actor: Actor): Profile {
  return { id: actor.profileId ?? `user:${actor.name}`, name: actor.name, role: actor.role ?? 'editor' };
}

/** Tags as stored: trimmed, unique, in the order given. */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(parse(z.array(tagNameSchema), tags, 'tags'))];
}

const SETTING_KEY = z.string().min(1).max(200);
const joinPath = (path: readonly string[]) => path.join('/');

interface ProfileRow {
  id: string;
  name: string;
  role: Role;
}
interface VocabRow {
  id: number;
  type: VocabularyTerm['type'];
  path: string;
  label: string;
  aliases_json: string;
}
interface RevisionRow {
  id: number;
  at: string;
  actor: string;
  profile_id: string | null;
  role: Role | null;
  entity: RevisionEntry['entity'];
  entity_id: number;
  action: string;
  page_revision: number | null;
  before_json: string | null;
  after_json: string | null;
}

export function createReviewStore(d: ReviewStoreDeps) {
  const { db } = d;
  const toProfile = (r: ProfileRow): Profile => ({ id: r.id, name: r.name, role: r.role });
  const toTerm = (r: VocabRow): VocabularyTerm => ({
    type: r.type,
    path: r.path.split('/'),
    label: r.label,
    aliases: JSON.parse(r.aliases_json) as string[],
  });
  const toDetail = (r: RevisionRow): RevisionDetail => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    profileId: r.profile_id,
    role: r.role === null ? null : roleSchema.catch('editor').parse(r.role),
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    pageRevision: r.page_revision,
    before: r.before_json === null ? null : JSON.parse(r.before_json),
    after: r.after_json === null ? null : JSON.parse(r.after_json),
  });

  // ---------- issue state ----------
  const issueState = (issueId: number): IssueState => {
    const row = db.stmt('issues.state', 'SELECT state FROM issues WHERE id = ?').get<{ state: IssueState }>(issueId);
    if (!row) fail('not-found', `issue ${issueId} does not exist`);
    return row!.state;
  };
  const pageStates = (issueId: number) =>
    db
      .stmt('pages.statesOfIssue', 'SELECT state FROM pages WHERE issue_id = ? ORDER BY id')
      .all<{ state: 'imported' | 'in-progress' | 'proofed' }>(issueId)
      .map((r) => r.state);

  const writeIssueState = (issueId: number, entryActor: Actor, entry: ReturnType<typeof applyIssueEvent>['entry']): void => {
    db.stmt('issues.setState', 'UPDATE issues SET state = ? WHERE id = ?').run(entry.to, issueId);
    db.stmt(
      'issue_history.insert',
      `INSERT INTO issue_history(issue_id, at, profile_id, by_name, role, event, from_state, to_state, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(issueId, entry.at, entry.profileId, entry.by, entry.role, entry.event, entry.from, entry.to, entry.reason);
    d.logRevision(entryActor, 'issue', issueId, entry.event === 'pages-changed' ? 'state' : entry.event, null, { state: entry.from }, {
      state: entry.to,
      ...(entry.reason ? { reason: entry.reason } : {}),
    });
  };

  /** Refuses changes to the pages of an approved or exported issue (TransitionError). */
  const assertEditable = (issueId: number): void => assertIssueEditable(issueState(issueId));

  /** After page states changed: imported / in-progress / proofed follow the pages (never past a lock). */
  const recomputeIssue = (issueId: number, actor: Actor): void => {
    const state = issueState(issueId);
    if (isLocked(state)) return;
    const states = pageStates(issueId);
    if (issueStateFromPages(states) === state) return;
    const { entry } = applyIssueEvent(state, { type: 'pages-changed', pageStates: states }, profileOfActor(actor), d.now());
    writeIssueState(issueId, actor, entry);
  };

  const getIssue = (issueId: number): IssueSummary => {
    const found = d.listIssues().find((i) => i.id === issueId);
    if (!found) fail('not-found', `issue ${issueId} does not exist`);
    return found!;
  };

  // ---------- tags ----------
  const itemRef = (itemId: number): ItemRef => {
    const row = db
      .stmt('items.ref', 'SELECT i.page_id, p.issue_id, p.page_number FROM items i JOIN pages p ON p.id = i.page_id WHERE i.id = ?')
      .get<{ page_id: number; issue_id: number; page_number: number | null }>(itemId);
    if (!row) fail('not-found', `item ${itemId} does not exist`);
    const item = d.loadItems(row!.page_id).find((i) => i.id === itemId)!;
    return { item, pageId: row!.page_id, issueId: row!.issue_id, pageNumber: row!.page_number };
  };

  /** Applies new tag lists to items of one page as one revision; returns null when nothing changed. */
  const retagPage = (pageId: number, next: Map<number, string[]>, actor: Actor): { revision: number; changed: number } | null => {
    const page = d.pageRow(pageId);
    const items = d.loadItems(pageId);
    const changedItems = items.filter((i) => {
      const tags = next.get(i.id);
      return tags !== undefined && JSON.stringify([...tags].sort()) !== JSON.stringify([...i.tags].sort());
    });
    if (changedItems.length === 0) return null;
    assertEditable(page.issue_id);
    const before = d.snapshot(pageId);
    for (const item of changedItems) d.writeItemChildren(item.id, { ...item, tags: next.get(item.id)! }, false);
    const revision = page.revision + 1;
    db.stmt('pages.retag', 'UPDATE pages SET revision = ?, edited = 1, updated_at = ? WHERE id = ?').run(revision, d.now(), pageId);
    d.logRevision(actor, 'page', pageId, 'tag', revision, before, d.snapshot(pageId));
    return { revision, changed: changedItems.length };
  };

  // Aliases and traditional forms become the vocabulary term (tag-canon.ts).
  const canonTags = createTagCanon(db);

  // ---------- vocabulary ----------
  const vocabRow = (type: string, path: string) =>
    db.stmt('vocabulary.get', 'SELECT * FROM vocabulary WHERE type = ? AND path = ?').get<VocabRow>(type, path);

  const upsertTerm = (term: VocabularyTerm, actor: Actor): 'added' | 'updated' | 'same' => {
    const path = joinPath(term.path);
    if (term.path.length > 1 && !vocabRow(term.type, joinPath(term.path.slice(0, -1)))) {
      fail('invalid-input', `parent ${term.type} ${joinPath(term.path.slice(0, -1))} is not defined`);
    }
    const old = vocabRow(term.type, path);
    const aliases = JSON.stringify([...new Set(term.aliases)]);
    if (old && old.label === term.label && old.aliases_json === aliases) return 'same';
    if (old) {
      db.stmt('vocabulary.update', 'UPDATE vocabulary SET label = ?, aliases_json = ? WHERE id = ?').run(term.label, aliases, old.id);
    } else {
      db.stmt('vocabulary.insert', 'INSERT INTO vocabulary(type, path, label, aliases_json) VALUES (?, ?, ?, ?)').run(term.type, path, term.label, aliases);
    }
    const row = vocabRow(term.type, path)!;
    d.logRevision(actor, 'vocabulary', row.id, old ? 'update' : 'add', null, old ? toTerm(old) : null, toTerm(row));
    return old ? 'updated' : 'added';
  };

  const hasChildren = (type: string, path: string): boolean =>
    db
      .stmt('vocabulary.children', `SELECT 1 AS x FROM vocabulary WHERE type = ? AND substr(path, 1, ?) = ? LIMIT 1`)
      .get<{ x: number }>(type, path.length + 1, `${path}/`) !== undefined;

  const deleteTerm = (row: VocabRow, actor: Actor): void => {
    db.stmt('vocabulary.delete', 'DELETE FROM vocabulary WHERE id = ?').run(row.id);
    d.logRevision(actor, 'vocabulary', row.id, 'remove', null, toTerm(row), null);
  };

  // ---------- profiles ----------
  const profileRow = (id: string) => db.stmt('profiles.get', 'SELECT id, name, role FROM profiles WHERE id = ?').get<ProfileRow>(id);
  const supervisors = () => db.stmt('profiles.supervisors', `SELECT count(*) AS n FROM profiles WHERE role = 'supervisor'`).get<{ n: number }>()!.n;
  const nameTaken = (name: string, except: string | null) =>
    db.stmt('profiles.byNameExcept', 'SELECT id FROM profiles WHERE name = ? COLLATE NOCASE AND id IS NOT ?').get<{ id: string }>(name, except) !== undefined;

  const listVocabulary = (): VocabularyTerm[] =>
    db.stmt('vocabulary.list', 'SELECT * FROM vocabulary ORDER BY type, path').all<VocabRow>().map(toTerm);

  return {
    assertEditable,
    recomputeIssue,
    isIssueLocked: (issueId: number) => isLocked(issueState(issueId)),

    listProfiles: (): Profile[] =>
      db.stmt('profiles.list', 'SELECT id, name, role FROM profiles ORDER BY name COLLATE NOCASE').all<ProfileRow>().map(toProfile),
    getProfile: (id: string): Profile | null => {
      const r = profileRow(id);
      return r ? toProfile(r) : null;
    },
    findProfile: (name: string): Profile | null => {
      const r = db.stmt('profiles.byName', 'SELECT id, name, role FROM profiles WHERE name = ? COLLATE NOCASE').get<ProfileRow>(name.trim());
      return r ? toProfile(r) : null;
    },
    createProfile(input: { name: string; role: Role }, actor: Actor): Profile {
      const data = parse(profileSchema.pick({ name: true, role: true }), input, 'profile');
      return db.tx(() => {
        if (nameTaken(data.name, null)) fail('invalid-input', `a profile named ${data.name} already exists`);
        const first = db.stmt('profiles.count', 'SELECT count(*) AS n FROM profiles').get<{ n: number }>()!.n === 0;
        // Bootstrap: the archive's first profile is its supervisor, so someone can manage the rest.
        const profile: Profile = { id: randomUUID(), name: data.name, role: first ? 'supervisor' : data.role };
        db.stmt('profiles.insert', 'INSERT INTO profiles(id, name, role, created_at) VALUES (?, ?, ?, ?)').run(profile.id, profile.name, profile.role, d.now());
        d.logRevision(first ? { name: profile.name, profileId: profile.id, role: profile.role } : actor, 'profile', 0, 'create', null, null, profile);
        return profile;
      });
    },
    updateProfile(id: string, patch: { name?: string; role?: Role }, actor: Actor): Profile {
      const p = parse(profileSchema.pick({ name: true, role: true }).partial(), patch, 'profile change');
      return db.tx(() => {
        const old = profileRow(id);
        if (!old) return fail('not-found', `profile ${id} does not exist`);
        const next: Profile = { id, name: p.name ?? old.name, role: p.role ?? old.role };
        if (nameTaken(next.name, id)) fail('invalid-input', `a profile named ${next.name} already exists`);
        if (old.role === 'supervisor' && next.role !== 'supervisor' && supervisors() === 1) {
          fail('invalid-input', `${old.name} is the last supervisor; make someone else a supervisor first`);
        }
        db.stmt('profiles.update', 'UPDATE profiles SET name = ?, role = ? WHERE id = ?').run(next.name, next.role, id);
        d.logRevision(actor, 'profile', 0, 'update', null, toProfile(old), next);
        return next;
      });
    },
    removeProfile(id: string, actor: Actor): void {
      db.tx(() => {
        const old = profileRow(id);
        if (!old) return fail('not-found', `profile ${id} does not exist`);
        if (old.role === 'supervisor' && supervisors() === 1) fail('invalid-input', `${old.name} is the last supervisor and cannot be removed`);
        db.stmt('profiles.delete', 'DELETE FROM profiles WHERE id = ?').run(id);
        d.logRevision(actor, 'profile', 0, 'remove', null, toProfile(old), null);
      });
    },
    getSetting: (key: string): string | null =>
      db.stmt('settings.get', 'SELECT value FROM settings WHERE key = ?').get<{ value: string }>(parse(SETTING_KEY, key, 'setting'))?.value ?? null,
    setSetting(key: string, value: string | null): void {
      const k = parse(SETTING_KEY, key, 'setting');
      db.tx(() => {
        if (value === null) db.stmt('settings.delete', 'DELETE FROM settings WHERE key = ?').run(k);
        else db.stmt('settings.put', 'INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(k, value);
      });
    },

    getIssue,
    findIssue(ref: string): IssueSummary | null {
      const r = ref.trim();
      if (/^\d+$/.test(r)) return d.listIssues().find((i) => i.id === Number(r)) ?? null;
      const m = /^(.+):(\d{4}-\d{2}-\d{2})$/.exec(r);
      if (!m) return null;
      const pub = db
        .stmt(
          'publications.byAnyName',
          `SELECT id FROM publications WHERE title = ? COLLATE NOCASE OR title_latin = ? COLLATE NOCASE OR serial = ? COLLATE NOCASE ORDER BY id`,
        )
        .all<{ id: number }>(m[1]!.trim(), m[1]!.trim(), m[1]!.trim())
        .map((p) => p.id);
      return d.listIssues().find((i) => pub.includes(i.publicationId) && i.date === m[2]) ?? null;
    },
    getItem: itemRef,
    listIssueItems(issueId: number): IssueItemRow[] {
      getIssue(issueId);
      return d.listPages(issueId).flatMap((p) =>
        d.loadItems(p.id).map((i) => ({ itemId: i.id, pageId: p.id, pageNumber: p.pageNumber, kind: i.kind, headline: i.headline, tags: i.tags })),
      );
    },

    setItemTags(itemId: number, tags: string[], actor: Actor) {
      const wanted = canonTags(normaliseTags(tags));
      return db.tx(() => {
        const ref = itemRef(itemId);
        const done = retagPage(ref.pageId, new Map([[itemId, wanted]]), actor);
        return { pageId: ref.pageId, revision: done?.revision ?? d.pageRow(ref.pageId).revision, tags: itemRef(itemId).item.tags };
      });
    },
    changeItemTags(itemIds: number[], add: string[], remove: string[], actor: Actor) {
      const plus = canonTags(normaliseTags(add));
      const minus = new Set(canonTags(normaliseTags(remove)));
      return db.tx(() => {
        const byPage = new Map<number, Map<number, string[]>>();
        for (const id of new Set(itemIds)) {
          const ref = itemRef(id);
          // Refuse the whole batch when any item is in an approved issue, before writing anything.
          assertEditable(ref.issueId);
          const tags = [...new Set([...ref.item.tags, ...plus])].filter((t) => !minus.has(t));
          const page = byPage.get(ref.pageId) ?? new Map<number, string[]>();
          page.set(id, tags);
          byPage.set(ref.pageId, page);
        }
        let changed = 0;
        const pages: { pageId: number; revision: number }[] = [];
        for (const [pageId, next] of byPage) {
          const done = retagPage(pageId, next, actor);
          if (!done) continue;
          changed += done.changed;
          pages.push({ pageId, revision: done.revision });
        }
        return { changed, pages };
      });
    },
    listTags: () =>
      db
        .stmt(
          'tags.counts',
          `SELECT t.name, count(*) AS count FROM tags t JOIN item_tags it ON it.tag_id = t.id GROUP BY t.id ORDER BY count DESC, t.name`,
        )
        .all<{ name: string; count: number }>(),

    listVocabulary,
    upsertVocabulary(term: VocabularyTerm, actor: Actor): VocabularyTerm {
      const t = parse(vocabularyTermSchema, term, 'vocabulary term');
      return db.tx(() => {
        upsertTerm(t, actor);
        return toTerm(vocabRow(t.type, joinPath(t.path))!);
      });
    },
    removeVocabulary(type: VocabularyTerm['type'], path: string[], actor: Actor): number {
      const p = joinPath(parse(vocabularyTermSchema.shape.path, path, 'vocabulary path'));
      return db.tx(() => {
        const row = vocabRow(type, p);
        if (!row) return 0;
        if (hasChildren(type, p)) fail('invalid-input', `${type} ${p} has narrower terms; remove them first`);
        deleteTerm(row, actor);
        return 1;
      });
    },
    importVocabulary(terms: VocabularyTerm[], mode: 'merge' | 'replace', actor: Actor) {
      const list = parse(z.array(vocabularyTermSchema), terms, 'vocabulary');
      return db.tx(() => {
        let removed = 0;
        if (mode === 'replace') {
          const keep = new Set(list.map((t) => `${t.type}\u0000${joinPath(t.path)}`));
          // Children before parents (longest paths first).
          const rows = db.stmt('vocabulary.all', 'SELECT * FROM vocabulary').all<VocabRow>().sort((a, b) => b.path.length - a.path.length);
          for (const row of rows) {
            if (keep.has(`${row.type}\u0000${row.path}`)) continue;
            deleteTerm(row, actor);
            removed++;
          }
        }
        let added = 0;
        let updated = 0;
        for (const t of [...list].sort((a, b) => a.path.length - b.path.length)) {
          const r = upsertTerm(t, actor);
          if (r === 'added') added++;
          else if (r === 'updated') updated++;
        }
        return { added, updated, removed };
      });
    },

    issueEvent(issueId: number, event: Exclude<IssueEvent, { type: 'pages-changed' }>, actor: Actor): IssueSummary {
      return db.tx(() => {
        const state = issueState(issueId);
        const { entry } = applyIssueEvent(state, event, profileOfActor(actor), d.now(), { pageStates: pageStates(issueId) });
        writeIssueState(issueId, actor, entry);
        return getIssue(issueId);
      });
    },
    listIssueHistory(issueId: number): IssueHistoryRow[] {
      getIssue(issueId);
      return db
        .stmt('issue_history.ofIssue', 'SELECT * FROM issue_history WHERE issue_id = ? ORDER BY id')
        .all<{ at: string; profile_id: string; by_name: string; role: Role; event: IssueHistoryRow['event']; from_state: IssueState; to_state: IssueState; reason: string | null }>(issueId)
        .map((r) => ({ at: r.at, profileId: r.profile_id, by: r.by_name, role: r.role, event: r.event, from: r.from_state, to: r.to_state, reason: r.reason }));
    },
    listRevisionDetails(pageId: number): RevisionDetail[] {
      d.pageRow(pageId);
      return db
        .stmt('revisions.detailsOfPage', `SELECT * FROM revisions WHERE entity = 'page' AND entity_id = ? ORDER BY id`)
        .all<RevisionRow>(pageId)
        .map(toDetail);
    },
    getRevision(revisionId: number): RevisionDetail {
      const r = db.stmt('revisions.get', 'SELECT * FROM revisions WHERE id = ?').get<RevisionRow>(revisionId);
      if (!r) fail('not-found', `revision ${revisionId} does not exist`);
      return toDetail(r!);
    },

    issueForExport(issueId: number, exportedAt: string): IssueExport {
      const issue = getIssue(issueId);
      const pub = db
        .stmt('publications.get', 'SELECT title, title_latin, serial FROM publications WHERE id = ?')
        .get<{ title: string; title_latin: string | null; serial: string | null }>(issue.publicationId)!;
      const mastheadRow = db.stmt('issues.masthead', 'SELECT masthead_json FROM issues WHERE id = ?').get<{ masthead_json: string | null }>(issueId);
      const storyIds = db.stmt('items.storyIdsOfPage', 'SELECT id, story_id FROM items WHERE page_id = ?');
      const pages: ExportPage[] = d.listPages(issueId).map((summary) => {
        const page = d.getPage(summary.id);
        const stories = new Map(storyIds.all<{ id: number; story_id: number | null }>(page.id).map((r) => [r.id, r.story_id]));
        return {
          pageNumber: page.pageNumber !== null && page.pageNumber > 0 ? page.pageNumber : null,
          sourceName: page.sourceName,
          text: page.text,
          items: page.items.map((item) => {
            const id = item.id!;
            const storyId = stories.get(id) ?? null;
            return { ...item, id, tags: item.tags, ...(storyId !== null ? { storyId } : {}) };
          }),
        };
      });
      const approvals = db
        .stmt('issue_history.approvals', `SELECT at, by_name, role, event, reason FROM issue_history WHERE issue_id = ? AND event <> 'pages-changed' ORDER BY id`)
        .all<{ at: string; by_name: string; role: Role; event: 'approve' | 'reopen' | 'export'; reason: string | null }>(issueId)
        .map((r) => ({ at: r.at, by: r.by_name, role: r.role, action: r.event, reason: r.reason }));
      const revs = db
        .stmt(
          'revisions.summaryOfIssue',
          `SELECT count(*) AS n, max(r.id) AS last FROM revisions r JOIN pages p ON p.id = r.entity_id
           WHERE r.entity = 'page' AND p.issue_id = ? AND r.action IN ('save', 'restore', 'tag')`,
        )
        .get<{ n: number; last: number | null }>(issueId)!;
      const last = revs.last === null ? null : db.stmt('revisions.whoWhen', 'SELECT at, actor FROM revisions WHERE id = ?').get<{ at: string; actor: string }>(revs.last);
      const masthead = mastheadRow?.masthead_json ? JSON.parse(mastheadRow.masthead_json) : null;
      return {
        schema: ISSUE_EXPORT_SCHEMA,
        publication: { title: pub.title, titleLatin: pub.title_latin, serial: pub.serial, code: null },
        issue: {
          date: issue.date,
          issueNumber: issue.issueNumber,
          pageCount: issue.pageCount,
          state: issue.state,
          masthead,
        },
        pages,
        approvals,
        revisions: { count: revs.n, lastAt: last?.at ?? null, lastBy: last?.actor ?? null },
        exportedAt,
      };
    },
  };
}

export type ReviewStore = ReturnType<typeof createReviewStore>;
