// OpenCC's traditional → simplified converters, built lazily per character. OpenCC builds a trie
// of every dictionary entry up front (tens of milliseconds per converter, paid by the first search
// of a traditional query); these tries start empty and take in the entries beginning with a
// character the first time a text reaches that character. Matching, segmentation, the order of
// dictionaries and which entry wins are OpenCC's own (its Trie class does the work), so the result
// is the same string: test/archive/fold.test.ts compares the two on every dictionary key.
import * as OpenCC from 'opencc-js/t2cn';

type Dict = string | readonly (readonly [string, string])[];
type Group = readonly Dict[];
type Convert = (text: string) => string;

/** Up to this many characters are looked up by searching the dictionary text; then it is split once. */
const SCANS_BEFORE_SPLIT = 64;

/**
 * A dictionary's entries beginning with a given code point. A query reaches a handful of
 * characters: each is found by searching the dictionary's text for "|c" (microseconds). A long
 * text reaches hundreds: after SCANS_BEFORE_SPLIT of them the dictionary is split into buckets once.
 */
class Buckets {
  private byFirst: Map<number, [string, string][]> | null = null;
  private scans = 0;
  constructor(private readonly dict: Dict) {}

  get(cp: number): readonly [string, string][] {
    if (!this.byFirst && typeof this.dict === 'string' && this.scans < SCANS_BEFORE_SPLIT) {
      this.scans++;
      return scan(this.dict, String.fromCodePoint(cp));
    }
    this.byFirst ??= split(this.dict);
    return this.byFirst.get(cp) ?? [];
  }
}

/** Entries of "key value|key value…" whose key begins with `ch`, in dictionary order. */
function scan(dict: string, ch: string): [string, string][] {
  const out: [string, string][] = [];
  const take = (start: number): number => {
    const end = dict.indexOf('|', start);
    const [key = '', value] = dict.slice(start, end < 0 ? undefined : end).split(' ');
    if (typeof value === 'string') out.push([key, value]);
    return end < 0 ? dict.length : end;
  };
  let at = dict.startsWith(ch) ? take(0) : 0;
  for (;;) {
    const hit = dict.indexOf(`|${ch}`, at);
    if (hit < 0) return out;
    at = take(hit + 1);
  }
}

function split(dict: Dict): Map<number, [string, string][]> {
  const map = new Map<number, [string, string][]>();
  const put = (key: string, value: string): void => {
    const first = key.codePointAt(0);
    if (first === undefined) return;
    const list = map.get(first);
    if (list) list.push([key, value]);
    else map.set(first, [[key, value]]);
  };
  if (typeof dict === 'string') {
    for (const line of dict.split('|')) {
      const [key = '', value] = line.split(' ');
      if (typeof value === 'string') put(key, value);
    }
  } else {
    for (const [key, value] of dict) put(key, value);
  }
  return map;
}

// Dictionaries are shared between the converters (TSPhrases is in both): split each one once.
const stringBuckets = new Map<string, Buckets>();
const pairBuckets = new WeakMap<object, Buckets>();
function buckets(dict: Dict): Buckets {
  if (typeof dict === 'string') {
    let made = stringBuckets.get(dict);
    if (!made) stringBuckets.set(dict, (made = new Buckets(dict)));
    return made;
  }
  let made = pairBuckets.get(dict);
  if (!made) pairBuckets.set(dict, (made = new Buckets(dict)));
  return made;
}

/** OpenCC's Trie for one dictionary group, filled per first character when a match starts there. */
class LazyTrie extends OpenCC.Trie {
  private readonly loaded = new Set<number>();
  private readonly sources: Buckets[];

  constructor(group: Group) {
    super();
    // loadDictGroup loads the group's dictionaries last to first, so the first one's entry wins.
    this.sources = [...group].reverse().map(buckets);
  }

  override matchPrefix(text: string, offset: number): { end: number; value: string } | null {
    const cp = text.codePointAt(offset);
    if (cp !== undefined && !this.loaded.has(cp)) {
      this.loaded.add(cp);
      for (const source of this.sources) for (const [key, value] of source.get(cp)) this.addWord(key, value);
    }
    return super.matchPrefix(text, offset);
  }
}

interface Config {
  segmentation: Dict | Group;
  conversionChain: readonly Group[];
  normalizationChain?: readonly Group[];
}

/** The converter OpenCC.Converter({ from, to: 'cn' }) builds, with lazy tries. */
export function lazyConverter(from: 'tw' | 'hk'): Convert {
  const configs = (OpenCC.Locale as unknown as { configs?: Record<string, Config> }).configs;
  const config = configs?.[`${from}2s`];
  if (!config) throw new Error(`opencc-js has no ${from}2s configuration`);
  const segmentation = new LazyTrie(
    Array.isArray(config.segmentation) && config.segmentation.every((d) => typeof d === 'string')
      ? (config.segmentation as Group)
      : [config.segmentation as Dict],
  );
  const chain = config.conversionChain.map((group) => new LazyTrie(group));
  const normalize = (config.normalizationChain ?? []).map((group) => new LazyTrie(group));
  return (text) => {
    const normal = normalize.reduce((t, trie) => trie.convert(t), text);
    return chain.reduce((segments, trie) => segments.map((s) => trie.convert(s)), segmentation.segment(normal)).join('');
  };
}
