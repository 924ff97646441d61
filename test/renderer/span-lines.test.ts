// The editor's item spans as lines (renderer/editor/span-lines.ts): one sweep over the text must
// give the lines the old per-item model lookup gave (line of the start; line of the character
// before the next item, or of the text's last character), and the windowed decorations of a big
// page find their first span by binary search.
import { describe, expect, it } from 'vitest';
import { firstSpanEndingAtOrAfter, itemLineSpans } from '../../renderer/editor/span-lines.ts';
import { bigPageText } from '../../bench/_big-page.ts';

/** What Monaco's model.getPositionAt(offset).lineNumber answers (offsets past the end clamp). */
function lineAt(text: string, offset: number): number {
  const o = Math.min(Math.max(0, offset), text.length);
  let n = 1;
  for (let i = 0; i < o; i++) if (text[i] === '\n') n++;
  return n;
}

function byLookup(text: string, starts: number[]): [number, number][] {
  return starts.map((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]! : text.length;
    const a = lineAt(text, s);
    return [a, Math.max(a, lineAt(text, Math.max(s, end - 1)))];
  });
}

describe('itemLineSpans', () => {
  it('gives each item its first and last line, item starts on and off line starts, with and without a final newline', () => {
    const cases: [string, number[]][] = [
      ['标题一\n正文一\n\n标题二\n正文二', [0, 9]],
      ['标题一\n正文一\n\n标题二\n正文二\n', [0, 9]],
      ['一行里两条：甲。乙。\n下一行', [0, 8, 11]],
      ['', [0]],
      ['\n\n\n', [0, 1, 3]],
      ['甲\n乙', [0, 2, 2]],
    ];
    for (const [text, starts] of cases) {
      expect(itemLineSpans(text, starts.map((start) => ({ start }))), JSON.stringify(text)).toEqual(byLookup(text, starts));
    }
  });

  it('agrees with the lookup on a generated page of 600 items', () => {
    const text = bigPageText(600);
    const starts = [0];
    for (let i = text.indexOf('\n\n'); i >= 0; i = text.indexOf('\n\n', i + 1)) if (i + 2 < text.length) starts.push(i + 2);
    expect(starts.length).toBe(600);
    const spans = itemLineSpans(text, starts.map((start) => ({ start })));
    expect(spans).toEqual(byLookup(text, starts));
    expect(spans[599]![0]).toBe(1798);
  });
});

describe('firstSpanEndingAtOrAfter', () => {
  const spans: [number, number][] = [
    [1, 3],
    [4, 4],
    [5, 9],
    [10, 12],
  ];
  it('finds the span holding a line, or the next one', () => {
    expect(firstSpanEndingAtOrAfter(spans, 1)).toBe(0);
    expect(firstSpanEndingAtOrAfter(spans, 3)).toBe(0);
    expect(firstSpanEndingAtOrAfter(spans, 4)).toBe(1);
    expect(firstSpanEndingAtOrAfter(spans, 7)).toBe(2);
    expect(firstSpanEndingAtOrAfter(spans, 12)).toBe(3);
    expect(firstSpanEndingAtOrAfter(spans, 13)).toBe(4);
    expect(firstSpanEndingAtOrAfter([], 1)).toBe(0);
  });
});
