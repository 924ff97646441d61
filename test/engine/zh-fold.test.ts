// The rule pack's one-character fold: the committed table is the one the opencc-js dictionaries give
// today, it keeps offsets, and a traditional line folds to the simplified line it prints.
import { describe, expect, it } from 'vitest';
import { charFoldTableSource, computeCharFolds, makeEagerConverters } from '../../core/search/fold-chars.ts';
import { CHAR_FOLD_PAIRS } from '../../core/engine/rules/zh-fold-table.ts';
import { foldTraditional } from '../../core/engine/rules/zh-fold.ts';
import { segmentPage } from '../../core/engine/segment.ts';

describe('the rule pack’s traditional fold', () => {
  it('is generated from the dictionaries (regenerate with electron/node/write-engine-fold-table.ts when this fails)', () => {
    const pairs = computeCharFolds(makeEagerConverters());
    expect(CHAR_FOLD_PAIRS).toBe(pairs);
    expect(pairs.length / 2).toBeGreaterThan(2000);
    expect(charFoldTableSource(pairs)).toContain('export const CHAR_FOLD_PAIRS');
  });

  it('folds whole traditional lines one character for one, beyond the pack’s keywords', () => {
    const line = '香港中文大學研究團隊發現，這種療法對癌症患者的療效顯著';
    const folded = foldTraditional(line);
    expect(folded).toBe('香港中文大学研究团队发现，这种疗法对癌症患者的疗效显著');
    expect(folded.length).toBe(line.length);
    // The pack's own pairs win where a character alone would stay as it is.
    expect(foldTraditional('於是計劃')).toBe('于是计划');
    // Simplified text is left as it is.
    expect(foldTraditional('本报记者 彭斌')).toBe('本报记者 彭斌');
  });

  it('reads a traditional byline’s names back as printed, though the pack matched them folded', () => {
    const page = ['港島東區舉辦街坊嘉年華', '■記者 陳大文', '　　昨日，港島東區舉辦街坊嘉年華，數千名市民參加。', '　　主辦單位表示，明年將繼續舉辦。'].join('\n');
    const item = segmentPage(page, { model: null }).items.find((i) => i.headline === '港島東區舉辦街坊嘉年華');
    expect(item?.contributors).toEqual([{ name: '陳大文', role: 'reporter' }]);
  });
});
