// `galley import PATH... [--archive PATH | --db URL] [--json] [--overwrite]`: import page files and folders
// (plain text, ALTO, hOCR, PAGE XML, METS deliveries, scans OCR'd locally) into the archive: files commit in batches, each file in a
// savepoint of its own, so a failed file leaves nothing behind (see docs/import.md).
import { z } from 'zod';
import { archiveOptionsHelp } from '../archive-options-help.ts';
import { countFiles, importPaths, type FileResult, type ImportSummary } from '../../importer/index.ts';
import { createParsePool } from '../../importer/pool/pool.ts';
import { formatHelpLines } from '../../importer/formats.ts';
import { tokenize, validate } from '../args.ts';
import { openCliArchive } from '../review-cli.ts';
import type { CliIO } from '../cli-io.ts';

export const summary = 'Import page files and folders (text, ALTO, hOCR, PAGE XML, METS, scans) into the archive';
export const usage = 'galley import PATH... [--archive PATH | --db URL] [--json] [--overwrite]';

const HELP = `Usage: ${usage}

Import page files, or folders of them (walked recursively), into the archive. Accepted (the
importer's format registry):
${formatHelpLines('  ').join('\n')}
Plain text may be in any common Chinese encoding. Scans are OCR'd locally with Tesseract
(Debian packages tesseract-ocr, tesseract-ocr-chi-sim, poppler-utils, libopenjp2-tools for JPEG
2000; GALLEY_OCR_LANGUAGES picks
the languages, chi_sim by default). A folder holding a METS (or DIDL) file is one issue: its pages
in the METS order with its title, date and page numbers; files that are not pages are skipped
with the reason. Pages are grouped into issues by their masthead, else by folder and file names
(see docs/import.md). A page imported before is not duplicated; a page an editor has corrected
is kept unless --overwrite is given.

Options:
${archiveOptionsHelp(16)}  --json          one JSON line per file on stdout ({file, status, pageId?, error?}), then
                  {"summary": {...}}
  --overwrite     replace pages that editors have corrected
  -h, --help      show this help

Exit status: 0 when every file was imported (or was already there), 1 when a file failed or
the command line is wrong, 130 when interrupted.
`;

const argsSchema = z
  .object({
    positionals: z.array(z.string().min(1)),
    flags: z.object({
      help: z.boolean().optional(),
      json: z.boolean().optional(),
      overwrite: z.boolean().optional(),
      archive: z.string().min(1).optional(),
    }),
  })
  .refine((a) => a.flags.help || a.positionals.length > 0, { error: 'missing PATH' });

function bar(done: number, total: number, width = 24): string {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  const fill = Math.round(share * width);
  return `[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${done}/${total}`;
}

function summaryLine(s: ImportSummary, archivePath: string): string {
  const parts = [
    `${s.imported} imported`,
    `${s.unchanged} unchanged`,
    ...(s.keptCorrections ? [`${s.keptCorrections} kept (corrected; --overwrite replaces them)`] : []),
    ...(s.skipped ? [`${s.skipped} skipped`] : []),
    `${s.failed} failed`,
  ];
  const rate = s.ms > 0 ? ` (${((s.pages / s.ms) * 1000).toFixed(1)} pages/s)` : '';
  return `${s.cancelled ? 'Interrupted: ' : ''}${s.files} files: ${parts.join(', ')}; ${s.pages} pages in ${(s.ms / 1000).toFixed(1)} s${rate} → ${archivePath}\n`;
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = validate(argsSchema, tokenize(args, { json: 'boolean', overwrite: 'boolean', archive: 'string' }, usage), usage);
  if (parsed.flags.help) {
    io.stdout(HELP);
    return 0;
  }
  const json = parsed.flags.json === true;
  const showBar = io.isTTY && !json;
  const archive = await openCliArchive(parsed.flags.archive, io, { create: true });
  // As shown to the user (a PostgreSQL URL with its password masked).
  const archivePath = archive.path;
  const ac = new AbortController();
  const onSigint = (): void => ac.abort();
  process.once('SIGINT', onSigint);
  // Decoding, parsing and segmenting on every core; this thread only writes (the archive runs the engine's default segmenter too).
  const pool = createParsePool();
  try {
    const total = showBar ? await countFiles(parsed.positionals, ac.signal) : 0;
    let done = 0;
    const it = importPaths(parsed.positionals, archive, {
      signal: ac.signal,
      overwriteCorrections: parsed.flags.overwrite === true,
      actor: { name: 'galley import' },
      ...(showBar ? { onOcrProgress: (f: string, p: { page: number; pages: number; stage: string }) => io.stderr(`\r\x1b[2KOCR ${p.stage === 'render' ? 'rendering' : `page ${p.page}/${p.pages}`} ${f.slice(-40)}`) } : {}),
      pool,
    });
    let step = await it.next();
    while (!step.done) {
      const r: FileResult = step.value;
      done++;
      if (json) {
        io.stdout(
          JSON.stringify({
            file: r.file,
            status: r.status,
            ...(r.format ? { format: r.format } : {}),
            ...(r.pageId !== undefined ? { pageId: r.pageId } : {}),
            ...(r.pageIds && r.pageIds.length > 1 ? { pageIds: r.pageIds } : {}),
            ...(r.issueId !== undefined ? { issueId: r.issueId } : {}),
            ...(r.error ? { error: r.error } : {}),
          }) + '\n',
        );
      } else if (r.status === 'failed' || r.status === 'kept-corrections') {
        const line = r.status === 'failed' ? `failed: ${r.error}` : `kept corrections: ${r.file} (an editor changed it; --overwrite replaces it)`;
        io.stderr(`${showBar ? '\r\x1b[2K' : ''}${line}\n`);
      }
      if (showBar) io.stderr(`\r\x1b[2K${bar(done, Math.max(total, done))} ${r.file.slice(-40)}`);
      step = await it.next();
    }
    const s = step.value;
    if (showBar) io.stderr('\r\x1b[2K');
    if (json) io.stdout(JSON.stringify({ summary: { ...s, ms: Math.round(s.ms), archive: archivePath } }) + '\n');
    else io.stdout(summaryLine(s, archivePath));
    if (s.cancelled) return 130;
    return s.failed > 0 ? 1 : 0;
  } finally {
    process.removeListener('SIGINT', onSigint);
    await pool.close();
    await archive.close();
  }
}
