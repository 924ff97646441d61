// `galley segment FILE [--json] [--page N]`: decode one page file and show how the engine splits it.
import { z } from 'zod';
import { basename, extname } from 'node:path';
import { readPageForCli } from '../../importer/read-page.ts';
import { segmentationSchema, type Segmentation } from '../../../shared/segmentation.ts';
import { tokenize, validate } from '../args.ts';
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

const argsSchema = z
  .object({
    positionals: z.array(z.string()),
    flags: z.object({
      help: z.boolean().optional(),
      json: z.boolean().optional(),
      text: z.boolean().optional(),
      page: z.coerce
        .number({ error: 'must be a whole number' })
        .int({ error: 'must be a whole number' })
        .positive({ error: 'must be 1 or more' })
        .optional(),
      profile: z.string().min(1).optional(),
    }),
  })
  .refine((a) => a.flags.help || a.positionals.length > 0, { error: 'missing FILE' })
  .refine((a) => a.positionals.length <= 1, { error: 'expected one FILE' });

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = validate(argsSchema, tokenize(args, { json: 'boolean', text: 'boolean', page: 'string', profile: 'string' }, usage), usage);
  if (parsed.flags.help) {
    io.stdout(HELP);
    return 0;
  }
  const file = parsed.positionals[0] ?? '';
  const page = await readPageForCli(file);
  if (parsed.flags.text) {
    io.stdout(page.text);
    return 0;
  }
  const pageNumber = parsed.flags.page ?? pageNumberFromFileName(file) ?? page.pageNumberHint;
  const profile = parsed.flags.profile ? (await import('../profile-file.ts')).readProfileFile(parsed.flags.profile) : null;
  const { segmentPage } = await loadEngine();
  let segmentation: Segmentation;
  try {
    segmentation = segmentPage(page.text, { ...(pageNumber === null ? {} : { pageNumber }), ...(page.blockBoundaries.length ? { blockBoundaries: page.blockBoundaries } : {}), ...(profile ? { profile } : {}) });
  } catch (error) {
    // An engine bug should still name the page that triggered it.
    throw new Error(`${file}: segmentation failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  // Hold the engine to its contract: output that breaks the schema is printed (it helps debugging)
  // but reported and signalled with exit code 1, so scripts never consume it silently.
  const check = segmentationSchema.safeParse(segmentation);

  if (parsed.flags.json) {
    io.stderr(`encoding: ${page.encoding}\n`);
    io.stdout(JSON.stringify(segmentation, null, 2) + '\n');
  } else {
    io.stdout(formatOutline(segmentation, { file, encoding: page.encoding, bytes: page.bytes, text: page.text }));
  }
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
