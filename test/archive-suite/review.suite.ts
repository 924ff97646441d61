// Review, against either archive (AsyncArchive only): profiles and settings, accounts, tags (with
// their revisions and the vocabulary's canonical forms), the controlled vocabulary, and the
// publication-profile reads.
import { describe, expect, it } from 'vitest';
import { ArchiveError } from '../../electron/archive/archive-api.ts';
import { archivist, article, putPage, supervisor, type SuiteOpen } from './seed.ts';

/** A well-formed scrypt hash string (the archive stores it as given; it never sees a password). */
const HASH = `scrypt$32768$8$1$${'s'.repeat(22)}$${'h'.repeat(43)}`;

const code = (e: unknown) => (e instanceof ArchiveError ? e.code : (e as Error).name);
async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return { code: code(e), message: (e as Error).message };
  }
  throw new Error('expected a refusal');
}

export function reviewSuite(open: SuiteOpen): void {
  describe('profiles and settings', () => {
    it('makes the first profile a supervisor, finds names ignoring case, refuses a taken name', async () => {
      const a = await open();
      expect(await a.listProfiles()).toEqual([]);
      const first = await a.createProfile({ name: 'Wang', role: 'editor' }, { name: 'setup' });
      expect(first.role).toBe('supervisor');
      const boss = { name: first.name, profileId: first.id, role: first.role };
      const li = await a.createProfile({ name: 'li', role: 'editor' }, boss);
      const zhao = await a.createProfile({ name: '赵', role: 'archivist' }, boss);
      expect(li.role).toBe('editor');
      expect((await a.listProfiles()).map((p) => p.name)).toEqual(['li', 'Wang', '赵']);
      expect(await a.findProfile('WANG')).toEqual(first);
      expect(await a.findProfile('  li ')).toEqual(li);
      expect(await a.findProfile('nobody')).toBeNull();
      expect(await a.getProfile(zhao.id)).toEqual(zhao);
      expect(await a.getProfile('no-such-id')).toBeNull();
      expect(await failure(a.createProfile({ name: 'WANG', role: 'editor' }, boss))).toMatchObject({ code: 'invalid-input', message: /already exists/ });
      expect((await failure(a.createProfile({ name: '', role: 'editor' }, boss))).code).toBe('invalid-input');
      expect((await failure(a.createProfile({ name: 'x', role: 'admin' as never }, boss))).code).toBe('invalid-input');
    });

    it('keeps the last supervisor: no demotion, no removal; renames and role changes otherwise', async () => {
      const a = await open();
      const boss = await a.createProfile({ name: 'Wang', role: 'supervisor' }, { name: 'setup' });
      const actor = { name: boss.name, profileId: boss.id, role: boss.role };
      const li = await a.createProfile({ name: 'Li', role: 'editor' }, actor);
      expect(await failure(a.updateProfile(boss.id, { role: 'editor' }, actor))).toMatchObject({ code: 'invalid-input', message: /last supervisor/ });
      expect(await failure(a.removeProfile(boss.id, actor))).toMatchObject({ code: 'invalid-input', message: /last supervisor/ });
      expect(await a.updateProfile(li.id, { role: 'supervisor', name: 'Li Ming' }, actor)).toEqual({ id: li.id, name: 'Li Ming', role: 'supervisor' });
      expect(await failure(a.updateProfile(li.id, { name: 'wang' }, actor))).toMatchObject({ code: 'invalid-input', message: /already exists/ });
      await a.updateProfile(boss.id, { role: 'editor' }, actor);
      await a.removeProfile(boss.id, actor);
      expect((await a.listProfiles()).map((p) => p.name)).toEqual(['Li Ming']);
      expect((await failure(a.removeProfile(boss.id, actor))).code).toBe('not-found');
      expect((await failure(a.updateProfile('no-such-id', { name: 'x' }, actor))).code).toBe('not-found');
    });

    it('stores, replaces and removes settings; refuses an empty key', async () => {
      const a = await open();
      expect(await a.getSetting('export.folder')).toBeNull();
      await a.setSetting('export.folder', '/tmp/导出');
      expect(await a.getSetting('export.folder')).toBe('/tmp/导出');
      await a.setSetting('export.folder', '/srv/x');
      expect(await a.getSetting('export.folder')).toBe('/srv/x');
      await a.setSetting('export.folder', null);
      expect(await a.getSetting('export.folder')).toBeNull();
      expect((await failure(a.setSetting('', 'x'))).code).toBe('invalid-input');
      expect((await failure(a.getSetting(''))).code).toBe('invalid-input');
    });

    it('keeps account credentials: a password hash (never listed), disabling, the last enabled supervisor', async () => {
      const a = await open();
      const boss = await a.createProfile({ name: 'Wang', role: 'supervisor' }, { name: 'setup' });
      const actor = { name: boss.name, profileId: boss.id, role: boss.role };
      const li = await a.createProfile({ name: 'Li', role: 'editor' }, actor);
      expect(await a.profileCredentials(li.id)).toEqual({ hash: null, disabled: false });
      expect(await a.setProfilePassword(li.id, HASH, actor)).toEqual({ ...li, hasPassword: true, disabled: false });
      expect(await a.profileCredentials(li.id)).toEqual({ hash: HASH, disabled: false });
      expect((await failure(a.setProfilePassword(li.id, 'plain text', actor))).code).toBe('invalid-input');
      expect(await a.setProfileDisabled(li.id, true, actor)).toMatchObject({ disabled: true });
      expect(await failure(a.setProfileDisabled(boss.id, true, actor))).toMatchObject({ code: 'invalid-input', message: /last enabled supervisor/ });
      const accounts = await a.listAccounts();
      expect(accounts.map((x) => [x.name, x.hasPassword, x.disabled])).toEqual([
        ['Li', true, true],
        ['Wang', false, false],
      ]);
      expect(JSON.stringify(accounts)).not.toContain(HASH);
      expect(await a.profileCredentials('no-such-id')).toBeNull();
    });
  });

  describe('tags', () => {
    async function tagged(openArchive: SuiteOpen) {
      const a = await openArchive();
      const p1 = await putPage(a, 'a', '衡阳日报', '2021-10-29', [article('湘江大桥今日通车', ['通车。']), article('衡阳市召开经济工作会议', ['会议。'])]);
      const p2 = await putPage(a, 'b', '衡阳日报', '2021-10-30', [article('春耕备耕有序推进', ['春耕。'])]);
      const [i1, i2] = (await a.getPage(p1)).items.map((i) => i.id!);
      const [i3] = (await a.getPage(p2)).items.map((i) => i.id!);
      return { a, p1, p2, i1: i1!, i2: i2!, i3: i3! };
    }

    it('sets an item tags as one page revision; the same tags again write nothing', async () => {
      const { a, p1, i1 } = await tagged(open);
      const before = (await a.getPage(p1)).revision;
      const r = await a.setItemTags(i1, [' 交通 ', '交通', '城建'], archivist);
      expect(r).toEqual({ pageId: p1, revision: before + 1, tags: ['交通', '城建'].sort() });
      const again = await a.setItemTags(i1, ['城建', '交通'], archivist);
      expect(again.revision).toBe(before + 1);
      const revisions = await a.listRevisions(p1);
      expect(revisions.map((x) => x.action)).toEqual(['import', 'tag']);
      expect(revisions[1]).toMatchObject({ actor: archivist.name, pageRevision: before + 1 });
      const detail = (await a.listRevisionDetails(p1))[1]!;
      expect(detail).toMatchObject({ profileId: archivist.profileId, role: 'archivist' });
      expect((await a.getItem(i1)).item.tags.sort()).toEqual(['交通', '城建'].sort());
      expect((await failure(a.setItemTags(999_999, ['x'], archivist))).code).toBe('not-found');
      expect((await failure(a.setItemTags(i1, [''], archivist))).code).toBe('invalid-input');
    });

    it('adds and removes tags on many items, one revision per page changed; counts tags most used first', async () => {
      const { a, p1, p2, i1, i2, i3 } = await tagged(open);
      const r = await a.changeItemTags([i1, i2, i3, i1], ['要闻', '衡阳'], [], archivist);
      expect(r.changed).toBe(3);
      expect(r.pages.map((p) => p.pageId)).toEqual([p1, p2]);
      expect(await a.changeItemTags([i1, i2], ['要闻'], [], archivist)).toEqual({ changed: 0, pages: [] });
      const r2 = await a.changeItemTags([i3], [], ['衡阳'], archivist);
      expect(r2).toEqual({ changed: 1, pages: [{ pageId: p2, revision: r.pages[1]!.revision + 1 }] });
      expect(await a.listTags()).toEqual([
        { name: '要闻', count: 3 },
        { name: '衡阳', count: 2 },
      ]);
      expect((await a.listRevisions(p1)).map((x) => x.action)).toEqual(['import', 'tag']);
      expect((await a.listRevisions(p2)).map((x) => x.action)).toEqual(['import', 'tag', 'tag']);
    });

    it('writes the vocabulary term for an alias or a traditional form, and joins a free tag of the same simplified form', async () => {
      const { a, i1, i2, i3 } = await tagged(open);
      await a.upsertVocabulary({ type: 'organisation', path: ['城市管理综合执法局'], label: '城市管理综合执法局', aliases: ['城管'] }, supervisor);
      expect((await a.setItemTags(i1, ['城管'], archivist)).tags).toEqual(['城市管理综合执法局']);
      expect((await a.setItemTags(i2, ['衡阳'], archivist)).tags).toEqual(['衡阳']);
      expect((await a.setItemTags(i3, ['衡陽'], archivist)).tags).toEqual(['衡阳']);
      await a.changeItemTags([i1], [], ['城管'], archivist);
      expect((await a.getItem(i1)).item.tags).toEqual([]);
    });

    it('refuses tag changes in an approved issue, and changes nothing of the batch', async () => {
      const { a, p1, i1, i3 } = await tagged(open);
      await a.setPageState(p1, 'proofed', supervisor);
      const issueId = (await a.getItem(i1)).issueId;
      await a.issueEvent(issueId, { type: 'approve' }, supervisor);
      const err = await failure(a.setItemTags(i1, ['x'], archivist));
      expect(err.code).toBe('TransitionError');
      expect(await failure(a.changeItemTags([i3, i1], ['x'], [], archivist))).toMatchObject({ code: 'TransitionError' });
      expect((await a.getItem(i3)).item.tags).toEqual([]);
      // The same tags again are no change, so no refusal.
      expect((await a.setItemTags(i1, [], archivist)).tags).toEqual([]);
    });
  });

  describe('vocabulary', () => {
    const place = (path: string[], aliases: string[] = []) => ({ type: 'place' as const, path, label: path[path.length - 1]!, aliases });

    it('adds terms under defined parents, updates labels and aliases, lists by type and path', async () => {
      const a = await open();
      expect(await a.upsertVocabulary(place(['湖南']), supervisor)).toEqual(place(['湖南']));
      await a.upsertVocabulary(place(['湖南', '衡阳'], ['衡州']), supervisor);
      await a.upsertVocabulary({ type: 'subject', path: ['交通'], label: '交通', aliases: [] }, supervisor);
      expect(await failure(a.upsertVocabulary(place(['广东', '广州']), supervisor))).toMatchObject({ code: 'invalid-input', message: /parent/ });
      const updated = await a.upsertVocabulary({ ...place(['湖南', '衡阳'], ['衡州', '衡州', '雁城']), label: '衡阳市' }, supervisor);
      expect(updated).toEqual({ type: 'place', path: ['湖南', '衡阳'], label: '衡阳市', aliases: ['衡州', '雁城'] });
      expect((await a.listVocabulary()).map((t) => `${t.type}:${t.path.join('/')}`)).toEqual(['place:湖南', 'place:湖南/衡阳', 'subject:交通']);
      expect((await failure(a.upsertVocabulary({ type: 'colour' as never, path: ['红'], label: '红', aliases: [] }, supervisor))).code).toBe('invalid-input');
    });

    it('removes a term only without narrower terms', async () => {
      const a = await open();
      await a.upsertVocabulary(place(['湖南']), supervisor);
      await a.upsertVocabulary(place(['湖南', '衡阳']), supervisor);
      await a.upsertVocabulary(place(['湖南省']), supervisor);
      expect(await failure(a.removeVocabulary('place', ['湖南'], supervisor))).toMatchObject({ code: 'invalid-input', message: /narrower/ });
      expect(await a.removeVocabulary('place', ['湖南', '衡阳'], supervisor)).toBe(1);
      expect(await a.removeVocabulary('place', ['湖南', '衡阳'], supervisor)).toBe(0);
      expect(await a.removeVocabulary('place', ['湖南'], supervisor)).toBe(1);
      expect((await a.listVocabulary()).map((t) => t.path.join('/'))).toEqual(['湖南省']);
    });

    it('imports by merging or replacing, counting what was added, updated and removed', async () => {
      const a = await open();
      await a.upsertVocabulary(place(['湖南']), supervisor);
      await a.upsertVocabulary(place(['湖南', '衡阳']), supervisor);
      await a.upsertVocabulary(place(['湖北']), supervisor);
      const merged = await a.importVocabulary([place(['湖南', '衡阳'], ['雁城']), place(['湖南', '长沙']), place(['湖南'])], 'merge', supervisor);
      expect(merged).toEqual({ added: 1, updated: 1, removed: 0 });
      const replaced = await a.importVocabulary([place(['湖南']), place(['湖南', '株洲'])], 'replace', supervisor);
      expect(replaced).toEqual({ added: 1, updated: 0, removed: 3 });
      expect((await a.listVocabulary()).map((t) => t.path.join('/'))).toEqual(['湖南', '湖南/株洲']);
      expect((await failure(a.importVocabulary([place(['甲', '乙'])], 'merge', supervisor))).code).toBe('invalid-input');
      expect((await a.listVocabulary()).map((t) => t.path.join('/'))).toEqual(['湖南', '湖南/株洲']);
    });
  });

  describe('publication profiles', () => {
    it('has none before any page is proofed with a learner', async () => {
      const a = await open();
      const pageId = await putPage(a, 'a', '衡阳日报', '2021-10-29', [article('标题', ['正文。'])]);
      const pub = (await a.listPublications())[0]!.id;
      expect(await a.getPublicationProfile(pub)).toBeNull();
      expect(await a.listPublicationProfiles()).toEqual([]);
      expect(await a.publicationProfileJson(pub)).toBeNull();
      if (a.publicationProfileForPage) expect(await a.publicationProfileForPage(pageId)).toBeNull();
    });
  });
}
