// The archive as aggregates over one context: lookups by id are single SELECTs (not a scan of a
// list), and no file of the archive outgrows the repository's 600-line rule.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editor, freshArchive, frontPage } from './helpers.ts';

const ARCHIVE_DIR = join(import.meta.dirname, '../../electron/archive');

describe('archive aggregates', () => {
  it('getIssue and findIssue look the issue up by id or by publication and date, never through the issue list', () => {
    const a = freshArchive();
    const { issueId } = a.importPage({ sourceName: '2021-10-29/p01.txt', text: frontPage(), encoding: 'UTF-8' }, editor);
    a.importPage({ sourceName: '2021-10-30/p01.txt', text: frontPage('2021年10月30日', 17981), encoding: 'UTF-8' }, editor);
    a.db.timings.clear();
    const issue = a.getIssue(issueId);
    expect(issue).toMatchObject({ id: issueId, date: '2021-10-29', issueNumber: 17980, pagesTotal: 1, pagesProofed: 0 });
    expect(a.findIssue(String(issueId))).toEqual(issue);
    expect(a.findIssue('衡阳日报:2021-10-29')).toEqual(issue);
    expect(a.findIssue('衡阳日报:2021-10-30')?.issueNumber).toBe(17981);
    expect(a.findIssue('衡阳日报:2021-11-01')).toBeNull();
    expect(a.findIssue('999')).toBeNull();
    expect(() => a.getIssue(999)).toThrow(/issue 999 does not exist/);
    expect([...a.db.timings.keys()].filter((n) => n.startsWith('issues.list'))).toEqual([]);
    expect(a.db.timings.get('issues.get')?.calls).toBeGreaterThanOrEqual(3);
    expect(a.listIssues().find((i) => i.id === issueId)).toEqual(issue);
  });

  it('keeps every archive source file under 600 lines', () => {
    const files = [
      ...readdirSync(ARCHIVE_DIR).filter((f) => f.endsWith('.ts')),
      ...readdirSync(join(ARCHIVE_DIR, 'migrations')).map((f) => `migrations/${f}`),
    ];
    const long = files.map((f) => [f, readFileSync(join(ARCHIVE_DIR, f), 'utf8').split('\n').length] as const).filter(([, n]) => n > 600);
    expect(long).toEqual([]);
  });
});
