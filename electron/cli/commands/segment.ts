// `galley segment FILE [--json] [--page N]`: decode one page file and show how the engine splits it.
// Start-up is part of this command's job (README: ≤ 3× `node -e 0`), so it loads no schema
// library for its four flags (checked by hand below) and only what the page's format needs.
import { basename, extname } from 'node:path';
import { readPageForCli } from '../../importer/read-page.ts';
import type { Segmentation } from '../../../shared/segmentation.ts';
import { tokenize, usageError } from '../tokenize.ts';
import type { CliIO } from '../cli-io.ts';
import { formatOutline } from '../outline.ts';

export const summary = 'Segment one page file into masthead and items';
export const usage = 'galley segment FILE [--json] [--text] [--page N] [--profile PROFILE.json]';

const HELP = `Usage: ${usage}

Read a page file as the importer does — plain text (UTF-8, UTF-16, GB18030 or Big5, detected
automatically), ALTO, hOCR, PAGE XML, or a scan (PNG, JPEG, TIFF, PDF: OCR'd with Tesseract) —
and print its segmentation: a readable outline by default, or galley.segmentation/1 JSON with
--json. A file of several pages shows its first page.

Options:
  --json      print the segmentation as JSON on stdout; the detected encoding goes to stderr
              as one line ("encoding: GB18030")
  --page N    page number of this page, used for continuation references
              (default: taken from the file name, e.g. p03.txt or page-3.txt, when present)
  --text      print the page's plain text exactly as Galley extracted it (the text the
              segmentation's offsets refer to) and stop
  --profile F segment with a publication profile (galley.profile/1, from galley learn)
  -h, --help  show this help
`;

interface SegmentArgs {
  file: string;
  help: boolean;
  json: boolean;
  text: boolean;
  page: number | undefined;
  profile: string | undefined;
}

/** The command line checked as the other commands' zod schemas would, with the same messages. */
export function parseSegmentArgs(args: string[]): SegmentArgs {
  const { positionals, flags } = tokenize(args, { json: 'boolean', text: 'boolean', page: 'string', profile: 'string' }, usage);
  const help = flags.help === true;
  let page: number | undefined;
  if (typeof flags.page === 'string') {
    // Number() as z.coerce.number: " 3 " and "3.0" are 3; "two", "2.5" and "Infinity" are not whole.
    page = Number(flags.page);
    if (!Number.isInteger(page)) throw usageError('--page: must be a whole number', usage);
    if (page < 1) throw usageError('--page: must be 1 or more', usage);
  }
  if (!help && positionals.length === 0) throw usageError('missing FILE', usage);
  if (positionals.length > 1) throw usageError('expected one FILE', usage);
  const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
  return { file: positionals[0] ?? '', help, json: flags.json === true, text: flags.text === true, page, profile: str(flags.profile) };
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseSegmentArgs(args);
  if (parsed.help) {
    io.stdout(HELP);
    return 0;
  }
  const file = parsed.file;
  const page = await readPageForCli(file);
  if (parsed.text) {
    io.stdout(page.text);
    return 0;
  }
  const pageNumber = parsed.page ?? pageNumberFromFileName(file) ?? page.pageNumberHint;
  const profile = parsed.profile ? (await import('../profile-file.ts')).readProfileFile(parsed.profile) : null;
  const { segmentPage } = await loadEngine();
  let segmentation: Segmentation;
  try {
    segmentation = segmentPage(page.text, { ...(pageNumber === null ? {} : { pageNumber }), ...(page.blockBoundaries.length ? { blockBoundaries: page.blockBoundaries } : {}), ...(profile ? { profile } : {}) });
  } catch (error) {
    // An engine bug should still name the page that triggered it.
    throw new Error(`${file}: segmentation failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  if (profile && segmentation.model?.profile === null) io.stderr(await profileNotUsed(profile));
  if (!parsed.json) {
    io.stdout(formatOutline(segmentation, { file, encoding: page.encoding, bytes: page.bytes, text: page.text }));
    return 0;
  }
  // Hold the engine to its contract where scripts read the output: JSON that breaks the schema is
  // printed (it helps debugging) but reported and signalled with exit code 1, so scripts never
  // consume it silently. The outline, read by people, skips the check: loading the schema library
  // costs ~80 ms CPU, more than half of what a text page adds to node's own start-up, and the
  // engine's output is held to the schema on every sample page and by the fuzz tests.
  const { segmentationSchema } = await import('../../../shared/segmentation.ts');
  const check = segmentationSchema.safeParse(segmentation);
  io.stderr(`encoding: ${page.encoding}\n`);
  io.stdout(JSON.stringify(segmentation, null, 2) + '\n');
  if (!check.success) {
    const issue = check.error.issues[0];
    io.stderr(`galley: engine output breaks galley.segmentation/1 at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}\n`);
    return 1;
  }
  return 0;
}

/** Imported on first use so argument and file errors are reported even while the engine is broken. */
async function loadEngine(): Promise<typeof import('../../../core/engine/index.ts')> {
  try {
    return await import('../../../core/engine/index.ts');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`the segmentation engine failed to load: ${message}`);
  }
}

/**
 * Page number implied by a file name: "p03.txt", "page-3.txt", "hengyang-daily-2021-10-29-p1.txt",
 * "第3版.txt", or a bare "03.txt". Null when the name does not say (dates are not page numbers).
 */
export function pageNumberFromFileName(file: string): number | null {
  const stem = basename(file, extname(file));
  const match =
    /(?:^|[^a-z])(?:p|pg|page)[-_ ]?0*([1-9]\d{0,2})$/i.exec(stem) ??
    /第0*([1-9]\d{0,2})版$/.exec(stem) ??
    /^0*([1-9]\d{0,2})$/.exec(stem);
  return match?.[1] ? Number(match[1]) : null;
}

/** Why `galley segment --profile` segmented with the base model: the profile's trial, or its wait for one. */
async function profileNotUsed(profile: import('../../../core/engine/model/profile.ts').Profile): Promise<string> {
  const { profileState } = await import('../../../core/engine/model/profile.ts');
  const trial = profile.trial;
  const why =
    profile.pages === 0
      ? 'it has learned no page'
      : profileState(profile) === 'awaiting-trial'
        ? `it learned one page, on which the base model already scores ${profile.firstPageBaseScore!.toFixed(3)}, and has not been tried on another`
        : `on the ${trial!.pages} page(s) it was tried on it scored ${(trial!.profileScore / trial!.pages).toFixed(3)}, the base model ${(trial!.baseScore / trial!.pages).toFixed(3)}`;
  return `galley: the ${profile.publication} profile is not used, the base model segments this page: ${why}\n`;
}
