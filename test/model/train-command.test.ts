// `galley train --features SET`: the weight file records the set it was trained with, and the
// engine loads it as that set; an unknown set is refused before any training.
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../electron/cli/commands/train.ts';
import { DEFAULT_RESOURCES_DIR } from '../../electron/eval/corpus.ts';
import { loadModel } from '../../core/engine/model/index.ts';
import { CAPTION_FEATURES, featureSetOf } from '../../core/engine/model/feature-sets.ts';

const io = () => {
  let out = '';
  return { io: { stdout: (t: string) => void (out += t), stderr: () => undefined, isTTY: false }, out: () => out };
};

/** A folder of two annotated pages from resources/ (gold/ and pages/), so a training takes a second. */
function twoPages(): string {
  const dir = mkdtempSync(join(tmpdir(), 'galley-train-'));
  mkdirSync(join(dir, 'gold'));
  mkdirSync(join(dir, 'pages'));
  for (const id of ['dongling-daily-2024-08-01-p1', 'jiangcheng-evening-2024-09-27-p1']) {
    const gold = JSON.parse(readFileSync(join(DEFAULT_RESOURCES_DIR, 'gold', `${id}.json`), 'utf8')) as { text: string };
    copyFileSync(join(DEFAULT_RESOURCES_DIR, 'gold', `${id}.json`), join(dir, 'gold', `${id}.json`));
    copyFileSync(join(DEFAULT_RESOURCES_DIR, gold.text), join(dir, gold.text));
  }
  return dir;
}

describe('galley train --features', () => {
  it('refuses a feature set it does not know', async () => {
    await expect(run(['--features', 'fancy'], io().io)).rejects.toThrow(/--features: must be one of base, conj, cap/);
  });

  it('writes weights that name the set they were trained with, and load as that set', async () => {
    const dir = twoPages();
    const out = join(dir, 'weights.json');
    const c = io();
    expect(await run(['--annotated', dir, '--features', 'cap', '--epochs', '1', '--out', out], c.io)).toBe(0);
    expect(c.out()).toMatch(/seed 1, 1 epochs, cap features/);
    const model = loadModel(JSON.parse(readFileSync(out, 'utf8')));
    expect(model.featureSetHash).toBe(CAPTION_FEATURES.hash);
    expect(featureSetOf(model)).toBe(CAPTION_FEATURES);
  }, 60_000);
});
