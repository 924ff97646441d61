// Varied real-OCR styles: drawn per page from the seed, the plain style exactly the render and
// Tesseract call of sessions 4–8, every axis reaching the HTML, the screenshot or Tesseract.
import { describe, expect, it } from 'vitest';
import { drawOcrStyle, PLAIN_OCR_STYLE, styleName, styleValues, type OcrStyle } from '../../electron/training/ocr-style.ts';
import { pageHtml, type PrintedUnit } from '../../electron/training/page-units.ts';
import { tesseractArgs } from '../../electron/training/node/tesseract.ts';
import { pickForOcr } from '../../electron/training/node/build-corpus.ts';

const ids = Array.from({ length: 400 }, (_, i) => `pd-2020-02-${String((i % 29) + 1).padStart(2, '0')}-p${String(Math.floor(i / 29) + 1).padStart(2, '0')}-v1`);

const UNITS: PrintedUnit[] = [
  { item: 0, role: 'running-head', text: '要闻 4' },
  { item: 1, role: 'headline', text: '春耕时节农机忙' },
  { item: 1, role: 'byline', text: '本报记者 王 明' },
  ...Array.from({ length: 40 }, (_, k): PrintedUnit => ({ item: 1, role: 'body-start', text: `第${k + 1}段：春回大地，万物复苏。眼下正是春耕备耕的关键时节，各地抢抓农时，田间地头一派繁忙景象。` })),
];

describe('OCR styles', () => {
  it('are drawn per page from the seed, reproducibly, and every value of every axis occurs', () => {
    expect(drawOcrStyle(1, ids[0]!)).toEqual(drawOcrStyle(1, ids[0]!));
    const styles = ids.map((id) => drawOcrStyle(1, id));
    expect(new Set(styles.map(styleName)).size).toBeGreaterThan(300);
    const values = new Set(styles.flatMap(styleValues));
    for (const v of ['psm=3', 'psm=4', 'scale=1', 'scale=0.65', 'image=clean', 'image=blur', 'image=noise', 'image=jpeg', 'skew=0', 'skew=0.9', 'font=sans', 'size=18', 'size=22', 'columns=2-6', 'lang=chi_sim+chi_tra', 'spaces=kept']) {
      expect(values, v).toContain(v);
    }
    // Another seed, other styles.
    expect(ids.filter((id) => styleName(drawOcrStyle(2, id)) !== styleName(drawOcrStyle(1, id))).length).toBeGreaterThan(350);
  });

  it('name only their departures from the plain style', () => {
    expect(styleName(PLAIN_OCR_STYLE)).toBe('plain');
    expect(styleName({ ...PLAIN_OCR_STYLE, psm: 4, scale: 0.75, image: 'jpeg', lang: 'chi_sim+chi_tra' })).toBe('psm4 x0.75 jpeg tra');
  });

  it('call Tesseract as sessions 4–8 did in the plain style, and with the drawn mode, languages and spacing otherwise', () => {
    expect(tesseractArgs('a.png', 'a', PLAIN_OCR_STYLE)).toEqual(['a.png', 'a', '-l', 'chi_sim', '--psm', '3', 'txt', 'hocr']);
    expect(tesseractArgs('a.jpg', 'a', { psm: 4, lang: 'chi_sim+chi_tra', preserveSpaces: true })).toEqual([
      'a.jpg', 'a', '-l', 'chi_sim+chi_tra', '--psm', '4', '-c', 'preserve_interword_spaces=1', 'txt', 'hocr',
    ]);
  });

  it('reach the page HTML: the plain style is the default, the others set font, size, columns, blur, noise and skew', () => {
    const plain = pageHtml('pd-2020-02-03-p04-v1', UNITS);
    expect(pageHtml('pd-2020-02-03-p04-v1', UNITS, PLAIN_OCR_STYLE)).toBe(plain);
    expect(plain).not.toMatch(/blur|rotate|feTurbulence/);
    const varied = (s: Partial<OcrStyle>) => pageHtml('pd-2020-02-03-p04-v1', UNITS, { ...PLAIN_OCR_STYLE, ...s });
    expect(varied({ image: 'blur' })).toContain('filter:blur(');
    expect(varied({ image: 'noise' })).toContain('feTurbulence');
    expect(varied({ skewDeg: -0.6 })).toContain('rotate(-0.6deg)');
    expect(varied({ bodyFont: 'sans' })).toContain('body{margin:0;background:#fff;color:#111;width:1400px;font-family:"Noto Sans CJK SC",sans-serif;}');
    expect(varied({ bodyPx: 22 })).toContain('font-size:22px;line-height:1.6');
    // The column count of a long item is drawn from 2–6 instead of 3–5 (a column the text does not
    // reach is not set, so the counts are at most the drawn ones).
    const columnCounts = (s: Partial<OcrStyle>) =>
      new Set(ids.slice(0, 60).map((id) => (/<div class="body">(.*?)<\/div><\/section>/s.exec(pageHtml(id, UNITS, { ...PLAIN_OCR_STYLE, ...s }))![1]!.match(/class="col"/g) ?? []).length));
    expect([...columnCounts({})].sort()).toEqual([3, 4, 5]);
    expect([...columnCounts({ columns: '2-6' })].sort()).toEqual([2, 3, 4, 5]);
  });

  it('varied pages are a pick of their own, in pick order, nested as N grows like the plain pick', () => {
    const pages = ids.map((id) => ({ id }));
    const plain = pickForOcr(pages, 25, 1);
    const varied = pickForOcr(pages, 25, 1, 'ocr-varied');
    expect(varied).toHaveLength(25);
    expect(varied.filter((p) => plain.includes(p)).length).toBeLessThan(10);
    // In pick order: a run stopped after ten pages did what --ocr-varied 10 does.
    expect(pickForOcr(pages, 10, 1, 'ocr-varied')).toEqual(varied.slice(0, 10));
  });
});
