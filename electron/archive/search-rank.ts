// bm25 for the contentless index (migration 0017), computed as FTS5's own bm25() computes it.
// FTS5 ranks a detail=column table by tokenizing the row's content again to count each phrase's
// occurrences; a contentless table has no content to read, so its bm25() is always 0. The same
// score is made here from what FTS5 would have used:
// - the number of rows (the items') and the average row size in tokens: the index's "averages"
//   record (items_fts_data row 1: varints, the row count, then the token total of each column);
// - the rows holding each phrase (every phrase is one trigram): the vocabulary's doc count;
// - the row's own folded, padded columns (core/search storedSearchDoc), which are exactly what was
//   indexed: a trigram's occurrences per column, and the row's size in tokens.
// k1 = 1.2, b = 0.75 and the idf floor of 1e-6 are FTS5's (fts5_aux.c, fts5Bm25Function); the
// PostgreSQL archive computes the same formula (postgres/bm25.ts). Occurrences are counted in one
// pass per column (only where a phrase's first character is), since the OR list of a one- or
// two-character term can hold hundreds of trigrams; the sum runs in the query's phrase order.
import type { SearchDocText } from '../../core/search/search-doc.ts';
import type { Db } from './db.ts';

const K1 = 1.2;
const B = 0.75;
/** Column weights: headline, body, people, tags (as search ranked with bm25(items_fts, 8, 1, 4, 4)). */
export const RANK_WEIGHTS = [8, 1, 4, 4] as const;
const COLUMNS = ['headline', 'body', 'people', 'tags'] as const;

export interface RankStats {
  rows: number;
  avgTokens: number;
  idf: Map<string, number>;
}

/** SQLite's varint (FTS5 records use it): big-endian 7-bit groups, the ninth byte whole. */
function readVarint(buf: Uint8Array, at: number): [value: number, next: number] {
  let v = 0;
  for (let i = 0; i < 8; i++) {
    const byte = buf[at + i];
    if (byte === undefined) throw new Error('truncated FTS5 averages record');
    v = v * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return [v, at + i + 1];
  }
  return [v * 256 + (buf[at + 8] ?? 0), at + 9];
}

/**
 * What bm25 needs about the whole index for these phrases (trigrams); `known`: rows per phrase
 * already read from the vocabulary (the one- and two-character lookup has them). A contentless_delete table
 * never takes a deleted row out of its averages record (each rewrite of an item adds a row there),
 * so the row count is the items' (every item is indexed once) and only the average row size comes
 * from the record, where deleted rows weigh as much as live ones of their kind.
 */
export function rankStats(db: Db, phrases: readonly string[], known?: ReadonlyMap<string, number>): RankStats {
  const rec = db.stmt('search.averages', 'SELECT block FROM items_fts_data WHERE id = 1').get<{ block: Buffer }>();
  let written = 0;
  let tokens = 0;
  if (rec) {
    let at = 0;
    [written, at] = readVarint(rec.block, at);
    while (at < rec.block.length) {
      const [n, next] = readVarint(rec.block, at);
      tokens += n;
      at = next;
    }
  }
  const rows = db.stmt('search.rows', 'SELECT count(*) AS n FROM items').get<{ n: number }>()?.n ?? 0;
  // A range, not term = ?: fts5vocab walks the whole vocabulary for an equality (0.1–1 ms a term).
  const docs = db.stmt('search.vocabDoc', 'SELECT doc FROM items_fts_vocab WHERE term >= ? AND term <= ? LIMIT 1');
  const idf = new Map<string, number>();
  for (const p of phrases) {
    const hits = known?.get(p) ?? docs.get<{ doc: number }>(p, p)?.doc ?? 0;
    const v = Math.log((0.5 + rows - hits) / (0.5 + hits));
    idf.set(p, v <= 0 ? 1e-6 : v);
  }
  return { rows, avgTokens: written > 0 ? tokens / written : 0, idf };
}

/** Tokens the trigram tokenizer makes of a column: one per character that starts three. */
function tokenCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return Math.max(0, n - 2);
}

/** Occurrences of each phrase in a text (overlapping, as tokens), looked for only where a phrase's first character is. */
function countInto(text: string, byFirst: Map<string, string[]>, weight: number, freq: Map<string, number>): void {
  for (let i = 0; i < text.length; i++) {
    const candidates = byFirst.get(text[i]!);
    if (!candidates) continue;
    for (const p of candidates) if (text.startsWith(p, i)) freq.set(p, (freq.get(p) ?? 0) + weight);
  }
}

/** The phrases grouped by their first UTF-16 unit, for countInto. */
export function phraseIndex(phrases: readonly string[]): Map<string, string[]> {
  const byFirst = new Map<string, string[]>();
  for (const p of new Set(phrases)) {
    const list = byFirst.get(p[0]!);
    if (list) list.push(p);
    else byFirst.set(p[0]!, [p]);
  }
  return byFirst;
}

/** FTS5's bm25 of a row (its indexed, padded columns) for the query's phrases: negative, lower is better. */
export function bm25(doc: SearchDocText, phrases: readonly string[], byFirst: Map<string, string[]>, stats: RankStats): number {
  if (stats.avgTokens === 0) return 0;
  const size = COLUMNS.reduce((n, c) => n + tokenCount(doc[c]), 0);
  const norm = K1 * (1 - B + (B * size) / stats.avgTokens);
  const freq = new Map<string, number>();
  COLUMNS.forEach((c, i) => countInto(doc[c], byFirst, RANK_WEIGHTS[i]!, freq));
  let score = 0;
  for (const p of new Set(phrases)) {
    const f = freq.get(p);
    if (f !== undefined) score += (stats.idf.get(p) ?? 1e-6) * ((f * (K1 + 1)) / (f + norm));
  }
  return -score;
}
