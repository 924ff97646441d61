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
    // What import kept can be opened and re-derived whole (the same limits as every edit).
    expect(pageSizeProblem(rec.text.length, rec.items.length)).toBeNull();
    const derive = channels['engine.derive'].request.safeParse({ text: rec.text, starts: rec.items.map((i) => i.start), kinds: rec.items.map(() => null), pageId: rec.id });
    expect(derive.success).toBe(true);
  });

  it('the edit and derive schemas use the same limits', () => {
    expect(channels['page.edit'].request.safeParse({ pageId: 1, baseRevision: 0, ops: [{ op: 'text', at: 0, remove: '', insert: 'x'.repeat(MAX_PAGE_TEXT_CHARS + 1) }] }).success).toBe(false);
    expect(channels['engine.derive'].request.safeParse({ text: 'x'.repeat(MAX_PAGE_TEXT_CHARS + 1), starts: [], kinds: [] }).success).toBe(false);
    expect(pageSizeProblem(MAX_PAGE_TEXT_CHARS, MAX_PAGE_ITEMS)).toBeNull();
    expect(pageSizeProblem(MAX_PAGE_TEXT_CHARS + 1, 1)).toMatch(/characters/);
  });
});
