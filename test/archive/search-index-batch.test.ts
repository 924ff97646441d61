// An import batch writes its search index rows together before the commit (search-index.ts
// withIndexBatch). What a file's savepoint rolled back, or a re-import later in the same batch
// replaced, must not be left in the index; what was stored must be found.
import { describe, expect, it } from 'vitest';
import type { ImportPageInput } from '../../electron/archive/archive-api.ts';
import { editor, freshArchive } from './helpers.ts';

const page = (sourceName: string, text: string): ImportPageInput => ({ sourceName, text, encoding: 'UTF-8', folderHint: 'day-1', dateHint: '2021-10-29' });

describe('search index rows of an import batch', () => {
  it('indexes what was stored, and nothing of a file rolled back or a page replaced in the same batch', () => {
    const a = freshArchive();
    // File 2's second page has more items than a page may have: the file fails after its first page's three
    // items were written (ids the later, smaller pages do not take again).
    const tooMany = Array.from({ length: 10_001 }, (_, i) => `条目${i}`).join('\n\n');
    const out = a.importFiles!(
      [
        [page('p01.txt', '湘江大桥今日通车\n经过三年建设正式通车。')],
        [page('p02.txt', '社区食堂开到家门口\n老人吃饭不再犯愁。\n\n第二条消息\n正文。\n\n第三条消息\n正文。'), page('p03.txt', tooMany)],
        [page('p04.txt', '第一稿标题文字\n旧的正文内容。')],
        [page('p04.txt', '第二稿标题文字\n新的正文内容。')],
      ],
      editor,
    );
    expect(out.map((o) => o.ok)).toEqual([true, false, true, true]);
    const raw = a.db.raw;
    raw.exec(`INSERT INTO items_fts(items_fts) VALUES ('integrity-check')`);
    // Exactly one index row per item, none for an item that is not there.
    expect(raw.prepare('SELECT id FROM items_fts_docsize ORDER BY id').pluck().all()).toEqual(raw.prepare('SELECT id FROM items ORDER BY id').pluck().all());
    expect(a.search('湘江大桥').length).toBe(1);
    expect(a.search('社区食堂')).toEqual([]);
    expect(a.search('旧的正文')).toEqual([]);
    expect(a.search('新的正文').map((h) => h.pageId)).toEqual([out[3]!.ok ? out[3]!.outcomes[0]!.pageId : -1]);
    // Outside a batch (a save), the index is written at once as before.
    const p = a.getPage(out[0]!.ok ? out[0]!.outcomes[0]!.pageId : -1);
    a.savePage({ pageId: p.id, baseRevision: p.revision, text: p.text, items: p.items.map((i) => ({ ...i, headline: '浏阳河大桥通车' })) }, editor);
    expect(a.search('浏阳河大桥').length).toBe(1);
    expect(a.search('湘江大桥')).toEqual([]);
  });
});
