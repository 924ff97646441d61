// Doubts an editor should see: unbalanced quotes and brackets, an unfinished last paragraph,
// text that looks lost. Flags never change the segmentation; they point at places to check.
import type { Flag } from '../../shared/segmentation.ts';
import type { RulePack } from './rules/rule-pack.ts';
import type { Paragraph } from './paragraphs.ts';

const PAIRS: Record<string, string> = { '“': '”', '‘': '’', '（': '）', '(': ')', '《': '》', '【': '】', '「': '」', '『': '』', '〔': '〕' };
const CLOSERS = new Map(Object.entries(PAIRS).map(([open, close]) => [close, open]));
const MAYBE_PAIRED = /["“”‘’（）()《》【】「」『』〔〕]/;
const QUOTES = new Set(['“', '”', '‘', '’', '「', '」', '『', '』']);
/** At most this many flags of one code per item, so one bad page doesn't drown the card. */
const MAX_PER_CODE = 3;

function bracketFlag(ch: string, offset: number, problem: string): Flag {
  const quote = QUOTES.has(ch);
  return {
    code: quote ? 'unbalanced-quotes' : 'unbalanced-brackets',
    message: `${quote ? 'Quotation mark' : 'Bracket'} ${ch} ${problem}`,
    start: offset,
    end: offset + ch.length,
  };
}

/** Checks pairing across the whole item: a quotation may run over several paragraphs. */
export function pairingFlags(text: string, base: number): Flag[] {
  const flags: Flag[] = [];
  const stack: { ch: string; offset: number }[] = [];
  const straightQuotes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    // Most characters are neither brackets nor quotes: one code-point range test skips them.
    if (!MAYBE_PAIRED.test(ch)) continue;
    if (ch === '"') {
      straightQuotes.push(base + i);
    } else if (PAIRS[ch]) {
      stack.push({ ch, offset: base + i });
    } else if (CLOSERS.has(ch)) {
      const open = CLOSERS.get(ch)!;
      let at = stack.length - 1;
      while (at >= 0 && stack[at]!.ch !== open) at--;
      if (at < 0) flags.push(bracketFlag(ch, base + i, 'closes nothing: text before it may be lost'));
      else stack.length = at;
    }
  }
  for (const open of stack) flags.push(bracketFlag(open.ch, open.offset, 'is never closed'));
  if (straightQuotes.length % 2 === 1) {
    const offset = straightQuotes.at(-1)!;
    flags.push({ code: 'unbalanced-quotes', message: 'Odd number of " quotation marks', start: offset, end: offset + 1 });
  }
  return capPerCode(flags);
}

export function paragraphFlags(paragraphs: Paragraph[], continuesElsewhere: boolean, pack: RulePack): Flag[] {
  const flags: Flag[] = [];
  const first = paragraphs[0];
  if (first && /^[，,。．、；;：:”’）)】》]/.test(first.text)) {
    flags.push({
      code: 'lost-text',
      message: 'The body starts in mid-sentence: text before it may be lost',
      start: first.start,
      end: first.start + 1,
    });
  }
  const last = paragraphs.at(-1);
  if (last && !continuesElsewhere && !pack.isClosingChar(last.text.at(-1) ?? '')) {
    flags.push({
      code: 'unterminated-paragraph',
      message: 'The last paragraph ends without punctuation: text may be lost or continue elsewhere',
      start: Math.max(last.start, last.end - 1),
      end: last.end,
    });
  }
  return flags;
}

function capPerCode(flags: Flag[]): Flag[] {
  const counts = new Map<string, number>();
  return flags.filter((f) => {
    const n = (counts.get(f.code) ?? 0) + 1;
    counts.set(f.code, n);
    return n <= MAX_PER_CODE;
  });
}
