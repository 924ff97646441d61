// The archive on SQLite: the only module that writes SQL (with its migrations).
import { guardArchiveReads } from './checksum-reads.ts';
import { pageSizeProblem } from '../../shared/page-limits.ts';
import { assertCurrentSchema } from './open-mode.ts';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkArchiveFile } from './open-checks.ts';
import { z } from 'zod';
import {
  editableFieldSchema,
  pageStateSchema,
  storedItemSchema,
  type IssueState,
  type IssueSummary,
  type PageRecord,
  type PageState,
  type PageSummary,
  type PublicationSummary,
  type StoredItem,
} from '../../shared/domain.ts';
import { mastheadSchema, segmentationSchema, type Masthead, type Segmentation } from '../../shared/segmentation.ts';
import {
  ArchiveError,
  type Actor,
  type Archive,
  type ImportFileOutcome,
  type ImportOutcome,
  type ImportPageInput,
  type RevisionEntry,
  type SavePageInput,
  type SearchFilters,
  type SearchHit,
  type StoryPart,
} from './archive-api.ts';
import { Db, type ArchiveLogger, type SqlValue } from './db.ts';
import { engineSegmenter, type Segmenter } from './engine-segmenter.ts';
import { foldForSearch } from '../../core/search/fold.ts';
import { migrate } from './migrations/index.ts';
import { pageNumberFromText } from '../../core/import/page-facts.ts';
import { flushSearchIndex } from './search-index.ts';
import { makeSnippet, searchDocText, storedSearchDoc, unpad } from '../../core/search/search-doc.ts';
import { createReviewStore } from './review-store.ts';
import { getPageImage, getPageScan, pageScanInputSchema, putPageScan } from './page-scans.ts';
import { createProfilesStore, settleFirstSplit, type ProfileLearner } from './profiles-store.ts';
import { engineLearner } from './engine-learner.ts';
import { actionsForPageSave } from '../../core/review/index.ts';

export type { Segmenter } from './engine-segmenter.ts';

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

/**
 * Full-text hits are ranked (bm25) among the newest RANK_WINDOW matches. A rarer term is ranked
 * over all of its matches; a term found in tens of thousands of items stays fast, its ranking
 * then covering the newest RANK_WINDOW of them.
 */
/** Built once: a zod schema made per item cost ~25 us each (a quarter second on a 10,000-item page). */
const editedFieldsSchema = z.array(editableFieldSchema);

export const RANK_WINDOW = 500;

/** Most matches counted and walked by paging and bulk actions (a larger total is shown as "100,000+"). */
export const SEARCH_ID_CAP = 100_000;

/**
 * A one- or two-character term is looked up through the index when at most this many trigrams
 * start with it and they occur in at most SHORT_TERM_MAX_DOCS rows; a more common term is found
 * faster by the newest-first scan (it meets enough hits within a few rows).
 */
const SHORT_TERM_MAX_TRIGRAMS = 400;
const SHORT_TERM_MAX_DOCS = 300;

/** Placeholder title for pages whose publication neither a masthead nor a folder name tells. */
export const UNKNOWN_PUBLICATION = 'Unknown publication';

const actorSchema = z.object({
  name: z.string().trim().min(1, 'actor name is empty'),
  profileId: z.string().min(1).optional(),
  role: z.enum(['editor', 'archivist', 'supervisor']).optional(),
});
const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD');
const importPageInputSchema = z.object({
  sourceName: z.string().min(1, 'sourceName is empty'),
  text: z.string(),
  encoding: z.string().min(1),
  pageNumberHint: z.number().int().positive().nullable().optional(),
  dateHint: dateSchema.nullable().optional(),
  publicationHint: z.string().min(1).nullable().optional(),
  blockBoundaries: z.array(z.number().int().nonnegative()).optional(),
  folderHint: z.string().nullable().optional(),
  segmentation: segmentationSchema.optional(),
  engineSegmentation: segmentationSchema.optional(),
  scan: pageScanInputSchema.optional(),
});
const savePageInputSchema = z.object({
  pageId: z.number().int().positive(),
  baseRevision: z.number().int().nonnegative(),
  text: z.string(),
  items: z.array(storedItemSchema),
});
const filtersSchema = z.object({
  publicationId: z.number().int().positive().optional(),
  issueId: z.number().int().positive().optional(),
  dateFrom: dateSchema.optional(),
  dateTo: dateSchema.optional(),
  kind: z.string().min(1).optional(),
  tag: z.string().min(1).optional(),
  state: z.string().min(1).optional(),
});

interface PageRow {
  id: number;
  issue_id: number;
  page_number: number | null;
  source_name: string;
  encoding: string;
  content_hash: string;
  raw_text: string;
  text: string;
  state: PageState;
  revision: number;
  edited: number;
  masthead_json: string | null;
  doubt_count: number;
  model_version: string | null;
  model_profile: string | null;
  model_profile_pages: number | null;
}

interface ItemRow {
  id: number;
  page_id: number;
  ord: number;
  kind: StoredItem['kind'];
  start_offset: number;
  end_offset: number;
  kicker: string | null;
  headline: string | null;
  subheadline: string | null;
  series: string | null;
  byline: string | null;
  paragraphs_json: string;
  continued_on: number | null;
  continued_from: number | null;
  flags_json: string;
  edited_fields_json: string;
  story_id: number | null;
  confidence_json: string | null;
}

interface PageSnapshot {
  text: string;
  state: PageState;
  items: StoredItem[];
}

const snapshotSchema = z.object({
  text: z.string(),
  state: pageStateSchema,
  items: z.array(storedItemSchema),
});

function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** File name without folders and extension: "2021-10-29/p01.txt" → "p01". */
function stem(sourceName: string): string {
  const base = sourceName.split(/[\\/]/).pop() ?? sourceName;
  return base.replace(/#\d+$/, '').replace(/\.[^.]*$/, '');
}

function now(): string {
  return new Date().toISOString();
}

function fail(code: ArchiveError['code'], message: string): never {
  throw new ArchiveError(code, message);
}

function parseOr<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue && issue.path.length ? ` at ${issue.path.join('.')}` : '';
    fail('invalid-input', `invalid ${what}${where}: ${issue?.message ?? 'malformed'}`);
  }
  return r.data;
}

/** Splits a query into folded terms (white space separates terms; all must match). */
export function queryTerms(query: string): string[] {
  const terms = foldForSearch(query)
    .split(/\s+/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  return [...new Set(terms)];
}

/**
 * Three-character pieces (by code point) that cover a term: at 0, 3, 6, … and the last three.
 * Every one must be in a matching row; the term itself is then checked with instr(), so the
 * overlapping pieces in between would only add work (and bm25 phrases) without narrowing much.
 */
function trigrams(term: string): string[] {
  const chars = [...term];
  const at = new Set<number>();
  for (let i = 0; i + 3 <= chars.length; i += 3) at.add(i);
  if (chars.length >= 3) at.add(chars.length - 3);
  return [...at].map((i) => chars.slice(i, i + 3).join(''));
}

function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function openArchive(path: string, options: OpenArchiveOptions = {}): SqliteArchive {
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
  // A damaged file is reported with the way to restore it, never opened half-way or rebuilt.
  checkArchiveFile(path);
  const db = new Db(path, options.logger, { readonly: options.readOnly === true });
  try {
    // A read-only archive is used as it is; one that needs a migration cannot be (open-mode.ts).
    if (options.readOnly) assertCurrentSchema(db.raw, path);
    else migrate(db.raw);
  } catch (e) {
    db.close();
    throw e;
  }
  if (!options.readOnly) {
    // New search_docs rows are indexed together when their transaction commits (search-index.ts).
    db.beforeCommit = () => flushSearchIndex(db);
    // Rows written outside tx() by an older build are indexed now rather than never.
    if ((db.raw.prepare('SELECT EXISTS(SELECT 1 FROM search_pending) AS n').get() as { n: number }).n === 1) db.tx(() => undefined);
  }
  const segment = options.segment ?? engineSegmenter;
  const profiles = createProfilesStore({
    db,
    now,
    logger: options.logger ?? { warn: (m) => console.warn(m) },
    // The model learns only where the model segments: an archive given its own segmenter
    // (tests, bulk loads) learns only when given a learner too.
    learner: options.learner !== undefined ? options.learner : options.segment ? null : engineLearner,
  });

  // ---------- small helpers ----------
  const logRevision = (
    actor: Actor,
    entity: RevisionEntry['entity'],
    entityId: number,
    action: string,
    pageRevision: number | null,
    before: unknown,
    after: unknown,
  ): void => {
    db.stmt(
      'revisions.insert',
      `INSERT INTO revisions(at, actor, profile_id, role, entity, entity_id, action, page_revision, before_json, after_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      now(),
      actor.name,
      actor.profileId ?? null,
      actor.role ?? null,
      entity,
      entityId,
      action,
      pageRevision,
      before === undefined ? null : JSON.stringify(before),
      after === undefined ? null : JSON.stringify(after),
    );
  };

  const pageRow = (pageId: number): PageRow => {
    const row = db.stmt('pages.get', 'SELECT * FROM pages WHERE id = ?').get<PageRow>(pageId);
    if (!row) fail('not-found', `page ${pageId} does not exist`);
    return row;
  };

  // Look up first: an upsert would rewrite the row (and its index entries) on every use.
  const contributorId = (name: string): number => {
    const found = db.stmt('contributors.byName', 'SELECT id FROM contributors WHERE name = ?').get<{ id: number }>(name);
    if (found) return found.id;
    return Number(db.stmt('contributors.insert', 'INSERT INTO contributors(name) VALUES (?)').run(name).lastInsertRowid);
  };

  const tagId = (name: string): number => {
    const found = db.stmt('tags.byName', 'SELECT id FROM tags WHERE name = ?').get<{ id: number }>(name);
    if (found) return found.id;
    return Number(db.stmt('tags.insert', 'INSERT INTO tags(name) VALUES (?)').run(name).lastInsertRowid);
  };

  const itemValues = (item: StoredItem): SqlValue[] => [
    item.kind,
    item.start,
    item.end,
    item.kicker,
    item.headline,
    item.subheadline,
    item.series,
    item.byline,
    JSON.stringify(item.paragraphs),
    item.continuedOn,
    item.continuedFrom,
    JSON.stringify(item.flags),
    JSON.stringify([...new Set(item.editedFields)]),
    item.confidence ? JSON.stringify(item.confidence) : null,
  ];

  const writeItemChildren = (itemId: number, item: StoredItem, fresh: boolean): void => {
    if (!fresh) {
      db.stmt('item_contributors.clear', 'DELETE FROM item_contributors WHERE item_id = ?').run(itemId);
      db.stmt('item_tags.clear', 'DELETE FROM item_tags WHERE item_id = ?').run(itemId);
    }
    item.contributors.forEach((c, ord) => {
      db.stmt('item_contributors.insert', 'INSERT INTO item_contributors(item_id, ord, contributor_id, role) VALUES (?, ?, ?, ?)').run(
        itemId,
        ord,
        contributorId(c.name),
        c.role,
      );
    });
    for (const tag of new Set(item.tags)) {
      db.stmt('item_tags.insert', 'INSERT OR IGNORE INTO item_tags(item_id, tag_id) VALUES (?, ?)').run(itemId, tagId(tag));
    }
    const doc = storedSearchDoc(item);
    if (fresh) {
      db.stmt('search_docs.insert', 'INSERT INTO search_docs(item_id, headline, body, people, tags) VALUES (?, ?, ?, ?, ?)').run(
        itemId,
        doc.headline,
        doc.body,
        doc.people,
        doc.tags,
      );
    } else {
      db.stmt('search_docs.update', 'UPDATE search_docs SET headline = ?, body = ?, people = ?, tags = ? WHERE item_id = ?').run(
        doc.headline,
        doc.body,
        doc.people,
        doc.tags,
        itemId,
      );
    }
  };

  const insertItem = (pageId: number, ord: number, item: StoredItem): number => {
    const r = db
      .stmt(
        'items.insert',
        `INSERT INTO items(page_id, ord, kind, start_offset, end_offset, kicker, headline, subheadline, series, byline,
           paragraphs_json, continued_on, continued_from, flags_json, edited_fields_json, confidence_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(pageId, ord, ...itemValues(item));
    const id = Number(r.lastInsertRowid);
    writeItemChildren(id, item, true);
    return id;
  };

  /** Replaces a page's items, keeping the ids of items that carry an id of this page. */
  const replaceItems = (pageId: number, items: StoredItem[]): void => {
    const existing = new Set(
      db.stmt('items.idsOfPage', 'SELECT id FROM items WHERE page_id = ?').all<{ id: number }>(pageId).map((r) => r.id),
    );
    const keep = new Set(items.map((i) => i.id).filter((id): id is number => id !== undefined && existing.has(id)));
    for (const id of existing) {
      if (!keep.has(id)) db.stmt('items.delete', 'DELETE FROM items WHERE id = ?').run(id);
    }
    const used = new Set<number>();
    items.forEach((item, ord) => {
      if (item.id !== undefined && keep.has(item.id) && !used.has(item.id)) {
        used.add(item.id);
        db.stmt(
          'items.update',
          `UPDATE items SET ord = ?, kind = ?, start_offset = ?, end_offset = ?, kicker = ?, headline = ?, subheadline = ?,
             series = ?, byline = ?, paragraphs_json = ?, continued_on = ?, continued_from = ?, flags_json = ?,
             edited_fields_json = ?, confidence_json = ?
           WHERE id = ?`,
        ).run(ord, ...itemValues(item), item.id);
        writeItemChildren(item.id, item, false);
      } else {
        insertItem(pageId, ord, { ...item, id: undefined });
      }
    });
  };

  const loadItems = (pageId: number): (StoredItem & { id: number })[] => {
    const rows = db.stmt('items.ofPage', 'SELECT * FROM items WHERE page_id = ? ORDER BY ord').all<ItemRow>(pageId);
    const contributors = db
      .stmt(
        'items.contributorsOfPage',
        `SELECT ic.item_id, c.name, ic.role FROM item_contributors ic
         JOIN items i ON i.id = ic.item_id JOIN contributors c ON c.id = ic.contributor_id
         WHERE i.page_id = ? ORDER BY ic.item_id, ic.ord`,
      )
      .all<{ item_id: number; name: string; role: StoredItem['contributors'][number]['role'] }>(pageId);
    const tags = db
      .stmt(
        'items.tagsOfPage',
        `SELECT it.item_id, t.name FROM item_tags it JOIN items i ON i.id = it.item_id JOIN tags t ON t.id = it.tag_id
         WHERE i.page_id = ? ORDER BY it.item_id, t.name`,
      )
      .all<{ item_id: number; name: string }>(pageId);
    const byItem = new Map<number, StoredItem & { id: number }>();
    const out = rows.map((r) => {
      const item: StoredItem & { id: number } = {
        id: r.id,
        kind: r.kind,
        start: r.start_offset,
        end: r.end_offset,
        kicker: r.kicker,
        headline: r.headline,
        subheadline: r.subheadline,
        series: r.series,
        byline: r.byline,
        contributors: [],
        paragraphs: JSON.parse(r.paragraphs_json) as string[],
        continuedOn: r.continued_on,
        continuedFrom: r.continued_from,
        flags: JSON.parse(r.flags_json) as StoredItem['flags'],
        editedFields: editedFieldsSchema.parse(JSON.parse(r.edited_fields_json)),
        tags: [],
      };
      if (r.confidence_json) item.confidence = JSON.parse(r.confidence_json) as NonNullable<StoredItem['confidence']>;
      byItem.set(r.id, item);
      return item;
    });
    for (const c of contributors) byItem.get(c.item_id)?.contributors.push({ name: c.name, role: c.role });
    for (const t of tags) byItem.get(t.item_id)?.tags.push(t.name);
    return out;
  };

  const snapshot = (pageId: number): PageSnapshot => {
    const p = pageRow(pageId);
    return { text: p.text, state: p.state, items: loadItems(pageId) };
  };

  /** An editor saved the page (edited = 1), or some item carries hand-typed fields. */
  const isCorrected = (page: PageRow): boolean =>
    page.edited === 1 ||
    db
      .stmt('items.anyEdited', `SELECT 1 AS x FROM items WHERE page_id = ? AND edited_fields_json <> '[]' LIMIT 1`)
      .get<{ x: number }>(page.id) !== undefined;

  // ---------- review: profiles, issue state, tags, vocabulary (review-store.ts) ----------
  const review = createReviewStore({
    db,
    now,
    pageRow,
    snapshot,
    loadItems,
    writeItemChildren,
    logRevision,
    listIssues: () => archive.listIssues(),
    listPages: (issueId) => archive.listPages(issueId),
    getPage: (pageId) => archive.getPage(pageId),
  });

  // ---------- grouping into publications and issues ----------
  const publicationByTitle = (title: string) =>
    db
      .stmt('publications.byTitle', 'SELECT id, provisional FROM publications WHERE title = ?')
      .get<{ id: number; provisional: number }>(title);

  const ensurePublication = (title: string, provisional: boolean, masthead: Masthead | null): number => {
    const found = publicationByTitle(title);
    if (found) {
      if (!provisional) {
        db.stmt(
          'publications.confirm',
          `UPDATE publications SET provisional = 0, title_latin = coalesce(title_latin, ?), serial = coalesce(serial, ?) WHERE id = ?`,
        ).run(masthead?.titleLatin ?? null, masthead?.serial ?? null, found.id);
      }
      return found.id;
    }
    const r = db
      .stmt('publications.insert', 'INSERT INTO publications(title, title_latin, serial, provisional) VALUES (?, ?, ?, ?)')
      .run(title, masthead?.titleLatin ?? null, masthead?.serial ?? null, provisional ? 1 : 0);
    return Number(r.lastInsertRowid);
  };

  const createIssue = (publicationId: number, date: string | null, folder: string): number => {
    const r = db
      .stmt('issues.insert', 'INSERT INTO issues(publication_id, date, folder_key) VALUES (?, ?, ?)')
      .run(publicationId, date, folder);
    return Number(r.lastInsertRowid);
  };

  const dropEmptyProvisional = (publicationId: number): void => {
    db.stmt(
      'publications.dropEmptyProvisional',
      `DELETE FROM publications WHERE id = ? AND provisional = 1 AND NOT EXISTS (SELECT 1 FROM issues WHERE publication_id = ?)`,
    ).run(publicationId, publicationId);
  };

  const resolveIssue = (masthead: Masthead | null, date: string | null, hint: string | null, folder: string): number => {
    const title = masthead?.title?.trim() || null;
    if (title) {
      const pub = ensurePublication(title, false, masthead);
      const own = date
        ? db
            .stmt('issues.byPublicationDate', 'SELECT id FROM issues WHERE publication_id = ? AND date = ? ORDER BY id LIMIT 1')
            .get<{ id: number }>(pub, date)
        : db
            .stmt(
              'issues.byPublicationUndated',
              'SELECT id FROM issues WHERE publication_id = ? AND date IS NULL AND folder_key = ? ORDER BY id LIMIT 1',
            )
            .get<{ id: number }>(pub, folder);
      if (own) return own.id;
      // Pages of this issue that came first, without a masthead, were filed under a folder-name
      // publication: adopt that issue.
      const stray = db
        .stmt(
          'issues.provisionalInFolder',
          `SELECT i.id, i.publication_id FROM issues i JOIN publications p ON p.id = i.publication_id
           WHERE i.folder_key = ? AND i.date IS ? AND p.provisional = 1 ORDER BY i.id LIMIT 1`,
        )
        .get<{ id: number; publication_id: number }>(folder, date);
      if (stray) {
        db.stmt('issues.rehome', 'UPDATE issues SET publication_id = ? WHERE id = ?').run(pub, stray.id);
        dropEmptyProvisional(stray.publication_id);
        return stray.id;
      }
      return createIssue(pub, date, folder);
    }
    // No masthead title: the issue of the same folder and date, else one under the folder name.
    const sibling = db
      .stmt('issues.byFolderDate', 'SELECT id FROM issues WHERE folder_key = ? AND date IS ? ORDER BY id LIMIT 1')
      .get<{ id: number }>(folder, date);
    if (sibling) return sibling.id;
    const pubTitle = hint?.trim() || UNKNOWN_PUBLICATION;
    const pub = ensurePublication(pubTitle, true, null);
    if (date) {
      const own = db
        .stmt('issues.byPublicationDate', 'SELECT id FROM issues WHERE publication_id = ? AND date = ? ORDER BY id LIMIT 1')
        .get<{ id: number }>(pub, date);
      if (own) return own.id;
    }
    return createIssue(pub, date, folder);
  };

  const applyMastheadToIssue = (issueId: number, masthead: Masthead | null): void => {
    if (!masthead) return;
    db.stmt(
      'issues.applyMasthead',
      `UPDATE issues SET issue_number = coalesce(?, issue_number), page_count = coalesce(?, page_count),
         masthead_json = coalesce(masthead_json, ?) WHERE id = ?`,
    ).run(masthead.issueNumber, masthead.pageCount, JSON.stringify(masthead), issueId);
  };

  // ---------- stories (jump lines) ----------
  const relinkIssue = (issueId: number): void => {
    db.stmt(
      'items.clearStories',
      `UPDATE items SET story_id = NULL WHERE story_id IS NOT NULL AND page_id IN (SELECT id FROM pages WHERE issue_id = ?)`,
    ).run(issueId);
    const rows = db
      .stmt(
        'items.jumpsOfIssue',
        `SELECT i.id, i.continued_on, i.continued_from, p.page_number FROM items i JOIN pages p ON p.id = i.page_id
         WHERE p.issue_id = ? AND (i.continued_on IS NOT NULL OR i.continued_from IS NOT NULL)
         ORDER BY p.page_number, i.ord`,
      )
      .all<{ id: number; continued_on: number | null; continued_from: number | null; page_number: number | null }>(issueId);
    const next = new Map<number, number>();
    const hasPrev = new Set<number>();
    for (const a of rows) {
      if (a.continued_on === null || a.page_number === null) continue;
      const b = rows.find(
        (r) => r.page_number === a.continued_on && r.continued_from === a.page_number && !hasPrev.has(r.id) && r.id !== a.id,
      );
      if (!b) continue;
      next.set(a.id, b.id);
      hasPrev.add(b.id);
    }
    const setStory = db.stmt('items.setStory', 'UPDATE items SET story_id = ? WHERE id = ?');
    for (const head of rows) {
      if (hasPrev.has(head.id) || !next.has(head.id)) continue;
      const seen = new Set<number>();
      for (let id: number | undefined = head.id; id !== undefined && !seen.has(id); id = next.get(id)) {
        seen.add(id);
        setStory.run(head.id, id);
      }
    }
  };

  // ---------- import ----------
  const importOne = (
    input: z.infer<typeof importPageInputSchema>,
    text: string,
    hash: string,
    seg: Segmentation,
    actor: Actor,
    overwrite: boolean,
  ): ImportOutcome => {
    // The page size limit of import, open and save (shared/page-limits.ts): never store a page
    // that could not be saved again.
    const tooBig = pageSizeProblem(text.length, seg.items.length);
    if (tooBig) throw new ArchiveError('invalid-input', `too big to proof: ${tooBig}`);
    const same = db
      .stmt('pages.byHash', 'SELECT id, issue_id FROM pages WHERE content_hash = ? ORDER BY id LIMIT 1')
      .get<{ id: number; issue_id: number }>(hash);
    if (same) return { status: 'unchanged', pageId: same.id, issueId: same.issue_id };

    const masthead = seg.masthead;
    const pageNumber = pageNumberFromText(text) ?? input.pageNumberHint ?? (masthead ? 1 : null);
    const date = masthead?.date ?? input.dateHint ?? null;
    const folder = input.folderHint ?? '';
    const issueId = resolveIssue(masthead, date, input.publicationHint ?? null, folder);
    // A page may not be added to, or replaced in, an approved issue until it is reopened.
    review.assertEditable(issueId);
    applyMastheadToIssue(issueId, masthead);

    // The same page imported before: the same source name, or the same page number from a file
    // of the same stem (p01.txt re-OCR'd as p01.xml). Two different files that both claim page 2
    // are both kept; the editor sorts them out.
    const candidates = db
      .stmt(
        'pages.sameInIssue',
        'SELECT * FROM pages WHERE issue_id = ? AND (source_name = ? OR page_number = ?) ORDER BY id',
      )
      .all<PageRow>(issueId, input.sourceName, pageNumber);
    const existing =
      candidates.find((c) => c.source_name === input.sourceName) ??
      candidates.find((c) => pageNumber !== null && c.page_number === pageNumber && stem(c.source_name) === stem(input.sourceName));
    const items: StoredItem[] = settleFirstSplit(seg.items.map((i) => ({ ...i, editedFields: [], tags: [] })));
    const mastheadJson = masthead ? JSON.stringify(masthead) : null;
    const at = now();

    if (existing) {
      if (isCorrected(existing) && !overwrite) {
        return { status: 'kept-corrections', pageId: existing.id, issueId };
      }
      const before = snapshot(existing.id);
      const revision = existing.revision + 1;
      db.stmt(
        'pages.reimport',
        `UPDATE pages SET source_name = ?, encoding = ?, content_hash = ?, raw_text = ?, text = ?, state = 'imported',
           revision = ?, edited = 0, masthead_json = ?, imported_at = ?, updated_at = ? WHERE id = ?`,
      ).run(input.sourceName, input.encoding, hash, text, text, revision, mastheadJson, at, at, existing.id);
      db.stmt('items.deleteOfPage', 'DELETE FROM items WHERE page_id = ?').run(existing.id);
      items.forEach((item, ord) => insertItem(existing.id, ord, item));
      profiles.writePageFacts(existing.id, items, seg.model ?? null);
      logRevision(actor, 'page', existing.id, 'reimport', revision, before, { text, state: 'imported', items });
      relinkIssue(issueId);
      review.recomputeIssue(issueId, actor);
      return { status: 'imported', pageId: existing.id, issueId };
    }

    const r = db
      .stmt(
        'pages.insert',
        `INSERT INTO pages(issue_id, page_number, source_name, encoding, content_hash, raw_text, text, masthead_json,
           imported_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(issueId, pageNumber, input.sourceName, input.encoding, hash, text, text, mastheadJson, at, at);
    const pageId = Number(r.lastInsertRowid);
    items.forEach((item, ord) => insertItem(pageId, ord, item));
    profiles.writePageFacts(pageId, items, seg.model ?? null);
    logRevision(actor, 'page', pageId, 'import', 0, null, { text, state: 'imported', items });
    relinkIssue(issueId);
    review.recomputeIssue(issueId, actor);
    return { status: 'imported', pageId, issueId };
  };

  /** The page's scan (image and line regions, page-scans.ts) goes in with it, in the same transaction; a re-import refreshes it. */
  const withScan = (input: z.infer<typeof importPageInputSchema>, outcome: ImportOutcome): ImportOutcome => {
    if (input.scan) putPageScan(db, outcome.pageId, input.scan, now());
    return outcome;
  };

  /** Validates and segments one file's pages outside any transaction (the engine is pure). */
  const prepareImport = (inputs: ImportPageInput[]) => {
    const parsed = inputs.map((i, n) => parseOr(importPageInputSchema, i, inputs.length > 1 ? `page input ${n}` : 'page input'));
    // Skip the engine for pages already stored.
    return parsed.map((input) => {
      const text = normaliseNewlines(input.text);
      const hash = contentHash(text);
      const known = db.stmt('pages.byHash', 'SELECT id, issue_id FROM pages WHERE content_hash = ? ORDER BY id LIMIT 1').get(hash);
      let seg: Segmentation = { schema: 'galley.segmentation/1', masthead: null, items: [] };
      if (!known) {
        const opts = {
          ...(input.pageNumberHint ? { pageNumber: input.pageNumberHint } : {}),
          ...(input.blockBoundaries ? { blockBoundaries: input.blockBoundaries } : {}),
        };
        // The import pool's workers may have run the default engine already (engineSegmentation).
        const ready = options.segment ? undefined : input.engineSegmentation;
        seg = input.segmentation ?? ready ?? parseOr(segmentationSchema, segment(text, opts), 'segmentation from the engine');
        // The publication (named by the masthead, else the folder) learned a profile from its
        // proofed pages: segment again with it.
        const learned = input.segmentation ? null : profiles.forImport(seg.masthead?.title ?? input.publicationHint ?? null);
        if (learned) {
          const adapted = parseOr(segmentationSchema, segment(text, { ...opts, profile: learned.profile }), 'segmentation from the engine');
          seg = { ...adapted, model: { version: adapted.model?.version ?? 'unknown', profile: learned.label } };
        }
      }
      return { input, text, hash, seg };
    });
  };

  const importPages = (
    inputs: ImportPageInput[],
    actor: Actor,
    options?: { overwriteCorrections?: boolean },
  ): ImportOutcome[] => {
    const who = parseOr(actorSchema, actor, 'actor');
    const prepared = prepareImport(inputs);
    return db.tx(() =>
      prepared.map((p) => withScan(p.input, importOne(p.input, p.text, p.hash, p.seg, who, options?.overwriteCorrections === true))),
    );
  };

  const importFiles = (
    files: ImportPageInput[][],
    actor: Actor,
    options?: { overwriteCorrections?: boolean },
  ): ImportFileOutcome[] => {
    const who = parseOr(actorSchema, actor, 'actor');
    const overwrite = options?.overwriteCorrections === true;
    const prepared = files.map((inputs) => {
      try {
        return { ok: true as const, pages: prepareImport(inputs) };
      } catch (error) {
        return { ok: false as const, error };
      }
    });
    // One transaction (one fsync); each file in a SAVEPOINT of its own (a nested better-sqlite3
    // transaction), so a file that throws is rolled back alone and the batch goes on.
    const inFile = db.raw.transaction((pages: ReturnType<typeof prepareImport>) =>
      pages.map((p) => withScan(p.input, importOne(p.input, p.text, p.hash, p.seg, who, overwrite))),
    );
    return db.tx(() =>
      prepared.map((f): ImportFileOutcome => {
        if (!f.ok) return f;
        try {
          return { ok: true, outcomes: inFile(f.pages) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
  };

  // ---------- search ----------
  interface HitRow {
    item_id: number;
    page_id: number;
    publication: string;
    date: string | null;
    page_number: number | null;
    kicker: string | null;
    headline: string | null;
    subheadline: string | null;
    series: string | null;
    byline: string | null;
    paragraphs_json: string;
    f_headline: string;
    f_body: string;
    f_people: string;
    f_tags: string;
  }

  const HIT_COLUMNS = `i.id AS item_id, p.id AS page_id, pub.title AS publication, s.date AS date, p.page_number AS page_number,
      i.kicker, i.headline, i.subheadline, i.series, i.byline, i.paragraphs_json,
      d.headline AS f_headline, d.body AS f_body, d.people AS f_people, d.tags AS f_tags`;
  const HIT_JOINS = `JOIN pages p ON p.id = i.page_id JOIN issues s ON s.id = p.issue_id JOIN publications pub ON pub.id = s.publication_id`;

  const toHit = (r: HitRow, terms: string[], rank: number): SearchHit => {
    const fields: [string, keyof ReturnType<typeof searchDocText>][] = [
      [unpad(r.f_body), 'body'],
      [unpad(r.f_headline), 'headline'],
      [unpad(r.f_people), 'people'],
      [unpad(r.f_tags), 'tags'],
    ];
    const hitField = fields.find(([folded]) => terms.some((t) => folded.includes(t))) ?? fields[0]!;
    const key = hitField[1];
    const original = searchDocText({
      kicker: r.kicker,
      headline: r.headline,
      subheadline: r.subheadline,
      series: r.series,
      byline: r.byline,
      paragraphs: key === 'body' ? (JSON.parse(r.paragraphs_json) as string[]) : [],
      contributors:
        key === 'people'
          ? db
              .stmt(
                'search.peopleOfItem',
                `SELECT c.name FROM item_contributors ic JOIN contributors c ON c.id = ic.contributor_id WHERE ic.item_id = ? ORDER BY ic.ord`,
              )
              .all<{ name: string }>(r.item_id)
          : [],
      tags:
        key === 'tags'
          ? db
              .stmt('search.tagsOfItem', 'SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ? ORDER BY t.name')
              .all<{ name: string }>(r.item_id)
              .map((t) => t.name)
          : [],
    })[key];
    return {
      itemId: r.item_id,
      pageId: r.page_id,
      publication: r.publication,
      date: r.date,
      pageNumber: r.page_number,
      headline: r.headline ?? r.kicker ?? r.subheadline ?? null,
      snippet: makeSnippet(original, hitField[0], terms),
      rank,
      tags: db
        .stmt('search.tagsOfItem', 'SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ? ORDER BY t.name')
        .all<{ name: string }>(r.item_id)
        .map((t) => t.name),
    };
  };

  /** The index trigrams that start with a one- or two-character term, and how many rows hold them. */
  const expandShort = (term: string): { trigrams: string[]; docs: number } => {
    const rows = db
      .stmt('search.vocab', `SELECT term, doc FROM items_fts_vocab WHERE term >= ? AND term < ? LIMIT ${SHORT_TERM_MAX_TRIGRAMS + 1}`)
      .all<{ term: string; doc: number }>(term, `${term}\u{10FFFF}`);
    return { trigrams: rows.map((r) => r.term), docs: rows.reduce((n, r) => n + r.doc, 0) };
  };

  const quote = (t: string): string => `"${t.replace(/"/g, '""')}"`;

  /** What a query looks up: the FTS match (null: scan), the WHERE parts with their parameters. Null: nothing can match. */
  interface SearchPlan {
    terms: string[];
    match: string | null;
    where: string[];
    params: SqlValue[];
    shape: string;
    narrowed: boolean;
    /** Filters on the joined tables (the FTS query then joins them). */
    filtered: boolean;
  }
  const planSearch = (query: string, filters: SearchFilters): SearchPlan | null => {
    const f = parseOr(filtersSchema, filters, 'search filters');
    const terms = queryTerms(query);
    // No words: only a tag filter lists items (the newest first); nothing else does.
    if (terms.length === 0 && f.tag === undefined) return null;
    const long = terms.filter((t) => charCount(t) >= 3);
    const short = terms.filter((t) => charCount(t) < 3);

    // What the index looks up, and which terms are then checked as substrings with instr().
    let match: string | null = null;
    let verify: string[];
    if (terms.length === 0) {
      verify = [];
    } else if (long.length > 0) {
      // The index keeps no positions (detail=column): every trigram of every long term must
      // match; terms longer than three characters and all short terms are then checked.
      match = [...new Set(long.flatMap(trigrams))].map(quote).join(' AND ');
      verify = [...short, ...long.filter((l) => charCount(l) > 3)];
    } else {
      // One- and two-character terms: the trigrams that start with the rarest of them (the
      // index pads every column, so every occurrence starts one). Absent → no hits at all. A
      // common term is left to a newest-first scan, which meets enough hits within a few rows.
      const expanded = short.map((t) => ({ t, ...expandShort(t) }));
      if (expanded.some((e) => e.docs === 0)) return null;
      const rarest = expanded
        .filter((e) => e.trigrams.length <= SHORT_TERM_MAX_TRIGRAMS && e.docs <= SHORT_TERM_MAX_DOCS)
        .sort((a, b) => a.docs - b.docs)[0];
      if (rarest) match = rarest.trigrams.map(quote).join(' OR ');
      verify = short.filter((t) => t !== rarest?.t);
    }

    const where: string[] = [];
    const params: SqlValue[] = [];
    for (const t of verify) {
      where.push('(instr(d.headline, ?) > 0 OR instr(d.body, ?) > 0 OR instr(d.people, ?) > 0 OR instr(d.tags, ?) > 0)');
      params.push(t, t, t, t);
    }
    const filterWhere: string[] = [];
    if (f.publicationId !== undefined) {
      filterWhere.push('pub.id = ?');
      params.push(f.publicationId);
    }
    if (f.issueId !== undefined) {
      filterWhere.push('s.id = ?');
      params.push(f.issueId);
    }
    if (f.dateFrom !== undefined) {
      filterWhere.push('s.date >= ?');
      params.push(f.dateFrom);
    }
    if (f.dateTo !== undefined) {
      filterWhere.push('s.date <= ?');
      params.push(f.dateTo);
    }
    if (f.kind !== undefined) {
      filterWhere.push('i.kind = ?');
      params.push(f.kind);
    }
    if (f.state !== undefined) {
      filterWhere.push('p.state = ?');
      params.push(f.state);
    }
    if (f.tag !== undefined) {
      filterWhere.push('EXISTS (SELECT 1 FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id AND t.name = ?)');
      params.push(f.tag);
    }
    where.push(...filterWhere);
    const shape = `${verify.length}/${filterWhere.join(',')}`;

    const narrowed = f.issueId !== undefined || f.dateFrom !== undefined || f.dateTo !== undefined;
    return { terms, match, where, params, shape, narrowed, filtered: filterWhere.length > 0 };
  };

  const hitDetail = () =>
    db.stmt('search.hit', `SELECT ${HIT_COLUMNS} FROM items i JOIN search_docs d ON d.item_id = i.id ${HIT_JOINS} WHERE i.id = ?`);

  const search = (query: string, filters: SearchFilters = {}, limit = 50): SearchHit[] => {
    const max = Math.max(1, Math.min(1000, Math.floor(limit)));
    const plan = planSearch(query, filters);
    if (!plan) return [];
    const { terms, match, where, params, shape, narrowed } = plan;

    // The details of the hits shown, fetched for the final rows only.
    const detail = hitDetail();

    if (match === null) {
      // The scan: the same folded content table, newest first, stopping at `max` hits. It selects
      // ids only (the hit columns are fetched for the final rows). CROSS JOIN pins search_docs as
      // the outer loop, walked by rowid from the newest: left to the planner, SQLite drove the
      // query from publications → issues → pages → items, checked every row and sorted them all
      // in a temp B-tree (tens of ms for a common term at 20,000 items). An issue or date filter,
      // which the issues indexes narrow, is still left to the planner.
      const join = narrowed ? 'JOIN' : 'CROSS JOIN';
      const sql = `SELECT d.item_id AS id FROM search_docs d ${join} items i ON i.id = d.item_id ${HIT_JOINS.replace(/\bJOIN\b/g, join)}
        WHERE ${where.join(' AND ') || '1'} ORDER BY d.item_id DESC LIMIT ?`;
      return db
        .stmt(`search.scan[${shape}]`, sql)
        .all<{ id: number }>(...params, max)
        .flatMap((r) => {
          const row = detail.get<HitRow>(r.id);
          return row ? [toHit(row, terms, 0)] : [];
        });
    }

    // The newest RANK_WINDOW matches, each with its bm25 (headline matches weigh most): the index
    // walks its doclists in rowid order, so this stops early however common the terms are, and
    // bm25 is computed only for rows that pass the substring checks. Best first.
    const joins = plan.filtered ? `JOIN items i ON i.id = items_fts.rowid ${HIT_JOINS}` : '';
    const windowSql = `SELECT items_fts.rowid AS id, bm25(items_fts, 8.0, 1.0, 4.0, 4.0) AS r
      FROM items_fts JOIN search_docs d ON d.item_id = items_fts.rowid ${joins}
      WHERE items_fts MATCH ? ${where.map((w) => `AND ${w}`).join(' ')}
      ORDER BY items_fts.rowid DESC LIMIT ${RANK_WINDOW}`;
    const ranked = db
      .stmt(`search.window[${shape}]`, windowSql)
      .all<{ id: number; r: number }>(match, ...params)
      .sort((x, y) => x.r - y.r || x.id - y.id)
      .slice(0, max);
    if (ranked.length === 0) return [];
    return ranked.flatMap((r) => {
      const row = detail.get<HitRow>(r.id);
      return row ? [toHit(row, terms, r.r)] : [];
    });
  };

  /**
   * Every matching item id (up to `cap`) in the order the hits are shown: the ranked window first
   * (best bm25 first, as `search` returns them), then the other matches newest first. This is
   * what paging and "apply to all matches" walk, so a page never repeats or skips a hit and the
   * total is the true count (not the window's).
   */
  const allMatches = (query: string, filters: SearchFilters, cap: number): { ids: number[]; ranked: SearchHit[] } => {
    const plan = planSearch(query, filters);
    if (!plan) return { ids: [], ranked: [] };
    const { match, where, params, shape, narrowed } = plan;
    if (match === null) {
      const join = narrowed ? 'JOIN' : 'CROSS JOIN';
      const sql = `SELECT d.item_id AS id FROM search_docs d ${join} items i ON i.id = d.item_id ${HIT_JOINS.replace(/\bJOIN\b/g, join)}
        WHERE ${where.join(' AND ') || '1'} ORDER BY d.item_id DESC LIMIT ?`;
      return { ids: db.stmt(`search.scanAll[${shape}]`, sql).all<{ id: number }>(...params, cap).map((r) => r.id), ranked: [] };
    }
    const joins = plan.filtered ? `JOIN items i ON i.id = items_fts.rowid ${HIT_JOINS}` : '';
    const sql = `SELECT items_fts.rowid AS id FROM items_fts JOIN search_docs d ON d.item_id = items_fts.rowid ${joins}
      WHERE items_fts MATCH ? ${where.map((w) => `AND ${w}`).join(' ')}
      ORDER BY items_fts.rowid DESC LIMIT ?`;
    const all = db.stmt(`search.all[${shape}]`, sql).all<{ id: number }>(match, ...params, cap).map((r) => r.id);
    const ranked = search(query, filters, Math.min(1000, RANK_WINDOW));
    const inRanked = new Set(ranked.map((h) => h.itemId));
    return { ids: [...inRanked, ...all.filter((id) => !inRanked.has(id))], ranked };
  };
  const searchAllIds = (query: string, filters: SearchFilters = {}, cap = SEARCH_ID_CAP): number[] => allMatches(query, filters, cap).ids;

  /** A page of hits: the true total and the hits at [offset, offset + limit) of searchAllIds' order. */
  const searchPage = (query: string, filters: SearchFilters = {}, offset = 0, limit = 50): { total: number; capped: boolean; hits: SearchHit[] } => {
    const plan = planSearch(query, filters);
    if (!plan) return { total: 0, capped: false, hits: [] };
    const { ids, ranked: rankedHits } = allMatches(query, filters, SEARCH_ID_CAP);
    const from = Math.max(0, Math.floor(offset));
    const size = Math.max(1, Math.min(1000, Math.floor(limit)));
    const detail = hitDetail();
    const ranked = new Map(rankedHits.map((h) => [h.itemId, h]));
    const hits = ids.slice(from, from + size).flatMap((id) => {
      const known = ranked.get(id);
      if (known) return [known];
      const row = detail.get<HitRow>(id);
      return row ? [toHit(row, plan.terms, 0)] : [];
    });
    return { total: ids.length, capped: ids.length >= SEARCH_ID_CAP, hits };
  };

  // ---------- the interface ----------
  const archive: SqliteArchive = {
    path,
    readOnly: options.readOnly === true,
    db,
    close: () => db.close(),

    importPage(input, actor, options) {
      const [outcome] = importPages([input], actor, options);
      return outcome!;
    },
    importPages,
    importFiles,
    getPageScan: (pageId) => getPageScan(db, pageId),
    getPageImage: (pageId) => getPageImage(db, pageId),

    listPublications(): PublicationSummary[] {
      return db
        .stmt('publications.list', 'SELECT id, title, title_latin, serial FROM publications ORDER BY title')
        .all<{ id: number; title: string; title_latin: string | null; serial: string | null }>()
        .map((r) => ({ id: r.id, title: r.title, titleLatin: r.title_latin, serial: r.serial }));
    },

    listIssues(publicationId?: number): IssueSummary[] {
      const sql = `SELECT s.id, s.publication_id, s.date, s.issue_number, s.page_count, s.state,
          (SELECT count(*) FROM pages p WHERE p.issue_id = s.id) AS pages_total,
          (SELECT count(*) FROM pages p WHERE p.issue_id = s.id AND p.state = 'proofed') AS pages_proofed
        FROM issues s ${publicationId === undefined ? '' : 'WHERE s.publication_id = ?'}
        ORDER BY s.date IS NULL, s.date, s.issue_number, s.id`;
      const rows = db
        .stmt(publicationId === undefined ? 'issues.listAll' : 'issues.listOfPublication', sql)
        .all<{
          id: number;
          publication_id: number;
          date: string | null;
          issue_number: number | null;
          page_count: number | null;
          state: IssueState;
          pages_total: number;
          pages_proofed: number;
        }>(...(publicationId === undefined ? [] : [publicationId]));
      return rows.map((r) => ({
        id: r.id,
        publicationId: r.publication_id,
        date: r.date,
        issueNumber: r.issue_number,
        pageCount: r.page_count,
        state: r.state,
        pagesTotal: r.pages_total,
        pagesProofed: r.pages_proofed,
      }));
    },

    listPages(issueId: number): PageSummary[] {
      return db
        .stmt(
          'pages.listOfIssue',
          `SELECT p.id, p.issue_id, p.page_number, p.source_name, p.state, p.doubt_count,
             (SELECT count(*) FROM items i WHERE i.page_id = p.id) AS item_count
           FROM pages p WHERE p.issue_id = ? ORDER BY p.page_number IS NULL, p.page_number, p.source_name`,
        )
        .all<{ id: number; issue_id: number; page_number: number | null; source_name: string; state: PageState; item_count: number; doubt_count: number }>(
          issueId,
        )
        .map((r) => ({
          id: r.id,
          issueId: r.issue_id,
          pageNumber: r.page_number,
          sourceName: r.source_name,
          state: r.state,
          itemCount: r.item_count,
          doubtCount: r.doubt_count,
        }));
    },

    getPage(pageId: number): PageRecord {
      const p = pageRow(pageId);
      return {
        id: p.id,
        issueId: p.issue_id,
        pageNumber: p.page_number,
        sourceName: p.source_name,
        encoding: p.encoding,
        contentHash: p.content_hash,
        text: p.text,
        state: p.state,
        masthead: p.masthead_json ? mastheadSchema.parse(JSON.parse(p.masthead_json)) : null,
        items: loadItems(p.id),
        revision: p.revision,
        model: p.model_version ? { version: p.model_version, profile: p.model_profile, profilePages: p.model_profile_pages } : null,
      };
    },

    savePage(input: SavePageInput, actor: Actor): { revision: number } {
      const who = parseOr(actorSchema, actor, 'actor');
      const data = parseOr(savePageInputSchema, input, 'page save');
      return db.tx(() => {
        const page = pageRow(data.pageId);
        if (page.revision !== data.baseRevision) {
          fail(
            'revision-conflict',
            `page ${page.id} changed since revision ${data.baseRevision} (it is at revision ${page.revision}); reload it and redo the change`,
          );
        }
        const before = snapshot(page.id);
        const text = normaliseNewlines(data.text);
        if (review.isIssueLocked(page.issue_id)) {
          // An approved issue: a save that changes nothing (autosave) is a no-op, anything else is refused.
          if (actionsForPageSave(before, { text, items: data.items }).length === 0) return { revision: page.revision };
          review.assertEditable(page.issue_id);
        }
        const revision = page.revision + 1;
        db.stmt('pages.save', `UPDATE pages SET text = ?, revision = ?, edited = 1, updated_at = ? WHERE id = ?`).run(
          text,
          revision,
          now(),
          page.id,
        );
        replaceItems(page.id, data.items);
        profiles.writePageFacts(page.id, data.items);
        logRevision(who, 'page', page.id, 'save', revision, before, snapshot(page.id));
        relinkIssue(page.issue_id);
        return { revision };
      });
    },

    setPageState(pageId: number, state: PageState, actor: Actor): void {
      const who = parseOr(actorSchema, actor, 'actor');
      const next = parseOr(pageStateSchema, state, 'page state');
      db.tx(() => {
        const page = pageRow(pageId);
        if (page.state === next) return;
        review.assertEditable(page.issue_id);
        db.stmt('pages.setState', 'UPDATE pages SET state = ?, updated_at = ? WHERE id = ?').run(next, now(), pageId);
        logRevision(who, 'page', pageId, 'state', page.revision, { state: page.state }, { state: next });
        // The editor's corrected segmentation teaches the publication's profile (never costing the state change).
        if (next === 'proofed') profiles.learnQuietly(pageId, { revision: page.revision, text: page.text, items: loadItems(pageId) });
        review.recomputeIssue(page.issue_id, who);
      });
    },

    getIssueMasthead(issueId: number): Masthead | null {
      const row = db
        .stmt('issues.masthead', 'SELECT masthead_json FROM issues WHERE id = ?')
        .get<{ masthead_json: string | null }>(issueId);
      if (!row) fail('not-found', `issue ${issueId} does not exist`);
      return row.masthead_json ? mastheadSchema.parse(JSON.parse(row.masthead_json)) : null;
    },

    search,
    searchAllIds,
    searchPage,

    getStory(itemId: number): StoryPart[] {
      const row = db.stmt('items.story', 'SELECT story_id FROM items WHERE id = ?').get<{ story_id: number | null }>(itemId);
      if (!row) fail('not-found', `item ${itemId} does not exist`);
      const sql = `SELECT i.id, i.page_id, p.page_number, i.headline, i.continued_on, i.continued_from
        FROM items i JOIN pages p ON p.id = i.page_id WHERE ${row.story_id === null ? 'i.id = ?' : 'i.story_id = ?'}
        ORDER BY p.page_number, i.ord`;
      return db
        .stmt(row.story_id === null ? 'items.storySingle' : 'items.storyParts', sql)
        .all<{
          id: number;
          page_id: number;
          page_number: number | null;
          headline: string | null;
          continued_on: number | null;
          continued_from: number | null;
        }>(row.story_id ?? itemId)
        .map((r) => ({
          itemId: r.id,
          pageId: r.page_id,
          pageNumber: r.page_number,
          headline: r.headline,
          continuedOn: r.continued_on,
          continuedFrom: r.continued_from,
        }));
    },

    listRevisions(pageId: number): RevisionEntry[] {
      pageRow(pageId);
      return db
        .stmt(
          'revisions.ofPage',
          `SELECT id, at, actor, entity, entity_id, action, page_revision FROM revisions WHERE entity = 'page' AND entity_id = ? ORDER BY id`,
        )
        .all<{ id: number; at: string; actor: string; entity: 'page'; entity_id: number; action: string; page_revision: number | null }>(
          pageId,
        )
        .map((r) => ({
          id: r.id,
          at: r.at,
          actor: r.actor,
          entity: r.entity,
          entityId: r.entity_id,
          action: r.action,
          pageRevision: r.page_revision,
        }));
    },

    restoreRevision(pageId: number, revision: number, actor: Actor): { revision: number } {
      const who = parseOr(actorSchema, actor, 'actor');
      const target = parseOr(z.number().int().nonnegative(), revision, 'revision');
      return db.tx(() => {
        const page = pageRow(pageId);
        review.assertEditable(page.issue_id);
        const entry = db
          .stmt(
            'revisions.snapshotAt',
            `SELECT after_json FROM revisions WHERE entity = 'page' AND entity_id = ? AND page_revision = ?
               AND action IN ('import', 'reimport', 'save', 'restore', 'tag') ORDER BY id DESC LIMIT 1`,
          )
          .get<{ after_json: string | null }>(pageId, target);
        if (!entry?.after_json) fail('not-found', `page ${pageId} has no revision ${target} to restore`);
        const snap = parseOr(snapshotSchema, JSON.parse(entry.after_json), `revision ${target} snapshot`);
        const before = snapshot(pageId);
        const next = page.revision + 1;
        db.stmt(
          'pages.restore',
          `UPDATE pages SET text = ?, state = ?, revision = ?, edited = 1, updated_at = ? WHERE id = ?`,
        ).run(snap.text, snap.state, next, now(), pageId);
        replaceItems(pageId, snap.items);
        profiles.writePageFacts(pageId, snap.items);
        logRevision(who, 'page', pageId, 'restore', next, { ...before, restoredFrom: target }, snapshot(pageId));
        relinkIssue(page.issue_id);
        review.recomputeIssue(page.issue_id, who);
        return { revision: next };
      });
    },

    listProfiles: review.listProfiles,
    getProfile: review.getProfile,
    findProfile: review.findProfile,
    createProfile: (input, actor) => review.createProfile(input, parseOr(actorSchema, actor, 'actor')),
    updateProfile: (id, patch, actor) => review.updateProfile(id, patch, parseOr(actorSchema, actor, 'actor')),
    removeProfile: (id, actor) => review.removeProfile(id, parseOr(actorSchema, actor, 'actor')),
    getSetting: review.getSetting,
    setSetting: review.setSetting,
    getIssue: review.getIssue,
    findIssue: review.findIssue,
    getItem: review.getItem,
    listIssueItems: review.listIssueItems,
    setItemTags: (itemId, tags, actor) => review.setItemTags(itemId, tags, parseOr(actorSchema, actor, 'actor')),
    changeItemTags: (itemIds, add, remove, actor) => review.changeItemTags(itemIds, add, remove, parseOr(actorSchema, actor, 'actor')),
    listTags: review.listTags,
    listVocabulary: review.listVocabulary,
    upsertVocabulary: (term, actor) => review.upsertVocabulary(term, parseOr(actorSchema, actor, 'actor')),
    removeVocabulary: (type, path, actor) => review.removeVocabulary(type, path, parseOr(actorSchema, actor, 'actor')),
    importVocabulary: (terms, mode, actor) => review.importVocabulary(terms, mode, parseOr(actorSchema, actor, 'actor')),
    issueEvent: (issueId, event, actor) => review.issueEvent(issueId, event, parseOr(actorSchema, actor, 'actor')),
    listIssueHistory: review.listIssueHistory,
    listRevisionDetails: review.listRevisionDetails,
    getRevision: review.getRevision,
    issueForExport: review.issueForExport,
    getPublicationProfile: (publicationId) => profiles.info(publicationId),
    listPublicationProfiles: () => profiles.list(),
    publicationProfileJson: (publicationId) => profiles.json(publicationId),
    publicationProfileForPage: (pageId) => profiles.forPage(pageId)?.profile ?? null,

    stats() {
      const c = (name: string, table: string): number =>
        db.stmt(`stats.${name}`, `SELECT count(*) AS n FROM ${table}`).get<{ n: number }>()!.n;
      return { publications: c('publications', 'publications'), issues: c('issues', 'issues'), pages: c('pages', 'pages'), items: c('items', 'items') };
    },
  };
  // Every read of a page, its items and its history checks their checksums (checksum-reads.ts).
  return guardArchiveReads(archive, db.raw);
}
