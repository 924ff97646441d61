// Puts the checksum checks (checksums.ts) in front of the archive's reads: a page is checked when
// it is saved over or exported (and when opened, by page-read.ts as it reads the rows), a page's history when it is listed or restored from, and a
// revision when it is read. A mismatch is a DamagedRowError naming the row and the way to restore,
// instead of a JSON parse error deep in the history view or damaged text served as if sound.
import type Database from 'better-sqlite3';
import type { Archive } from './archive-api.ts';
import { checkPageRevisions, checkPageRows, checkRevision } from './checksums.ts';

type Guard<A extends unknown[]> = (...args: A) => void;

export function guardArchiveReads<T extends Archive>(archive: T, db: Database.Database): T {
  const path = archive.path;
  const before = <K extends keyof Archive>(name: K, guard: Guard<Parameters<Extract<Archive[K], (...a: never[]) => unknown>>>) => {
    const original = archive[name] as unknown as (...args: unknown[]) => unknown;
    (archive as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      (guard as (...a: unknown[]) => void)(...args);
      return original.apply(archive, args);
    };
  };
  const pagesOfIssue = db.prepare('SELECT id FROM pages WHERE issue_id = ? ORDER BY id').pluck();

  // getPage checks its rows as it reads them (page-read.ts): one pass over a page's items, not two.
  before('savePage', (input) => checkPageRows(db, path, input.pageId));
  before('editPage', (input) => checkPageRows(db, path, input.pageId));
  before('listRevisions', (pageId) => checkPageRevisions(db, path, pageId));
  before('listRevisionDetails', (pageId) => checkPageRevisions(db, path, pageId));
  before('getRevision', (revisionId) => checkRevision(db, path, revisionId));
  before('restoreRevision', (pageId) => checkPageRevisions(db, path, pageId));
  before('issueForExport', (issueId) => {
    for (const id of pagesOfIssue.all(issueId) as number[]) checkPageRows(db, path, id);
  });
  return archive;
}
