// bm25 exactly as SQLite's FTS5 computes it for the archive's items_fts (trigram tokenizer,
// detail=column, bm25(items_fts, 8.0, 1.0, 4.0, 4.0)), so the PostgreSQL archive ranks hits in the
// same order with the same rank values. Pure: the caller supplies the row's columns and the
// table-wide counts.
//
// FTS5's formula (fts5_aux.c): for each phrase of the query (here: each quoted trigram)
//   score += IDF · f·(k1+1) / (f + k1·(1 − b + b·D/avgdl))
// with IDF = ln((N − n + 0.5)/(n + 0.5)) (at least 1e-6), n the rows holding the phrase, N the
// rows, f the phrase's occurrences in the row weighted by column, D the row's token count, avgdl
// the table's tokens per row; the result is −score (lower is better). A trigram tokenizer makes
// one token of every three consecutive characters, so a column of L characters has max(L − 2, 0)
// tokens and a trigram occurs once per (overlapping) position. test/postgres/bm25.test.ts checks
// this against SQLite itself.

/** Column weights: headline, body, people, tags (search.ts's bm25 call). */
export const BM25_WEIGHTS = [8, 1, 4, 4] as const;
const K1 = 1.2;
const B = 0.75;

/** The search_docs columns of one row, in BM25_WEIGHTS order (stored text: folded and padded). */
export type DocColumns = readonly [string, string, string, string];

export interface Bm25Totals {
  /** Rows in the index. */
  rows: number;
  /** Tokens in the index. */
  tokens: number;
}

const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** Trigram tokens of one column. */
export function columnTokens(column: string): number {
  return Math.max(codePoints(column) - 2, 0);
}

export function rowTokens(columns: DocColumns): number {
  return columns.reduce((n, c) => n + columnTokens(c), 0);
}

/** Occurrences of `phrase` in `text`, overlapping ones included. */
export function occurrences(text: string, phrase: string): number {
  if (phrase.length === 0) return 0;
  let n = 0;
  for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) n++;
  return n;
}

export function idf(totals: Bm25Totals, rowsWithPhrase: number): number {
  const v = Math.log((totals.rows - rowsWithPhrase + 0.5) / (rowsWithPhrase + 0.5));
  return v <= 0 ? 1e-6 : v;
}

/**
 * The row's bm25 (negative; lower ranks first). `phrases` maps each phrase of the query to the
 * number of rows holding it; `tokens` is the row's token count when the caller has it stored.
 */
export function bm25(columns: DocColumns, phrases: ReadonlyMap<string, number>, totals: Bm25Totals, tokens = rowTokens(columns)): number {
  const avgdl = totals.tokens / totals.rows;
  // Written in FTS5's order of operations, so the value is the same double, not just a close one.
  const norm = K1 * (1 - B + (B * tokens) / avgdl);
  let score = 0;
  for (const [phrase, n] of phrases) {
    let f = 0;
    columns.forEach((c, k) => {
      f += BM25_WEIGHTS[k]! * occurrences(c, phrase);
    });
    score += idf(totals, n) * ((f * (K1 + 1)) / (f + norm));
  }
  return -score;
}
