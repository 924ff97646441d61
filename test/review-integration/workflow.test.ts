// The issue state machine, tags and search, suggestions, vocabulary CSV and history, through the
// handler table.
import { describe, expect, it } from 'vitest';
import { tIn } from '../support/i18n.ts';
import { localizeDiffLine, revisionSummaryText } from '../../renderer/history-text.ts';
import { world, type World } from './world.ts';
import { pageDiffOps } from '../../core/edit/index.ts';

const page = (w: World) => w.archive.getPage(w.pageId);
const issueState = (w: World) => w.archive.getIssue(w.issueId).state;

describe('issue state machine through the handlers', () => {
  it('imported → in-progress → proofed → approved → exported, reopen with a reason, changes refused while approved', async () => {
    const w = world();
    await w.as('Ed');
    expect(issueState(w)).toBe('imported');

    await w.ok('page.setState', { pageId: w.pageId, state: 'in-progress' });
    expect(issueState(w)).toBe('in-progress');
    // Approving before every page is proofed is refused with the reason (and needs a supervisor anyway).
    await w.as('Sue');
    expect(await w.call('issues.approve', { issueId: w.issueId })).toMatchObject({ ok: false, code: 'refused', reason: 'not-proofed', details: { state: 'in-progress' }, message: 'Only a proofed issue can be approved; this one is in-progress.' });

    await w.as('Ed');
    await w.ok('page.setState', { pageId: w.pageId, state: 'proofed' });
    expect(issueState(w)).toBe('proofed');
    await w.ok('page.setState', { pageId: w.pageId, state: 'in-progress' });
    expect(issueState(w)).toBe('in-progress');
    await w.ok('page.setState', { pageId: w.pageId, state: 'proofed' });

    await w.as('Sue');
    expect((await w.ok('issues.approve', { issueId: w.issueId })).issue.state).toBe('approved');
    expect(await w.call('issues.approve', { issueId: w.issueId })).toMatchObject({ ok: false, code: 'refused', reason: 'issue-locked', details: { state: 'approved' }, message: 'This issue is already approved.' });

    // Frozen: every change is refused with the reason, for every role, and nothing is written.
    const before = w.fingerprint();
    const p = page(w);
    for (const who of ['Ed', 'Ada', 'Sue']) {
      await w.as(who);
      const refusals = [
        await w.call('page.setState', { pageId: p.id, state: 'in-progress' }),
        ...(who !== 'Ada' ? [await w.call('page.edit', { pageId: p.id, baseRevision: p.revision, ops: [{ op: 'text', at: p.text.length, remove: '', insert: '补' }] })] : []),
        ...(who !== 'Ed' ? [await w.call('tags.setForItem', { itemId: w.firstArticleId, tags: ['衡阳'] })] : []),
        ...(who !== 'Ed' ? [await w.call('tags.addToItems', { itemIds: [w.firstArticleId], add: ['衡阳'] })] : []),
      ];
      // The permission is checked first (Ada may not change page states), then the lock.
      for (const r of refusals) expect(r, who).toMatchObject({ ok: false, code: expect.stringMatching(/^(refused|forbidden)$/), message: expect.stringMatching(/is approved; a supervisor must reopen it|^Only /) });
    }
    await w.as('Sue');
    const revisions = w.archive.listRevisionDetails(w.pageId);
    expect(await w.call('history.restore', { revisionId: revisions[0]!.id })).toMatchObject({ ok: false, code: 'refused', reason: 'issue-locked', details: { state: 'approved' }, message: 'This issue is approved; a supervisor must reopen it before its pages can be changed.' });
    expect(w.fingerprint()).toBe(before);

    // Export, then re-export keeps it exported.
    w.archive.setSetting('export.outDir', `${w.dir}/exports`); // exports go to the configured folder
    expect((await w.ok('issues.export', { issueId: w.issueId, formats: ['txt'] })).issue.state).toBe('exported');
    expect((await w.ok('issues.export', { issueId: w.issueId, formats: ['csv'] })).issue.state).toBe('exported');

    // Reopen needs a reason.
    expect(await w.call('issues.reopen', { issueId: w.issueId, reason: '   ' })).toMatchObject({ ok: false, code: 'refused', message: 'Reopening an issue needs a reason.' });
    expect((await w.ok('issues.reopen', { issueId: w.issueId, reason: '标题有误' })).issue.state).toBe('in-progress');
    expect(await w.call('issues.reopen', { issueId: w.issueId, reason: 'again' })).toMatchObject({ ok: false, code: 'refused' });
    expect(await w.call('issues.export', { issueId: w.issueId, formats: ['json'] })).toMatchObject({ ok: false, code: 'refused', message: 'Only an approved issue can be exported; this one is in-progress.' });

    // Open again: the editor can change pages.
    await w.as('Ed');
    await w.ok('page.setState', { pageId: w.pageId, state: 'in-progress' });
    expect(issueState(w)).toBe('in-progress');

    const { history } = await w.ok('issues.history', { issueId: w.issueId });
    expect(history.map((h: { event: string; to: string }) => `${h.event}:${h.to}`)).toEqual([
      'pages-changed:in-progress',
      'pages-changed:proofed',
      'pages-changed:in-progress',
      'pages-changed:proofed',
      'approve:approved',
      'export:exported',
      'export:exported',
      'reopen:in-progress',
    ]);
    expect(history[4]).toMatchObject({ by: 'Sue', role: 'supervisor' });
    expect(history[7]).toMatchObject({ reason: '标题有误', by: 'Sue' });
    // State changes are in the revision log too.
    const issueRevs = w.archive.db.raw.prepare(`SELECT action, actor FROM revisions WHERE entity = 'issue' ORDER BY id`).all();
    expect(issueRevs).toContainEqual({ action: 'approve', actor: 'Sue' });
    expect(issueRevs).toContainEqual({ action: 'reopen', actor: 'Sue' });
  });

  it('a page imported into an approved issue is refused until it is reopened', async () => {
    const w = world();
    await w.as('Sue');
    await w.ok('page.setState', { pageId: w.pageId, state: 'proofed' });
    await w.ok('issues.approve', { issueId: w.issueId });
    const r = await w.ok('import.files', { files: [{ name: '衡阳日报/2021-10-29/p02.txt', data: Buffer.from('衡阳日报\n2021年10月29日\n第2版\n标题\n本报讯 正文。\n').toString('base64') }] });
    expect(r.outcomes[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/approved; a supervisor must reopen it/) });
    expect(w.archive.listPages(w.issueId)).toHaveLength(1);
    await w.ok('issues.reopen', { issueId: w.issueId, reason: 'page 2 arrived late' });
    const again = await w.ok('import.files', { files: [{ name: '衡阳日报/2021-10-29/p02.txt', data: Buffer.from('衡阳日报\n2021年10月29日\n第2版\n标题\n本报讯 正文。\n').toString('base64') }] });
    expect(again.outcomes[0]).toMatchObject({ status: 'imported', issueId: w.issueId });
    expect(w.archive.listPages(w.issueId)).toHaveLength(2);
    expect(w.archive.getIssue(w.issueId).state).toBe('in-progress');
  });
});

describe('tags', () => {
  it('sets tags on one item, adds and removes in bulk, and finds them by search and by filter', async () => {
    const w = world();
    await w.as('Ada');
    const r = await w.ok('tags.setForItem', { itemId: w.firstArticleId, tags: ['合作交流', ' 合作交流 ', '衡阳'] });
    expect(r).toMatchObject({ itemId: w.firstArticleId, pageId: w.pageId, tags: ['合作交流', '衡阳'] });
    const ids = page(w).items.filter((i) => i.kind === 'article').map((i) => i.id!);
    expect(ids.length).toBeGreaterThan(2);
    const bulk = await w.ok('tags.addToItems', { itemIds: ids, add: ['头版'], remove: ['衡阳'] });
    expect(bulk).toMatchObject({ changed: ids.length, pages: [{ pageId: w.pageId }] });
    // Unchanged tags write no revision.
    const revs = w.archive.listRevisionDetails(w.pageId).length;
    expect((await w.ok('tags.addToItems', { itemIds: ids, add: ['头版'] })).changed).toBe(0);
    expect(w.archive.listRevisionDetails(w.pageId)).toHaveLength(revs);

    const byTag = await w.ok('search', { query: '', filters: { tag: '头版' } });
    expect(byTag.hits.map((h: { itemId: number }) => h.itemId).sort()).toEqual([...ids].sort());
    const searched = await w.ok('search', { query: '合作交流', filters: {} });
    expect(searched.hits.map((h: { itemId: number }) => h.itemId)).toContain(w.firstArticleId);
    expect(searched.hits.find((h: { itemId: number }) => h.itemId === w.firstArticleId).tags).toEqual(['合作交流', '头版']);
    const filtered = await w.ok('search', { query: '衡阳', filters: { tag: '合作交流' } });
    expect(filtered.hits.map((h: { itemId: number }) => h.itemId)).toEqual([w.firstArticleId]);
    expect((await w.ok('search', { query: '', filters: { tag: '衡阳' } })).hits).toEqual([]);

    const list = await w.ok('tags.list', {});
    expect(list[0]).toMatchObject({ name: '头版', count: ids.length, term: null });
    const items = await w.ok('issues.items', { issueId: w.issueId });
    expect(items.find((i: { itemId: number }) => i.itemId === w.firstArticleId).tags).toEqual(['合作交流', '头版']);
    expect(await w.call('tags.setForItem', { itemId: 999_999, tags: ['x'] })).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('suggests 衡阳, 苏州 and 秦国文 for the first article, and one click accepts a suggestion', async () => {
    const w = world();
    await w.as('Ada');
    await w.ok('vocabulary.upsert', { term: { type: 'place', path: ['湖南', '衡阳'], label: '衡阳', aliases: ['衡阳市', '雁城'] } });
    const s = await w.ok('tags.suggest', { itemId: w.firstArticleId });
    const all = [...s.keywords, ...s.people, ...s.places, ...s.organisations];
    for (const word of ['衡阳', '苏州', '秦国文']) expect(all).toContain(word);
    expect(s.people).toContain('秦国文');
    expect(s.places).toEqual(expect.arrayContaining(['衡阳', '苏州']));
    expect(s.vocabulary.map((t: { label: string }) => t.label)).toContain('衡阳');
    // Accept one: it becomes a tag and is no longer suggested.
    await w.ok('tags.addToItems', { itemIds: [w.firstArticleId], add: ['秦国文'] });
    const again = await w.ok('tags.suggest', { itemId: w.firstArticleId });
    expect(again.people).not.toContain('秦国文');
    expect(again.tags).toEqual(['秦国文']);
  }, 30_000);
});

describe('vocabulary', () => {
  it('round-trips CSV through the channels (export → replace import → export), with line-numbered errors', async () => {
    const w = world();
    await w.as('Ada');
    const csv = [
      'type,path,label,aliases',
      'subject,经济,经济,',
      'subject,经济/产业园区,产业园区,工业园区|园区',
      'place,湖南,湖南,湖南省',
      'place,湖南/衡阳,衡阳,衡阳市|雁城',
      'person,秦国文,秦国文,',
      'organisation,苏州工业园区管委会,苏州工业园区管理委员会,苏州工业园区管委会',
      'topic,体育,体育,',
      'place,江苏/苏州,苏州,',
    ].join('\n');
    const r = await w.ok('vocabulary.importCsv', { csv, mode: 'merge' });
    expect(r).toMatchObject({ added: 5, updated: 0, removed: 0 });
    expect(r.errors.map((e: { line: number }) => e.line)).toEqual([8, 9]);
    const list = await w.ok('vocabulary.list', {});
    expect(list).toHaveLength(6);
    const exported = (await w.ok('vocabulary.exportCsv', {})).csv as string;
    expect(exported.startsWith('\uFEFFtype,path,label,aliases\r\n')).toBe(true);

    const other = world();
    await other.as('Sue');
    expect(await other.ok('vocabulary.importCsv', { csv: exported, mode: 'replace' })).toMatchObject({ added: 5, updated: 0, removed: 0, errors: [] });
    expect((await other.ok('vocabulary.exportCsv', {})).csv).toBe(exported);
    expect(await other.ok('vocabulary.list', {})).toEqual(list);

    // Replace with a bad row writes nothing; removing a parent with children is refused.
    expect(await other.ok('vocabulary.importCsv', { csv: 'type,path,label,aliases\nplace,x/y,y,\n', mode: 'replace' })).toMatchObject({ added: 0, removed: 0, errors: [{ line: 2 }] });
    expect(await other.call('vocabulary.remove', { type: 'place', path: ['湖南'] })).toMatchObject({ ok: false, code: 'bad-request', message: /narrower terms/ });
    expect(await other.ok('vocabulary.remove', { type: 'place', path: ['湖南', '衡阳'] })).toEqual({ removed: 1 });
    expect(await other.ok('vocabulary.upsert', { term: { type: 'place', path: ['湖南', '衡阳'], label: '衡阳', aliases: [] } })).toMatchObject({ label: '衡阳' });
    expect(await other.call('vocabulary.upsert', { term: { type: 'place', path: ['广东', '广州'], label: '广州', aliases: [] } })).toMatchObject({ ok: false, code: 'bad-request', message: /parent place 广东 is not defined/ });
  });
});

describe('history', () => {
  it('shows each change per page and per item with who, when and a unified diff, and restores an earlier version as a new revision', async () => {
    const w = world();
    await w.as('Ed');
    const p0 = page(w);
    const items = p0.items.map((i) => (i.id === w.firstArticleId ? { ...i, headline: '衡阳苏州深化合作', editedFields: [...i.editedFields, 'headline' as const] } : i));
    const saved = await w.ok('page.edit', { pageId: p0.id, baseRevision: p0.revision, ops: pageDiffOps(p0, { text: p0.text, items }) });
    await w.ok('page.setState', { pageId: w.pageId, state: 'in-progress' });
    await w.as('Ada');
    await w.ok('tags.setForItem', { itemId: w.firstArticleId, tags: ['衡阳'] });

    const { revisions } = await w.ok('history.forPage', { pageId: w.pageId });
    expect(revisions.map((r: { action: string }) => r.action)).toEqual(['tag', 'state', 'edit', 'import']);
    const [tag, state, save, imported] = revisions;
    expect(tag).toMatchObject({ actor: 'Ada', role: 'archivist', summary: `Tags of item ${w.firstArticleId}: + 衡阳`, restorable: false });
    expect(tag.diff).toMatch(/^\+tags: 衡阳$/m);
    expect(state).toMatchObject({ actor: 'Ed', summary: 'State: imported → in-progress' });
    expect(state.diff).toMatch(/^-state: imported\n\+state: in-progress$/m);
    expect(save).toMatchObject({ actor: 'Ed', role: 'editor', summary: 'Saved: 1 item changed', pageRevision: saved.revision, restorable: true });
    expect(save.diff).toContain('--- page ' + w.pageId + ' (before)');
    expect(save.diff).toMatch(/^\+headline: 衡阳苏州深化合作$/m);
    expect(imported).toMatchObject({ actor: 'os-user', action: 'import', restorable: true });

    const item = await w.ok('history.forItem', { itemId: w.firstArticleId });
    expect(item.revisions.map((r: { action: string }) => r.action)).toEqual(['tag', 'edit', 'import']);
    expect(item.revisions[0].summary).toBe('Tags: + 衡阳');
    expect(item.revisions[1].diff).toContain(`--- item ${w.firstArticleId} (before)`);
    expect(item.revisions[2].summary).toBe('Imported');
    expect(item.revisions.map((r: { summaryData: unknown }) => r.summaryData)).toEqual([
      { code: 'tags', changes: [{ item: null, added: ['衡阳'], removed: [] }] },
      { code: 'saved', text: false, itemsChanged: 1, itemsRemoved: 0 },
      { code: 'item-imported' },
    ]);

    // The structured summaries and the diffs' field names, worded in Chinese by the history panel.
    const zh = tIn('zh-CN');
    expect(tag.summaryData).toEqual({ code: 'tags', changes: [{ item: w.firstArticleId, added: ['衡阳'], removed: [] }] });
    expect(revisionSummaryText(zh, tag.summaryData)).toBe(`第 ${w.firstArticleId} 条的标签：+ 衡阳`);
    expect(revisionSummaryText(tIn('en'), tag.summaryData)).toBe(tag.summary);
    expect(revisionSummaryText(zh, state.summaryData)).toBe('状态：已导入 → 校对中');
    expect(revisionSummaryText(zh, save.summaryData)).toBe('已保存：1 条有修改');
    expect(revisionSummaryText(tIn('en'), save.summaryData)).toBe(save.summary);
    expect(revisionSummaryText(zh, imported.summaryData)).toMatch(/^导入（\d+ 条）$/);
    expect(revisionSummaryText(zh, item.revisions[0].summaryData)).toBe('标签：+ 衡阳');
    const zhDiff = (d: string) => d.split('\n').map((l) => localizeDiffLine(zh, l));
    expect(zhDiff(save.diff)).toContain('+主标题：衡阳苏州深化合作');
    expect(zhDiff(save.diff).join('\n')).not.toMatch(/^[-+ ](headline|kicker|contributors|tags|state):/m);
    expect(zhDiff(tag.diff)).toContain('+标签：衡阳');
    expect(zhDiff(state.diff)).toEqual(expect.arrayContaining(['-状态：已导入', '+状态：校对中']));

    // Restore the imported version: a new revision, by the editor, with the old headline back.
    await w.as('Ed');
    const oldHeadline = p0.items.find((i) => i.id === w.firstArticleId)!.headline;
    const restored = await w.ok('history.restore', { revisionId: imported.id });
    expect(restored.revision).toBe(page(w).revision);
    expect(page(w).items.find((i) => i.id === w.firstArticleId)!.headline).toBe(oldHeadline);
    const after = (await w.ok('history.forPage', { pageId: w.pageId })).revisions;
    expect(after[0]).toMatchObject({ action: 'restore', actor: 'Ed', summary: `Restored revision ${imported.pageRevision}`, summaryData: { code: 'restored', from: imported.pageRevision } });
    expect(revisionSummaryText(zh, after[0].summaryData)).toBe(`恢复第 ${imported.pageRevision} 次修订`);
    expect(after).toHaveLength(5);
    expect(await w.call('history.restore', { revisionId: state.id })).toMatchObject({ ok: false, code: 'bad-request' });
  });
});
