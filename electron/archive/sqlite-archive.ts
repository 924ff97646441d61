// The archive on SQLite: the facade that opens the connection, builds the one context the
// aggregates share (context.ts) and maps the Archive interface onto them. The aggregates:
//   page-rows.ts, pages.ts     pages and items: reading, saving, state, restore
//   issues.ts, issue-state.ts  publications, issues, grouping, the issue state machine
//   stories.ts                 jump-line stories
//   page-import.ts             import (one transaction per call or per batch of files)
//   search.ts                  the search planner and hits
//   revisions.ts               the revision log
//   people.ts, tags.ts, vocabulary.ts, export-gather.ts   review: profiles, settings, tags, vocabulary, export
//   accounts.ts                                          accounts: password hashes, disabled profiles
//   page-scans.ts, checksum-reads.ts, profiles-store.ts   scans and images, checksums, publication profiles
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Archive } from './archive-api.ts';
import { guardArchiveReads } from './checksum-reads.ts';
import { readCheckedPage } from './page-read.ts';
import { readLeanPageJson } from './page-lean.ts';
import { registerChecksumFunction } from './checksums.ts';
import { checkActor, now, type ArchiveContext } from './context.ts';
import { Db, type ArchiveLogger } from './db.ts';
import { engineLearner } from './engine-learner.ts';
import { engineSegmenter, type Segmenter } from './engine-segmenter.ts';
import { issueForExport } from './export-gather.ts';
import { listIssueHistory } from './issue-state.ts';
import * as issues from './issues.ts';
import { libraryTree, listIssuesOfYear } from './library-tree.ts';
import { migrate } from './migrations/index.ts';
import { checkArchiveFile } from './open-checks.ts';
import { assertCurrentSchema } from './open-mode.ts';
import { importFiles, importPages } from './page-import.ts';
import { getPageImage, getPageScan } from './page-scans.ts';
import * as pages from './pages.ts';
import { editPage } from './page-edit.ts';
import * as people from './people.ts';
import * as accounts from './accounts.ts';
import { createProfilesStore, type ProfileLearner } from './profiles-store.ts';
import { getRevision, listRevisionDetails, listRevisions } from './revisions.ts';
import { search, searchAllIds, searchPage } from './search.ts';
import { listSyncConflicts, resolveSyncConflict } from './replica-conflicts.ts';
import { refoldSearchDocs } from './search-refold.ts';
import { getStory } from './stories.ts';
import * as tags from './tags.ts';
import * as vocabulary from './vocabulary.ts';

export type { Segmenter } from './engine-segmenter.ts';
export { contentHash } from './context.ts';
export { UNKNOWN_PUBLICATION } from './issues.ts';
export { RANK_WINDOW, SEARCH_ID_CAP, queryTerms } from './search.ts';

export interface OpenArchiveOptions {
  /** Segments page text on import; the engine by default. */
  segment?: Segmenter;
  /** Where slow queries are reported; console.warn by default. */
  logger?: ArchiveLogger;
  /** Open without writing anything (see open-mode.ts archiveWritable); writes then fail as read-only. */
  readOnly?: boolean;
  /** Learns publication profiles from proofed pages (profiles-store.ts); none: no learning. */
  learner?: ProfileLearner | null;
}

export interface SqliteArchive extends Archive {
  /** The connection wrapper (for tests and benchmarks: slow-query list, pragmas). */
  readonly db: Db;
}

function openDb(path: string, options: OpenArchiveOptions): Db {
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
  // A damaged file is reported with the way to restore it, never opened half-way or rebuilt.
  checkArchiveFile(path);
  const db = new Db(path, options.logger, { readonly: options.readOnly === true });
  try {
    // A read-only archive is used as it is; one that needs a migration cannot be (open-mode.ts).
    if (options.readOnly) assertCurrentSchema(db.raw, path);
    else if (migrate(db.raw).length > 0) {
      // A migration may register its own frozen copy of a function (0009): the live one again.
      registerChecksumFunction(db.raw);
    }
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

export function openArchive(path: string, options: OpenArchiveOptions = {}): SqliteArchive {
  const db = openDb(path, options);
  const logger = options.logger ?? { warn: (m: string) => console.warn(m) };
  // The model learns only where the model segments: an archive given its own segmenter
  // (tests, bulk loads) learns only when given a learner too.
  const learner = options.learner !== undefined ? options.learner : options.segment ? null : engineLearner;
  const ctx: ArchiveContext = {
    path,
    db,
    now,
    logger,
    segment: options.segment ?? engineSegmenter,
    ownSegmenter: options.segment !== undefined,
    learner,
    profiles: createProfilesStore({ db, now, logger, learner }),
  };
  if (!options.readOnly) {
    // Items an old archive's migration left unfolded get their search text now (search-refold.ts).
    refoldSearchDocs(ctx);
  }

  const archive: SqliteArchive = {
    path,
    readOnly: options.readOnly === true,
    db,
    close: () => db.close(),

    importPage: (input, actor, opts) => importPages(ctx, [input], actor, opts)[0]!,
    importPages: (inputs, actor, opts) => importPages(ctx, inputs, actor, opts),
    importFiles: (files, actor, opts) => importFiles(ctx, files, actor, opts),
    getPageScan: (pageId) => getPageScan(db, pageId),
    getPageImage: (pageId) => getPageImage(db, pageId),

    listPublications: () => issues.listPublications(ctx),
    listIssues: (publicationId) => issues.listIssues(ctx, publicationId),
    libraryTree: () => libraryTree(ctx),
    listIssuesOfYear: (publicationId, year, opts) => listIssuesOfYear(ctx, publicationId, year, opts),
    getIssue: (issueId) => issues.getIssue(ctx, issueId),
    findIssue: (ref) => issues.findIssue(ctx, ref),
    getIssueMasthead: (issueId) => issues.getIssueMasthead(ctx, issueId),
    issueEvent: (issueId, event, actor) => issues.issueEvent(ctx, issueId, event, checkActor(actor)),
    listIssueHistory: (issueId) => listIssueHistory(ctx, issueId),
    stats: () => issues.stats(ctx),
    // SQLite's data_version moves when another connection commits (never for this one's own writes).
    changeMarker: () => String(ctx.db.raw.pragma('data_version', { simple: true })),
    listSyncConflicts: (all) => listSyncConflicts(db, archive, all),
    resolveSyncConflict: (id, choice, actor) => resolveSyncConflict(db, archive, id, choice, checkActor(actor), ctx.now),

    listPages: (issueId) => pages.listPages(ctx, issueId),
    // One read that verifies each row's checksum as it builds the page (page-read.ts).
    getPage: (pageId) => readCheckedPage(ctx, pageId),
    // page.get's lean wire form, read from the rows without item objects (page-lean.ts).
    getPageJson: (pageId) => readLeanPageJson(ctx, pageId),
    savePage: (input, actor) => pages.savePage(ctx, input, actor),
    editPage: (input, actor) => editPage(ctx, input, actor),
    setPageState: (pageId, state, actor) => pages.setPageState(ctx, pageId, state, actor),
    restoreRevision: (pageId, revision, actor) => pages.restoreRevision(ctx, pageId, revision, actor),
    getStory: (itemId) => getStory(ctx, itemId),

    listRevisions: (pageId) => listRevisions(ctx, pageId),
    listRevisionDetails: (pageId) => listRevisionDetails(ctx, pageId),
    getRevision: (revisionId) => getRevision(ctx, revisionId),

    search: (query, filters, limit) => search(ctx, query, filters, limit),
    searchAllIds: (query, filters, cap) => searchAllIds(ctx, query, filters, cap),
    searchPage: (query, filters, offset, limit) => searchPage(ctx, query, filters, offset, limit),

    listProfiles: () => people.listProfiles(ctx),
    getProfile: (id) => people.getProfile(ctx, id),
    findProfile: (name) => people.findProfile(ctx, name),
    createProfile: (input, actor) => people.createProfile(ctx, input, checkActor(actor)),
    updateProfile: (id, patch, actor) => people.updateProfile(ctx, id, patch, checkActor(actor)),
    removeProfile: (id, actor) => people.removeProfile(ctx, id, checkActor(actor)),
    getSetting: (key) => people.getSetting(ctx, key),
    setSetting: (key, value) => people.setSetting(ctx, key, value),

    listAccounts: () => accounts.listAccounts(ctx),
    profileCredentials: (id) => accounts.profileCredentials(ctx, id),
    setProfilePassword: (id, hash, actor) => accounts.setProfilePassword(ctx, id, hash, checkActor(actor)),
    setProfileDisabled: (id, disabled, actor) => accounts.setProfileDisabled(ctx, id, disabled, checkActor(actor)),

    getItem: (itemId) => tags.getItem(ctx, itemId),
    listIssueItems: (issueId) => tags.listIssueItems(ctx, issueId),
    setItemTags: (itemId, list, actor) => tags.setItemTags(ctx, itemId, list, checkActor(actor)),
    changeItemTags: (itemIds, add, remove, actor) => tags.changeItemTags(ctx, itemIds, add, remove, checkActor(actor)),
    listTags: () => tags.listTags(ctx),

    listVocabulary: () => vocabulary.listVocabulary(ctx),
    upsertVocabulary: (term, actor) => vocabulary.upsertVocabulary(ctx, term, checkActor(actor)),
    removeVocabulary: (type, path, actor) => vocabulary.removeVocabulary(ctx, type, path, checkActor(actor)),
    importVocabulary: (terms, mode, actor) => vocabulary.importVocabulary(ctx, terms, mode, checkActor(actor)),

    issueForExport: (issueId, exportedAt) => issueForExport(ctx, issueId, exportedAt),

    getPublicationProfile: (publicationId) => ctx.profiles.info(publicationId),
    listPublicationProfiles: () => ctx.profiles.list(),
    publicationProfileJson: (publicationId) => ctx.profiles.json(publicationId),
    publicationProfileForPage: (pageId) => ctx.profiles.forPage(pageId)?.profile ?? null,
  };
  // Every read of a page, its items and its history checks their checksums (checksum-reads.ts).
  return guardArchiveReads(archive, db.raw);
}
