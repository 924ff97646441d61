// Import on PostgreSQL: pages validated and segmented outside any transaction (the engine is
// pure), then grouped into their issue and stored with their items, scan and revision in one
// transaction per call (importPages) or one per batch of files with a SAVEPOINT per file
// (importFiles) — the same outcomes as the SQLite archive's page-import.ts. The transaction holds
// LOCK_GROUPING so concurrent imports file pages of a new issue into one issue, not two.
import type { StoredItem } from '../../../shared/domain.ts';
import { segmentationSchema, type Segmentation } from '../../../shared/segmentation.ts';
import { pageSizeProblem } from '../../../shared/page-limits.ts';
import { pageNumberFromText } from '../../../core/import/page-facts.ts';
import { ArchiveError, type Actor, type ImportFileOutcome, type ImportOutcome, type ImportPageInput } from '../archive-api.ts';
import { checkActor, contentHash, normaliseNewlines, parseOr } from '../context.ts';
import { adaptToProfile, importPageInputSchema, importSegmentOptions, stem } from '../page-import.ts';
import { settleFirstSplit } from '../profiles-store.ts';
import { sealItemSet } from './checksum-sets.ts';
import { advisoryLock, LOCK_GROUPING, type PgContext, type PgQuery } from './context.ts';
import { lockEditable, recomputeIssue } from './issue-state.ts';
import { applyMastheadToIssue, resolveIssue } from './issues.ts';
import { insertItems, isCorrected, pageChecksum, snapshot, writePageFacts, type PageRow } from './page-rows.ts';
import { putPageScan } from './page-scans.ts';
import { logRevision } from './revisions.ts';
import { relinkIssue } from './stories.ts';

interface PreparedPage {
  input: ReturnType<typeof importPageInputSchema.parse>;
  text: string;
  hash: string;
  seg: Segmentation;
}

const pageByHash = (q: PgQuery, hash: string) =>
  q.one<{ id: number; issue_id: number }>('pages.byHash', 'SELECT id, issue_id FROM pages WHERE content_hash = $1 ORDER BY id LIMIT 1', [hash]);

async function importOne(ctx: PgContext, q: PgQuery, p: PreparedPage, actor: Actor, overwrite: boolean): Promise<ImportOutcome> {
  const { input, text, hash, seg } = p;
  // The page size limit of import, open and save: never store a page that could not be saved again.
  const tooBig = pageSizeProblem(text.length, seg.items.length);
  if (tooBig) throw new ArchiveError('invalid-input', `too big to proof: ${tooBig}`);
  const same = await pageByHash(q, hash);
  if (same) return { status: 'unchanged', pageId: same.id, issueId: same.issue_id };

  const masthead = seg.masthead;
  const pageNumber = pageNumberFromText(text) ?? input.pageNumberHint ?? (masthead ? 1 : null);
  const date = masthead?.date ?? input.dateHint ?? null;
  const folder = input.folderHint ?? '';
  const issueId = await resolveIssue(q, masthead, date, input.publicationHint ?? null, folder);
  // A page may not be added to, or replaced in, an approved issue until it is reopened.
  await lockEditable(q, issueId);
  await applyMastheadToIssue(q, issueId, masthead);

  // The same page imported before: the same source name, or the same page number from a file of
  // the same stem (p01.txt re-OCR'd as p01.xml).
  const candidates = await q.all<PageRow>(
    'pages.sameInIssue',
    `SELECT id, issue_id, page_number, source_name, encoding, content_hash, raw_text, text, state, revision, edited, masthead_json,
       doubt_count, model_version, model_profile, model_profile_pages
     FROM pages WHERE issue_id = $1 AND (source_name = $2 OR page_number = $3) ORDER BY id FOR UPDATE`,
    [issueId, input.sourceName, pageNumber],
  );
  const existing =
    candidates.find((c) => c.source_name === input.sourceName) ??
    candidates.find((c) => pageNumber !== null && c.page_number === pageNumber && stem(c.source_name) === stem(input.sourceName));
  const items: StoredItem[] = settleFirstSplit(seg.items.map((i) => ({ ...i, editedFields: [], tags: [] })));
  const mastheadJson = masthead ? JSON.stringify(masthead) : null;
  const at = ctx.now();
  const checksum = pageChecksum({ raw_text: text, text, masthead_json: mastheadJson });

  if (existing) {
    if ((await isCorrected(q, existing)) && !overwrite) return { status: 'kept-corrections', pageId: existing.id, issueId };
    const before = await snapshot(q, existing.id);
    const revision = existing.revision + 1;
    await q.run(
      'pages.reimport',
      `UPDATE pages SET source_name = $1, encoding = $2, content_hash = $3, raw_text = $4, text = $4, state = 'imported',
         revision = $5, edited = false, masthead_json = $6, imported_at = $7, updated_at = $7, checksum = $8 WHERE id = $9`,
      [input.sourceName, input.encoding, hash, text, revision, mastheadJson, at, checksum, existing.id],
    );
    await q.run('items.deleteOfPage', 'DELETE FROM items WHERE page_id = $1', [existing.id]);
    await insertItems(q, existing.id, items.map((item, ord) => ({ ord, item })));
    await sealItemSet(q, existing.id);
    await writePageFacts(ctx, q, existing.id, items, seg.model ?? null);
    await logRevision(ctx, q, actor, 'page', existing.id, 'reimport', revision, before, { text, state: 'imported', items });
    await relinkIssue(q, issueId);
    await recomputeIssue(ctx, q, issueId, actor);
    return { status: 'imported', pageId: existing.id, issueId };
  }

  const r = await q.one<{ id: number }>(
    'pages.insert',
    `INSERT INTO pages(issue_id, page_number, source_name, encoding, content_hash, raw_text, text, masthead_json, imported_at, updated_at, checksum)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $8, $9) RETURNING id`,
    [issueId, pageNumber, input.sourceName, input.encoding, hash, text, mastheadJson, at, checksum],
  );
  const pageId = r!.id;
  await insertItems(q, pageId, items.map((item, ord) => ({ ord, item })));
  await sealItemSet(q, pageId);
  await writePageFacts(ctx, q, pageId, items, seg.model ?? null);
  await logRevision(ctx, q, actor, 'page', pageId, 'import', 0, null, { text, state: 'imported', items });
  await relinkIssue(q, issueId);
  await recomputeIssue(ctx, q, issueId, actor);
  return { status: 'imported', pageId, issueId };
}

/** The page's scan goes in with it, in the same transaction; a re-import refreshes it. */
async function storePage(ctx: PgContext, q: PgQuery, p: PreparedPage, actor: Actor, overwrite: boolean): Promise<ImportOutcome> {
  const outcome = await importOne(ctx, q, p, actor, overwrite);
  if (p.input.scan) await putPageScan(q, outcome.pageId, p.input.scan, ctx.now());
  return outcome;
}

/** Validates and segments one file's pages outside any write transaction (the engine is pure). */
async function prepareImport(ctx: PgContext, inputs: ImportPageInput[]): Promise<PreparedPage[]> {
  const parsed = inputs.map((i, n) => parseOr(importPageInputSchema, i, inputs.length > 1 ? `page input ${n}` : 'page input'));
  return ctx.read(async (q) => {
    const out: PreparedPage[] = [];
    for (const input of parsed) {
      const text = normaliseNewlines(input.text);
      const hash = contentHash(text);
      let seg: Segmentation = { schema: 'galley.segmentation/1', masthead: null, items: [] };
      // Skip the engine for pages already stored.
      if (!(await pageByHash(q, hash))) {
        const opts = importSegmentOptions(input);
        const ready = ctx.ownSegmenter ? undefined : input.engineSegmentation;
        seg = input.segmentation ?? ready ?? parseOr(segmentationSchema, ctx.segment(text, opts), 'segmentation from the engine');
        // The publication (named by the masthead, else the folder) learned a profile from its proofed pages.
        const learned = input.segmentation ? null : await ctx.profiles.forImport(q, seg.masthead?.title ?? input.publicationHint ?? null);
        seg = adaptToProfile(ctx.segment, text, opts, seg, learned);
      }
      out.push({ input, text, hash, seg });
    }
    return out;
  });
}

/** Imports several pages in ONE transaction: all of them are stored, or none. */
export async function importPages(ctx: PgContext, inputs: ImportPageInput[], actor: Actor, options?: { overwriteCorrections?: boolean }): Promise<ImportOutcome[]> {
  const who = checkActor(actor);
  const prepared = await prepareImport(ctx, inputs);
  return ctx.tx(async (q) => {
    await advisoryLock(q, LOCK_GROUPING);
    const out: ImportOutcome[] = [];
    for (const p of prepared) out.push(await storePage(ctx, q, p, who, options?.overwriteCorrections === true));
    return out;
  });
}

/** Several files in ONE transaction, each in a SAVEPOINT of its own (see Archive.importFiles). */
export async function importFiles(ctx: PgContext, files: ImportPageInput[][], actor: Actor, options?: { overwriteCorrections?: boolean }): Promise<ImportFileOutcome[]> {
  const who = checkActor(actor);
  const overwrite = options?.overwriteCorrections === true;
  const prepared: ({ ok: true; pages: PreparedPage[] } | { ok: false; error: unknown })[] = [];
  for (const inputs of files) {
    try {
      prepared.push({ ok: true, pages: await prepareImport(ctx, inputs) });
    } catch (error) {
      prepared.push({ ok: false, error });
    }
  }
  return ctx.tx(async (q) => {
    await advisoryLock(q, LOCK_GROUPING);
    const out: ImportFileOutcome[] = [];
    for (const f of prepared) {
      if (!f.ok) {
        out.push(f);
        continue;
      }
      try {
        const outcomes = await q.savepoint(async () => {
          const list: ImportOutcome[] = [];
          for (const p of f.pages) list.push(await storePage(ctx, q, p, who, overwrite));
          return list;
        });
        out.push({ ok: true, outcomes });
      } catch (error) {
        // A lost connection or a serialization failure is not this file's fault: the batch fails.
        const code = (error as { code?: unknown }).code;
        if (code === '40001' || code === '40P01' || (error as Error).message?.includes('Connection terminated')) throw error;
        out.push({ ok: false, error });
      }
    }
    return out;
  });
}
