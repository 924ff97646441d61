// `galley train`: rebuilds the line-role weights from the built corpus and the annotated pages,
// deterministically for a seed (same inputs and seed → byte-identical file).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { tokenize, validate } from '../args.ts';
import type { CliIO } from '../cli-io.ts';
import { UsageError } from '../cli-io.ts';
import { DEFAULT_EPOCHS, trainModel } from '../../../core/engine/model/train.ts';
import { serializeModel } from '../../../core/engine/model/model-file.ts';
import { FEATURE_SETS, RECIPE_FEATURES, featureSetByName } from '../../../core/engine/model/feature-sets.ts';
import { DEFAULT_MODEL_PATH, loadTrainingPages, describePages } from '../../eval/training-data.ts';
import { TRAINING_LAYOUTS } from '../../training/gold-relayout.ts';

/** The version the weights of today's recipe carry (v8: annotated pages also train in more layouts). */
const MODEL_VERSION = 'v8';

export const summary = 'Train the line-role model from the corpus and the annotated pages';
export const usage = 'galley train [--corpus DIR] [--annotated DIR] [--out FILE] [--seed N] [--epochs N] [--months M[,M]] [--version V] [--features SET] [--plain-annotated]';

const HELP = `Usage: ${usage}

Trains the averaged-perceptron line-role model and writes its weights (galley.line-roles/2).

Options:
  --corpus DIR     built pages of the page builder (see docs/training.md); without it,
                   only the annotated pages train (v5–v8: galley build-corpus --variants 5, and real OCR)
  --annotated DIR  folder with gold/ and pages/ of hand-annotated pages (default: resources/);
                   "none" leaves them out. Each also trains wrapped in ${TRAINING_LAYOUTS.length} more column
                   layouts (${TRAINING_LAYOUTS.map((l) => l.name).join(', ')}; v8 on)
  --plain-annotated  annotated pages train in their own layout only (the recipe up to v7)
  --months M[,M]   only corpus pages of these months (YYYY-MM)
  --out FILE       where to write the weights (default: ${DEFAULT_MODEL_PATH})
  --seed N         shuffling seed (default 1)
  --epochs N       passes over the pages (default ${DEFAULT_EPOCHS})
  --version V      version recorded in the weights (default: ${MODEL_VERSION})
  --features SET   the features to train on: ${FEATURE_SETS.map((s) => s.name).join(', ')} (default ${RECIPE_FEATURES.name};
                   the weight file records the set, and the engine reads the set a file names)
  -h, --help       show this help
`;

const whole = (what: string) => z.coerce.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(what === 'epochs' ? 1 : 0, { error: 'must be 1 or more' });

const argsSchema = z.object({
  positionals: z.array(z.string()).max(0, { error: 'takes no FILE arguments' }),
  flags: z.object({
    help: z.boolean().optional(),
    'plain-annotated': z.boolean().optional(),
    corpus: z.string().optional(),
    annotated: z.string().optional(),
    months: z
      .string()
      .regex(/^\d{4}-\d{2}(?:,\d{4}-\d{2})*$/, { error: 'must be YYYY-MM[,YYYY-MM…]' })
      .optional(),
    out: z.string().optional(),
    seed: whole('seed').optional(),
    epochs: whole('epochs').max(100, { error: 'must be at most 100' }).optional(),
    version: z.string().regex(/^[\w.-]{1,40}$/, { error: 'must be letters, digits, "." or "-"' }).optional(),
    features: z
      .string()
      .refine((name) => featureSetByName(name) !== undefined, { error: `must be one of ${FEATURE_SETS.map((s) => s.name).join(', ')}` })
      .optional(),
  }),
});

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = validate(argsSchema, tokenize(args, { 'plain-annotated': 'boolean', corpus: 'string', annotated: 'string', months: 'string', out: 'string', seed: 'string', epochs: 'string', version: 'string', features: 'string' }, usage), usage);
  const f = parsed.flags;
  if (f.help) {
    io.stdout(HELP);
    return 0;
  }
  const started = Date.now();
  const pages = await loadTrainingPages({
    ...(f.corpus ? { corpus: resolve(f.corpus) } : {}),
    annotated: f.annotated === 'none' ? null : f.annotated ? resolve(f.annotated) : undefined,
    ...(f.months ? { months: f.months.split(',') } : {}),
    ...(f['plain-annotated'] ? { annotatedLayouts: [] } : {}),
  });
  if (!pages.length) throw new UsageError(`no training pages found\n${usage}`);
  const seed = f.seed ?? 1;
  const epochs = f.epochs ?? DEFAULT_EPOCHS;
  const featureSet = featureSetByName(f.features ?? RECIPE_FEATURES.name)!;
  const model = trainModel(pages, { seed, epochs, version: f.version ?? MODEL_VERSION, trainedOn: describePages(pages), featureSet });
  const json = `${JSON.stringify(serializeModel(model))}\n`;
  const out = resolve(f.out ?? DEFAULT_MODEL_PATH);
  writeFileSync(out, json);
  io.stdout(
    `trained on ${describePages(pages)}\n` +
      `seed ${seed}, ${epochs} epochs, ${featureSet.name} features, ${model.rows.size} weight rows, confidence scale ${model.confidenceScale.toFixed(3)}\n` +
      `wrote ${out} (${(json.length / 1024).toFixed(0)} KiB) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return 0;
}
