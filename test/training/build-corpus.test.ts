// `galley build-corpus` and the corpus files: output layout, manifest, loader, and specific errors.
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIO } from '../../electron/cli/cli-io.ts';
import { main } from '../../electron/cli/main.ts';
import { segmentPage } from '../../core/engine/index.ts';
import { evaluateCorpus } from '../../electron/eval/corpus.ts';
import { loadLabelledPages, CorpusFileError } from '../../electron/training/node/corpus-files.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const SAMPLE = join(import.meta.dirname, '..', '..', 'resources', 'training-sample');
const tmp = mkdtempSync(join(tmpdir(), 'galley-corpus-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function galley(...args: string[]) {
  const io = captureIO();
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('galley build-corpus', () => {
  it('writes pages, gold and roles for every variant, and a manifest', async () => {
    const out = join(tmp, 'out');
    const r = await galley('build-corpus', '--corpus', FIXTURES, '--out', out, '--seed', '5', '--variants', '2');
    expect(r.err).toContain('2024-03: 4 pages built from 2');
    expect(r.code).toBe(0);
    expect(readdirSync(join(out, 'pages')).sort()).toEqual(['pd-2024-03-03-p01-v1.txt', 'pd-2024-03-03-p01-v2.txt', 'pd-2024-03-03-p04-v1.txt', 'pd-2024-03-03-p04-v2.txt']);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.months[0]).toMatchObject({ month: '2024-03', sourcePages: 2, built: 4 });
    const pages = await loadLabelledPages(out);
    expect(pages.map((p) => p.id)).toHaveLength(4);
    expect(pages[0]!.gold.text).toBe(`pages/${pages[0]!.id}.txt`);
    // Same seed, same corpus; the scorer's layout: galley eval reads the folder as it is.
    const again = join(tmp, 'again');
    await galley('build-corpus', '--corpus', FIXTURES, '--out', again, '--seed', '5', '--variants', '2');
    expect(readFileSync(join(again, 'roles', 'pd-2024-03-03-p04-v2.roles.json'), 'utf8')).toBe(readFileSync(join(out, 'roles', 'pd-2024-03-03-p04-v2.roles.json'), 'utf8'));
    // The rule engine alone, so this test does not depend on the trained weights.
    const scored = await evaluateCorpus({ dir: out, segment: (text, o) => segmentPage(text, { ...o, model: null }) });
    expect(scored.pages).toHaveLength(4);
  }, 120_000);

  it('lays every page out in each house style too, with --house-styles', async () => {
    const out = join(tmp, 'house');
    const r = await galley('build-corpus', '--corpus', FIXTURES, '--out', out, '--seed', '5', '--variants', '1', '--house-styles', '2');
    expect(r.code).toBe(0);
    expect(r.err).toContain('2024-03: 6 pages built from 2');
    expect(readdirSync(join(out, 'pages')).sort()).toEqual([
      'pd-2024-03-03-p01-h1.txt', 'pd-2024-03-03-p01-h2.txt', 'pd-2024-03-03-p01-v1.txt',
      'pd-2024-03-03-p04-h1.txt', 'pd-2024-03-03-p04-h2.txt', 'pd-2024-03-03-p04-v1.txt',
    ]);
    const gold = JSON.parse(readFileSync(join(out, 'gold', 'pd-2024-03-03-p04-h2.json'), 'utf8'));
    expect(gold.notes).toContain('house style 2');
    expect((await galley('build-corpus', '--corpus', FIXTURES, '--house-styles', '10')).err).toMatch(/--house-styles: must be 9 or less/);
  }, 60_000);

  it('names the file and line of a bad corpus line', async () => {
    const dir = join(tmp, 'bad');
    cpSync(FIXTURES, dir, { recursive: true });
    const lines = readFileSync(join(dir, '2024-03.jsonl'), 'utf8').trim().split('\n');
    writeFileSync(join(dir, '2024-03.jsonl'), `${lines[0]}\n${lines[1]!.replace(/"page": *4/, '"page": "four"')}\n`);
    const r = await galley('build-corpus', '--corpus', dir, '--out', join(tmp, 'x'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/2024-03\.jsonl line 2: page: .*number/);
    writeFileSync(join(dir, '2024-03.jsonl'), `${lines[0]}\n{not json\n`);
    expect((await galley('build-corpus', '--corpus', dir, '--out', join(tmp, 'x'))).err).toMatch(/2024-03\.jsonl line 2: not JSON/);
  }, 60_000);

  it('validates its arguments', async () => {
    expect((await galley('build-corpus')).err).toMatch(/missing --corpus DIR/);
    expect((await galley('build-corpus', '--corpus', FIXTURES, '--variants', '9')).err).toMatch(/--variants: must be 5 or less/);
    expect((await galley('build-corpus', '--corpus', FIXTURES, '--month', '2024-13')).err).toMatch(/--month: must be YYYY-MM/);
    expect((await galley('build-corpus', '--corpus', FIXTURES, '--seed', 'x')).err).toMatch(/--seed: must be a whole number/);
    expect((await galley('build-corpus', '--corpus', FIXTURES, '--ocr', '1', '--jobs', '3')).err).toMatch(/--jobs: must be 2 or less/);
    expect((await galley('build-corpus', '--corpus', join(tmp, 'nowhere'))).err).toMatch(/corpus folder not found/);
    expect((await galley('build-corpus', '--corpus', FIXTURES, '--month', '2019-10')).err).toMatch(/no corpus file for 2019-10/);
    const help = await galley('build-corpus', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('--ocr N');
  }, 60_000);
});

describe('corpus files', () => {
  it('loads the committed sample: built and OCR pages, each a valid labelled page', async () => {
    const pages = await loadLabelledPages(SAMPLE);
    expect(pages.filter((p) => p.id.endsWith('-ocr')).length).toBeGreaterThanOrEqual(4);
    expect(pages.filter((p) => !p.id.endsWith('-ocr')).length).toBeGreaterThanOrEqual(6);
    expect(new Set(pages.map((p) => p.month))).toEqual(new Set(['2019-10', '2020-02']));
    for (const p of pages) expect(existsSync(join(SAMPLE, 'pages', `${p.id}.txt`))).toBe(true);
  });

  it('refuses a roles file whose roles do not fit its text', async () => {
    const dir = join(tmp, 'broken');
    cpSync(join(SAMPLE, 'roles'), join(dir, 'roles'), { recursive: true });
    const file = readdirSync(join(dir, 'roles'))[0]!;
    const page = JSON.parse(readFileSync(join(dir, 'roles', file), 'utf8'));
    page.roles.pop();
    writeFileSync(join(dir, 'roles', file), JSON.stringify(page));
    await expect(loadLabelledPages(dir)).rejects.toThrow(CorpusFileError);
    await expect(loadLabelledPages(dir)).rejects.toThrow(/roles for \d+ lines/);
    page.roles.push('title');
    writeFileSync(join(dir, 'roles', file), JSON.stringify(page));
    await expect(loadLabelledPages(dir)).rejects.toThrow(/roles\.\d+/);
  });
});
