// The archive on PostgreSQL: the facade that checks the URL, opens the pool, runs the migrations,
// builds the one context the aggregates share (context.ts) and maps the AsyncArchive interface
// onto them — the same interface and behaviour as the SQLite archive (../sqlite-archive.ts), so
// nothing in the service layer or the renderer knows which one it talks to. The aggregates:
//   pages.ts, page-rows.ts, items.ts     pages and items: reading, saving, state, restore
//   issues.ts, issue-state.ts            publications, issues, grouping, the issue state machine
//   page-import.ts, page-scans.ts        import (savepoint per file), scans and images
//   revisions.ts, stories.ts, export-gather.ts   the audit logs with their hash chain, stories, export
//   search.ts, tags.ts, people.ts, vocabulary.ts, profiles-store.ts   (h7) search, review, profiles
//   change-marker.ts                     what moves when anyone commits (hosts refresh their windows)
import pg from 'pg';
import { changeMarker } from './change-marker.ts';
import { libraryTree, listIssuesOfYear } from './library-tree.ts';
import type { AsyncArchive } from '../async-archive.ts';
import { ArchiveError } from '../archive-api.ts';
import { checkActor, now } from '../context.ts';
import type { VerifyReport } from '../checksums.ts';
import type { ArchiveLogger } from '../db.ts';
import { engineLearner } from '../engine-learner.ts';
import { engineSegmenter, type Segmenter } from '../engine-segmenter.ts';
import type { ProfileLearner } from '../profiles-store.ts';
import { guardPgReads } from './checksum-reads.ts';
import { transactions, type PgContext } from './context.ts';
import { issueForExport } from './export-gather.ts';
import { listIssueHistory } from './issue-state.ts';
import * as issues from './issues.ts';
import { getItem, listIssueItems } from './items.ts';
import { migratePg } from './migrations/index.ts';
import { checkSearchLocale } from './search-locale.ts';
import { editPage } from './page-edit.ts';
import { importFiles, importPages } from './page-import.ts';
import { getPageImage, getPageScan } from './page-scans.ts';
import * as pages from './pages.ts';
import * as people from './people.ts';
import * as pubProfiles from './profiles-store.ts';
import { getRevision, listRevisionDetails, listRevisions } from './revisions.ts';
import { search, searchAllIds, searchPage } from './search.ts';
import { getStory } from './stories.ts';
import * as tags from './tags.ts';
import * as vocabulary from './vocabulary.ts';
import { verifyPostgres } from './verify.ts';
import { readLeanPageJsonPg } from './page-lean.ts';

export interface OpenPostgresOptions {
  /** Segments page text on import; the engine by default. */
  segment?: Segmenter;
  /** Where slow queries are reported; console.warn by default. */
  logger?: ArchiveLogger;
  /** Learns publication profiles from proofed pages; none: no learning (the default with a segmenter of one's own). */
  learner?: ProfileLearner | null;
  /** Connections in the pool (default 10). */
  maxConnections?: number;
}

export interface PostgresArchive extends AsyncArchive {
  /** Calls and total time per statement name (benchmarks, diagnostics). */
  readonly timings: Map<string, { calls: number; ms: number }>;
  /** Every checksum and both audit hash chains checked (`galley verify`; verify.ts). */
  verify(options?: { maxDamaged?: number }): Promise<VerifyReport>;
}

/** True for a PostgreSQL connection URL (postgres:// or postgresql://). */
export const isPostgresUrl = (target: string) => /^postgres(ql)?:\/\//i.test(target.trim());

/**
 * Checks a connection URL; returns it as shown to users (the password masked). Throws
 * ArchiveError('invalid-input'). Parsed by hand: libpq URLs may leave the host empty and name a
 * socket folder in ?host=, which WHATWG URL refuses.
 */
export function checkPostgresUrl(url: string): string {
  const usage = 'expected postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE (or ?host=/socket/folder)';
  if (typeof url !== 'string' || !isPostgresUrl(url)) {
    throw new ArchiveError('invalid-input', `not a PostgreSQL URL: ${usage}, got ${JSON.stringify(String(url).slice(0, 80))}`);
  }
  const m = /^(postgres(?:ql)?:\/\/)(?:([^@/?#]*)@)?([^/?#]*)(?:\/([^?#]*))?(\?[^#]*)?$/i.exec(url.trim());
  if (!m) throw new ArchiveError('invalid-input', `malformed PostgreSQL URL: ${usage}`);
  const [, scheme, userInfo, host, database, query] = m;
  if (!database) throw new ArchiveError('invalid-input', `the PostgreSQL URL names no database: ${usage}`);
  if (!host && !new URLSearchParams(query ?? '').get('host')) throw new ArchiveError('invalid-input', `the PostgreSQL URL names no host: ${usage}`);
  if (host && !/^(\[[0-9a-f:.]+\]|[^:\[\]]+)(:\d{1,5})?$/i.test(host)) throw new ArchiveError('invalid-input', `the PostgreSQL URL has a malformed host "${host}": ${usage}`);
  const user = userInfo === undefined ? '' : `${userInfo.replace(/:.*$/, userInfo.includes(':') ? ':***' : '')}@`;
  return `${scheme}${user}${host}/${database}${(query ?? '').replace(/([?&]password=)[^&]*/i, '$1***')}`;
}

/** Opens (and migrates) the archive in the PostgreSQL database at `url`. */
export async function openPostgresArchive(url: string, options: OpenPostgresOptions = {}): Promise<PostgresArchive> {
  const shown = checkPostgresUrl(url);
  const logger = options.logger ?? { warn: (m: string) => console.warn(m) };
  const pool = new pg.Pool({ connectionString: url.trim(), max: options.maxConnections ?? 10 });
  // An idle connection that fails (server restart) must not crash the process; the next query reconnects.
  pool.on('error', (e) => logger.warn(`[archive] PostgreSQL connection lost: ${e.message}`));
  try {
    const client = await pool.connect().catch((e: Error) => {
      throw new Error(`cannot connect to the PostgreSQL archive at ${shown}: ${e.message}`);
    });
    try {
      await migratePg(client);
      await checkSearchLocale(client, logger);
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end();
    throw e;
  }
  const timings = new Map<string, { calls: number; ms: number }>();
  // The model learns only where the model segments (as the SQLite archive).
  const learner = options.learner !== undefined ? options.learner : options.segment ? null : engineLearner;
  const ctx: PgContext = {
    path: shown,
    pool,
    now,
    logger,
    segment: options.segment ?? engineSegmenter,
    ownSegmenter: options.segment !== undefined,
    learner,
    profiles: pubProfiles.createPgProfilesStore({ now, logger, learner }),
    timings,
    ...transactions(pool, logger, timings),
  };
  let closed: Promise<void> | null = null;

  const archive: PostgresArchive = {
    path: shown,
    readOnly: false,
    timings,
    verify: (opts) => verifyPostgres(ctx, opts),
    close: () => (closed ??= pool.end()),

    importPage: async (input, actor, opts) => (await importPages(ctx, [input], actor, opts))[0]!,
    importPages: (inputs, actor, opts) => importPages(ctx, inputs, actor, opts),
    importFiles: (files, actor, opts) => importFiles(ctx, files, actor, opts),
    getPageScan: (pageId) => getPageScan(ctx, pageId),
    getPageImage: (pageId) => getPageImage(ctx, pageId),

    listPublications: () => issues.listPublications(ctx),
    listIssues: (publicationId) => issues.listIssues(ctx, publicationId),
    libraryTree: () => libraryTree(ctx),
    listIssuesOfYear: (publicationId, year, opts) => listIssuesOfYear(ctx, publicationId, year, opts),
    getIssue: (issueId) => issues.getIssue(ctx, issueId),
    findIssue: (ref) => issues.findIssue(ctx, ref),
    getIssueMasthead: (issueId) => issues.getIssueMasthead(ctx, issueId),
    issueEvent: async (issueId, event, actor) => issues.issueEvent(ctx, issueId, event, checkActor(actor)),
    listIssueHistory: (issueId) => listIssueHistory(ctx, issueId),
    stats: () => issues.stats(ctx),
    changeMarker: () => changeMarker(ctx),
    // A replica is a laptop's SQLite archive (galley checkout): a team archive has no sync conflicts.
    listSyncConflicts: async () => ({ replica: null, conflicts: [] }),
    resolveSyncConflict: async (id) => {
      throw new ArchiveError('not-found', `no conflict ${id}: a team archive on PostgreSQL is not a replica`);
    },

    listPages: (issueId) => pages.listPages(ctx, issueId),
    getPage: (pageId) => pages.getPage(ctx, pageId),
    // page.get's lean wire form in one read with its checksums verified (page-lean.ts).
    getPageJson: (pageId) => readLeanPageJsonPg(ctx, pageId),
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
    createProfile: async (input, actor) => people.createProfile(ctx, input, checkActor(actor)),
    updateProfile: async (id, patch, actor) => people.updateProfile(ctx, id, patch, checkActor(actor)),
    removeProfile: async (id, actor) => people.removeProfile(ctx, id, checkActor(actor)),
    getSetting: (key) => people.getSetting(ctx, key),
    setSetting: (key, value) => people.setSetting(ctx, key, value),
    listAccounts: () => people.listAccounts(ctx),
    profileCredentials: (id) => people.profileCredentials(ctx, id),
    setProfilePassword: async (id, hash, actor) => people.setProfilePassword(ctx, id, hash, checkActor(actor)),
    setProfileDisabled: async (id, disabled, actor) => people.setProfileDisabled(ctx, id, disabled, checkActor(actor)),

    getItem: (itemId) => getItem(ctx, itemId),
    listIssueItems: (issueId) => listIssueItems(ctx, issueId),
    setItemTags: async (itemId, list, actor) => tags.setItemTags(ctx, itemId, list, checkActor(actor)),
    changeItemTags: async (itemIds, add, remove, actor) => tags.changeItemTags(ctx, itemIds, add, remove, checkActor(actor)),
    listTags: () => tags.listTags(ctx),

    listVocabulary: () => vocabulary.listVocabulary(ctx),
    upsertVocabulary: async (term, actor) => vocabulary.upsertVocabulary(ctx, term, checkActor(actor)),
    removeVocabulary: async (type, path, actor) => vocabulary.removeVocabulary(ctx, type, path, checkActor(actor)),
    importVocabulary: async (terms, mode, actor) => vocabulary.importVocabulary(ctx, terms, mode, checkActor(actor)),

    issueForExport: (issueId, exportedAt) => issueForExport(ctx, issueId, exportedAt),

    getPublicationProfile: (publicationId) => pubProfiles.getPublicationProfile(ctx, publicationId),
    listPublicationProfiles: () => pubProfiles.listPublicationProfiles(ctx),
    publicationProfileJson: (publicationId) => pubProfiles.publicationProfileJson(ctx, publicationId),
    publicationProfileForPage: (pageId) => pubProfiles.publicationProfileForPage(ctx, pageId),
  };
  // Every read of a page, its items and its history checks their checksums (checksum-reads.ts).
  return guardPgReads(archive, ctx);
}
