import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANNOTATED_KIND, ANNOTATED_OCR_KIND, crossMonthPages, dayOfMonth, DEV_DAYS, formatSplit, leaveOneSourceOut, monthSplits, RELAID_KIND } from '../../core/eval/splits.ts';
import { ANNOTATED_OCR_DIR, annotatedPages, annotatedPagesInLayouts } from '../../electron/eval/labelled-pages.ts';
import { DEFAULT_RESOURCES_DIR } from '../../electron/eval/corpus.ts';
import { EVALUATION_LAYOUTS, TRAINING_LAYOUTS } from '../../electron/training/gold-relayout.ts';
import { run } from '../../electron/cli/commands/eval.ts';

const page = (id: string, month?: string) => ({ id, ...(month ? { month } : {}) });

describe('cross-month dev split', () => {
  it('reads the day of the month from a corpus id, built or OCR, copies included', () => {
    expect(dayOfMonth(page('pd-2020-02-07-p03-v1'))).toBe(7);
    expect(dayOfMonth(page('pd-2019-10-31-p12-v2-ocr#3'))).toBe(31);
    expect(dayOfMonth(page('hengyang-daily-p1'))).toBe(0);
  });

  it('trains on the whole training month; the other month splits into dev days 1–7 and report days', () => {
    const corpus = [
      page('pd-2019-10-01-p01-v1', '2019-10'),
      page('pd-2019-10-25-p02-v2-ocr', '2019-10'),
      page('pd-2020-02-01-p01-v1', '2020-02'),
      page('pd-2020-02-07-p04-v2-ocr', '2020-02'),
      page('pd-2020-02-08-p01-v1', '2020-02'),
      page('pd-2020-02-29-p20-v1', '2020-02'),
      page('annotated-page'),
    ];
    const s = crossMonthPages(corpus, '2019-10');
    expect(DEV_DAYS).toBe(7);
    expect(s.train.map((p) => p.id)).toEqual(['pd-2019-10-01-p01-v1', 'pd-2019-10-25-p02-v2-ocr']);
    expect(s.dev.map((p) => p.id)).toEqual(['pd-2020-02-01-p01-v1', 'pd-2020-02-07-p04-v2-ocr']);
    expect(s.report.map((p) => p.id)).toEqual(['pd-2020-02-08-p01-v1', 'pd-2020-02-29-p20-v1']);
    // The mirror: no page is in two parts, and a page without a month is in none.
    const m = crossMonthPages(corpus, '2020-02', 3);
    expect(m.train).toHaveLength(4);
    expect(m.dev.map((p) => p.id)).toEqual(['pd-2019-10-01-p01-v1']);
    expect(m.report.map((p) => p.id)).toEqual(['pd-2019-10-25-p02-v2-ocr']);
  });
});

describe('galley eval --cross-dev', () => {
  const capture = () => {
    let out = '';
    let err = '';
    return { io: { stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t), isTTY: false }, out: () => out, err: () => err };
  };

  it('refuses a month that is not YYYY-MM', async () => {
    const c = capture();
    expect(await run(['--cross-dev', '2019'], c.io)).toBe(2);
    expect(c.err()).toMatch(/--cross-dev needs a month as YYYY-MM/);
  });

  it('takes the feature set the models train on by name, and refuses one it does not know', async () => {
    const c = capture();
    expect(await run(['--cross-dev', '2019-10', '--features', 'fancy'], c.io)).toBe(2);
    expect(c.err()).toMatch(/--features needs one of base, conj, cap/);
    const missing = join(mkdtempSync(join(tmpdir(), 'galley-crossdev-')), 'no-corpus');
    expect(await run(['--cross-dev', '2019-10', '--features', 'cap', '--corpus', missing], c.io)).toBe(0);
  });

  it('says so, and trains nothing, when the corpus folder is missing', async () => {
    const c = capture();
    const missing = join(mkdtempSync(join(tmpdir(), 'galley-crossdev-')), 'no-corpus');
    expect(await run(['--cross-dev', '2019-10', '--corpus', missing], c.io)).toBe(0);
    expect(c.out()).toMatch(/^cross-month dev split: no corpus folder \(.*no-corpus\); build it with galley build-corpus\n$/);
  });
});

describe('month splits', () => {
  it('score each month model on a week of its own training pages too, and print that ceiling beside the test figures', () => {
    // Two "months" of real annotated pages, relabelled: the first half trains, the second tests.
    const pages = annotatedPages();
    const half = Math.floor(pages.length / 2);
    const corpus = pages.map((p, i) => {
      const month = i < half ? '2019-10' : '2020-02';
      const day = String((i % 9) + 1).padStart(2, '0');
      return { ...p, id: `pd-${month}-${day}-p${String(i).padStart(2, '0')}-v1`, month };
    });
    const [first] = monthSplits(corpus, { epochs: 2 });
    const seenIds = corpus.filter((p) => p.month === '2019-10' && dayOfMonth(p) <= DEV_DAYS);
    expect(first!.name).toBe('2019-10→2020-02');
    expect(first!.seen?.built?.pages).toBe(seenIds.length);
    expect(first!.model.built?.pages).toBe(corpus.length - half);
    expect(formatSplit(first!)).toMatch(new RegExp(`\\n  seen built +${seenIds.length} pages  model P [01]\\.\\d{3} R [01]\\.\\d{3} F1 [01]\\.\\d{3} overall [01]\\.\\d{3}`));
  });
});

describe('leave one source out', () => {
  it('trains each fold on the other sources in more layouts and scores the held-out one in its own layout and in others', () => {
    const keep = new Set(['hengyang-daily', 'yunxi-daily', 'luoxi-daily']);
    const pages = annotatedPages().filter((p) => keep.has(p.source));
    const inLayouts = (layouts: typeof TRAINING_LAYOUTS) => annotatedPagesInLayouts(layouts).filter((p) => keep.has(p.source));
    // What Tesseract read from images of them (resources/annotated-ocr): scored, never trained on.
    const ocr = annotatedPages(join(DEFAULT_RESOURCES_DIR, ANNOTATED_OCR_DIR)).filter((p) => keep.has(p.source));
    const yunxiOcr = ocr.filter((p) => p.source === 'yunxi-daily').length;
    expect(yunxiOcr).toBeGreaterThan(0);
    const folds = leaveOneSourceOut(pages, [], { epochs: 1, otherLayouts: { train: inLayouts(TRAINING_LAYOUTS.slice(0, 1)), test: inLayouts(EVALUATION_LAYOUTS.slice(0, 2)), ocr } });
    expect(folds.map((f) => f.name)).toEqual(['without hengyang-daily', 'without luoxi-daily', 'without yunxi-daily']);
    const yunxi = folds[2]!;
    // Trained on Hengyang and Luoxi, each in its own layout and one more: 4 distinct pages.
    expect(yunxi.trainPages).toBe(4);
    // Yunxi's three pages, in their own layout and in two others.
    expect(yunxi.model[ANNOTATED_KIND]?.pages).toBe(3);
    expect(yunxi.model[RELAID_KIND]?.pages).toBe(6);
    expect(yunxi.model[ANNOTATED_OCR_KIND]?.pages).toBe(yunxiOcr);
    expect(yunxi.rules[ANNOTATED_OCR_KIND]?.pages).toBe(yunxiOcr);
    expect(formatSplit(yunxi)).toContain(`${RELAID_KIND}`);
    expect(formatSplit(yunxi)).toContain(`${ANNOTATED_OCR_KIND}`);

    // Without other layouts: the annotated kind alone, as before v8.
    const plain = leaveOneSourceOut(pages, [], { epochs: 1 });
    expect(plain[2]!.trainPages).toBe(2);
    expect(Object.keys(plain[2]!.model)).toEqual([ANNOTATED_KIND]);
  }, 60_000);
});
