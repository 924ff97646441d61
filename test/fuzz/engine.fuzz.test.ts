// Fuzzing the segmentation engine: arbitrary page text (CJK, brackets, every newline form,
// bylines, jump lines, zero-width and bidi marks, lone surrogates) never throws, the output
// passes the galley.segmentation/1 schema, items cover the normalised text contiguously from 0 to
// its length, flags stay inside their item, and each page is segmented within the hang bound.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveItems, segmentPage } from '../../core/engine/index.ts';
import { segmentationSchema, type Item } from '../../shared/segmentation.ts';
import { check, FUZZ_RUNS, pageText, record, type FuzzTally } from './fuzz-kit.ts';

/** The documented per-input hang bound: a page of up to 20,000 characters within 200 ms. */
const HANG_BOUND_MS = 200;
/**
 * On a loaded machine wall time stretches for every page alike, so a page over the bound is timed
 * again beside a real page of the same length, and counts as a hang only when it is also this many
 * times slower than that baseline (a hang — runaway backtracking — is orders of magnitude slower).
 */
const HANG_OVER_BASELINE = 8;
const REAL_PAGE = readFileSync(new URL('../../resources/pages/hengyang-daily-2021-10-29-p1.txt', import.meta.url), 'utf8');
const realPageOfLength = (n: number) => REAL_PAGE.repeat(Math.ceil(n / REAL_PAGE.length)).slice(0, n);
const timed = (f: () => void) => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};
const HAS_TEXT = /[\p{L}\p{N}]/u;

function coverProblems(text: string, items: Item[]): string | null {
  if (items.length === 0) return HAS_TEXT.test(text) ? 'text with letters or digits gave no items' : null;
  if (items[0]!.start !== 0) return `first item starts at ${items[0]!.start}`;
  for (let k = 0; k < items.length; k++) {
    const it = items[k]!;
    if (it.end <= it.start) return `item ${k} is empty (${it.start}-${it.end})`;
    if (k > 0 && it.start !== items[k - 1]!.end) return `gap or overlap before item ${k}`;
    for (const f of it.flags) if (f.start < it.start || f.end > it.end || f.end < f.start) return `flag ${f.code} outside item ${k}`;
  }
  if (items[items.length - 1]!.end !== text.length) return `items end at ${items[items.length - 1]!.end}, text at ${text.length}`;
  return null;
}

describe('engine fuzz', () => {
  it(`segmentPage holds its invariants on ${FUZZ_RUNS} generated pages`, { timeout: 300_000 }, () => {
    let slowest = 0;
    let chars = 0;
    let longest = 0;
    let retimed = 0;
    const tally = check('segmentPage', pageText(), (raw) => {
      const t0 = performance.now();
      const seg = segmentPage(raw);
      const ms = performance.now() - t0;
      slowest = Math.max(slowest, ms);
      chars += raw.length;
      longest = Math.max(longest, raw.length);
      segmentationSchema.parse(seg);
      const text = raw.replace(/\r\n?/g, '\n');
      const problem = coverProblems(text, seg.items);
      if (problem) throw new Error(problem);
      if (raw.length <= 20_000 && ms > HANG_BOUND_MS) {
        // Timed again once, so a GC pause or a busy CI core is not taken for a hang, beside the baseline.
        const baseline = timed(() => segmentPage(realPageOfLength(raw.length)));
        const again = timed(() => segmentPage(raw));
        if (again > HANG_BOUND_MS && again > HANG_OVER_BASELINE * baseline) {
          throw new Error(`took ${ms.toFixed(0)} and ${again.toFixed(0)} ms for ${raw.length} characters; a real page as long took ${baseline.toFixed(0)} ms`);
        }
        retimed++;
      }
    });
    const derive = check(
      'deriveItems',
      pageText(120).chain((raw) => {
        const text = raw.replace(/\r\n?/g, '\n');
        return fc.tuple(fc.constant(text), fc.uniqueArray(fc.integer({ min: 0, max: text.length }), { maxLength: 12 }));
      }),
      ([text, starts]) => {
        const items = deriveItems(text, [...starts].sort((a, b) => a - b));
        if (items.length === 0 && text.length > 0 && HAS_TEXT.test(text)) throw new Error('no items');
        if (items.length) {
          const problem = coverProblems(text, items);
          if (problem) throw new Error(problem);
        }
      },
    );
    const tallies: FuzzTally[] = [{ ...tally, slowestMs: Math.round(slowest), retimed, charsTotal: chars, longestChars: longest }, derive];
    record('fuzz-engine', tallies, { hangBoundMs: HANG_BOUND_MS });
    expect(tally.counterexample ?? null).toBeNull();
    expect(derive.counterexample ?? null).toBeNull();
  });
});
