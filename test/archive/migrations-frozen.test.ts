// Migrations are frozen: a migration imports nothing live (only Node built-ins, zod, better-sqlite3
// types and other files of migrations/), so upgrading an old archive does the same thing whatever
// the app's code has become. Data a migration cannot make without live code (0002's folded search
// text) is finished by the archive on open (search-refold.ts).
import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/archive/migrations/index.ts';
import * as frozen0009 from '../../electron/archive/migrations/0009-checksums.ts';
import * as live from '../../electron/archive/checksums.ts';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { fakeSegment } from './fake-segmenter.ts';
import { tempDir, track } from './helpers.ts';

const DIR = join(import.meta.dirname, '../../electron/archive/migrations');

/** Every module a source names: static imports and re-exports, dynamic import() and require(). */
function specifiers(source: string): { spec: string; typeOnly: boolean }[] {
  const out: { spec: string; typeOnly: boolean }[] = [];
  for (const m of source.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
    out.push({ spec: m[3]!, typeOnly: m[2] !== undefined });
  }
  for (const m of source.matchAll(/\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ spec: m[1]!, typeOnly: false });
  return out;
}

/** Why an import is not allowed in a migration, or null when it is. */
function forbidden(spec: string, typeOnly: boolean, files: Set<string>): string | null {
  if (spec.startsWith('node:') || builtinModules.includes(spec)) return null;
  if (spec === 'zod') return null;
  if (spec === 'better-sqlite3') return typeOnly ? null : 'better-sqlite3 may be imported for its types only';
  if (spec.startsWith('./') && !spec.slice(2).includes('/') && files.has(spec.slice(2))) return null;
  return `${spec} is live code outside migrations/`;
}

function violations(files: Map<string, string>): string[] {
  const names = new Set(files.keys());
  return [...files].flatMap(([name, source]) =>
    specifiers(source).flatMap(({ spec, typeOnly }) => {
      const why = forbidden(spec, typeOnly, names);
      return why ? [`${name}: ${why}`] : [];
    }),
  );
}

describe('frozen migrations', () => {
  it('import only Node built-ins, zod, better-sqlite3 types and other migrations/ files', () => {
    const files = new Map(readdirSync(DIR).filter((f) => f.endsWith('.ts')).map((f) => [f, readFileSync(join(DIR, f), 'utf8')]));
    expect(files.size).toBeGreaterThanOrEqual(12);
    expect(violations(files)).toEqual([]);
  });

  it('the check catches a live import, a folder above, a value import of better-sqlite3 and a dynamic import', () => {
    const files = new Map([
      ['0001-a.ts', `import { buildSearchDoc } from '../../../core/search/search-doc.ts';\nimport type { Migration } from './types.ts';`],
      ['0002-b.ts', `import Database from 'better-sqlite3';\nexport { x } from '../checksums.ts';`],
      ['0003-c.ts', `const m = await import('../db.ts');\nconst f = require('opencc-js');\nimport { z } from 'zod';\nimport { createHash } from 'node:crypto';`],
      ['types.ts', `import type Database from 'better-sqlite3';`],
    ]);
    expect(violations(files)).toEqual([
      '0001-a.ts: ../../../core/search/search-doc.ts is live code outside migrations/',
      '0002-b.ts: better-sqlite3 may be imported for its types only',
      '0002-b.ts: ../checksums.ts is live code outside migrations/',
      '0003-c.ts: ../db.ts is live code outside migrations/',
      '0003-c.ts: opencc-js is live code outside migrations/',
    ]);
  });

  it('0009 checksums the columns the live checks read, with the same digest', () => {
    expect(frozen0009.CHECKSUM_FUNCTION).toBe(live.CHECKSUM_FUNCTION);
    expect(frozen0009.REVISION_COLUMNS).toEqual(live.REVISION_COLUMNS);
    expect(frozen0009.PAGE_COLUMNS).toEqual(live.PAGE_COLUMNS);
    expect(frozen0009.ITEM_COLUMNS).toEqual(live.ITEM_COLUMNS);
    const db = new Database(':memory:');
    migrate(db, 9);
    const got = db.prepare(`SELECT ${frozen0009.CHECKSUM_FUNCTION}('a', 1, NULL) AS s`).get() as { s: string };
    expect(got.s).toBe(live.rowChecksum(['a', 1, null]));
    db.close();
  });

  it('0002 lists the items it backfilled unfolded; the archive folds them on open and drops the list', () => {
    const path = join(tempDir(), 'v1.sqlite');
    const old = new Database(path);
    migrate(old, 1);
    old.exec(`
      INSERT INTO publications(id, title) VALUES (1, '衡陽日報');
      INSERT INTO issues(id, publication_id, date) VALUES (1, 1, '2021-10-29');
      INSERT INTO pages(id, issue_id, page_number, source_name, encoding, content_hash, raw_text, text, imported_at, updated_at)
        VALUES (1, 1, 1, 'p01.txt', 'UTF-8', 'h', 'x', 'x', '2021', '2021');
      INSERT INTO items(id, page_id, ord, kind, start_offset, end_offset, headline, paragraphs_json)
        VALUES (1, 1, 0, 'article', 0, 1, 'ABC 湘江大橋', '["經過三年建設"]');
    `);
    migrate(old, 2);
    expect(old.prepare('SELECT headline, body FROM search_docs').get()).toEqual({ headline: 'abc 湘江大橋', body: '經過三年建設' });
    expect(old.prepare('SELECT item_id FROM search_refold').all()).toEqual([{ item_id: 1 }]);
    old.close();

    const a = track(openArchive(path, { segment: fakeSegment, logger: { warn: () => {} } }));
    expect(a.db.raw.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'search_refold'`).get()).toEqual({ n: 0 });
    // (0017 carried the unfolded text into the contentless index; the refold replaced it.)
    expect(a.search('abc').map((h) => h.itemId)).toEqual([1]);
    expect(a.search('湘江大桥').map((h) => h.itemId)).toEqual([1]);
    expect(a.search('經過').map((h) => h.itemId)).toEqual([1]);
    a.db.raw.exec(`INSERT INTO items_fts(items_fts) VALUES ('integrity-check')`);
  });

  it('a new archive never gets a refold list', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'search_refold'`).get()).toEqual({ n: 0 });
    db.close();
  });
});
