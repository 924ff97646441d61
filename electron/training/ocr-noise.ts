// OCR-like noise for built pages: misread brackets, bullets and dashes (zh-furniture's
// OCR_CONFUSIONS), and spaces between CJK characters dropped or doubled, or inserted, in body text.
// Applied to a planned page before it is written, so the gold is taken from the noisy text.
// Platform-free.
import type { Rng } from './rng.ts';
import { OCR_CONFUSIONS } from './zh-furniture.ts';

/** Share of confusable marks that are misread on a noisy page. */
const CONFUSION_RATE = 0.3;
/** Share of CJK character pairs in body text that get a stray space. */
const STRAY_SPACE_RATE = 0.01;

const CJK = /[\u3400-\u9fff]/;

export function confuseMarks(text: string, rng: Rng): string {
  let out = text;
  for (const [mark, readings] of OCR_CONFUSIONS) {
    if (!out.includes(mark)) continue;
    out = out.split(mark).reduce((acc, part, i) => (i === 0 ? part : acc + (rng.chance(CONFUSION_RATE) ? rng.pick(readings) : mark) + part), '');
  }
  return out;
}

/** Body text: runs of spaces dropped or doubled, and a few stray spaces between CJK characters. */
export function jitterSpaces(text: string, rng: Rng): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === ' ') {
      let j = i;
      while (text[j + 1] === ' ') j++;
      const r = rng.next();
      out += r < 0.4 ? '' : r < 0.7 ? ' ' : '  ';
      i = j;
      continue;
    }
    out += ch;
    if (CJK.test(ch) && CJK.test(text[i + 1] ?? '') && rng.chance(STRAY_SPACE_RATE)) out += ' ';
  }
  return out;
}
