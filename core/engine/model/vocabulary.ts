// Vocabulary overlap around a line: does the text below it go on talking about what the text above
// it talked about? A crosshead sits inside one article, so the paragraphs on both sides share their
// words; a new article's headline sits between two articles on different subjects, and shares its
// own words with the text below it rather than the text above. No word list: Han character bigrams.
//
// Computed only for lines that could be titles (the caller says which); bigrams are numbered once
// per page, so a candidate costs a few set operations over a window of about WINDOW characters.

/** Characters of running text read on each side of a candidate line. */
const WINDOW = 240;

const isHan = (code: number): boolean => code >= 0x4e00 && code <= 0x9fff;

/**
 * Bigram (as one number below 2^29) → page-local number, in open addressing over typed arrays: a
 * Map of numbers cost a hash-table entry object per bigram of every page.
 */
class BigramIds {
  size = 0;
  private keys = new Int32Array(4096).fill(-1);
  private values = new Int32Array(4096);

  id(key: number): number {
    let mask = this.keys.length - 1;
    let p = Math.imul(key, 0x9e3779b1) >>> 0;
    for (p &= mask; ; p = (p + 1) & mask) {
      const k = this.keys[p]!;
      if (k === key) return this.values[p]!;
      if (k === -1) break;
    }
    const id = this.size++;
    if (this.size * 2 > this.keys.length) {
      this.grow();
      mask = this.keys.length - 1;
      for (p = Math.imul(key, 0x9e3779b1) & mask; this.keys[p] !== -1; p = (p + 1) & mask);
    }
    this.keys[p] = key;
    this.values[p] = id;
    return id;
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.values = new Int32Array(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let q = 0; q < keys.length; q++) {
      if (keys[q] === -1) continue;
      let p = Math.imul(keys[q]!, 0x9e3779b1) & mask;
      while (this.keys[p] !== -1) p = (p + 1) & mask;
      this.keys[p] = keys[q]!;
      this.values[p] = values[q]!;
    }
  }
}

export interface LineVocabulary {
  /** How much of the text below is found in the text above (0–1); −1 when a side has no text. */
  aboveBelow: number;
  /** Share of the line's own bigrams found below, minus the share found above (−1…1). */
  titleLean: number;
}

/**
 * @param texts every text line's compact text (no spaces)
 * @param candidate which lines to measure (others get undefined)
 * @param isBody which lines are running text (windows read only those)
 */
export function lineVocabulary(texts: readonly string[], candidate: (i: number) => boolean, isBody: (i: number) => boolean): (LineVocabulary | undefined)[] {
  const n = texts.length;
  // Bigrams of a line as page-local numbers 0…k (one lookup per bigram, once per line), so the
  // windows below mark them in typed arrays: a window reads hundreds of bigrams per candidate.
  const ids = new BigramIds();
  const gramsOf: (Int32Array | undefined)[] = new Array(n);
  const grams = (j: number): Int32Array => {
    let g = gramsOf[j];
    if (!g) {
      const text = texts[j]!;
      let count = 0;
      for (let k = 0; k + 1 < text.length; k++) if (isHan(text.charCodeAt(k)) && isHan(text.charCodeAt(k + 1))) count++;
      g = new Int32Array(count);
      count = 0;
      for (let k = 0; k + 1 < text.length; k++) {
        const a = text.charCodeAt(k);
        const b = text.charCodeAt(k + 1);
        if (isHan(a) && isHan(b)) g[count++] = ids.id((a - 0x4e00) * 0x5200 + (b - 0x4e00));
      }
      gramsOf[j] = g;
    }
    return g;
  };
  const out: (LineVocabulary | undefined)[] = new Array(n);
  // Which bigrams the windows of the current candidate hold, by stamp (no set per candidate: this
  // runs on every page the engine segments). Grown as new bigrams are numbered.
  let aboveAt = new Int32Array(1024);
  let belowAt = new Int32Array(1024);
  let ownAt = new Int32Array(1024);
  const fit = (): void => {
    if (ids.size <= aboveAt.length) return;
    const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(Math.max(ids.size, a.length * 2));
      b.set(a);
      return b;
    };
    [aboveAt, belowAt, ownAt] = [grow(aboveAt), grow(belowAt), grow(ownAt)];
  };
  for (let i = 0; i < n; i++) {
    if (!candidate(i)) continue;
    const stamp = i + 1;
    let aboveSize = 0;
    let chars = 0;
    for (let j = i - 1; j >= 0 && chars < WINDOW; j--) {
      if (!isBody(j)) continue;
      const g = grams(j);
      fit();
      for (let k = 0; k < g.length; k++) {
        if (aboveAt[g[k]!] !== stamp) {
          aboveAt[g[k]!] = stamp;
          aboveSize++;
        }
      }
      chars += texts[j]!.length;
    }
    let belowSize = 0;
    let belowInAbove = 0;
    chars = 0;
    for (let j = i + 1; j < n && chars < WINDOW; j++) {
      if (!isBody(j)) continue;
      const g = grams(j);
      fit();
      for (let k = 0; k < g.length; k++) {
        const id = g[k]!;
        if (belowAt[id] === stamp) continue;
        belowAt[id] = stamp;
        belowSize++;
        if (aboveAt[id] === stamp) belowInAbove++;
      }
      chars += texts[j]!.length;
    }
    let ownSize = 0;
    let ownBelow = 0;
    let ownAbove = 0;
    const own = grams(i);
    fit();
    for (let k = 0; k < own.length; k++) {
      const id = own[k]!;
      if (ownAt[id] === stamp) continue;
      ownAt[id] = stamp;
      ownSize++;
      if (belowAt[id] === stamp) ownBelow++;
      if (aboveAt[id] === stamp) ownAbove++;
    }
    out[i] = {
      // Share of the text below's distinct bigrams found above.
      aboveBelow: aboveSize && belowSize ? belowInAbove / belowSize : -1,
      titleLean: ownSize ? ownBelow / ownSize - ownAbove / ownSize : 0,
    };
  }
  return out;
}
