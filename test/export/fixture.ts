// Builds IssueExport values from corpus pages run through the real engine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { segmentPage } from '../../core/engine/index.ts';
import { ISSUE_EXPORT_SCHEMA, type ExportPage, type IssueExport } from '../../shared/export.ts';

export const PAGES_DIR = join(import.meta.dirname, '../../resources/pages');
export const HENGYANG = 'hengyang-daily-2021-10-29-p1.txt';

export function readPage(name: string): string {
  return readFileSync(join(PAGES_DIR, name), 'utf8').replace(/\r\n?/g, '\n');
}

/** Pages from the corpus files, numbered 1..n, items given ids from 1 up across the issue. */
export function pagesFrom(names: readonly string[]): ExportPage[] {
  let id = 0;
  return names.map((name, p) => {
    const text = readPage(name);
    const seg = segmentPage(text);
    return {
      pageNumber: p + 1,
      sourceName: name,
      text,
      items: seg.items.map((item) => ({ ...item, id: ++id, editedFields: [], tags: [] })),
    };
  });
}

export function issueFrom(names: readonly string[] = [HENGYANG]): IssueExport {
  const pages = pagesFrom(names);
  const masthead = segmentPage(pages[0]!.text).masthead;
  return {
    schema: ISSUE_EXPORT_SCHEMA,
    publication: { title: masthead?.title ?? '衡阳日报', titleLatin: masthead?.titleLatin ?? null, serial: masthead?.serial ?? null, code: 'HYRB' },
    issue: {
      date: masthead?.date ?? '2021-10-29',
      issueNumber: masthead?.issueNumber ?? 17980,
      pageCount: masthead?.pageCount ?? pages.length,
      state: 'approved',
      masthead,
    },
    pages,
    approvals: [{ at: '2024-05-01T09:00:00Z', by: 'Chen Hua', role: 'supervisor', action: 'approve', reason: null }],
    revisions: { count: 3, lastAt: '2024-04-30T17:00:00Z', lastBy: 'Li Ming' },
    exportedAt: '2024-05-01T10:00:00Z',
  };
}
