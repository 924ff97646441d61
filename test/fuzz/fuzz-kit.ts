// Shared settings and generators for the property-based fuzz tests (fast-check).
// Seeded, so a failure reproduces: the report prints the seed and the counterexample's path;
// rerun with GALLEY_FUZZ_SEED=<seed>. GALLEY_FUZZ_RUNS sets the inputs per target (1,000 in
// npm test, 10,000 in npm run test:stress).
import fc from 'fast-check';
import { envCount, recordFigures, STRESS } from '../reliability/figures.ts';

export const FUZZ_RUNS = envCount('GALLEY_FUZZ_RUNS', STRESS ? 10_000 : 1_000);
export const FUZZ_SEED = envCount('GALLEY_FUZZ_SEED', 424_242);

export interface FuzzTally {
  target: string;
  tried: number;
  failures: number;
  counterexample?: string;
  [k: string]: unknown;
}

/** Runs a property with the suite's seed and run count; returns a tally instead of throwing. */
export function check<T>(target: string, arb: fc.Arbitrary<T>, property: (value: T) => void, runs = FUZZ_RUNS): FuzzTally {
  let tried = 0;
  const result = fc.check(
    fc.property(arb, (v) => {
      tried++;
      property(v);
    }),
    { seed: FUZZ_SEED, numRuns: runs, endOnFailure: true },
  );
  const tally: FuzzTally = { target, tried, failures: result.failed ? 1 : 0 };
  if (result.failed) {
    const error = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
    tally.counterexample = `${JSON.stringify(result.counterexample)?.slice(0, 2000)} (seed ${result.seed}, path ${result.counterexamplePath}): ${error.slice(0, 1000)}`;
  }
  return tally;
}

export function record(name: string, tallies: FuzzTally[], extra: Record<string, unknown> = {}): void {
  recordFigures(name, {
    seed: FUZZ_SEED,
    inputsTried: tallies.reduce((n, t) => n + t.tried, 0),
    failures: tallies.reduce((n, t) => n + t.failures, 0),
    targets: tallies,
    ...extra,
  });
}

const CJK = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
const PIECES = [
  '本报讯（记者 张三）', '本报讯(记者 李四 通讯员 王五)', '记者 彭斌 摄', '（上接第一版）', '(转第6版)', '（下转第二版）', '新华社北京10月28日电',
  '衡阳日报', '2021年10月29日', '星期五', '第17980号', '第3版', '要闻', '责任编辑：刘六', '本版热线：0734-8888888',
  '「', '」', '（', '）', '(', ')', '【', '】', '《', '》', '“', '”', '"', '‘', '’', '。', '，', '！', '？', '；', '：', '、', '……', '——',
  '\n', '\n', '\n\n', '\r\n', '\r', '\u3000\u3000', '  ', '\t',
  '\u200b', '\u200c', '\u200d', '\ufeff', '\u200e', '\u200f', '\u202a', '\u202b', '\u202e', '\u202c', '\u2066', '\u2069',
  '|', '■', '●', '★', '-', '——', '1', '12', '2023', 'ABC', 'Xinhua', '😀', '𠀋',
];
const piece = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 6, arbitrary: fc.array(CJK, { minLength: 1, maxLength: 40 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

/** Newspaper-ish text: CJK runs, bylines, jump lines, brackets, newlines (all kinds), marks. */
export const pageText = (maxPieces = 300): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.array(piece, { maxLength: maxPieces }).map((a) => a.join('')) },
    { weight: 1, arbitrary: fc.string({ maxLength: 500, unit: 'binary' }) },
    { weight: 1, arbitrary: fc.array(piece, { minLength: 1500, maxLength: 4000, size: 'max' }).map((a) => a.join('').slice(0, 20_000)) },
  );

/** Text that is safe inside XML content (no markup characters), incl. CJK and marks. */
export const xmlSafeText: fc.Arbitrary<string> = fc
  .array(fc.oneof(CJK, fc.constantFrom('本报讯', '记者', '。', '，', 'abc', ' ', '\u200b', '\u202e', '（', '）', '1')), { minLength: 1, maxLength: 20 })
  .map((a) => a.join(''));

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
