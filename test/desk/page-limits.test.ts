// Issue 14: one page size limit for import, open and save — a page the importer accepts can be
// saved again, and one it cannot keep is refused at import with the reason.
import { describe, expect, it } from 'vitest';
import type { Segmentation } from '../../shared/segmentation.ts';
import { channels } from '../../shared/ipc.ts';
import { MAX_PAGE_ITEMS, MAX_PAGE_TEXT_CHARS, pageSizeProblem } from '../../shared/page-limits.ts';
import { freshArchive } from '../archive/helpers.ts';

const item = (i: number): Segmentation['items'][number] => ({
  kind: 'brief', start: i, end: i + 1, kicker: null, headline: null, subheadline: null, series: null, byline: null,
  contributors: [], paragraphs: ['x'], continuedOn: null, continuedFrom: null, flags: [],
});
const page = (items: number, text = 'x'.repeat(items + 1)) => ({
  sourceName: `p${items}.txt`, text, encoding: 'UTF-8',
  segmentation: { schema: 'galley.segmentation/1' as const, masthead: null, items: Array.from({ length: items }, (_, i) => item(i)) },
});

describe('page size limit', () => {
  it('import refuses a page over the limit with the reason, and takes one at the limit', () => {
    const a = freshArchive();
    expect(() => a.importPage(page(MAX_PAGE_ITEMS + 1), { name: 'x' })).toThrow(/too big to proof: the page has 10,001 items; a page may have at most 10,000/);
    const ok = a.importPage(page(MAX_PAGE_ITEMS), { name: 'x' });
    expect(ok.status).toBe('imported');
    const rec = a.getPage(ok.pageId!);
    // What import kept passes the save schema (open and save take the same page).
    const save = channels['page.save'].request.safeParse({ pageId: rec.id, baseRevision: rec.revision, text: rec.text, items: rec.items });
    expect(save.success).toBe(true);
  });

  it('the save and derive schemas use the same limits', () => {
    expect(channels['page.save'].request.safeParse({ pageId: 1, baseRevision: 0, text: 'x'.repeat(MAX_PAGE_TEXT_CHARS + 1), items: [] }).success).toBe(false);
    expect(pageSizeProblem(MAX_PAGE_TEXT_CHARS, MAX_PAGE_ITEMS)).toBeNull();
    expect(pageSizeProblem(MAX_PAGE_TEXT_CHARS + 1, 1)).toMatch(/characters/);
  });
});
