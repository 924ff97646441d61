// The engine copies classified lines field by field instead of spreading them (issue 15: the
// spread was a third of the engine's time). A field added to a line later must not be dropped
// by the copy: every line of every resources page keeps all its fields and values.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutPage } from '../../core/engine/layout.ts';
import { copyLine } from '../../core/engine/line-class.ts';
import { zhDailyRules } from '../../core/engine/rules/zh-daily.ts';

const pagesDir = join(import.meta.dirname, '../../resources/pages');
const pages = readdirSync(pagesDir).filter((f) => f.endsWith('.txt'));

describe('copyLine', () => {
  it('copies every field of every classified line of the resources pages, and only copies', () => {
    let lines = 0;
    for (const name of pages) {
      const layout = layoutPage(readFileSync(join(pagesDir, name), 'utf8'), zhDailyRules);
      for (const line of layout.lines) {
        const copy = copyLine(line);
        expect(copy).not.toBe(line);
        expect(Object.keys(copy)).toEqual(Object.keys(line));
        expect(copy).toEqual(line);
        lines++;
      }
    }
    expect(lines).toBeGreaterThan(500);
  });
});
