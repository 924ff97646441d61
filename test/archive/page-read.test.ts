// Opening a page (page-read.ts, issue 14): ONE read of its item rows that both verifies each row's
// checksum and builds the record — the same record the unchecked loader builds, and the same
// DamagedRowError for a damaged page text, item row or item set.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DamagedRowError } from '../../electron/archive/checksums.ts';
import { getPage } from '../../electron/archive/pages.ts';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import type { ArchiveContext } from '../../electron/archive/context.ts';
import { fakeSegment } from './fake-segmenter.ts';
import { editor, freshArchive, frontPage, tempDir } from './helpers.ts';

const quiet = { logger: { warn: () => {} } };

describe('getPage reads and verifies in one pass', () => {
  it('gives the record the unchecked loader gives (contributors, tags, masthead), reading the item rows once', () => {
    const a = freshArchive();
    const { pageId } = a.importPage({ sourceName: 'p01.txt', text: frontPage(), encoding: 'UTF-8' }, editor);
    const first = a.getPage(pageId);
    const tagged = first.items.find((i) => i.contributors.length > 0)!;
    a.setItemTags(tagged.id!, ['交通', '衡阳'], editor);
    a.db.timings.clear();
    const page = a.getPage(pageId);
    // One query of the item rows for the check and the record together.
    expect(a.db.timings.get('items.ofPageChecked')?.calls).toBe(1);
    expect(a.db.timings.has('items.ofPage')).toBe(false);
    // The same connection, through the loader that checks nothing: field for field the same page.
    const unchecked = getPage({ db: a.db } as unknown as ArchiveContext, pageId);
    expect(page).toEqual(unchecked);
    expect(page.items.find((i) => i.id === tagged.id)?.tags).toEqual(['交通', '衡阳']);
    expect(page.items.some((i) => i.contributors.length > 0)).toBe(true);
    expect(page.masthead?.title).toBe('衡阳日报');
  });

  it('refuses damaged page text, a damaged item row and a deleted item row, naming each', () => {
    const text = '衡阳日报\n\n标题一\n本报讯（记者 张三）第一篇。\n\n标题二\n本报讯（记者 李四）第二篇。\n\n标题三\n第三篇。\n';
    /** A fresh archive with the page; `spoil` changes it through a plain connection; getPage must throw `message`. */
    const expectDamage = (spoil: (db: Database.Database, pageId: number, ids: number[]) => void, message: (pageId: number, ids: number[]) => string) => {
      const path = `${tempDir()}/a.sqlite`;
      const a = openArchive(path, quiet);
      const [out] = a.importPages([{ sourceName: 'p1.txt', text, encoding: 'UTF-8', segmentation: fakeSegment(text, {}) }], editor);
      const pageId = out!.pageId;
      const ids = a.getPage(pageId).items.map((i) => i.id!);
      expect(ids.length).toBeGreaterThanOrEqual(3);
      a.close();
      const db = new Database(path);
      spoil(db, pageId, ids);
      db.close();
      const b = openArchive(path, quiet);
      try {
        expect(() => b.getPage(pageId)).toThrow(DamagedRowError);
        expect(() => b.getPage(pageId)).toThrow(message(pageId, ids));
      } finally {
        b.close();
      }
    };
    // A write whose checksum function returns the row's old digest, as damage on disk would look.
    const keepDigest = (db: Database.Database, table: 'items' | 'pages', id: number) => {
      const old = (db.prepare(`SELECT checksum FROM ${table} WHERE id = ?`).get(id) as { checksum: string }).checksum;
      db.function('galley_sha256', { varargs: true }, () => old);
    };
    expectDamage(
      (db, _pageId, ids) => {
        keepDigest(db, 'items', ids[1]!);
        db.prepare(`UPDATE items SET headline = '标题X' WHERE id = ?`).run(ids[1]!);
      },
      (pageId, ids) => `damaged item ${ids[1]} of page ${pageId}`,
    );
    expectDamage(
      (db, pageId) => {
        keepDigest(db, 'pages', pageId);
        db.prepare(`UPDATE pages SET text = replace(text, '第一篇', '第壹篇') WHERE id = ?`).run(pageId);
      },
      (pageId) => `damaged text of page ${pageId}`,
    );
    // A row deleted whole: every remaining row is sound, the item set is not.
    expectDamage(
      (db, _pageId, ids) => void db.prepare('DELETE FROM items WHERE id = ?').run(ids[2]!),
      (pageId) => `item set of page ${pageId} does not match`,
    );
  });
});
