// The PostgreSQL archive ranks with a bm25 computed in JavaScript (postgres/bm25.ts); it must give
// what SQLite's FTS5 gives for the archive's index (trigram tokenizer, detail=column, weights
// 8/1/4/4), so both archives list hits in the same order. Checked against SQLite itself.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { bm25, occurrences, rowTokens, type DocColumns } from '../../electron/archive/postgres/bm25.ts';

function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('bm25 as FTS5 computes it', () => {
  it('counts overlapping occurrences and trigram tokens by code point', () => {
    expect(occurrences('aaaa', 'aaa')).toBe(2);
    expect(occurrences('湘江大湘江大', '湘江大')).toBe(2);
    expect(rowTokens(['湘江大桥  ', '  ', 'x  ', '𠀀𠀁𠀂  '])).toBe(4 + 0 + 1 + 3);
  });

  it('gives the rank SQLite gives, row by row, for random documents and queries', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE d(item_id INTEGER PRIMARY KEY, headline TEXT, body TEXT, people TEXT, tags TEXT);
      CREATE VIRTUAL TABLE f USING fts5(headline, body, people, tags, content='d', content_rowid='item_id', tokenize='trigram', detail=column);`);
    const rand = rng(7);
    const alphabet = '衡阳日报江河湖海';
    const word = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    const docs: DocColumns[] = Array.from({ length: 120 }, () => [
      `${word(Math.floor(rand() * 6))}  `,
      `${word(Math.floor(rand() * 40))}  `,
      `${rand() < 0.3 ? word(2) : ''}  `,
      `${rand() < 0.2 ? word(3) : ''}  `,
    ]);
    const insert = db.prepare('INSERT INTO d VALUES (?, ?, ?, ?, ?)');
    docs.forEach((d, i) => insert.run(i + 1, ...d));
    db.exec(`INSERT INTO f(f) VALUES ('rebuild')`);
    const totals = { rows: docs.length, tokens: docs.reduce((n, d) => n + rowTokens(d), 0) };
    const holding = (p: string) => docs.filter((d) => d.some((c) => c.includes(p))).length;
    let compared = 0;
    for (let n = 0; n < 40; n++) {
      const phrases = [...new Set(Array.from({ length: 1 + (n % 3) }, () => word(3)))];
      const match = phrases.map((p) => `"${p}"`).join(n % 2 ? ' OR ' : ' AND ');
      const want = db.prepare('SELECT rowid AS id, bm25(f, 8.0, 1.0, 4.0, 4.0) AS r FROM f WHERE f MATCH ?').all(match) as { id: number; r: number }[];
      const counts = new Map(phrases.map((p) => [p, holding(p)]));
      for (const row of want) {
        expect(bm25(docs[row.id - 1]!, counts, totals)).toBe(row.r);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
    db.close();
  });
});
