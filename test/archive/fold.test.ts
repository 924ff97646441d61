// The search fold: its precomputed character table matches the opencc-js dictionaries it was
// generated from, and folding with it gives what the converters give.
import { describe, expect, it } from 'vitest';
import * as OpenCC from 'opencc-js/t2cn';
import { readdirSync, readFileSync } from 'node:fs';
import { computeFoldableChars, foldTableSource, makeConverters, makeEagerConverters } from '../../core/search/fold-chars.ts';
import { FOLDABLE_CHARS } from '../../core/search/fold-table.ts';
import { foldChinese, foldForSearch, needsFolding } from '../../core/search/fold.ts';

describe('fold table', () => {
  const convs = makeEagerConverters();
  const computed = computeFoldableChars(convs);

  it('is the table the dictionaries give today (regenerate with fold-chars.ts when this fails)', () => {
    expect([...FOLDABLE_CHARS]).toEqual(computed);
    expect(foldTableSource(computed)).toContain('export const FOLDABLE_CHARS');
  });

  it('every character in it folds, and folding a text of them equals running the converters', () => {
    expect(computed.length).toBeGreaterThan(1000);
    for (const ch of computed) expect(needsFolding(ch)).toBe(true);
    const sample = computed.filter((_, i) => i % 7 === 0).join('');
    expect(foldChinese(sample)).toBe(convs.reduce((t, c) => c(t), sample));
  });

  it('the lazily built converters give exactly what OpenCC gives: every dictionary key, phrases in running text, the corpus', () => {
    const lazy = makeConverters();
    const keys = new Set<string>();
    const groups = [...(OpenCC.Locale.from.tw ?? []), ...(OpenCC.Locale.from.hk ?? []), ...(OpenCC.Locale.to.cn ?? [])];
    for (const group of groups) {
      for (const dict of group as unknown as unknown[]) {
        if (typeof dict === 'string') for (const entry of dict.split('|')) keys.add(entry.split(' ')[0] ?? '');
      }
    }
    expect(keys.size).toBeGreaterThan(5000);
    const run = (cs: ((t: string) => string)[], text: string) => cs.map((c) => c(text));
    // Each key alone, and all of them run together (phrases meeting across boundaries).
    const all = [...keys];
    for (const key of all) expect(run(lazy, key)).toEqual(run(convs, key));
    for (let i = 0; i < all.length; i += 40) {
      const text = all.slice(i, i + 40).join('');
      expect(run(lazy, text)).toEqual(run(convs, text));
    }
    const pages = new URL('../../resources/pages/', import.meta.url);
    for (const name of readdirSync(pages)) {
      const text = readFileSync(new URL(name, pages), 'utf8');
      expect(run(lazy, text)).toEqual(run(convs, text));
    }
  });

  it('leaves simplified, Latin and mixed text without traditional characters alone', () => {
    for (const text of ['衡阳日报', '什么', 'Galley 2024 年', '', '𠀀 simplified']) {
      expect(needsFolding(text)).toBe(false);
      expect(foldChinese(text)).toBe(text);
    }
  });

  it('folds traditional text, phrases included, and lower-cases for search', () => {
    expect(foldForSearch('衡陽日報')).toBe('衡阳日报');
    expect(foldForSearch('香港 ABC 報導')).toBe(foldForSearch('香港 abc 报导'));
    expect(needsFolding('平和 衡陽')).toBe(true);
  });
});
