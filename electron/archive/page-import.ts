// Import: pages validated and segmented outside any transaction (the engine is pure), then
// grouped into their issue and stored with their items, scan and revision in one transaction per
// call (importPages) or one per batch of files with a savepoint per file (importFiles).
import { z } from 'zod';
import { profileInUse } from '../../core/engine/model/profile.ts';
import type { StoredItem } from '../../shared/domain.ts';
import type { SearchDocText } from '../../core/search/search-doc.ts';
import { segmentationSchema, type Segmentation } from '../../shared/segmentation.ts';
import { pageSizeProblem } from '../../shared/page-limits.ts';
import { pageNumberFromText } from '../../core/import/page-facts.ts';
import { ArchiveError, type Actor, type ImportFileOutcome, type ImportOutcome, type ImportPageInput } from './archive-api.ts';
import { checkActor, contentHash, dateSchema, normaliseNewlines, parseOr, type ArchiveContext } from './context.ts';
import { rowChecksum, sealItemSet } from './checksums.ts';
import { assertEditable, recomputeIssue } from './issue-state.ts';
import { applyMastheadToIssue, resolveIssue } from './issues.ts';
import { insertItem, isCorrected, snapshot, type PageRow } from './page-rows.ts';
import { pageScanInputSchema, putPageScan } from './page-scans.ts';
import { settleFirstSplit, type SegmentingProfile } from './profiles-store.ts';
import type { Segmenter } from './engine-segmenter.ts';
import { PAGE_REF } from './revision-refs.ts';
import { logRevision } from './revisions.ts';
import { withIndexBatch } from './search-index.ts';
import { relinkIssue } from './stories.ts';

/** What the archive's segmenter takes besides the text. */
type SegmentOptions = NonNullable<Parameters<Segmenter>[1]>;

export const importPageInputSchema = z.object({
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
  engineSearchDocs: z.array(z.object({ headline: z.string(), body: z.string(), people: z.string(), tags: z.string() })).optional(),
  scan: pageScanInputSchema.optional(),
});

interface PreparedPage {
  input: z.infer<typeof importPageInputSchema>;
  text: string;
  hash: string;
  seg: Segmentation;
  /** The items' search index text folded by the import worker (null: folded here when written). */
  docs: SearchDocText[] | null;
}

/** File name without folders and extension: "2021-10-29/p01.txt" → "p01". */
export function stem(sourceName: string): string {
  const base = sourceName.split(/[\\/]/).pop() ?? sourceName;
  return base.replace(/#\d+$/, '').replace(/\.[^.]*$/, '');
}

const pageByHash = (ctx: ArchiveContext, hash: string) =>
  ctx.db.stmt('pages.byHash', 'SELECT id, issue_id FROM pages WHERE content_hash = ? ORDER BY id LIMIT 1').get<{ id: number; issue_id: number }>(hash);

function importOne(ctx: ArchiveContext, p: PreparedPage, actor: Actor, overwrite: boolean): ImportOutcome {
  const { db } = ctx;
  const { input, text, hash, seg, docs } = p;
  // The page size limit of import, open and save (shared/page-limits.ts): never store a page
  // that could not be saved again.
  const tooBig = pageSizeProblem(text.length, seg.items.length);
  if (tooBig) throw new ArchiveError('invalid-input', `too big to proof: ${tooBig}`);
  const same = pageByHash(ctx, hash);
  if (same) return { status: 'unchanged', pageId: same.id, issueId: same.issue_id };

  const masthead = seg.masthead;
  const pageNumber = pageNumberFromText(text) ?? input.pageNumberHint ?? (masthead ? 1 : null);
  const date = masthead?.date ?? input.dateHint ?? null;
  const folder = input.folderHint ?? '';
  const issueId = resolveIssue(ctx, masthead, date, input.publicationHint ?? null, folder);
  // A page may not be added to, or replaced in, an approved issue until it is reopened.
  assertEditable(ctx, issueId);
  applyMastheadToIssue(ctx, issueId, masthead);

  // The same page imported before: the same source name, or the same page number from a file
  // of the same stem (p01.txt re-OCR'd as p01.xml). Two different files that both claim page 2
  // are both kept; the editor sorts them out.
  const candidates = db
    .stmt('pages.sameInIssue', 'SELECT * FROM pages WHERE issue_id = ? AND (source_name = ? OR page_number = ?) ORDER BY id')
    .all<PageRow>(issueId, input.sourceName, pageNumber);
  const existing =
    candidates.find((c) => c.source_name === input.sourceName) ??
    candidates.find((c) => pageNumber !== null && c.page_number === pageNumber && stem(c.source_name) === stem(input.sourceName));
  const items: StoredItem[] = settleFirstSplit(seg.items.map((i) => ({ ...i, editedFields: [], tags: [] })));
  const mastheadJson = masthead ? JSON.stringify(masthead) : null;
  const at = ctx.now();
  // raw_text is '' while the text is the imported one: the text is stored once (migration 0015, raw-text.ts).

  if (existing) {
    if (isCorrected(ctx, existing) && !overwrite) {
      return { status: 'kept-corrections', pageId: existing.id, issueId };
    }
    const before = snapshot(ctx, existing.id);
    const revision = existing.revision + 1;
    db.stmt(
      'pages.reimport',
      `UPDATE pages SET source_name = ?, encoding = ?, content_hash = ?, raw_text = ?, text = ?, state = 'imported',
         revision = ?, edited = 0, masthead_json = ?, imported_at = ?, updated_at = ? WHERE id = ?`,
    ).run(input.sourceName, input.encoding, hash, '', text, revision, mastheadJson, at, at, existing.id);
    db.stmt('items.deleteOfPage', 'DELETE FROM items WHERE page_id = ?').run(existing.id);
    // The text just written is the page's imported text, which the items' paragraphs refer to.
    items.forEach((item, ord) => insertItem(ctx, existing.id, ord, item, text, undefined, docs?.[ord]));
    sealItemSet(db.raw, existing.id);
    ctx.profiles.writePageFacts(existing.id, items, seg.model ?? null);
    // The page as imported is the row just written: the revision refers to it (revision-refs.ts).
    logRevision(ctx, actor, 'page', existing.id, 'reimport', revision, before, PAGE_REF);
    relinkIssue(ctx, issueId);
    recomputeIssue(ctx, issueId, actor);
    return { status: 'imported', pageId: existing.id, issueId };
  }

  // The row goes in whole: its checksum (PAGE_COLUMNS: raw_text, text, masthead_json) and page facts
  // with it, so no trigger or UPDATE writes the text's overflow pages a second time (migration 0018).
  const facts = ctx.profiles.newPageFacts(issueId, items, seg.model ?? null);
  const r = db
    .stmt(
      'pages.insert',
      `INSERT INTO pages(issue_id, page_number, source_name, encoding, content_hash, raw_text, text, masthead_json,
         imported_at, updated_at, doubt_count, model_version, model_profile, model_profile_pages, checksum)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      issueId, pageNumber, input.sourceName, input.encoding, hash, '', text, mastheadJson, at, at,
      facts.doubtCount, facts.version, facts.profile, facts.profilePages, rowChecksum(['', text, mastheadJson]),
    );
  const pageId = Number(r.lastInsertRowid);
  items.forEach((item, ord) => insertItem(ctx, pageId, ord, item, text, undefined, docs?.[ord]));
  sealItemSet(db.raw, pageId);
  logRevision(ctx, actor, 'page', pageId, 'import', 0, null, PAGE_REF);
  relinkIssue(ctx, issueId);
  recomputeIssue(ctx, issueId, actor);
  return { status: 'imported', pageId, issueId };
}

/** The page's scan (image and line regions, page-scans.ts) goes in with it, in the same transaction; a re-import refreshes it. */
function storePage(ctx: ArchiveContext, p: PreparedPage, actor: Actor, overwrite: boolean): ImportOutcome {
  const outcome = importOne(ctx, p, actor, overwrite);
  if (p.input.scan) putPageScan(ctx.db, outcome.pageId, p.input.scan, ctx.now());
  return outcome;
}

/** Validates and segments one file's pages outside any transaction (the engine is pure). */
function prepareImport(ctx: ArchiveContext, inputs: ImportPageInput[]): PreparedPage[] {
  const parsed = inputs.map((i, n) => parseOr(importPageInputSchema, i, inputs.length > 1 ? `page input ${n}` : 'page input'));
  // Skip the engine for pages already stored.
  return parsed.map((input) => {
    const text = normaliseNewlines(input.text);
    const hash = contentHash(text);
    let seg: Segmentation = { schema: 'galley.segmentation/1', masthead: null, items: [] };
    let docs: SearchDocText[] | null = null;
    if (!pageByHash(ctx, hash)) {
      const opts = importSegmentOptions(input);
      // The import pool's workers may have run the default engine already (engineSegmentation).
      const ready = ctx.ownSegmenter ? undefined : input.engineSegmentation;
      seg = input.segmentation ?? ready ?? parseOr(segmentationSchema, ctx.segment(text, opts), 'segmentation from the engine');
      // The publication (named by the masthead, else the folder) learned a profile from its proofed pages.
      const learned = input.segmentation ? null : ctx.profiles.forImport(seg.masthead?.title ?? input.publicationHint ?? null);
      seg = adaptToProfile(ctx.segment, text, opts, seg, learned);
      // The worker's folded text fits only the items it segmented, one each.
      if (seg === ready && input.engineSearchDocs?.length === seg.items.length) docs = input.engineSearchDocs;
    }
    return { input, text, hash, seg, docs };
  });
}

/** The engine's options for an imported page: the page number and OCR block boundaries it came with. */
export function importSegmentOptions(input: ImportPageInput): SegmentOptions {
  return {
    ...(input.pageNumberHint ? { pageNumber: input.pageNumberHint } : {}),
    ...(input.blockBoundaries ? { blockBoundaries: input.blockBoundaries } : {}),
  };
}

/**
 * An imported page segmented again with its publication's learned profile, and naming it (both
 * archives) — unless there is none, or its trial set it aside (worse than the base model): the
 * page then keeps the base model's items and names no profile.
 */
export function adaptToProfile(segment: Segmenter, text: string, opts: SegmentOptions, seg: Segmentation, learned: SegmentingProfile | null): Segmentation {
  if (!learned || !profileInUse(learned.profile)) return seg;
  const adapted = parseOr(segmentationSchema, segment(text, { ...opts, profile: learned.profile }), 'segmentation from the engine');
  return { ...adapted, model: { version: adapted.model?.version ?? 'unknown', profile: learned.label } };
}

/** Imports several pages in ONE transaction: all of them are stored, or none. */
export function importPages(ctx: ArchiveContext, inputs: ImportPageInput[], actor: Actor, options?: { overwriteCorrections?: boolean }): ImportOutcome[] {
  const who = checkActor(actor);
  const prepared = prepareImport(ctx, inputs);
  return ctx.db.tx(() => withIndexBatch(ctx.db, () => prepared.map((p) => storePage(ctx, p, who, options?.overwriteCorrections === true))));
}

/** Several files in ONE transaction, each in a savepoint of its own (see Archive.importFiles). */
export function importFiles(ctx: ArchiveContext, files: ImportPageInput[][], actor: Actor, options?: { overwriteCorrections?: boolean }): ImportFileOutcome[] {
  const who = checkActor(actor);
  const overwrite = options?.overwriteCorrections === true;
  const prepared = files.map((inputs) => {
    try {
      return { ok: true as const, pages: prepareImport(ctx, inputs) };
    } catch (error) {
      return { ok: false as const, error };
    }
  });
  // One transaction (one fsync); each file in a SAVEPOINT of its own (a nested better-sqlite3
  // transaction), so a file that throws is rolled back alone and the batch goes on.
  const inFile = ctx.db.raw.transaction((pages: PreparedPage[]) => pages.map((p) => storePage(ctx, p, who, overwrite)));
  // The batch's search index rows are written together before the commit (search-index.ts).
  return ctx.db.tx(() =>
    withIndexBatch(ctx.db, () =>
      prepared.map((f): ImportFileOutcome => {
        if (!f.ok) return f;
        try {
          return { ok: true, outcomes: inFile(f.pages) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    ),
  );
}
