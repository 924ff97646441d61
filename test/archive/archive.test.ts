import { describe, expect, it } from 'vitest';
import { ArchiveError } from '../../electron/archive/archive-api.ts';
import { join } from 'node:path';
import { openArchive, UNKNOWN_PUBLICATION } from '../../electron/archive/sqlite-archive.ts';
import { fakeSegment } from './fake-segmenter.ts';
import { editor, freshArchive, frontPage, innerPage, tempDir, track } from './helpers.ts';

const imp = { name: 'import' };

describe('import and dedupe', () => {
  it('stores a page with its masthead facts, publication, issue and items', () => {
    const a = freshArchive();
    const out = a.importPage({ sourceName: '2021-10-29/p01.txt', text: frontPage(), encoding: 'UTF-8' }, imp);
    expect(out.status).toBe('imported');
    expect(a.listPublications().map((p) => p.title)).toEqual(['衡阳日报']);
    const [issue] = a.listIssues();
    expect(issue).toMatchObject({ date: '2021-10-29', issueNumber: 17980, pagesTotal: 1, state: 'imported' });
    const page = a.getPage(out.pageId);
    expect(page).toMatchObject({ pageNumber: 1, revision: 0, state: 'imported', encoding: 'UTF-8' });
    expect(page.masthead?.title).toBe('衡阳日报');
    expect(page.items.map((i) => i.headline)).toContain('湘江大桥今日通车');
    expect(page.items.find((i) => i.headline === '加强两地交流合作')?.contributors).toEqual([{ name: '彭斌', role: 'reporter' }]);
    expect(a.getIssueMasthead(issue!.id)?.issueNumber).toBe(17980);
    expect(a.listRevisions(out.pageId).map((r) => r.action)).toEqual(['import']);
  });

  it('does not duplicate a page imported twice (same content hash), even with CRLF', () => {
    const a = freshArchive();
    const first = a.importPage({ sourceName: 'p01.txt', text: frontPage(), encoding: 'UTF-8' }, imp);
    const again = a.importPage({ sourceName: 'copy/p01.txt', text: frontPage().replace(/\n/g, '\r\n'), encoding: 'UTF-8' }, imp);
    expect(again).toEqual({ status: 'unchanged', pageId: first.pageId, issueId: first.issueId });
    expect(a.stats().pages).toBe(1);
  });

  it('replaces an uncorrected page when a changed version is imported', () => {
    const a = freshArchive();
    const first = a.importPage({ sourceName: 'p01.txt', text: frontPage(), encoding: 'UTF-8' }, imp);
    const second = a.importPage({ sourceName: 'p01.txt', text: frontPage(undefined, undefined, '\n新增一条\n正文'), encoding: 'UTF-8' }, imp);
    expect(second).toMatchObject({ status: 'imported', pageId: first.pageId });
    expect(a.stats().pages).toBe(1);
    expect(a.getPage(first.pageId).items.map((i) => i.headline)).toContain('新增一条');
    expect(a.getPage(first.pageId).revision).toBe(1);
  });

  it('keeps an editor’s corrections unless overwriteCorrections is chosen', () => {
    const a = freshArchive();
    const first = a.importPage({ sourceName: 'p01.txt', text: frontPage(), encoding: 'UTF-8' }, imp);
    const page = a.getPage(first.pageId);
    const items = page.items.map((i) => (i.headline === '湘江大桥今日通车' ? { ...i, headline: '湘江大桥今天通车', editedFields: ['headline' as const] } : i));
    a.savePage({ pageId: page.id, baseRevision: 0, text: page.text, items }, editor);

    const changed = frontPage(undefined, undefined, '\n另一条\n正文');
    const kept = a.importPage({ sourceName: 'p01.txt', text: changed, encoding: 'UTF-8' }, imp);
    expect(kept).toEqual({ status: 'kept-corrections', pageId: first.pageId, issueId: first.issueId });
    expect(a.getPage(first.pageId).items.map((i) => i.headline)).toContain('湘江大桥今天通车');

    const over = a.importPage({ sourceName: 'p01.txt', text: changed, encoding: 'UTF-8' }, imp, { overwriteCorrections: true });
    expect(over.status).toBe('imported');
    const now = a.getPage(first.pageId);
    expect(now.items.map((i) => i.headline)).toContain('湘江大桥今日通车');
    expect(now.items.map((i) => i.headline)).toContain('另一条');
  });

  it('keeps a page whose items carry editedFields even at revision 0', () => {
    const a = freshArchive();
    const first = a.importPage({ sourceName: 'p01.txt', text: frontPage(), encoding: 'UTF-8' }, imp);
    a.db.raw.prepare(`UPDATE items SET edited_fields_json = '["headline"]' WHERE page_id = ?`).run(first.pageId);
    const out = a.importPage({ sourceName: 'p01.txt', text: frontPage(undefined, undefined, 'x'), encoding: 'UTF-8' }, imp);
    expect(out.status).toBe('kept-corrections');
  });

  it('imports several pages in one transaction: a bad one leaves nothing behind', () => {
    const a = freshArchive();
    expect(() =>
      a.importPages(
        [
          { sourceName: 'p01.txt', text: frontPage(), encoding: 'UTF-8' },
          { sourceName: '', text: 'x', encoding: 'UTF-8' },
        ],
        imp,
      ),
    ).toThrow(/sourceName/);
    expect(a.stats()).toEqual({ publications: 0, issues: 0, pages: 0, items: 0 });
  });

  it('rolls back when the segmenter fails on a later page of the batch', () => {
    const a = track(
      openArchive(join(tempDir(), 'boom.sqlite'), {
        segment: (text, o) => {
          if (text.includes('boom')) throw new Error('engine exploded');
          return fakeSegment(text, o);
        },
      }),
    );
    expect(() =>
      a.importPages(
        [
          { sourceName: 'a.txt', text: frontPage(), encoding: 'UTF-8' },
          { sourceName: 'b.txt', text: innerPage(2, 'boom\nx'), encoding: 'UTF-8' },
        ],
        imp,
      ),
    ).toThrow(/engine exploded/);
    expect(a.stats()).toEqual({ publications: 0, issues: 0, pages: 0, items: 0 });
  });
});

describe('savePage and revisions', () => {
  it('refuses a save based on a stale revision', () => {
    const a = freshArchive();
    const { pageId } = a.importPage({ sourceName: 'p01.txt', text: frontPage(), encoding: 'UTF-8' }, imp);
    const p = a.getPage(pageId);
    expect(a.savePage({ pageId, baseRevision: 0, text: p.text + '\n', items: p.items }, editor)).toEqual({ revision: 1 });
    let err: unknown;
    try {
      a.savePage({ pageId, baseRevision: 0, text: p.text, items: p.items }, editor);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ArchiveError);
    expect((err as ArchiveError).code).toBe('revision-conflict');
    expect((err as ArchiveError).message).toMatch(/revision 0.*revision 1/);
    expect(a.getPage(pageId).revision).toBe(1);
  });

  it('keeps item ids across a save and updates the search index', () => {
    const a = freshArchive();
    const { pageId } = a.importPage({ sourceName: 'p01.txt', text: frontPage(), encoding: 'UTF-8' }, imp);
    const p = a.getPage(pageId);
    const target = p.items.find((i) => i.headline === '湘江大桥今日通车')!;
    const items = p.items.map((i) => (i.id === target.id ? { ...i, headline: '耒水大桥今日通车', editedFields: ['headline' as const], tags: ['交通'] } : i));
    a.savePage({ pageId, baseRevision: 0, text: p.text, items }, editor);
    const after = a.getPage(pageId);
    expect(after.items.find((i) => i.id === target.id)).toMatchObject({ headline: '耒水大桥今日通车', editedFields: ['headline'], tags: ['交通'] });
    expect(a.search('耒水大桥').map((h) => h.itemId)).toEqual([target.id]);
    expect(a.search('湘江大桥今日')).toEqual([]);
    expect(a.search('交通', { tag: '交通' }).map((h) => h.itemId)).toEqual([target.id]);
  });

  it('restoreRevision puts back an earlier state as a new revision', () => {
    const a = freshArchive();
    const { pageId } = a.importPage({ sourceName: 'p01.txt', text: frontPage(), encoding: 'UTF-8' }, imp);
    const v0 = a.getPage(pageId);
    const r1 = a.savePage({ pageId, baseRevision: 0, text: v0.text + '\n改1', items: v0.items.slice(0, 2) }, editor);
    const v1 = a.getPage(pageId);
    a.savePage({ pageId, baseRevision: r1.revision, text: v1.text + '\n改2', items: v1.items.slice(0, 1) }, editor);
    expect(a.getPage(pageId).items).toHaveLength(1);

    expect(a.restoreRevision(pageId, 0, editor)).toEqual({ revision: 3 });
    const back = a.getPage(pageId);
    expect(back.text).toBe(v0.text);
    expect(back.items.map((i) => i.headline)).toEqual(v0.items.map((i) => i.headline));
    expect(back.revision).toBe(3);
    expect(a.search('湘江大桥').length).toBeGreaterThan(0);

    a.restoreRevision(pageId, 1, editor);
    expect(a.getPage(pageId).text).toBe(v1.text);
    expect(a.listRevisions(pageId).map((r) => [r.action, r.pageRevision])).toEqual([
      ['import', 0],
      ['save', 1],
      ['save', 2],
      ['restore', 3],
      ['restore', 4],
    ]);
    expect(() => a.restoreRevision(pageId, 99, editor)).toThrow(/no revision 99/);
    // The full-text index still matches its content table after import, saves and restores.
    a.db.raw.exec(`INSERT INTO items_fts(items_fts) VALUES ('integrity-check')`);
    const again = a.importPage({ sourceName: 'p01.txt', text: frontPage(undefined, undefined, 'x'), encoding: 'UTF-8' }, imp, { overwriteCorrections: true });
    expect(again.status).toBe('imported');
    a.db.raw.exec(`INSERT INTO items_fts(items_fts) VALUES ('integrity-check')`);
  });

  it('logs state changes with before and after', () => {
    const a = freshArchive();
    const { pageId, issueId } = a.importPage({ sourceName: 'p01.txt', text: frontPage(), encoding: 'UTF-8' }, imp);
    a.setPageState(pageId, 'proofed', editor);
    expect(a.getPage(pageId).state).toBe('proofed');
    expect(a.listIssues()[0]).toMatchObject({ id: issueId, pagesProofed: 1 });
    const row = a.db.raw.prepare(`SELECT actor, before_json, after_json FROM revisions WHERE action = 'state'`).get();
    expect(row).toEqual({ actor: 'editor', before_json: '{"state":"imported"}', after_json: '{"state":"proofed"}' });
    expect(() => a.setPageState(pageId, 'bogus' as never, editor)).toThrow(/page state/);
    expect(() => a.getPage(999)).toThrow(/page 999 does not exist/);
  });
});

describe('grouping into issues', () => {
  it('groups pages by masthead, then by the folder and date of pages without one', () => {
    const a = freshArchive();
    const p1 = a.importPage({ sourceName: '2021-10-29/p01.txt', text: frontPage(), encoding: 'UTF-8', folderHint: '/x/2021-10-29', dateHint: '2021-10-29', pageNumberHint: 1 }, imp);
    const p2 = a.importPage({ sourceName: '2021-10-29/p02.txt', text: innerPage(2, '标题\n正文'), encoding: 'UTF-8', folderHint: '/x/2021-10-29', dateHint: '2021-10-29', publicationHint: 'x' }, imp);
    expect(p2.issueId).toBe(p1.issueId);
    expect(a.getPage(p2.pageId).pageNumber).toBe(2); // from the running head 第2版
    expect(a.listPublications().map((p) => p.title)).toEqual(['衡阳日报']);
  });

  it('adopts an issue first filed under a folder name once its front page arrives', () => {
    const a = freshArchive();
    const p2 = a.importPage({ sourceName: 'p02.txt', text: innerPage(2, '标题\n正文'), encoding: 'UTF-8', folderHint: '/d', dateHint: '2021-10-29', publicationHint: 'hengyang' }, imp);
    expect(a.listPublications().map((p) => p.title)).toEqual(['hengyang']);
    const p1 = a.importPage({ sourceName: 'p01.txt', text: frontPage(), encoding: 'UTF-8', folderHint: '/d' }, imp);
    expect(p1.issueId).toBe(p2.issueId);
    expect(a.listPublications().map((p) => p.title)).toEqual(['衡阳日报']);
  });

  it('puts pages of different dates into different issues, and undated pages into the folder’s Undated issue', () => {
    const a = freshArchive();
    const d1 = a.importPage({ sourceName: 'a/20211029_p2.txt', text: innerPage(2, 'a\nb'), encoding: 'UTF-8', folderHint: '/a', dateHint: '2021-10-29' }, imp);
    const d2 = a.importPage({ sourceName: 'a/20211030_p2.txt', text: innerPage(2, 'c\nd'), encoding: 'UTF-8', folderHint: '/a', dateHint: '2021-10-30' }, imp);
    const u1 = a.importPage({ sourceName: 'a/scan1.txt', text: 'e\nf', encoding: 'UTF-8', folderHint: '/a' }, imp);
    const u2 = a.importPage({ sourceName: 'a/scan2.txt', text: 'g\nh', encoding: 'UTF-8', folderHint: '/a' }, imp);
    const u3 = a.importPage({ sourceName: 'b/scan1.txt', text: 'i\nj', encoding: 'UTF-8', folderHint: '/b' }, imp);
    expect(new Set([d1.issueId, d2.issueId, u1.issueId, u3.issueId]).size).toBe(4);
    expect(u2.issueId).toBe(u1.issueId);
    const undated = a.listIssues().filter((i) => i.date === null);
    expect(undated).toHaveLength(2);
    expect(a.listPublications().map((p) => p.title)).toEqual([UNKNOWN_PUBLICATION]);
    expect(a.listPages(u1.issueId).map((p) => p.sourceName)).toEqual(['a/scan1.txt', 'a/scan2.txt']);
  });
});

describe('jump lines', () => {
  it('links "转第6版" on page 1 with "上接第1版" on page 6 of the same issue into one story', () => {
    const a = freshArchive();
    const p1 = a.importPage({ sourceName: 'p01.txt', text: frontPage(), encoding: 'UTF-8', folderHint: '/d' }, imp);
    const p6 = a.importPage(
      { sourceName: 'p06.txt', text: innerPage(6, '湘江大桥今日通车\n(上接第1版)市民可从东岸直达西岸。\n\n别的新闻\n正文'), encoding: 'UTF-8', folderHint: '/d', dateHint: '2021-10-29' },
      imp,
    );
    expect(p6.issueId).toBe(p1.issueId);
    const head = a.getPage(p1.pageId).items.find((i) => i.continuedOn === 6)!;
    const tail = a.getPage(p6.pageId).items.find((i) => i.continuedFrom === 1)!;
    const story = a.getStory(head.id!);
    expect(story.map((s) => [s.itemId, s.pageNumber])).toEqual([
      [head.id, 1],
      [tail.id, 6],
    ]);
    expect(a.getStory(tail.id!)).toEqual(story);
    const other = a.getPage(p6.pageId).items.find((i) => i.headline === '别的新闻')!;
    expect(a.getStory(other.id!)).toHaveLength(1);
  });

  it('does not link pages of different issues', () => {
    const a = freshArchive();
    const p1 = a.importPage({ sourceName: 'p01.txt', text: frontPage(), encoding: 'UTF-8', folderHint: '/d' }, imp);
    a.importPage({ sourceName: 'p06.txt', text: innerPage(6, '题\n(上接第1版)正文'), encoding: 'UTF-8', folderHint: '/e', dateHint: '2021-10-30' }, imp);
    const head = a.getPage(p1.pageId).items.find((i) => i.continuedOn === 6)!;
    expect(a.getStory(head.id!)).toHaveLength(1);
  });
});
