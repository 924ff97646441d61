// Real OCR pages laid out as other OCR engines lay them out (electron/training/ocr-relayout.ts): on
// the committed OCR samples, every layout's gold scores 1.000 against a prediction read off the
// layout's own lines and roles (the scorer's formula, core/eval/metrics.ts), roles stay one per
// line, and the layouts look as they should.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIO } from '../../electron/cli/cli-io.ts';
import { main } from '../../electron/cli/main.ts';
import type { LabelledPage, LineRole } from '../../core/engine/model/line-roles.ts';
import { evaluatePage } from '../../core/eval/metrics.ts';
import { pageKind } from '../../core/eval/splits.ts';
import type { Item, Segmentation } from '../../shared/segmentation.ts';
import { loadLabelledPages, parseLabelledPage } from '../../electron/training/node/corpus-files.ts';
import { isRelayoutId, joinLines, OCR_LAYOUTS, relayoutOcrPage } from '../../electron/training/ocr-relayout.ts';

const SAMPLE = join(import.meta.dirname, '..', '..', 'resources', 'training-sample');
const ocrPages = (await loadLabelledPages(SAMPLE)).filter((p) => pageKind(p) === 'ocr');
const TITLE = new Set<LineRole>(['kicker', 'headline', 'subheadline', 'series']);
const OPENS = new Set<LineRole>(['body-start', 'caption', 'crosshead']);

/** The segmentation a page's roles describe: items at the item starts, titles and paragraphs from the roles, the rest from the gold. */
function predictionFromRoles(page: LabelledPage): Segmentation {
  const lines = page.text.split('\n');
  const offsets: number[] = [];
  let at = 0;
  for (const l of lines) {
    offsets.push(at);
    at += l.length + 1;
  }
  const items = page.gold.items.map((g, k): Item => {
    const from = page.itemStarts[k]!;
    const to = page.itemStarts[k + 1] ?? lines.length;
    const span = lines.slice(from, to).map((text, j) => ({ text: text.trim(), role: page.roles[from + j] ?? null }));
    const title = (r: LineRole): string | null => span.filter((l) => l.role === r).map((l) => l.text).join('\n') || null;
    const paragraphs: string[] = [];
    for (const l of span) {
      if (l.role && OPENS.has(l.role)) paragraphs.push(l.text);
      else if (l.role === 'body' && paragraphs.length) paragraphs[paragraphs.length - 1] += l.text;
    }
    return {
      kind: g.kind,
      start: offsets[from]!,
      end: offsets[to] ?? page.text.length,
      kicker: title('kicker'),
      headline: title('headline'),
      subheadline: title('subheadline'),
      series: title('series'),
      byline: null,
      contributors: g.contributors ?? [],
      paragraphs,
      continuedOn: g.continuedOn ?? null,
      continuedFrom: g.continuedFrom ?? null,
      flags: [],
    };
  });
  const m = page.gold.masthead ?? {};
  const masthead = { title: null, titleLatin: null, date: null, weekday: null, lunarDate: null, issueNumber: null, pageCount: null, serial: null, publisher: null, hotlines: [], ...m } as Segmentation['masthead'];
  return { schema: 'galley.segmentation/1', masthead, items };
}

/** Some line ends with a and the next line with text starts with b. */
function atBreak(text: string, a: string, b: string): boolean {
  const lines = text.split('\n').filter((l) => /\S/.test(l));
  return lines.some((l, i) => l.trim().endsWith(a) && (lines[i + 1] ?? '').trim().startsWith(b));
}

const scoreOf = (p: LabelledPage) => evaluatePage(p.text, p.gold, predictionFromRoles(p), p.id);

describe('OCR pages in other engines’ layouts', () => {
  it('has OCR samples to work on', () => {
    expect(ocrPages.length).toBeGreaterThanOrEqual(5);
  });

  it('the Tesseract pages themselves score 1.000 against their roles (the check below means something)', () => {
    for (const p of ocrPages) expect(scoreOf(p).metrics.score, p.id).toBe(1);
  });

  for (const layout of OCR_LAYOUTS) {
    it(`'${layout}': every page's gold scores 1.000 against its own roles, roles one per line, the corpus loader accepts it`, () => {
      for (const p of ocrPages) {
        const r = relayoutOcrPage(p, layout);
        expect(r.id).toBe(`${p.id}-${layout}`);
        expect(pageKind(r)).toBe('ocr');
        expect(isRelayoutId(r.id)).toBe(true);
        expect(r.roles).toHaveLength(r.text.split('\n').length);
        const e = scoreOf(r);
        expect(e.metrics.score, `${r.id}: ${JSON.stringify(e.items.flatMap((i) => i.misses))} ${JSON.stringify(e.missedJoins)}`).toBe(1);
        expect(e.counts.matched).toBe(p.gold.items.length);
        // The loader's own checks: roles fit the lines, anchors find the item starts.
        expect(() => parseLabelledPage(JSON.parse(JSON.stringify(r)), r.id)).not.toThrow();
        // Same reading: the text without whitespace is the same, and every role's text is kept.
        const flat = (s: string) => s.replace(/\s+/g, '');
        expect(flat(r.text)).toBe(flat(p.text));
        for (const role of new Set(p.roles.filter((x): x is LineRole => x !== null && x !== 'body'))) {
          const of = (q: LabelledPage) => flat(q.text.split('\n').filter((_, i) => q.roles[i] === role).join(''));
          if (!TITLE.has(role) && !OPENS.has(role)) expect(of(r), `${r.id} ${role}`).toBe(of(p));
        }
        expect(r.gold.items.map((i) => i.paragraphs)).toEqual(p.gold.items.map((i) => i.paragraphs));
      }
    });
  }

  it('lays the lines out as each engine does', () => {
    let joinsBefore = 0;
    let joinsAfter = 0;
    for (const p of ocrPages) {
      const textLines = p.text.split('\n').filter((l) => /\S/.test(l));
      const dense = relayoutOcrPage(p, 'dense');
      expect(dense.text.trimEnd().split('\n')).toEqual(textLines);
      expect(dense.gold.joins).toEqual(p.gold.joins);
      const spaced = relayoutOcrPage(p, 'spaced');
      expect(spaced.text.trimEnd().split('\n')).toEqual(textLines.flatMap((l, i) => (i ? ['', l] : [l])));
      expect(spaced.gold.joins).toEqual(p.gold.joins);
      const joined = relayoutOcrPage(p, 'joined');
      expect(joined.text).not.toMatch(/\n\s*\n/);
      // Joins now inside one line are gone; the ones left are line breaks (a column break in a paragraph).
      expect(joined.gold.joins.length).toBeLessThanOrEqual(p.gold.joins.length);
      joinsBefore += p.gold.joins.length;
      joinsAfter += joined.gold.joins.length;
      const breaks = new Set(p.gold.joins.filter(([a, b]) => atBreak(p.text, a, b)).map(String));
      for (const [a, b] of joined.gold.joins) if (breaks.has(String([a, b]))) expect(atBreak(joined.text, a, b), `${joined.id} ${a}|${b}`).toBe(true);
      const js = relayoutOcrPage(p, 'joined-spaced');
      expect(js.text.replace(/\n\n/g, '\n')).toBe(joined.text);
    }
    expect(joinsAfter).toBeLessThan(joinsBefore / 2);
    // A paragraph of sample p08: five Tesseract lines, one line when joined, one break left where Tesseract put a blank line.
    const p08 = ocrPages.find((p) => p.id === 'pd-2020-02-05-p08-v1-ocr')!;
    const joined = relayoutOcrPage(p08, 'joined').text.split('\n');
    expect(joined).toContain('学而思网校动员数百位老师，于2月10日起推出从周一到');
    expect(joined.find((l) => l.startsWith('今年的春节'))).toMatch(/新型冠状病毒感染的肺炎疫情。.*降到最低。$/);
    expect(joined.find((l) => l.startsWith('周五与校内'))).toMatch(/可试听。$/);
  });

  it('joins CJK without a space and Latin or digits with one only where the OCR text had one', () => {
    expect(joinLines(['全国各地人民都在抗击新型冠状', '病毒感染的肺炎疫情'])).toBe('全国各地人民都在抗击新型冠状病毒感染的肺炎疫情');
    expect(joinLines(['网址 http:/www.xueersi', '.com'])).toBe('网址 http:/www.xueersi.com');
    expect(joinLines(['K12 ', 'online'])).toBe('K12 online');
    expect(joinLines(['K12', 'online'])).toBe('K12online');
    expect(joinLines(['2020年2', ' 月'])).toBe('2020年2月');
  });

  it('joins a headline printed over two lines into one, and its gold follows', () => {
    const lines = ['两岸同胞', '携手前行', '', '共创美好未来', '本报记者 张三', '', '今天上午，会议在北京召开。会议', '指出，要坚持不懈。', '另一段开始了。', ''];
    const roles: (LineRole | null)[] = ['headline', 'headline', null, 'subheadline', 'byline', null, 'body-start', 'body', 'body-start', null];
    const page: LabelledPage = {
      id: 'x-ocr',
      source: 'people-daily-ocr',
      text: lines.join('\n'),
      roles,
      itemStarts: [0],
      gold: {
        schema: 'galley.gold/1',
        text: 'pages/x-ocr.txt',
        items: [{ kind: 'article', start: '两岸同胞', titleLines: ['两岸同胞', '携手前行', '共创美好未来'], headline: ['两岸同胞', '携手前行', '两岸同胞携手前行'], paragraphs: 2, contributors: [{ name: '张三', role: 'reporter' }] }],
        joins: [['京召开。会议', '指出，要坚持']],
        breaks: [],
      },
    };
    expect(scoreOf(page).metrics.score).toBe(1);
    const r = relayoutOcrPage(page, 'joined');
    expect(r.text).toBe('两岸同胞携手前行\n共创美好未来\n本报记者 张三\n今天上午，会议在北京召开。会议指出，要坚持不懈。\n另一段开始了。\n');
    expect(r.roles).toEqual(['headline', 'subheadline', 'byline', 'body-start', 'body-start', null]);
    expect(r.gold.items[0]).toMatchObject({ titleLines: ['两岸同胞携手前行', '共创美好未来'], headline: ['两岸同胞携手前行'], paragraphs: 2 });
    expect(r.gold.joins).toEqual([]);
    expect(scoreOf(r).metrics.score).toBe(1);
  });

  it('galley build-corpus --realign --ocr-relayout writes the layouts of every kept OCR page, and a run without the flag removes them', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'galley-relayout-'));
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));
    const galley = async (...args: string[]) => {
      const io = captureIO();
      const code = await main(args, io);
      return { code, out: io.out(), err: io.err() };
    };
    const fixtures = join(import.meta.dirname, 'fixtures');
    const base = ['build-corpus', '--corpus', fixtures, '--out', tmp, '--seed', '5', '--variants', '1'];
    expect((await galley(...base)).code).toBe(0);
    // A perfect "OCR" reading of one built page, kept as an earlier OCR run keeps its text.
    const id = 'pd-2024-03-03-p04-v1';
    mkdirSync(join(tmp, 'ocr-work'));
    writeFileSync(join(tmp, 'ocr-work', `${id}-ocr.txt`), readFileSync(join(tmp, 'pages', `${id}.txt`), 'utf8').replace(/^[ \u3000]+/gm, ''));
    const r = await galley(...base, '--realign', '--ocr-relayout');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/OCR 1\/1 kept.*; 4 relaid-out OCR pages \(0 left out\)/);
    const ids = (await loadLabelledPages(tmp)).map((p) => p.id).filter((x) => x.startsWith(`${id}-ocr`));
    expect(ids.sort()).toEqual([`${id}-ocr`, ...OCR_LAYOUTS.map((l) => `${id}-ocr-${l}`)].sort());
    const manifest = JSON.parse(readFileSync(join(tmp, 'manifest.json'), 'utf8'));
    expect(manifest.pages.filter((p: { kind: string }) => p.kind === 'ocr')).toHaveLength(5);
    for (const p of (await loadLabelledPages(tmp)).filter((x) => isRelayoutId(x.id))) expect(scoreOf(p).metrics.score, p.id).toBe(1);
    expect((await galley(...base, '--realign')).code).toBe(0);
    expect(readdirSync(join(tmp, 'roles')).filter((f) => f.startsWith(`${id}-ocr`))).toEqual([`${id}-ocr.roles.json`]);
  });
});
