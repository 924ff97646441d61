// The one typed interface to the archive. Everything outside electron/archive/ talks to the
// database through this interface only; no other module writes SQL.
// (Implemented by electron/archive/sqlite-archive.ts on the calling thread; async-archive.ts is
// the same interface with every method returning a Promise, which the worker-thread archive
// (worker/client.ts) and a future PostgreSQL archive implement.)
import type { PageScanInput, PageScanRecord } from './page-scans.ts';
import type { PageJson } from './page-json.ts';
import type {
  IssueSummary,
  PageRecord,
  PageState,
  PageSummary,
  PublicationSummary,
  StoredItem,
} from '../../shared/domain.ts';
import type { Masthead, Segmentation } from '../../shared/segmentation.ts';
import type { EditOp } from '../../shared/edit-ops.ts';
import type { ConflictChoice, ReplicaStatus, SyncConflictView } from '../../shared/contract/replica.ts';
import type { IssueExport } from '../../shared/export.ts';
import type { SearchDocText } from '../../core/search/search-doc.ts';
import type { LibraryCursor, LibraryPublication } from '../../shared/contract/pages.ts';
import type { Profile, Role } from '../../shared/roles.ts';
import type { IssueHistoryRow, VocabularyTerm } from '../../shared/ipc-review.ts';
import type { PublicationProfileInfo } from './profiles-store.ts';
import type { Profile as PublicationProfile } from '../../core/engine/model/profile.ts';

/**
 * Who made a change, as written to the revision log. Hosts pass the acting profile (id, name,
 * role); the importer and tools without profiles pass a name only, which counts as an editor.
 */
export interface Actor {
  name: string;
  profileId?: string;
  role?: Role;
}

/** A profile as an account: no hash, only whether one is set. */
export interface Account extends Profile {
  hasPassword: boolean;
  disabled: boolean;
}

/** What a password check needs; stays in the main process. */
export interface Credentials {
  hash: string | null;
  disabled: boolean;
}

export interface ImportPageInput {
  /** File name as shown to the user, e.g. "2021-10-29/p01.txt". */
  sourceName: string;
  /** Decoded page text (CRLF already normalised to LF). */
  text: string;
  /** Encoding detected when the file was decoded, e.g. "UTF-8", "GB18030". */
  encoding: string;
  /** Page number taken from the file or folder name when the page itself does not say. */
  pageNumberHint?: number | null;
  /** Issue date taken from the folder name (YYYY-MM-DD) when the masthead does not say. */
  dateHint?: string | null;
  /** Publication title taken from the folder name when the masthead does not say. */
  publicationHint?: string | null;
  /** Offsets of likely split points from ALTO/hOCR/PAGE text blocks. */
  blockBoundaries?: number[];
  /** The folder the file came from (as shown to the user); groups undated pages into that folder's "Undated" issue. */
  folderHint?: string | null;
  /** A segmentation made beforehand (bulk loads, tests); when absent the archive runs the engine. */
  segmentation?: Segmentation;
  /**
   * What the archive's default engine gives for this page without a publication profile, made
   * beforehand by the import pool's workers. An archive that segments with the engine uses it
   * instead of running the engine again (a profile, when the publication has one, still applies);
   * an archive with a segmenter of its own ignores it.
   */
  engineSegmentation?: Segmentation;
  /**
   * The search index text of each engineSegmentation item (core/search storedSearchDoc, no tags yet),
   * folded by the same worker so the writer thread does not; used only while engineSegmentation is
   * the page's segmentation as it stands (a publication profile re-segments: then the archive folds).
   */
  engineSearchDocs?: SearchDocText[];
  /** The page's scan and line regions (page-scans.ts), stored with the page. */
  scan?: PageScanInput;
}

/** Raised by the archive with a machine-readable code and a one-line message. */
export class ArchiveError extends Error {
  constructor(
    readonly code: 'not-found' | 'revision-conflict' | 'invalid-input',
    message: string,
  ) {
    super(message);
    this.name = 'ArchiveError';
  }
}

/** One entry of the revision log. */
export interface RevisionEntry {
  id: number;
  at: string;
  actor: string;
  entity: 'page' | 'issue' | 'profile' | 'vocabulary';
  entityId: number;
  /** import, reimport, save, state, restore */
  action: string;
  /** The page revision this change produced. */
  pageRevision: number | null;
}

/** One part of a story that jump lines carry across pages. */
export interface StoryPart {
  itemId: number;
  pageId: number;
  pageNumber: number | null;
  headline: string | null;
  continuedOn: number | null;
  continuedFrom: number | null;
}

export type ImportOutcome =
  | { status: 'imported'; pageId: number; issueId: number }
  | { status: 'unchanged'; pageId: number; issueId: number }
  /** The page exists with an editor's corrections and overwrite was not asked for. */
  | { status: 'kept-corrections'; pageId: number; issueId: number };

/** One file of importFiles: its pages' outcomes, or why the file was rolled back. */
export type ImportFileOutcome = { ok: true; outcomes: ImportOutcome[] } | { ok: false; error: unknown };

export interface SavePageInput {
  pageId: number;
  /** The revision the editor's change started from; a stale revision is refused. */
  baseRevision: number;
  text: string;
  items: StoredItem[];
}

/** Typed edit ops on a page (shared/edit-ops.ts), stored with their inverse as one small revision. */
export interface EditPageInput {
  pageId: number;
  /** The revision the ops were made on; a stale revision is refused. */
  baseRevision: number;
  ops: EditOp[];
}

export interface SearchFilters {
  publicationId?: number;
  issueId?: number;
  dateFrom?: string;
  dateTo?: string;
  kind?: string;
  tag?: string;
  state?: string;
}

export interface SearchHit {
  itemId: number;
  pageId: number;
  publication: string;
  date: string | null;
  pageNumber: number | null;
  headline: string | null;
  /** Snippet with matches wrapped in [[ and ]]. */
  snippet: string;
  rank: number;
  /** The item's tags. */
  tags: string[];
}

export interface Archive {
  readonly path: string;
  /** Opened read-only (the file or its folder cannot be written): every write is refused. */
  readonly readOnly?: boolean;
  close(): void;

  importPage(input: ImportPageInput, actor: Actor, options?: { overwriteCorrections?: boolean }): ImportOutcome;

  listPublications(): PublicationSummary[];
  listIssues(publicationId?: number): IssueSummary[];
  /** The library tree: every publication with per-year counts (aggregate queries; nothing per issue). */
  libraryTree(): LibraryPublication[];
  /** One publication-year's issues (null: the undated ones), newest first, after `cursor`, at most `limit`; not-found for an unknown publication. */
  listIssuesOfYear(publicationId: number, year: number | null, options: { cursor?: LibraryCursor; limit: number }): { issues: IssueSummary[]; next: LibraryCursor | null };
  listPages(issueId: number): PageSummary[];
  getPage(pageId: number): PageRecord;
  /** getPage as JSON text, made on the archive's own thread (page-json.ts); archives without it are serialised by the host. */
  getPageJson?(pageId: number): PageJson;
  /** Replaces a page's text and items in one transaction and logs the change; returns the new revision. */
  savePage(input: SavePageInput, actor: Actor): { revision: number };
  /** Applies typed edit ops in one transaction (revision action 'edit': the ops and their inverse); the new revision and the items' ids in order. */
  editPage(input: EditPageInput, actor: Actor): { revision: number; itemIds: number[] };
  setPageState(pageId: number, state: PageState, actor: Actor): void;
  getIssueMasthead(issueId: number): Masthead | null;

  search(query: string, filters?: SearchFilters, limit?: number): SearchHit[];
  /** The true total of matches (counted up to 100,000: `capped`) and the hits at [offset, offset + limit), in display order. */
  searchPage(query: string, filters?: SearchFilters, offset?: number, limit?: number): { total: number; capped: boolean; hits: SearchHit[] };
  /** Every matching item id (up to `cap`, default 100,000) in display order: what "apply to all matches" acts on. */
  searchAllIds(query: string, filters?: SearchFilters, cap?: number): number[];

  // ---- additions (issue "The local archive") ----
  /** Imports several pages in ONE transaction: all of them are stored, or none. */
  importPages(inputs: ImportPageInput[], actor: Actor, options?: { overwriteCorrections?: boolean }): ImportOutcome[];
  /**
   * Group commit for bulk imports: several files (each a list of pages) in ONE transaction, each
   * file inside its own SAVEPOINT. A file that fails is rolled back alone (its entry carries the
   * error) and the others are kept; nothing of the batch is durable until the whole batch commits
   * (one fsync per batch). If the commit itself fails, the call throws and nothing is stored.
   * Optional: archives without it are driven file by file through importPages.
   */
  importFiles?(files: ImportPageInput[][], actor: Actor, options?: { overwriteCorrections?: boolean }): ImportFileOutcome[];
  /** The page's scan: image facts and line regions (null: the page has none). Optional for test doubles. */
  getPageScan?(pageId: number): PageScanRecord | null;
  /** The page's image bytes (null: none). */
  getPageImage?(pageId: number): { mime: string; bytes: Buffer; sha256: string } | null;
  /** The parts of the story an item belongs to, in page order (just the item when it has no jump lines). */
  getStory(itemId: number): StoryPart[];
  /** The page's revision log, oldest first. */
  listRevisions(pageId: number): RevisionEntry[];
  /** Puts the page back to how it was at `revision` (text, items, state) as a new revision. */
  restoreRevision(pageId: number, revision: number, actor: Actor): { revision: number };
  /** Counts for status lines and benchmarks. */
  stats(): { publications: number; issues: number; pages: number; items: number };
  /**
   * A value that changes when a change is committed by ANOTHER connection — another process on the
   * same SQLite file (a CLI import), another team server on the same PostgreSQL archive. Hosts poll
   * it and tell their windows to refresh (electron/host/archive-watch.ts). Optional for test doubles.
   */
  changeMarker?(): string;

  // ---- a replica's sync conflicts in the app (issue 13 §5; replica-conflicts.ts). SQLite only:
  // a replica is a laptop's SQLite archive; hosts on PostgreSQL answer that it is not one.
  /** The replica's origin (null: not a replica) and its conflicts, open ones only unless `all`. */
  listSyncConflicts?(all: boolean): ReplicaStatus;
  /** Resolves an open conflict: 'mine' saves the kept local version as the page's next revision. */
  resolveSyncConflict?(id: string, choice: ConflictChoice, actor: Actor): SyncConflictView;

  // ---- additions (issue "Roles, tagging, review and approval, history, export") ----
  // Role checks are the service layer's (electron/host/service); the archive keeps the
  // invariants: an approved or exported issue refuses changes (TransitionError), the last
  // supervisor stays, every change is logged with the acting profile.
  listProfiles(): Profile[];
  getProfile(id: string): Profile | null;
  /** By name, ignoring case. */
  findProfile(name: string): Profile | null;
  /** The first profile of an archive becomes a supervisor whatever role was asked for. */
  createProfile(input: { name: string; role: Role }, actor: Actor): Profile;
  updateProfile(id: string, patch: { name?: string; role?: Role }, actor: Actor): Profile;
  removeProfile(id: string, actor: Actor): void;
  getSetting(key: string): string | null;
  /** null removes the setting. */
  setSetting(key: string, value: string | null): void;

  // ---- accounts (issue 13 §2, migration 0012; accounts.ts) ----
  /** Every profile with whether it has a password and is disabled (never the hash). */
  listAccounts(): Account[];
  /** The stored hash and disabled flag, for the service layer's password check only; null: no such profile. */
  profileCredentials(id: string): Credentials | null;
  /** Sets (a scrypt hash string from electron/accounts/password.ts) or removes (null) the password; logged. */
  setProfilePassword(id: string, hash: string | null, actor: Actor): Account;
  /** Disables or enables a profile; the last enabled supervisor stays enabled; logged. */
  setProfileDisabled(id: string, disabled: boolean, actor: Actor): Account;

  getIssue(issueId: number): IssueSummary;
  /** Looks an issue up as PUBLICATION:YYYY-MM-DD (title, Latin title or serial) or by id. */
  findIssue(ref: string): IssueSummary | null;
  getItem(itemId: number): ItemRef;
  listIssueItems(issueId: number): IssueItemRow[];

  /** Replaces an item's tags (one page revision, action 'tag'); unchanged tags write nothing. */
  setItemTags(itemId: number, tags: string[], actor: Actor): { pageId: number; revision: number; tags: string[] };
  /** Adds and removes tags on many items in one transaction, one revision per page changed. */
  changeItemTags(itemIds: number[], add: string[], remove: string[], actor: Actor): { changed: number; pages: { pageId: number; revision: number }[] };
  /** Every tag in use with its number of items, most used first. */
  listTags(): { name: string; count: number }[];

  listVocabulary(): VocabularyTerm[];
  upsertVocabulary(term: VocabularyTerm, actor: Actor): VocabularyTerm;
  /** Refused while the term has children; returns the number removed (0 or 1). */
  removeVocabulary(type: VocabularyTerm['type'], path: string[], actor: Actor): number;
  /** merge: add and update by type+path; replace: the vocabulary becomes exactly `terms`. */
  importVocabulary(terms: VocabularyTerm[], mode: 'merge' | 'replace', actor: Actor): { added: number; updated: number; removed: number };

  /** Approve, reopen (with a reason) or record an export, through the issue state machine. */
  issueEvent(issueId: number, event: { type: 'approve' } | { type: 'export' } | { type: 'reopen'; reason: string }, actor: Actor): IssueSummary;
  listIssueHistory(issueId: number): IssueHistoryRow[];
  /** The page's revisions with their before/after snapshots, oldest first. */
  listRevisionDetails(pageId: number): RevisionDetail[];
  getRevision(revisionId: number): RevisionDetail;
  /** Everything an export needs (galley.issue-export/1), state as it is now. */
  issueForExport(issueId: number, exportedAt: string): IssueExport;

  // ---- additions (issue 10: learning from editors; profiles-store.ts) ----
  /** The publication's learned profile (what it learned from), or null when it has none yet. */
  getPublicationProfile(publicationId: number): PublicationProfileInfo | null;
  listPublicationProfiles(): PublicationProfileInfo[];
  /** The stored galley.profile/1 JSON of the publication's profile, or null. */
  publicationProfileJson(publicationId: number): unknown;
  /** The learned profile of the page's publication, ready to segment with (null: none, or learned over another base model). */
  publicationProfileForPage?(pageId: number): PublicationProfile | null;
}

export interface ItemRef {
  item: StoredItem & { id: number };
  pageId: number;
  issueId: number;
  pageNumber: number | null;
}

export interface IssueItemRow {
  itemId: number;
  pageId: number;
  pageNumber: number | null;
  kind: StoredItem['kind'];
  headline: string | null;
  tags: string[];
}

export interface RevisionDetail extends RevisionEntry {
  profileId: string | null;
  role: Role | null;
  before: unknown;
  after: unknown;
}
