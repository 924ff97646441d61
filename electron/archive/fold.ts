// Simplified/traditional folding for search: both the indexed text and the query are turned
// into simplified Chinese so that 衡陽 finds 衡阳 and the other way round.
import * as OpenCC from 'opencc-js/t2cn';

type Convert = (text: string) => string;

let converters: Convert[] | null = null;
let convertible: Set<string> | null = null;
/** Bitmap over the Basic Multilingual Plane of the characters in `convertible`. */
let bmp: Uint8Array | null = null;

function setup(): { convs: Convert[]; chars: Set<string> } {
  if (converters && convertible) return { convs: converters, chars: convertible };
  const convs: Convert[] = [
    OpenCC.Converter({ from: 'tw', to: 'cn' }),
    OpenCC.Converter({ from: 'hk', to: 'cn' }),
  ];
  // Every character that appears in a dictionary key and converts on its own. A text with none
  // of them is left alone, which keeps the (common) simplified page off the slow path.
  const seen = new Set<string>();
  const values = new Set<string>();
  const sink = new Set<string>();
  // Keys of every dictionary may need folding; only the values of the to-simplified dictionaries
  // are simplified text.
  for (const group of [...(OpenCC.Locale.from.tw ?? []), ...(OpenCC.Locale.from.hk ?? [])]) {
    for (const dict of group as unknown as unknown[]) collectChars(dict, seen, sink);
  }
  for (const group of OpenCC.Locale.to.cn ?? []) {
    for (const dict of group as unknown as unknown[]) collectChars(dict, seen, values);
  }
  const chars = new Set<string>();
  for (const ch of seen) {
    // A character that is itself a conversion result (么 in 什么) is valid simplified text; leave
    // it out so that a one-character query folds the same way as the text around it.
    if (!values.has(ch) && convs.some((c) => c(ch) !== ch)) chars.add(ch);
  }
  converters = convs;
  convertible = chars;
  bmp = new Uint8Array(0x10000);
  for (const ch of chars) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x10000) bmp[code] = 1;
  }
  return { convs, chars };
}

function collectChars(dict: unknown, keys: Set<string>, values: Set<string>): void {
  const add = (key: string, value: string): void => {
    for (const ch of key) keys.add(ch);
    for (const ch of value) values.add(ch);
  };
  if (typeof dict === 'string') {
    for (const entry of dict.split('|')) {
      const [key = '', value = ''] = entry.split(' ');
      add(key, value);
    }
  } else if (Array.isArray(dict)) {
    for (const pair of dict) {
      if (Array.isArray(pair) && typeof pair[0] === 'string') add(pair[0], String(pair[1] ?? ''));
    }
  } else if (dict && typeof dict === 'object') {
    for (const [key, value] of Object.entries(dict)) add(key, String(value));
  }
}

/** True when the text holds at least one traditional character that folding would change. */
export function needsFolding(text: string): boolean {
  const { chars } = setup();
  const map = bmp as Uint8Array;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x3400) continue; // below CJK: nothing to fold
    if (code >= 0xd800 && code <= 0xdbff) {
      const cp = text.codePointAt(i) ?? code;
      if (chars.has(String.fromCodePoint(cp))) return true;
      i++;
    } else if (map[code] === 1) return true;
  }
  return false;
}

/** Folds traditional characters to simplified (tw and hk variants). Leaves other text as is. */
export function foldChinese(text: string): string {
  if (!text || !needsFolding(text)) return text;
  const { convs } = setup();
  let out = text;
  for (const c of convs) out = c(out);
  return out;
}

/** Search normal form: simplified Chinese, lower case, runs of white space made one space. */
export function foldForSearch(text: string): string {
  return foldChinese(text).toLowerCase();
}
