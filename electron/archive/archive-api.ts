// The one typed interface to the archive. Everything outside electron/archive/ talks to the
// database through this interface only; no other module writes SQL.
// (Implemented by electron/archive/sqlite-archive.ts.)
import type {
  IssueSummary,
  PageRecord,
  PageState,
  PageSummary,
  PublicationSummary,
  StoredItem,
} from '../../shared/domain.ts';
import type { Masthead, Segmentation } from '../../shared/segmentation.ts';

/** Who made a change, as written to the revision log. */
export interface Actor {
  name: string;
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
  entity: 'page' | 'issue';
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

export interface SavePageInput {
  pageId: number;
  /** The revision the editor's change started from; a stale revision is refused. */
  baseRevision: number;
  text: string;
  items: StoredItem[];
}

export interface SearchFilters {
  publicationId?: number;
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
}

export interface Archive {
  readonly path: string;
  close(): void;

  importPage(input: ImportPageInput, actor: Actor, options?: { overwriteCorrections?: boolean }): ImportOutcome;

  listPublications(): PublicationSummary[];
  listIssues(publicationId?: number): IssueSummary[];
  listPages(issueId: number): PageSummary[];
  getPage(pageId: number): PageRecord;
  /** Replaces a page's text and items in one transaction and logs the change; returns the new revision. */
  savePage(input: SavePageInput, actor: Actor): { revision: number };
  setPageState(pageId: number, state: PageState, actor: Actor): void;
  getIssueMasthead(issueId: number): Masthead | null;

  search(query: string, filters?: SearchFilters, limit?: number): SearchHit[];

  // ---- additions (issue "The local archive") ----
  /** Imports several pages in ONE transaction: all of them are stored, or none. */
  importPages(inputs: ImportPageInput[], actor: Actor, options?: { overwriteCorrections?: boolean }): ImportOutcome[];
  /** The parts of the story an item belongs to, in page order (just the item when it has no jump lines). */
  getStory(itemId: number): StoryPart[];
  /** The page's revision log, oldest first. */
  listRevisions(pageId: number): RevisionEntry[];
  /** Puts the page back to how it was at `revision` (text, items, state) as a new revision. */
  restoreRevision(pageId: number, revision: number, actor: Actor): { revision: number };
  /** Counts for status lines and benchmarks. */
  stats(): { publications: number; issues: number; pages: number; items: number };
}
