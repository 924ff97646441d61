// Migration 0015: a page's text is stored once. Pages whose raw_text equals their (unchanged,
// checksummed) text lose the second copy; a damaged row is left as it was for verify to name; the
// trigger copies the imported text into raw_text on the first change of the text, and rawTextOf
// reads the imported text back in every case.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PAGE_COLUMNS, registerChecksumFunction, rowChecksum, verifyAllRows } from '../../electron/archive/checksums.ts';
import { migrate } from '../../electron/archive/migrations/index.ts';
import { migration } from '../../electron/archive/migrations/0015-lean-pages.ts';
import { rawTextOf } from '../../electron/archive/raw-text.ts';
import { editor, freshArchive, frontPage } from './helpers.ts';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
type PageRow = { id: number; raw_text: string; text: string; content_hash: string; checksum: string; masthead_json: string | null };

function olderArchive(): Database.Database {
  const db = new Database(':memory:');
  migrate(db, 14);
  registerChecksumFunction(db);
  const page = db.prepare(
    `INSERT INTO pages(id, issue_id, source_name, encoding, content_hash, raw_text, text, imported_at, updated_at) VALUES (?, 1, ?, 'UTF-8', ?, ?, ?, 'now', 'now')`,
  );
  db.exec(`INSERT INTO publications(id, title) VALUES (1, 'p'); INSERT INTO issues(id, publication_id) VALUES (1, 1);`);
  page.run(1, 'p1', sha('衡阳日报\n第一版'), '衡阳日报\n第一版', '衡阳日报\n第一版'); // never changed
  page.run(2, 'p2', sha('原文'), '原文', '改过的文'); // edited: raw_text is the only copy of the OCR text
  page.run(3, 'p3', sha('湘江'), '湘江', '湘江'); // damaged below: its bytes no longer match its checksum
  page.run(4, 'p4', sha(''), '', ''); // an empty page
  // Damage page 3 as a flipped byte on disk would: its checksum no longer matches its bytes.
  db.exec(`UPDATE pages SET checksum = '${sha('damaged')}' WHERE id = 3;`);
  return db;
}

const pages = (db: Database.Database) => db.prepare('SELECT id, raw_text, text, content_hash, checksum, masthead_json FROM pages ORDER BY id').all() as PageRow[];

describe('migration 0015 (lean pages)', () => {
  it('drops the second copy of unchanged pages only, keeps the checksums true and a damaged row as it was', () => {
    expect(migration.version).toBe(15);
    const db = olderArchive();
    const before = pages(db);
    migrate(db);
    const after = pages(db);
    expect(after.map((p) => p.raw_text)).toEqual(['', '原文', '湘江', '']);
    expect(after.map((p) => p.text)).toEqual(before.map((p) => p.text));
    // Checksums follow the rows that changed; the damaged one keeps its old checksum.
    for (const p of after.filter((r) => r.id !== 3)) expect(p.checksum).toBe(rowChecksum(PAGE_COLUMNS.map((c) => p[c] ?? null)));
    expect(after[2]!.checksum).toBe(before[2]!.checksum);
    // (pages added by SQL here have no item-set record of 0014: only the page rows are looked at.)
    expect(verifyAllRows(db).damaged.filter((d) => d.part === 'page').map((d) => d.id)).toEqual([3]);
    expect(after.map(rawTextOf)).toEqual(['衡阳日报\n第一版', '原文', '湘江', '']);
  });

  it('copies the imported text into raw_text on the first change only; a re-import starts again', () => {
    const a = freshArchive();
    const original = frontPage();
    const [out] = a.importPages([{ sourceName: '2021-10-29/p01.txt', text: original, encoding: 'UTF-8' }], { name: 'import' });
    const row = () => a.db.raw.prepare('SELECT raw_text, text, content_hash FROM pages WHERE id = ?').get(out!.pageId) as PageRow;
    expect(row().raw_text).toBe('');
    expect(rawTextOf(row())).toBe(original);
    const p = a.getPage(out!.pageId);
    const at = p.items[1]!.start + 1;
    a.editPage({ pageId: p.id, baseRevision: 0, ops: [{ op: 'text', at, remove: p.text.slice(at, at + 1), insert: '新' }] }, editor);
    expect(row().raw_text).toBe(original);
    expect(row().text).not.toBe(original);
    const p1 = a.getPage(p.id);
    a.editPage({ pageId: p.id, baseRevision: 1, ops: [{ op: 'text', at, remove: '新', insert: '旧' }] }, editor);
    expect(rawTextOf(row())).toBe(original);
    expect(p1.text).not.toBe(row().text);
    // A re-import over an uncorrected page would be kept; overwrite it: raw_text is '' again.
    const next = frontPage('2021年10月29日', 17980, '新的一行');
    a.importPages([{ sourceName: '2021-10-29/p01.txt', text: next, encoding: 'UTF-8' }], { name: 'import' }, { overwriteCorrections: true });
    expect(row()).toMatchObject({ raw_text: '', text: next });
    expect(rawTextOf(row())).toBe(next);
    expect(verifyAllRows(a.db.raw).damaged).toEqual([]);
  });
});
