// Alignment of OCR lines to the printed units of a built page (no Tesseract needed), and one real
// render + OCR run where Tesseract and Chromium are installed (required when CI is set).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldStartLines } from '../../core/eval/gold.ts';
import { alignLines, labelOcrPage, longestInOrder, normalise } from '../../electron/training/ocr-align.ts';
import { pageHtml, printedUnits } from '../../electron/training/page-units.ts';
import type { LabelledPage } from '../../core/engine/model/line-roles.ts';
import { OCR_TOOLS } from './ocr-tools.ts';

// A two-item source page: furniture, then an article with a two-paragraph body, then a photo.
const SOURCE: LabelledPage = {
  id: 'pd-2024-03-03-p04-v1',
  source: 'people-daily',
  month: '2024-03',
  text: [
    '要闻 4',
    '春耕时节田野忙',
    '——各地抢抓农时备耕生产',
    '本报记者 林青',
    '春回大地，万物复苏。眼下正是春耕备耕的',
    '关键时节，各地抢抓农时，田间地头一派繁忙景象。',
    '在河川县的高标准农田里，几台无人驾驶播种机来回穿梭，效率比往年提高了一倍。',
    '3月1日，河川县农民在田间查看小麦长势。',
    '王山摄（人民视觉）',
    '',
  ].join('\n'),
  roles: ['running-head', 'headline', 'subheadline', 'byline', 'body-start', 'body', 'body-start', 'caption', 'credit', null],
  itemStarts: [0, 1, 7],
  gold: {
    schema: 'galley.gold/1',
    text: 'pages/pd-2024-03-03-p04-v1.txt',
    masthead: {},
    items: [
      { kind: 'masthead', start: '要闻 4' },
      { kind: 'article', start: '春耕时节田野忙', titleLines: ['春耕时节田野忙', '——各地抢抓农时备耕生产'], headline: ['春耕时节田野忙'], contributors: [{ name: '林青', role: 'reporter' }], paragraphs: 2 },
      { kind: 'photo', start: '3月1日', titleLines: [], headline: [], paragraphs: 1 },
    ],
    joins: [],
    breaks: [],
  },
};

describe('printed units', () => {
  it('re-joins wrapped paragraphs and keeps one unit per display line', () => {
    const units = printedUnits(SOURCE);
    expect(units.map((u) => u.role)).toEqual(['running-head', 'headline', 'subheadline', 'byline', 'body-start', 'body-start', 'caption', 'credit']);
    expect(units[4]!.text).toBe('春回大地，万物复苏。眼下正是春耕备耕的关键时节，各地抢抓农时，田间地头一派繁忙景象。');
    expect(units.map((u) => u.item)).toEqual([0, 1, 1, 1, 1, 1, 2, 2]);
  });

  it('lays the page out as HTML with every unit once', () => {
    const html = pageHtml(SOURCE.id, printedUnits(SOURCE));
    expect(html).toContain('class="runhead"');
    expect(html).toContain('t-headline');
    expect(html).toContain('class="photo"');
    expect(pageHtml(SOURCE.id, printedUnits(SOURCE))).toBe(html);
  });
});

describe('OCR alignment', () => {
  const units = printedUnits(SOURCE);
  // What Tesseract might return: a column break mid-paragraph, misreads, ASCII brackets, a noise
  // line, a headline over two lines, doubled spaces.
  const OCR = [
    '要闻 4',
    '',
    '春耕时节',
    '田野忙',
    '一一各地抢抓农时备耕生产',
    '本报记者 林 青',
    '春回大地，万物复苏。眼下正是春',
    '耕备耕的关键时节，各地抢抓农时，',
    '田间地头一派繁忙景象。',
    '|| 回 图',
    '在河川县的高标准农田里，几台无人驾',
    '驶播种机来回穿梭，效率比往年提高了一倍。',
    '3月1日，河川县农民在田间查看小麦长势。',
    '王山摄(人民视觉)',
  ].join('\n');

  it('aligns each OCR line to the unit it was read from', () => {
    const a = alignLines(OCR.split('\n'), units);
    expect(a.map((x) => x.unit)).toEqual([0, null, 1, 1, 2, 3, 4, 4, 4, null, 5, 5, 6, 7]);
    expect(a[7]!.offset).toBeGreaterThan(10);
  });

  it('labels the OCR page: roles by alignment, item starts at the first aligned line, gold anchors found', () => {
    const r = labelOcrPage(OCR, units, SOURCE, { minAligned: 0.5, minCoverage: 0.5, maxMisordered: 0.1 });
    expect(r.reason).toBeNull();
    const page = r.page!;
    expect(page.id).toBe('pd-2024-03-03-p04-v1-ocr');
    expect(page.roles).toEqual([
      'running-head', null, 'headline', 'headline', 'subheadline', 'byline', 'body-start', 'body', 'body', 'other', 'body-start', 'body', 'caption', 'credit', null,
    ]);
    expect(page.itemStarts).toEqual([0, 2, 12]);
    expect(goldStartLines(page.text.split('\n'), page.gold)).toEqual(page.itemStarts);
    const article = page.gold.items[1]!;
    expect(article.titleLines).toEqual(['春耕时节', '田野忙', '一一各地抢抓农时备耕生产']);
    expect(article.headline).toEqual(['春耕时节', '田野忙', '春耕时节田野忙']);
    expect(article.paragraphs).toBe(2);
    // The OCR split "林 青": the name is still found once spaces are ignored.
    expect(article.contributors).toEqual([{ name: '林青', role: 'reporter' }]);
    expect(page.gold.joins).toContainEqual(['。眼下正是春', '耕备耕的关键']);
    expect(r.quality.coverage).toBeGreaterThan(0.95);
  });

  it('keeps a misread nameplate above the masthead in the masthead: unaligned lines above its first aligned line', () => {
    // A speck and a misread line ("要阐") above the running head: neither aligns, both are still item 0.
    const misread = `图\n要阐\n${OCR}`;
    const r = labelOcrPage(misread, units, SOURCE, { minAligned: 0.5, minCoverage: 0.5, maxMisordered: 0.1 });
    expect(r.reason).toBeNull();
    const page = r.page!;
    expect(page.roles.slice(0, 4)).toEqual(['masthead', 'masthead', 'running-head', null]);
    expect(page.itemStarts[0]).toBe(0);
    expect(page.gold.items[0]).toMatchObject({ kind: 'masthead', start: '图' });
    expect(goldStartLines(page.text.split('\n'), page.gold)).toEqual(page.itemStarts);
    // No masthead in the source: nothing above the first item is claimed.
    const noMast = { ...SOURCE, gold: { ...SOURCE.gold, items: SOURCE.gold.items.map((it, k) => (k === 0 ? { ...it, kind: 'article' as const } : it)) } };
    expect(labelOcrPage(misread, units, noMast, { minAligned: 0.5, minCoverage: 0.5, maxMisordered: 0.1 }).page!.roles[0]).toBe('other');
  });

  it('aligns a page read with traditional characters (chi_tra) to its simplified source, and keeps the text as read', () => {
    const traditional = OCR.replace('时节', '時節').replace('各地抢抓农时备耕生产', '各地搶抓農時備耕生產').replace('本报记者 林 青', '本報記者 林 青')
      .replace('春回大地，万物复苏。眼下正是春', '春回大地，萬物復蘇。眼下正是春').replace('驶播种机来回穿梭，效率比往年提高了一倍。', '駛播種機來回穿梭，效率比往年提高了一倍。');
    expect(alignLines(traditional.split('\n'), units).map((x) => x.unit)).toEqual([0, null, 1, 1, 2, 3, 4, 4, 4, null, 5, 5, 6, 7]);
    const r = labelOcrPage(traditional, units, SOURCE, { minAligned: 0.5, minCoverage: 0.5, maxMisordered: 0.1 });
    expect(r.reason).toBeNull();
    expect(r.page!.itemStarts).toEqual([0, 2, 12]);
    expect(r.page!.text).toContain('本報記者 林 青');
    expect(r.page!.gold.items[1]!.titleLines).toEqual(['春耕時節', '田野忙', '一一各地搶抓農時備耕生產']);
    expect(r.quality.coverage).toBeGreaterThan(0.95);
  });

  it('drops a page whose OCR is mostly unreadable, and says why', () => {
    const garbage = ['要闻 4', '口口 一一 二', '山 川 人 口', '丨丨 亅', 'ABC ,,, ...', '图 图 图'].join('\n');
    const r = labelOcrPage(garbage, units, SOURCE);
    expect(r.page).toBeNull();
    expect(r.reason).toMatch(/aligned|covered/);
  });

  it('marks a line read out of item order as other and counts it', () => {
    // The photo's caption read in the middle of the article: the longest in-order run keeps the article.
    const swapped = ['要闻 4', '春耕时节田野忙', '3月1日，河川县农民在田间查看小麦长势。', '春回大地，万物复苏。眼下正是春耕备耕的', '在河川县的高标准农田里，几台无人驾驶'].join('\n');
    const r = labelOcrPage(swapped, units, SOURCE, { minAligned: 0, minCoverage: 0, maxMisordered: 1 });
    expect(r.quality.misordered).toBe(1);
    expect(r.page!.roles.slice(0, 5)).toEqual(['running-head', 'headline', 'other', 'body-start', 'body-start']);
    expect(r.page!.itemStarts).toEqual([0, 1]);
  });

  it('finds the longest run of lines in item order', () => {
    expect([...longestInOrder([0, 1, 5, 1, 2, null, 2, 3])].sort((a, b) => a - b)).toEqual([0, 1, 3, 4, 6, 7]);
    expect(longestInOrder([])).toEqual(new Set());
  });

  it('normalises full-width and ASCII punctuation alike', () => {
    expect(normalise('（人民 视觉）')).toBe(normalise('(人民视觉)'));
  });
});

describe('real OCR', () => {
  it('says in one line which packages to install where Tesseract is missing', async () => {
    const { checkTesseract, TesseractMissingError, TESSERACT_HINT } = await import('../../electron/training/node/tesseract.ts');
    const path = process.env.PATH;
    process.env.PATH = join(tmpdir(), 'galley-no-such-bin');
    try {
      await expect(checkTesseract()).rejects.toThrow(TesseractMissingError);
      await expect(checkTesseract()).rejects.toThrow(TESSERACT_HINT);
    } finally {
      process.env.PATH = path;
    }
    expect(TESSERACT_HINT).toBe('install the Debian packages tesseract-ocr tesseract-ocr-chi-sim');
  });

  it('is available on CI', () => {
    if (process.env.CI) expect(OCR_TOOLS, 'tesseract with chi_sim and chromium must be installed on CI').toBe(true);
  });

  it.skipIf(!OCR_TOOLS)('renders, OCRs and aligns a small page', async () => {
    const { ocrBuiltPages } = await import('../../electron/training/node/ocr-pages.ts');
    const dir = mkdtempSync(join(tmpdir(), 'galley-ocr-'));
    try {
      const [r] = await ocrBuiltPages([{ page: SOURCE, style: null }], { workDir: dir, workers: 1 });
      expect(r!.quality).not.toBeNull();
      expect(r!.page, r!.reason).not.toBeNull();
      expect(r!.page!.roles).toContain('headline');
      expect(r!.page!.id).toBe(`${SOURCE.id}-ocr`);
      expect(r!.style).toBe('plain');
      expect(existsSync(join(dir, `${SOURCE.id}-ocr.hocr`))).toBe(true);
      expect(r!.seconds).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it.skipIf(!OCR_TOOLS)('renders, OCRs and aligns a small page in a varied style (lower scale, JPEG, skew, chi_sim+chi_tra, kept spaces)', async () => {
    const { ocrBuiltPages } = await import('../../electron/training/node/ocr-pages.ts');
    const { PLAIN_OCR_STYLE } = await import('../../electron/training/ocr-style.ts');
    const dir = mkdtempSync(join(tmpdir(), 'galley-ocr-'));
    try {
      const style = { ...PLAIN_OCR_STYLE, scale: 0.85, image: 'jpeg' as const, skewDeg: 0.3, lang: 'chi_sim+chi_tra' as const, preserveSpaces: true };
      const [r] = await ocrBuiltPages([{ page: SOURCE, style }], { workDir: dir, workers: 1 });
      expect(r!.page, r!.reason).not.toBeNull();
      expect(r!.page!.id).toBe(`${SOURCE.id}-ocr-var`);
      expect(r!.style).toBe('x0.85 jpeg rot0.3 tra spaces');
      expect(r!.values).toContain('image=jpeg');
      expect(readFileSync(join(dir, `${SOURCE.id}-ocr-var.html`), 'utf8')).toContain('rotate(0.3deg)');
      expect(existsSync(join(dir, `${SOURCE.id}-ocr-var.hocr`))).toBe(true);
      // The image is not kept.
      expect(existsSync(join(dir, `${SOURCE.id}-ocr-var.jpg`))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

