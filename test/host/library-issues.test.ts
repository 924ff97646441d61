// library.issues is checked before the archive is asked (issue 15): the year range, the limit
// and a cursor of another year are refused with reasons the UI words in both languages; a good
// request reaches the archive with the default limit.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/app-error.ts';
import { LIBRARY_ISSUES_MAX } from '../../shared/contract/pages.ts';
import { libraryIssues } from '../../electron/host/handlers/library-issues.ts';
import { localizeHostMessage } from '../../renderer/messages.ts';
import { tIn } from '../support/i18n.ts';

function fakeArchive() {
  const calls: unknown[][] = [];
  return {
    calls,
    listIssuesOfYear: (publicationId: number, year: number | null, options: { cursor?: unknown; limit: number }) => {
      calls.push([publicationId, year, options]);
      return { issues: [], next: null };
    },
  };
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('library.issues checks', () => {
  it('passes a good request on with the default limit, and a cursor of the same year', async () => {
    const a = fakeArchive();
    await libraryIssues(a, { publicationId: 3, year: 1998 });
    await libraryIssues(a, { publicationId: 3, year: 1998, limit: 10, cursor: { date: '1998-12-31', id: 7 } });
    await libraryIssues(a, { publicationId: 3, year: null, cursor: { date: null, id: 7 } });
    expect(a.calls).toEqual([
      [3, 1998, { limit: LIBRARY_ISSUES_MAX }],
      [3, 1998, { limit: 10, cursor: { date: '1998-12-31', id: 7 } }],
      [3, null, { limit: LIBRARY_ISSUES_MAX, cursor: { date: null, id: 7 } }],
    ]);
  });

  it('refuses a year out of range, a limit out of range and a cursor of another year, worded in both languages', async () => {
    const a = fakeArchive();
    const year = await refusal(libraryIssues(a, { publicationId: 1, year: 12000 }));
    expect(year).toMatchObject({ code: 'bad-request', reason: 'library-year' });
    const limit = await refusal(libraryIssues(a, { publicationId: 1, year: 2000, limit: 0 }));
    expect(limit).toMatchObject({ code: 'bad-request', reason: 'library-limit' });
    expect((await refusal(libraryIssues(a, { publicationId: 1, year: 2000, limit: LIBRARY_ISSUES_MAX + 1 }))).reason).toBe('library-limit');
    const cursor = await refusal(libraryIssues(a, { publicationId: 1, year: 2000, cursor: { date: '2001-01-01', id: 4 } }));
    expect(cursor).toMatchObject({ code: 'bad-request', reason: 'library-cursor' });
    expect((await refusal(libraryIssues(a, { publicationId: 1, year: null, cursor: { date: '2001-01-01', id: 4 } }))).reason).toBe('library-cursor');
    expect((await refusal(libraryIssues(a, { publicationId: 1, year: 2000, cursor: { date: null, id: 4 } }))).reason).toBe('library-cursor');
    expect(a.calls).toEqual([]);

    const word = (lng: 'en' | 'zh-CN', e: AppError) => localizeHostMessage(tIn(lng), e.message, { code: e.code, reason: e.reason, details: e.details });
    expect(word('en', year)).toBe('The library lists years 0 to 9999; 12000 is not one of them.');
    expect(word('zh-CN', year)).toBe('资料库只列出 0 至 9999 年；12000 不在其中。');
    expect(word('en', limit)).toBe(`The library gives 1 to ${LIBRARY_ISSUES_MAX} issues at a time, not 0.`);
    expect(word('zh-CN', limit)).toBe(`资料库每次给出 1 至 ${LIBRARY_ISSUES_MAX} 期，而不是 0 期。`);
    expect(word('zh-CN', cursor)).toBe('资料库被要求接着列出另一年份的期次；请重新载入资料库。');
  });
});
