// `galley build-corpus`: lays the crawled 人民日报 article lists out as OCR-like pages with their
// gold and line roles (electron/training/), optionally rendering and OCR-ing some of them.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { tokenize, validate } from '../args.ts';
import type { CliIO } from '../cli-io.ts';
import { UsageError } from '../cli-io.ts';

export const summary = 'Build the training corpus (laid-out pages with gold and line roles, optional real OCR)';
export const usage = 'galley build-corpus --corpus DIR [--out DIR] [--seed N] [--variants K] [--house-styles H] [--ocr N] [--ocr-varied M] [--ocr-minutes T] [--jobs 1|2] [--realign] [--ocr-relayout] [--month YYYY-MM]\n       galley build-corpus --annotated-ocr [--annotated DIR] [--out DIR] [--seed N] [--jobs 1|2]';

const HELP = `Usage: ${usage}

Lays every page of DIR/YYYY-MM.jsonl (one crawled page per line) out as OCR-like page text in
K layout variants drawn from the seed, with the gold segmentation (galley.gold/1) and the role of
every line, and writes OUT/pages/{id}.txt, OUT/gold/{id}.json, OUT/roles/{id}.roles.json and
OUT/manifest.json. With --ocr N, N pages per month are also rendered as multi-column page images
and read back with Tesseract (chi_sim, automatic layout); those pages get ids ending in -ocr.
With --ocr-varied M, M more pages per month (a pick of their own) are OCR'd in a style drawn
per page: screenshot scale, blur, noise or JPEG, skew, font, size, columns, page segmentation
mode, chi_sim+chi_tra, kept spaces; those get ids ending in -ocr-var, and the manifest records
each page's style and the pages tried and kept per style value.
With --ocr-relayout, every kept OCR page is also written in other OCR engines' text layouts, with
its gold and roles carried over: -joined (a paragraph per line, as ABBYY FineReader exports),
-spaced (a blank line between every line, as PDF text layers), -dense (no blank lines, as
PaddleOCR), -joined-spaced (a paragraph per line with blank lines between).
With --house-styles H, every page is also laid out in each of H house styles, ids ending in -h1
to -hH: a house draws its setting once (blank lines, indent, column, punctuation, bylines), so
its pages read as one paper's, for galley learning-curve --match '-h1$' (a profile learns a
paper's habits); --ocr and --ocr-varied then OCR house 1's pages (ids ending -h1-ocr). Build
them into a folder of their own: training reads every page of its folder.

With --annotated-ocr, the hand-annotated pages (DIR/gold and DIR/pages; default resources/) are
rendered and read back with Tesseract instead, each once in the plain style and once in a style
drawn from the seed, with the gold carried over by alignment; written to OUT/pages and OUT/gold
(default resources/annotated-ocr). galley eval --splits scores every held-out source on them.

Options:
  --corpus DIR      folder with the YYYY-MM.jsonl files (required)
  --out DIR         output folder (default: .cache/corpus)
  --seed N          seed of every layout choice (default: 1)
  --variants K      layout variants per page, 1-5 (default: 2)
  --house-styles H  also every page in H house styles, 0-9 (default: 0)
  --ocr N           pages per month to render and OCR (default: 0)
  --ocr-varied M    pages per month to render and OCR in varied styles (default: 0)
  --ocr-minutes T   start no new OCR page after T minutes per month (default: no limit);
                    pages are taken in pick order, so a stopped run did what a smaller N does
  --jobs N          Tesseract processes at once, 1 or 2 (default: 2)
  --realign         align every page OCR'd before again from its kept text; OCR nothing new
  --ocr-relayout    also write every kept OCR page in the other engines' layouts (ids ending
                    -joined, -spaced, -dense, -joined-spaced; they count as OCR pages in training);
                    without it, those layouts of the pages kept are removed
  --month YYYY-MM   only this month
  --annotated-ocr   OCR the hand-annotated pages (see above) instead of building the corpus
  --annotated DIR   the annotated folder --annotated-ocr reads (default: resources/)
  -h, --help        show this help
`;

const whole = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be ${min} or more` })
    .max(max, { error: `must be ${max} or less` });

const argsSchema = z
  .object({
    positionals: z.array(z.string()).max(0, { error: 'takes no positional arguments' }),
    flags: z.object({
      help: z.boolean().optional(),
      corpus: z.string().optional(),
      out: z.string().optional(),
      seed: whole(0, 2 ** 31).optional(),
      variants: whole(1, 5).optional(),
      'house-styles': whole(0, 9).optional(),
      ocr: whole(0, 1000).optional(),
      'ocr-varied': whole(0, 1000).optional(),
      'ocr-minutes': whole(1, 24 * 60).optional(),
      jobs: whole(1, 2).optional(),
      realign: z.boolean().optional(),
      'ocr-relayout': z.boolean().optional(),
      month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be YYYY-MM' }).optional(),
      'annotated-ocr': z.boolean().optional(),
      annotated: z.string().optional(),
    }),
  })
  .refine((a) => a.flags.help || a.flags.corpus || a.flags['annotated-ocr'], { error: 'missing --corpus DIR' })
  .refine((a) => !a.flags.annotated || a.flags['annotated-ocr'], { error: '--annotated DIR goes with --annotated-ocr' });

export async function run(args: string[], io: CliIO): Promise<number> {
  const spec = { corpus: 'string', out: 'string', seed: 'string', variants: 'string', 'house-styles': 'string', ocr: 'string', 'ocr-varied': 'string', 'ocr-minutes': 'string', jobs: 'string', realign: 'boolean', 'ocr-relayout': 'boolean', month: 'string', 'annotated-ocr': 'boolean', annotated: 'string' } as const;
  const parsed = validate(argsSchema, tokenize(args, spec, usage), usage);
  if (parsed.flags.help) {
    io.stdout(HELP);
    return 0;
  }
  if (parsed.flags['annotated-ocr']) return ocrAnnotated(parsed.flags, io);
  const { buildCorpus } = await import('../../training/node/build-corpus.ts');
  const { CorpusSourceError } = await import('../../training/node/corpus-source.ts');
  const { TesseractMissingError } = await import('../../training/node/tesseract.ts');
  const out = resolve(parsed.flags.out ?? '.cache/corpus');
  try {
    const manifest = await buildCorpus({
      corpus: resolve(parsed.flags.corpus!),
      out,
      seed: parsed.flags.seed ?? 1,
      variants: parsed.flags.variants ?? 2,
      houseStyles: parsed.flags['house-styles'] ?? 0,
      ocr: parsed.flags.ocr ?? 0,
      ocrVaried: parsed.flags['ocr-varied'] ?? 0,
      ...(parsed.flags['ocr-minutes'] ? { ocrMinutes: parsed.flags['ocr-minutes'] } : {}),
      realign: parsed.flags.realign === true,
      ocrRelayout: parsed.flags['ocr-relayout'] === true,
      ...(parsed.flags.jobs ? { jobs: parsed.flags.jobs } : {}),
      ...(parsed.flags.month ? { month: parsed.flags.month } : {}),
      log: (line) => io.stderr(`${line}\n`),
    });
    // Months from earlier runs stay in the manifest; report the ones built now.
    for (const m of manifest.months.filter((x) => !parsed.flags.month || x.month === parsed.flags.month)) {
      const secs = m.ocr.seconds;
      const mean = secs.length ? secs.reduce((a, b) => a + b, 0) / secs.length : 0;
      io.stdout(
        `${m.month}: ${m.built} built pages from ${m.sourcePages}, ${m.skipped.length} skipped` +
          (m.ocr.attempted || (m.ocr.failed ?? []).length ? `; OCR ${m.ocr.kept}/${m.ocr.attempted} kept, ${m.ocr.dropped.length} dropped, ${(m.ocr.failed ?? []).length} failed, ${mean.toFixed(1)} s/page` : '') +
          (m.ocr.relayouts ? `; ${m.ocr.relayouts.written} relaid-out OCR pages (${m.ocr.relayouts.failed.length} left out)` : '') +
          '\n',
      );
    }
    io.stdout(`written to ${out}\n`);
    return 0;
  } catch (e) {
    if (e instanceof CorpusSourceError || e instanceof TesseractMissingError) throw new UsageError(e.message);
    throw e;
  }
}

async function ocrAnnotated(flags: { out?: string; annotated?: string; seed?: number; jobs?: number }, io: CliIO): Promise<number> {
  const { ocrAnnotatedPages } = await import('../../training/node/annotated-ocr.ts');
  const { TesseractMissingError } = await import('../../training/node/tesseract.ts');
  const { DEFAULT_RESOURCES_DIR } = await import('../../eval/corpus.ts');
  const { ANNOTATED_OCR_DIR } = await import('../../eval/labelled-pages.ts');
  const annotated = resolve(flags.annotated ?? DEFAULT_RESOURCES_DIR);
  if (!existsSync(join(annotated, 'gold'))) throw new UsageError(`no annotated pages: ${join(annotated, 'gold')} not found`);
  const out = resolve(flags.out ?? join(DEFAULT_RESOURCES_DIR, ANNOTATED_OCR_DIR));
  try {
    const counts = await ocrAnnotatedPages({ annotated, out, seed: flags.seed ?? 1, ...(flags.jobs ? { jobs: flags.jobs } : {}), log: (line) => io.stderr(`${line}\n`) });
    for (const d of counts.dropped) io.stdout(`dropped ${d.id}: ${d.reason}\n`);
    io.stdout(`annotated pages in real OCR: ${counts.kept.length} of ${counts.attempted} kept, written to ${out}\n`);
    return 0;
  } catch (e) {
    if (e instanceof TesseractMissingError) throw new UsageError(e.message);
    throw e;
  }
}
