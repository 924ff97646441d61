// bm25 for the contentless index (search-rank.ts) is FTS5's own bm25: the same rows indexed in an
// external-content FTS5 table (which can rank, it reads the content) give the same scores, for
// AND queries of trigrams and for the OR lists of one- and two-character terms.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { storedSearchDoc } from '../../core/search/search-doc.ts';
import { Db } from '../../electron/archive/db.ts';
import { bm25, phraseIndex, rankStats } from '../../electron/archive/search-rank.ts';
import { tempDir } from './helpers.ts';
import { join } from 'node:path';

const words = '湘江大桥通车衡阳市委书记经济工作会议社区食堂老人新华社北京电记者彭斌';

describe('bm25 of the contentless index', () => {
  it('equals FTS5 bm25(8, 1, 4, 4) on the same rows', () => {
    const db = new Db(join(tempDir(), 'rank.sqlite'));
    const raw: Database.Database = db.raw;
    raw.exec(`
      CREATE TABLE items(id INTEGER PRIMARY KEY);
      CREATE TABLE docs(id INTEGER PRIMARY KEY, headline, body, people, tags);
      CREATE VIRTUAL TABLE ref USING fts5(headline, body, people, tags, content='docs', content_rowid='id', tokenize='trigram', detail=column);
      CREATE VIRTUAL TABLE items_fts USING fts5(headline, body, people, tags, content='', contentless_delete=1, tokenize='trigram', detail=column);
      CREATE VIRTUAL TABLE items_fts_vocab USING fts5vocab(items_fts, 'row');`);
    let seed = 3;
    // mulberry32: a low-bit LCG alternates parity and would give every row the same choices.
    const rand = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return (((t ^ (t >>> 14)) >>> 0) % n);
    };
    const phrase = (n: number) => Array.from({ length: n }, () => words[rand(words.length)]).join('');
    const docs = Array.from({ length: 120 }, (_, i) =>
      storedSearchDoc({
        kicker: null,
        headline: phrase(4 + rand(10)),
        subheadline: rand(3) === 0 ? phrase(6) : null,
        series: null,
        byline: rand(2) ? `记者 ${phrase(2)}` : null,
        paragraphs: Array.from({ length: rand(4) }, () => phrase(10 + rand(80))),
        contributors: rand(2) ? [{ name: phrase(2) }, { name: phrase(3) }] : [],
        tags: rand(2) ? [`Tag${i % 5}`] : [],
      }),
    );
    const ins = (t: string) => raw.prepare(`INSERT INTO ${t}(rowid, headline, body, people, tags) VALUES (?, ?, ?, ?, ?)`);
    docs.forEach((d, i) => {
      raw.prepare('INSERT INTO items(id) VALUES (?)').run(i + 1);
      raw.prepare('INSERT INTO docs(id, headline, body, people, tags) VALUES (?, ?, ?, ?, ?)').run(i + 1, d.headline, d.body, d.people, d.tags);
      ins('ref').run(i + 1, d.headline, d.body, d.people, d.tags);
      ins('items_fts').run(i + 1, d.headline, d.body, d.people, d.tags);
    });
    const vocab = (prefix: string) =>
      (raw.prepare(`SELECT term FROM items_fts_vocab WHERE term >= ? AND term < ?`).all(prefix, `${prefix}\u{10FFFF}`) as { term: string }[]).map((r) => r.term);
    const queries: string[][] = [['湘江大'], ['记者 ', '者 彭'], [...new Set([...vocab('江'), ...vocab('彭斌')])], vocab('tag')];
    let compared = 0;
    for (const phrases of queries) {
      expect(phrases.length, JSON.stringify(queries.map((q) => q.length))).toBeGreaterThan(0);
      const match = phrases.map((p) => `"${p.replace(/"/g, '""')}"`).join(phrases.length > 2 ? ' OR ' : ' AND ');
      const stats = rankStats(db, phrases);
      const byFirst = phraseIndex(phrases);
      for (const r of raw.prepare('SELECT rowid AS id, bm25(ref, 8.0, 1.0, 4.0, 4.0) AS s FROM ref WHERE ref MATCH ?').all(match) as { id: number; s: number }[]) {
        expect(bm25(docs[r.id - 1]!, phrases, byFirst, stats)).toBeCloseTo(r.s, 9);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(40);
    db.close();
  });
});
