// The importer: walks files and folders lazily, reads one file at a time, parses it (plain text,
// ALTO, hOCR, PAGE XML) and stores its pages with group commits: one archive transaction per
// batch of files, a SAVEPOINT per file (archive.importFiles; file by file through importPages
// when the archive has no importFiles). Used by the CLI (`galley import`) and by the app.
// No Electron here.
import { opendir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import type { Actor, ImportFileOutcome, ImportOutcome, ImportPageInput } from '../archive/archive-api.ts';
import type { AnyArchive as Archive } from '../archive/async-archive.ts';
import { decodePageBytes, MAX_PAGE_FILE_BYTES } from '../node/read-page-file.ts';
import { ImportFileError, type MissingProgram } from '../../core/import/errors.ts';
import { isPageFileError } from '../node/page-file-error.ts';
import { ACCEPTED, IMPORTABLE_EXTENSIONS, parsePages, type PageFormat } from './formats.ts';
import { deliveryEntries, findDelivery, listSubtree } from './delivery.ts';
import { pageInputs, prepareFile, readDeliveryImage, type DeliveryFacts, type PreparedFile } from './prepare.ts';
import type { OcrImage } from './ocr.ts';
import type { ParsePool } from './pool/pool.ts';

export { ImportFileError } from '../../core/import/errors.ts';
export type { PageFormat } from './formats.ts';

export type FileStatus = 'imported' | 'unchanged' | 'kept-corrections' | 'skipped' | 'failed';

/** What happened to one file. `file` is the name shown to the user. */
export interface FileResult {
  file: string;
  path: string;
  status: FileStatus;
  format?: PageFormat;
  /** First page stored from the file (most files hold one page). */
  pageId?: number;
  pageIds?: number[];
  issueId?: number;
  error?: string;
  /** Why, as the failure's typed code (ImportFileError / PageFileError), for the UI to word. */
  errorCode?: string;
  /** A missing program (OCR, JPEG 2000): what the UI words the failure with. */
  missingProgram?: MissingProgram;
}

export interface ImportSummary {
  files: number;
  imported: number;
  unchanged: number;
  keptCorrections: number;
  skipped: number;
  failed: number;
  pages: number;
  cancelled: boolean;
  ms: number;
}

export interface ImportOptions {
  /** Called after each file with its result and the running counts. */
  onProgress?: (result: FileResult, summary: ImportSummary) => void;
  signal?: AbortSignal;
  overwriteCorrections?: boolean;
  actor?: Actor;
  /** Group commits: at most this many files per transaction (BATCH_MAX_FILES by default; 1 = a commit per file). */
  batchFiles?: number;
  /** Group commits: a batch is committed once it has been collecting this long (BATCH_MAX_MS by default). */
  batchMs?: number;
  /** OCR of a scan, page by page (render, ocr, done): for a progress line while Tesseract runs. */
  onOcrProgress?: (file: string, progress: { page: number; pages: number; stage: 'render' | 'ocr' | 'done' }) => void;
  /** Decode, parse and segment in these worker threads (pool/pool.ts); the caller stays the one writer and closes the pool. */
  pool?: ParsePool;
}

const pathsSchema = z.array(z.string().min(1, 'an empty path')).min(1, 'no files or folders to import');

export interface FileEntry {
  /** Absolute path. */
  path: string;
  /** Shown to the user: relative to the folder given (with that folder's name), or the file's own name. */
  display: string;
  /** Folder names from the given root down to the file's folder. */
  folders: string[];
  /** True when the user named the file itself (then an unsupported type is an error, not a skip). */
  explicit: boolean;
  /** Facts from the METS/DIDL delivery the file belongs to (delivery.ts). */
  delivery?: DeliveryFacts;
  /** Set when the file is not a page (the reason is reported with status 'skipped'). */
  skip?: string;
  /** The file already turned into pages by loadFile (a scan after OCR, a big XML file streamed; prepare.ts). */
  prepared?: PreparedFile | null;
  /** The page image the delivery names (read by loadFile). */
  deliveryImage?: OcrImage | null;
}

const isHidden = (name: string): boolean => name.startsWith('.') || name === 'Thumbs.db' || name === 'desktop.ini';

/** The two folder names above a file (PUBLICATION/YYYY-MM-DD). */
function parentFolders(abs: string): string[] {
  const d = dirname(abs);
  return [basename(dirname(d)), basename(d)].filter(Boolean);
}

/** Files under the given paths, lazily, each folder's entries in name order (p01 before p02). */
export async function* walkFiles(paths: string[], signal?: AbortSignal): AsyncGenerator<FileEntry> {
  for (const given of paths) {
    if (signal?.aborted) return;
    const abs = resolve(given);
    let info;
    try {
      info = await stat(abs);
    } catch {
      yield { path: abs, display: given, folders: parentFolders(abs), explicit: true };
      continue;
    }
    if (!info.isDirectory()) {
      yield { path: abs, display: given, folders: parentFolders(abs), explicit: true };
      continue;
    }
    const rootName = basename(abs);
    const walk = async function* (dir: string, folders: string[]): AsyncGenerator<FileEntry> {
      // One folder's names at a time: memory stays proportional to the widest folder.
      const names: { name: string; isDir: boolean }[] = [];
      const handle = await opendir(dir);
      for await (const d of handle) {
        if (isHidden(d.name)) continue;
        names.push({ name: d.name, isDir: d.isDirectory() });
      }
      names.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
      // A folder with a METS/DIDL file is one delivery: its pages in the METS order (delivery.ts).
      const found = await findDelivery(dir, names.filter((n) => !n.isDir).map((n) => n.name));
      if (found) {
        const others = await listSubtree(dir);
        yield* await deliveryEntries(dir, found, (p) => [rootName, relative(abs, p)].join(sep), folders, others);
        return;
      }
      for (const n of names) {
        if (signal?.aborted) return;
        const full = join(dir, n.name);
        if (n.isDir) yield* walk(full, [...folders, n.name]);
        else yield { path: full, display: [rootName, relative(abs, full)].join(sep), folders, explicit: false };
      }
    };
    yield* walk(abs, [basename(dirname(abs)), rootName].filter(Boolean));
  }
}

/** Counts the importable files under the paths (for a progress bar); walks names only. */
export async function countFiles(paths: string[], signal?: AbortSignal): Promise<number> {
  let n = 0;
  for await (const f of walkFiles(paths, signal)) if (f.explicit || IMPORTABLE_EXTENSIONS.has(extname(f.path).toLowerCase())) n++;
  return n;
}

function emptySummary(): ImportSummary {
  return { files: 0, imported: 0, unchanged: 0, keptCorrections: 0, skipped: 0, failed: 0, pages: 0, cancelled: false, ms: 0 };
}

/** The typed code of an import failure (ImportFileError, PageFileError); none for other errors. */
function codeOf(error: unknown): { errorCode?: string; missingProgram?: MissingProgram } {
  if (error instanceof ImportFileError) return { errorCode: error.code, ...(error.missing ? { missingProgram: error.missing } : {}) };
  return isPageFileError(error) ? { errorCode: error.code } : {};
}

function messageOf(error: unknown): string {
  const m = error instanceof Error ? error.message : String(error);
  return m.replace(/\s*\n\s*/g, ' ').trim() || 'unknown error';
}

type Loaded = { bytes: Buffer } | { result: FileResult };

/** An archive that takes a batch of files in one transaction (importFiles), this thread's or a worker's. */
type Batched = Archive & { importFiles: NonNullable<Archive['importFiles']> };

/** The I/O half of a file's import: checks and reads it (never throws). */
async function loadFile(entry: FileEntry, options: ImportOptions = {}): Promise<Loaded> {
  const base: Pick<FileResult, 'file' | 'path'> = { file: entry.display, path: entry.path };
  if (entry.skip) return { result: { ...base, status: 'skipped', error: `${entry.display}: ${entry.skip}` } };
  const ext = extname(entry.path).toLowerCase();
  if (!IMPORTABLE_EXTENSIONS.has(ext)) {
    // The accepted types come from the format registry, like every other list of them.
    const reason = `unsupported file type ${ext || '(no extension)'} (accepted: ${ACCEPTED})`;
    return { result: { ...base, status: entry.explicit ? 'failed' : 'skipped', error: `${entry.display}: ${reason}`, errorCode: 'unsupported' } };
  }
  try {
    const info = await stat(entry.path).catch(() => null);
    if (!info) throw new ImportFileError('unsupported', entry.display, 'no such file');
    if (!info.isFile()) throw new ImportFileError('unsupported', entry.display, 'not a regular file');
    // Scans are OCR'd and big XML is streamed here, off the parse path (prepare.ts).
    const onOcr = options.onOcrProgress;
    entry.prepared = await prepareFile(entry.path, entry.display, {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(onOcr ? { ocr: { onProgress: (p: { page: number; pages: number; stage: 'render' | 'ocr' | 'done' }) => onOcr(entry.display, p) } } : {}),
      keepIds: (entry.delivery?.articles.length ?? 0) > 0,
    });
    entry.deliveryImage = await readDeliveryImage(entry.delivery?.imagePath ?? null);
    if (entry.prepared) return { bytes: Buffer.alloc(0) };
    if (info.size > MAX_PAGE_FILE_BYTES) {
      throw new ImportFileError('unsupported', entry.display, `too large (${info.size} bytes; the limit is ${MAX_PAGE_FILE_BYTES})`);
    }
    return { bytes: await readFile(entry.path) };
  } catch (error) {
    return { result: { ...base, status: 'failed', error: messageOf(error), ...codeOf(error) } };
  }
}

/** Decodes and parses one file into the archive's page inputs (throws an ImportFileError). */
export function parseFile(entry: FileEntry, bytes: Buffer): { format: PageFormat; inputs: ImportPageInput[] } {
  const prepared = entry.prepared;
  if (prepared) return { format: prepared.format, inputs: pageInputs(entry, prepared.format, prepared.pages, prepared.encoding, prepared.images) };
  const decoded = decodePageBytes(bytes, entry.display);
  const { format, pages } = parsePages(entry.display, decoded.text, { keepIds: (entry.delivery?.articles.length ?? 0) > 0 });
  return { format, inputs: pageInputs(entry, format, pages, decoded.encoding) };
}

/**
 * A file that could not be imported: 'skipped' when it is not a page (a manifest, a METS) met in a
 * folder, else 'failed' (a file the user named must be a page, as with unsupported types).
 */
export function unimported(entry: Pick<FileEntry, 'display' | 'path' | 'explicit'>, error: unknown): FileResult {
  const notPage = error instanceof ImportFileError && error.code === 'not-a-page' && !entry.explicit;
  return { file: entry.display, path: entry.path, status: notPage ? 'skipped' : 'failed', error: messageOf(error), ...codeOf(error) };
}

/** A stored file's result from its pages' outcomes. */
function storedResult(entry: FileEntry, format: PageFormat, outcomes: ImportOutcome[]): FileResult {
  const status: FileStatus = outcomes.some((o) => o.status === 'imported')
    ? 'imported'
    : outcomes.some((o) => o.status === 'kept-corrections')
      ? 'kept-corrections'
      : 'unchanged';
  return {
    file: entry.display,
    path: entry.path,
    status,
    format,
    pageId: outcomes[0]?.pageId,
    pageIds: outcomes.map((o) => o.pageId),
    issueId: outcomes[0]?.issueId,
  };
}

/** The CPU half: decodes, parses and stores one file's pages in one transaction (never throws). */
async function storeFile(entry: FileEntry, bytes: Buffer, archive: Archive, options: ImportOptions): Promise<FileResult> {
  try {
    const { format, inputs } = parseFile(entry, bytes);
    // One transaction for the whole file: all of its pages are stored, or none.
    const outcomes: ImportOutcome[] = await archive.importPages(inputs, options.actor ?? { name: 'import' }, {
      overwriteCorrections: options.overwriteCorrections === true,
    });
    return storedResult(entry, format, outcomes);
  } catch (error) {
    return unimported(entry, error);
  }
}

/**
 * Group commit: the parsed files of a batch go to the archive in ONE transaction, each file in a
 * SAVEPOINT of its own. A file that fails is rolled back alone; if the commit fails, every file
 * of the batch is failed (nothing of it was stored). Never throws (nor rejects). The results come
 * back at once from an archive on this thread, as a promise from an asynchronous one (its worker
 * stores the batch while this thread goes on reading the next).
 */
function storeBatch(
  batch: { entry: FileEntry; format: PageFormat; inputs: ImportPageInput[] }[],
  archive: Batched,
  options: ImportOptions,
): FileResult[] | Promise<FileResult[]> {
  const fail = (entry: FileEntry, error: unknown): FileResult => ({
    file: entry.display,
    path: entry.path,
    status: 'failed',
    error: messageOf(error),
  });
  const results = (outcomes: ImportFileOutcome[]): FileResult[] =>
    batch.map((b, i) => {
      const o = outcomes[i];
      if (!o) return fail(b.entry, 'no outcome from the archive');
      return o.ok ? storedResult(b.entry, b.format, o.outcomes) : fail(b.entry, o.error);
    });
  const failAll = (error: unknown): FileResult[] => batch.map((b) => fail(b.entry, error));
  try {
    // One message to the archive (one transaction) for the whole batch, never one per page.
    const outcomes = archive.importFiles(
      batch.map((b) => b.inputs),
      options.actor ?? { name: 'import' },
      { overwriteCorrections: options.overwriteCorrections === true },
    );
    return isThenable(outcomes) ? Promise.resolve(outcomes).then(results, failAll) : results(outcomes);
  } catch (error) {
    return failAll(error);
  }
}

const isThenable = <T,>(v: T | PromiseLike<T>): v is PromiseLike<T> => typeof (v as { then?: unknown } | null)?.then === 'function';

/** Group commits: a batch is committed at this many files… */
export const BATCH_MAX_FILES = 50;
/** …or once it has been collecting this long, whichever comes first. */
export const BATCH_MAX_MS = 250;

/** Reads, parses and stores one file; never throws (a failure is a 'failed' result). */
export async function importFile(entry: FileEntry, archive: Archive, options: ImportOptions = {}): Promise<FileResult> {
  const loaded = await loadFile(entry, options);
  return 'result' in loaded ? loaded.result : await storeFile(entry, loaded.bytes, archive, options);
}

/**
 * Imports files and folders, yielding each file's result as it is stored; the generator's return
 * value is the summary. Stops between files when `signal` aborts (summary.cancelled).
 */
export async function* importPaths(
  paths: string[],
  archive: Archive,
  options: ImportOptions = {},
): AsyncGenerator<FileResult, ImportSummary> {
  const list = pathsSchema.parse(paths);
  const t0 = performance.now();
  const summary = emptySummary();
  // Read-ahead of one file: the next file is read while this one is parsed and stored, so the
  // disk and the CPU overlap while memory holds at most two files.
  const files = walkFiles(list, options.signal);
  const nextLoad = async (): Promise<{ entry: FileEntry; loaded: Promise<Loaded> } | null> => {
    const step = await files.next();
    return step.done ? null : { entry: step.value, loaded: loadFile(step.value, options) };
  };
  let pending = nextLoad();
  const count = (result: FileResult): void => {
    summary.files++;
    switch (result.status) {
      case 'imported':
        summary.imported++;
        summary.pages += result.pageIds?.length ?? 0;
        break;
      case 'unchanged':
        summary.unchanged++;
        break;
      case 'kept-corrections':
        summary.keptCorrections++;
        break;
      case 'skipped':
        summary.skipped++;
        break;
      case 'failed':
        summary.failed++;
        break;
    }
    summary.ms = performance.now() - t0;
    options.onProgress?.(result, { ...summary });
  };
  const batched = typeof archive.importFiles === 'function' ? (archive as Batched) : null;
  if (!batched) {
    // File by file: one transaction per file.
    for (;;) {
      const current = await pending;
      if (!current || options.signal?.aborted) break;
      pending = nextLoad();
      const loaded = await current.loaded;
      const result = 'result' in loaded ? loaded.result : await storeFile(current.entry, loaded.bytes, archive, options);
      count(result);
      yield result;
    }
  } else {
    // Group commits: files are parsed into a batch (up to BATCH_MAX_FILES or BATCH_MAX_MS) and
    // the batch is stored in one transaction. A file counts as imported, and is reported, only
    // once its batch has committed. Results keep the walk order (skips and read failures too).
    type Slot = { result: FileResult } | { entry: FileEntry; format: PageFormat; inputs: ImportPageInput[] };
    let slots: Slot[] = [];
    let started = 0;
    let parsedFiles = 0;
    const maxFiles = Math.max(1, Math.floor(options.batchFiles ?? BATCH_MAX_FILES));
    const maxMs = options.batchMs ?? BATCH_MAX_MS;
    // An asynchronous archive (a worker) stores one batch while the next is read and parsed:
    // at most one batch in flight, reported (in walk order) once it has committed.
    let inFlight: Promise<FileResult[]> | null = null;
    const report = function* (out: FileResult[]): Generator<FileResult> {
      for (const r of out) {
        count(r);
        yield r;
      }
    };
    const drain = async function* (): AsyncGenerator<FileResult> {
      if (!inFlight) return;
      const out = await inFlight;
      inFlight = null;
      yield* report(out);
    };
    const flush = async function* (): AsyncGenerator<FileResult> {
      const batch = slots;
      slots = [];
      parsedFiles = 0;
      const toStore = batch.filter((s): s is Exclude<Slot, { result: FileResult }> => !('result' in s));
      const stored = toStore.length ? storeBatch(toStore, batched, options) : [];
      const inOrder = (st: FileResult[]): FileResult[] => {
        let k = 0;
        return batch.map((s) => ('result' in s ? s.result : st[k++]!));
      };
      // The batch before this one is reported first (it was sent first, so it commits first).
      yield* drain();
      if (Array.isArray(stored)) yield* report(inOrder(stored));
      else inFlight = stored.then(inOrder);
    };
    // With a pool, files are read and parsed pool.readAhead ahead, in order (more than a batch,
    // so the workers go on while a batch commits); without one, one ahead.
    const pool = options.pool;
    const ahead: Promise<Slot>[] = [];
    const parseAhead = async (): Promise<void> => {
      while (ahead.length < (pool ? pool.readAhead : 1)) {
        const next = await pending;
        if (!next) return;
        pending = nextLoad();
        const { entry } = next;
        ahead.push(
          next.loaded.then(async (loaded): Promise<Slot> => {
            if ('result' in loaded) return { result: loaded.result };
            try {
              return { entry, ...(pool ? await pool.parse(entry, loaded.bytes) : parseFile(entry, loaded.bytes)) };
            } catch (error) {
              return { result: unimported(entry, error) };
            }
          }),
        );
      }
    };
    for (;;) {
      // Cancelled: the files already parsed into the batch are committed (below), no more are read.
      if (options.signal?.aborted) break;
      await parseAhead();
      const head = ahead.shift();
      if (!head) break;
      const slot = await head;
      if (slots.length === 0) started = performance.now();
      slots.push(slot);
      if (!('result' in slot)) parsedFiles++;
      if (parsedFiles >= maxFiles || performance.now() - started >= maxMs) yield* flush();
    }
    if (slots.length) yield* flush();
    yield* drain();
  }
  summary.cancelled = options.signal?.aborted === true;
  summary.ms = performance.now() - t0;
  return summary;
}

/** importPaths run to the end: the results are reported through onProgress only. */
export async function importAll(paths: string[], archive: Archive, options: ImportOptions = {}): Promise<ImportSummary> {
  const it = importPaths(paths, archive, options);
  for (;;) {
    const step = await it.next();
    if (step.done) return step.value;
  }
}
