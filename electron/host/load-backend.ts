// Wires the real archive, importer and engine into the Backend adapters used by the handlers.
import { deriveItems } from '../../core/engine/index.ts';
import { archiveKind, openArchiveFor } from '../archive/open-any.ts';
import { archiveWritable } from '../archive/open-mode.ts';
import { importFile, importPaths, walkFiles, type FileResult } from '../importer/index.ts';
import { createParsePool } from '../importer/pool/pool.ts';
import type { ImportOutcomeRow, ImportProgress } from '../../shared/ipc.ts';
import type { Backend, EngineAdapter, ImporterAdapter } from './backend.ts';
import type { Actor } from '../archive/archive-api.ts';

export const engineAdapter: EngineAdapter = {
  deriveItems: (text, starts, kinds, profile) => deriveItems(text, starts, kinds, profile ? { profile } : undefined),
};

export function toOutcome(r: FileResult): ImportOutcomeRow {
  return {
    source: r.file,
    status: r.status,
    ...(r.pageId !== undefined ? { pageId: r.pageId } : {}),
    ...(r.issueId !== undefined ? { issueId: r.issueId } : {}),
    ...(r.error !== undefined ? { error: r.error } : {}),
    ...(r.errorCode !== undefined ? { errorCode: r.errorCode } : {}),
    ...(r.missingProgram !== undefined ? { missingProgram: r.missingProgram } : {}),
  };
}

export function importerAdapter(actor: Actor): ImporterAdapter {
  return {
    async importUploads(files, archive, { onProgress, signal, actor: who = actor }) {
      const outcomes: ImportOutcomeRow[] = [];
      const errors: ImportProgress['errors'] = [];
      for (const f of files) {
        if (signal?.aborted) return { outcomes, cancelled: true };
        const parts = f.relativePath.split('/');
        // The folders the user dropped (at most the two above the file), never the temp folders.
        const folders = parts.slice(Math.max(0, parts.length - 3), -1);
        // A scan's OCR reports page by page, and the cancel switch stops it (issue 11).
        const onOcrProgress = (name: string, p: { page: number; pages: number }) =>
          onProgress({ done: outcomes.length, total: files.length, current: p.pages ? `${name} · OCR ${p.page}/${p.pages}` : `${name} · OCR`, errors: [...errors], finished: false });
        const result = await importFile({ path: f.path, display: f.relativePath, folders, explicit: parts.length === 1 }, archive, { actor: who, onOcrProgress, ...(signal ? { signal } : {}) });
        const row = toOutcome(result);
        outcomes.push(row);
        if (row.status === 'failed') errors.push({ source: row.source, message: row.error ?? 'failed', ...(row.missingProgram ? { missingProgram: row.missingProgram } : {}) });
        onProgress({ done: outcomes.length, total: files.length, current: row.source, errors: [...errors], finished: false });
      }
      // A cancel that stopped the last file's OCR cancelled the import too.
      return { outcomes, cancelled: signal?.aborted === true };
    },
    async importPaths(paths, archive, { onProgress, signal, actor: who = actor }) {
      const outcomes: ImportOutcomeRow[] = [];
      const errors: ImportProgress['errors'] = [];
      // The importer walks folders lazily (memory stays flat on a year of pages), so the panel's
      // "N of M" total comes from a walk of names first (tens of ms for a year's folder). A folder
      // it cannot read is the import's to report, file by file: the total is then left unknown (0).
      let total = 0;
      try {
        for await (const _ of walkFiles(paths, signal)) total++;
      } catch {
        total = 0;
      }
      // Folder imports decode, parse and segment on every core; this thread stays the one writer.
      const pool = createParsePool();
      const it = importPaths(paths, archive, { actor: who, pool, ...(signal ? { signal } : {}) });
      for (;;) {
        const step = await it.next().catch(async (error: unknown) => {
          await pool.close();
          throw error;
        });
        if (step.done) {
          await pool.close();
          return { outcomes, cancelled: step.value.cancelled };
        }
        const row = toOutcome(step.value);
        outcomes.push(row);
        if (row.status === 'failed') errors.push({ source: row.source, message: row.error ?? 'failed', ...(row.missingProgram ? { missingProgram: row.missingProgram } : {}) });
        onProgress({ done: outcomes.length, total: Math.max(total, outcomes.length), current: row.source, errors: [...errors], finished: false });
      }
    },
  };
}

/**
 * The hosts' backend: the archive — a SQLite file in its worker thread (the one writer; the host's
 * thread never waits on SQL), or a team archive on PostgreSQL (a postgresql:// URL) — the engine
 * and the importer.
 */
export async function loadBackend(target: string, actor: Actor): Promise<Backend> {
  // A file that cannot be written opens read-only (the workspace shows a banner) instead of failing.
  const readOnly = archiveKind(target) === 'sqlite' && !archiveWritable(target);
  const archive = await openArchiveFor(target, { readOnly });
  return { archive, engine: engineAdapter, importer: importerAdapter(actor) };
}
