// The page builder: deterministic for a seed, every axis of variety produced, gold correct by
// construction (anchors found by the reference algorithm, roles consistent with item starts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelFromGold } from '../../core/engine/model/labels.ts';
import { goldStartLines, parseGold } from '../../core/eval/gold.ts';
import { buildPage, jumpsOf, planJumps, type BuiltPage, type CorpusPage } from '../../electron/training/page-builder.ts';
import { OCR_DEBRIS } from '../../electron/training/zh-furniture.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const pages: CorpusPage[] = readFileSync(join(FIXTURES, '2024-03.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as CorpusPage);
const plan = planJumps(pages);
const build = (page: CorpusPage, seed: number, variant = 1): BuiltPage => buildPage(page, seed, variant, { pageCount: 4, jumps: jumpsOf(plan, page) });
const SEEDS = Array.from({ length: 60 }, (_, i) => i + 1);
const all: BuiltPage[] = SEEDS.flatMap((s) => pages.map((p) => build(p, s)));
const inline = (s: string): string => s.replace(/[ \t\u3000]+/g, '');

describe('page builder', () => {
  it('is deterministic for a seed and a variant, and varies with them', () => {
    expect(build(pages[0]!, 7)).toEqual(build(pages[0]!, 7));
    expect(build(pages[0]!, 7, 2)).toEqual(build(pages[0]!, 7, 2));
    const texts = new Set(SEEDS.slice(0, 10).map((s) => build(pages[0]!, s).text));
    expect(texts.size).toBeGreaterThan(5);
    expect(build(pages[0]!, 7).id).toBe('pd-2024-03-03-p01-v1');
    expect(build(pages[0]!, 7, 2).text).not.toEqual(build(pages[0]!, 7, 1).text);
  });

  it('lays every page of a house style out in one setting, drawn from the seed and the house', () => {
    const house = (page: CorpusPage, seed: number, n: number): BuiltPage => buildPage(page, seed, 1, { pageCount: 4, jumps: jumpsOf(plan, page), house: n });
    const setting = (p: BuiltPage) => ({ ...p.style, furnitureForm: 0, ocrNoise: false });
    expect(house(pages[1]!, 7, 2).id).toBe('pd-2024-03-03-p04-h2');
    for (const seed of [3, 7, 11]) {
      for (const n of [1, 2, 3]) {
        const built = pages.map((p) => house(p, seed, n));
        // Every page of the house shares the setting (the nameplate and a page's OCR noise aside).
        for (const b of built) expect(setting(b)).toEqual(setting(built[0]!));
        expect(house(pages[0]!, seed, n)).toEqual(built[0]);
      }
    }
    // Houses differ from each other, and a page's own variants differ from page to page.
    const settings = new Set([1, 2, 3, 4, 5, 6].map((n) => JSON.stringify(setting(house(pages[0]!, 7, n)))));
    expect(settings.size).toBeGreaterThan(3);
    expect(new Set(SEEDS.slice(0, 12).map((s) => JSON.stringify(setting(build(pages[1]!, s))))).size).toBeGreaterThan(3);
  });

  it('plans a jump from page 1 and cuts the article between the two pages', () => {
    expect([...plan.keys()].sort()).toEqual(['2024-03-03/1/1', '2024-03-03/4/1']);
    const front = build(pages[0]!, 3);
    const inner = build(pages[1]!, 3);
    const to = front.gold.items.find((i) => i.continuedOn === 4);
    const from = inner.gold.items.find((i) => i.continuedFrom === 1);
    expect(to?.paragraphs).toBeDefined();
    expect(from?.paragraphs).toBeDefined();
    expect(to!.paragraphs! + from!.paragraphs!).toBe(5);
    // The continuation repeats the headline and names nobody.
    expect(from!.titleLines).toContain('春耕时节田野忙');
    expect(from!.contributors).toEqual([]);
  });

  it('produces every axis of variety across seeds', () => {
    const styles = all.map((p) => p.style);
    expect(new Set(styles.map((s) => s.blanks))).toEqual(new Set(['none', 'every', 'blocks']));
    expect(new Set(styles.map((s) => s.indent))).toEqual(new Set(['', '\u3000\u3000', '  ']));
    const widths = styles.map((s) => s.wrap).filter((w): w is number => w !== null);
    expect(widths.length).toBeGreaterThan(0);
    expect(styles.some((s) => s.wrap === null)).toBe(true);
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(8);
    expect(Math.max(...widths)).toBeLessThanOrEqual(30);
    // Real text, not just the style record: blank lines, indents, wraps, mid-sentence breaks, ASCII punctuation.
    expect(all.some((p) => p.style.blanks === 'every' && /\S\n\n\S/.test(p.text))).toBe(true);
    expect(all.some((p) => p.style.blanks === 'none' && !/\n\n/.test(p.text.trimEnd()))).toBe(true);
    expect(all.some((p) => /\n\u3000\u3000\S/.test(p.text))).toBe(true);
    expect(all.some((p) => /\n {2}\S/.test(p.text))).toBe(true);
    expect(all.some((p) => p.style.wrap === null && p.gold.joins.length > 0)).toBe(true);
    expect(all.some((p) => p.style.ascii && p.text.includes('(') && !p.text.includes('（'))).toBe(true);
    expect(all.some((p) => !p.style.ascii && p.text.includes('，'))).toBe(true);
    const roles = new Set(all.flatMap((p) => p.roles));
    for (const r of ['masthead', 'running-head', 'kicker', 'headline', 'subheadline', 'series', 'byline', 'body-start', 'body', 'crosshead', 'caption', 'credit', 'jump', 'advertisement', 'notice'] as const) {
      expect(roles, r).toContain(r);
    }
    const kinds = new Set(all.flatMap((p) => p.gold.items.map((i) => i.kind)));
    for (const k of ['masthead', 'article', 'editorial', 'photo', 'brief', 'advertisement', 'notice'] as const) expect(kinds, k).toContain(k);
    // Printed furniture: a nameplate with the date on page 1, a running head or none on page 4.
    expect(all.some((p) => p.id.includes('p01') && p.text.startsWith('人民日报') && p.gold.masthead?.issueNumber !== undefined)).toBe(true);
    expect(all.some((p) => p.id.includes('p04') && p.roles[0] === 'running-head')).toBe(true);
    expect(all.some((p) => p.id.includes('p04') && !p.gold.items.some((i) => i.kind === 'masthead'))).toBe(true);
    // Invented bylines in printed forms, with their contributors in the gold.
    expect(all.some((p) => p.gold.items.some((i) => i.contributors?.some((c) => c.role === 'reporter')))).toBe(true);
    expect(all.some((p) => /下转第(?:4|四)版/.test(p.text))).toBe(true);
    expect(all.some((p) => /上接第(?:1|一)版/.test(p.text))).toBe(true);
  });

  it('adds OCR-like noise to some later variants only, and keeps their gold true', () => {
    const v2 = SEEDS.flatMap((s) => pages.map((p) => build(p, s, 2)));
    expect(all.every((p) => !p.style.ocrNoise)).toBe(true);
    const noisy = v2.filter((p) => p.style.ocrNoise);
    expect(noisy.length).toBeGreaterThan(10);
    expect(noisy.length).toBeLessThan(v2.length);
    // Misread brackets or dashes, as Tesseract does them.
    expect(noisy.some((p) => /[《〈]|-一|一一/.test(p.text))).toBe(true);
    for (const p of noisy) expect(goldStartLines(p.text.split('\n'), p.gold), p.id).toEqual(p.itemStarts);
    // The layout draws are the same with or without noise: variant 1 pages never change.
    expect(build(pages[0]!, 11, 1).text).toBe(all.find((p) => p.id === 'pd-2024-03-03-p01-v1' && p.gold.notes?.includes('seed 11,'))!.text);
  });

  it('builds gold that the reference anchor search finds at the item starts', () => {
    for (const p of all) {
      const lines = p.text.split('\n');
      const gold = parseGold(JSON.parse(JSON.stringify(p.gold)), p.id);
      expect(goldStartLines(lines, gold), p.id).toEqual(p.itemStarts);
      expect(p.roles).toHaveLength(lines.length);
      lines.forEach((l, i) => {
        if (l.trim()) expect(p.roles[i], `${p.id} line ${i}`).not.toBeNull();
        else expect(p.roles[i]).toBeNull();
      });
      expect(p.month).toBe('2024-03');
      // Every join names text that runs on across a line break; every break's halves are printed
      // (a half may itself run across a break: the scorer looks for it in re-joined paragraphs).
      const flat = inline(lines.map((l) => l.trim()).join(''));
      for (const [a, b] of p.gold.joins) expect(flat, `${p.id} join ${a}|${b}`).toContain(inline(a) + inline(b));
      for (const [a, b] of p.gold.breaks) {
        expect(flat).toContain(inline(a));
        expect(flat).toContain(inline(b));
      }
    }
  });

  it('gives roles consistent with the item starts', () => {
    for (const p of all) {
      const starts = new Set(p.itemStarts);
      p.roles.forEach((r, i) => {
        // A continuation line never opens an item; furniture only in the masthead item.
        if (starts.has(i)) expect(r, `${p.id} line ${i}`).not.toBe('body');
        if (r === 'masthead' || r === 'running-head') expect(i).toBeLessThan(p.itemStarts[1] ?? Infinity);
      });
      // Title lines of the gold are the lines with title roles, item by item.
      p.gold.items.forEach((item, k) => {
        const end = p.itemStarts[k + 1] ?? p.roles.length;
        const titled = p.text
          .split('\n')
          .slice(p.itemStarts[k], end)
          .filter((_, j) => ['kicker', 'headline', 'subheadline', 'series'].includes(p.roles[p.itemStarts[k]! + j] ?? ''));
        expect(titled.map((l) => l.trim()), `${p.id} item ${k}`).toEqual(item.titleLines ?? []);
      });
    }
  });

  it('agrees with labelFromGold on where items start', () => {
    for (const p of all.slice(0, 40)) {
      const relabelled = labelFromGold(p.text, p.gold, p.source, p.id);
      expect(relabelled.itemStarts).toEqual(p.itemStarts);
    }
  });
});

describe('page builder: habits of OCR text', () => {
  const v2 = SEEDS.flatMap((s) => pages.map((p) => build(p, s, 2)));
  const nextText = (p: BuiltPage, i: number): number => {
    let j = i + 1;
    while (j < p.roles.length && p.roles[j] === null) j++;
    return j;
  };
  const modal = (ns: number[]): number => {
    const c = new Map<number, number>();
    for (const n of ns) c.set(n, (c.get(n) ?? 0) + 1);
    return [...c].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? -1;
  }
  const firstAndFullLines = (p: BuiltPage): { first: number[]; full: number[] } => {
    const lines = p.text.split('\n');
    const first: number[] = [];
    const full: number[] = [];
    p.roles.forEach((r, i) => {
      if (p.roles[nextText(p, i)] !== 'body') return; // only lines the paragraph wraps on from
      const n = inline(lines[i]!.trim()).length;
      if (r === 'body-start') first.push(n);
      else if (r === 'body') full.push(n);
    });
    return { first, full };
  };

  it('opens wrapped paragraphs two characters short where OCR dropped the indent, and only there', () => {
    const flush = all.filter((p) => p.style.wrap !== null && p.style.indent === '' && !p.style.ragged);
    const lost = flush.filter((p) => p.style.lostIndent);
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.length).toBeLessThan(flush.length);
    for (const p of flush) {
      const { first, full } = firstAndFullLines(p);
      if (first.length < 3 || full.length < 3) continue;
      expect(modal(first), p.id).toBe(modal(full) - (p.style.lostIndent ? 2 : 0));
    }
    expect(all.every((p) => !p.style.lostIndent || (p.style.wrap !== null && p.style.indent === ''))).toBe(true);
  });

  it('puts OCR debris (role other) between blocks of some later variants, never inside a paragraph', () => {
    const withDebris = v2.filter((p) => p.roles.includes('other'));
    expect(withDebris.length).toBeGreaterThan(0);
    expect(withDebris.every((p) => p.style.debris > 0)).toBe(true);
    for (const p of withDebris) {
      const lines = p.text.split('\n');
      p.roles.forEach((r, i) => {
        if (r !== 'other') return;
        expect((OCR_DEBRIS as readonly string[]).includes(lines[i]!.trim()), `${p.id} line ${i}`).toBe(true);
        expect(p.roles[nextText(p, i)], `${p.id} line ${i}`).not.toBe('body');
        expect(p.itemStarts).not.toContain(i);
      });
      expect(goldStartLines(lines, p.gold), p.id).toEqual(p.itemStarts);
    }
    // Variant 1 (the pages rendered for real OCR) never gets debris or split headlines.
    expect(all.some((p) => p.roles.includes('other') || p.style.debris > 0 || p.style.splitHeadlines)).toBe(false);
  });

  it('prints a two-part headline on two lines in some later variants, with the gold naming both lines', () => {
    const twoPart: CorpusPage = { ...pages[1]!, articles: pages[1]!.articles.map((a) => (a.headline === '一座小城的绿色转身' ? { ...a, headline: '一座小城  绿色转身' } : a)) };
    const built = SEEDS.map((s) => build(twoPart, s, 2));
    const split = built.filter((p) => p.style.splitHeadlines);
    expect(split.length).toBeGreaterThan(0);
    expect(split.length).toBeLessThan(built.length);
    for (const p of built) {
      const item = p.gold.items.find((i) => i.titleLines?.some((t) => t.includes('绿色转身')));
      expect(item, p.id).toBeDefined();
      expect(item!.headline!.map(inline)).toContain('一座小城绿色转身');
      const lines = p.text.split('\n').map((l) => l.trim());
      if (p.style.splitHeadlines) {
        expect(item!.titleLines).toEqual(expect.arrayContaining(['一座小城', '绿色转身']));
        const k = lines.indexOf('一座小城');
        expect([p.roles[k], p.roles[nextText(p, k)]]).toEqual(['headline', 'headline']);
      } else expect(lines).toContain('一座小城  绿色转身');
    }
  });
});
