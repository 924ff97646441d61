// Every role × every data-changing channel, through the handler table (the same dispatch both
// hosts use): an allowed action works; a refused one fails with the ForbiddenError message
// ('forbidden', HTTP 403) and leaves the archive exactly as it was.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROLES, isAllowed, type Action, type Role } from '../../shared/roles.ts';
import type { DispatchResult } from '../../electron/host/handlers.ts';
import { world, type World } from './world.ts';
import { EXPORT_DIR_SETTING } from '../../electron/export/archive-export.ts';
import { inProcess } from '../../electron/archive/async-archive.ts';

interface Scenario {
  name: string;
  action: Action;
  /** Runs as the supervisor before the role under test is selected. */
  setup?: (w: World) => Promise<unknown>;
  run: (w: World) => Promise<DispatchResult>;
}

const proof = (w: World) => w.ok('page.setState', { pageId: w.pageId, state: 'proofed' });
const approve = async (w: World) => {
  await proof(w);
  await w.ok('issues.approve', { issueId: w.issueId });
};
const page = (w: World) => w.archive.getPage(w.pageId);

const SCENARIOS: Scenario[] = [
  { name: 'profiles.create', action: 'profile.manage', run: (w) => w.call('profiles.create', { name: 'Neo', role: 'editor' }) },
  { name: 'profiles.update', action: 'profile.manage', run: (w) => w.call('profiles.update', { id: w.profile('Otto').id, role: 'archivist' }) },
  { name: 'profiles.remove', action: 'profile.manage', run: (w) => w.call('profiles.remove', { id: w.profile('Otto').id }) },
  { name: 'tags.setForItem', action: 'item.tag', run: (w) => w.call('tags.setForItem', { itemId: w.firstArticleId, tags: ['衡阳'] }) },
  { name: 'tags.addToItems', action: 'item.tag', run: (w) => w.call('tags.addToItems', { itemIds: page(w).items.map((i) => i.id!), add: ['要闻'] }) },
  {
    name: 'vocabulary.upsert',
    action: 'vocabulary.edit',
    run: (w) => w.call('vocabulary.upsert', { term: { type: 'place', path: ['湖南', '衡阳'], label: '衡阳', aliases: ['衡阳市'] } }),
  },
  { name: 'vocabulary.remove', action: 'vocabulary.edit', run: (w) => w.call('vocabulary.remove', { type: 'place', path: ['湖南'] }) },
  { name: 'vocabulary.importCsv', action: 'vocabulary.edit', run: (w) => w.call('vocabulary.importCsv', { csv: 'type,path,label,aliases\nperson,秦国文,秦国文,\n', mode: 'merge' }) },
  {
    name: 'page.edit (segmentation)',
    action: 'page.save',
    run: (w) => {
      const p = page(w);
      return w.call('page.edit', { pageId: p.id, baseRevision: p.revision, ops: [{ op: 'merge', index: p.items.length - 1, start: p.items.at(-1)!.start }] });
    },
  },
  {
    name: 'page.edit (metadata)',
    action: 'item.editMetadata',
    run: (w) => {
      const p = page(w);
      const was = p.items[1]!;
      return w.call('page.edit', {
        pageId: p.id,
        baseRevision: p.revision,
        ops: [
          { op: 'field', index: 1, name: 'headline', from: was.headline, to: `${was.headline}（更正）` },
          { op: 'field', index: 1, name: 'editedFields', from: was.editedFields, to: [...was.editedFields, 'headline'] },
        ],
      });
    },
  },
  {
    name: 'page.edit (tags)',
    action: 'item.tag',
    run: (w) => {
      const p = page(w);
      return w.call('page.edit', { pageId: p.id, baseRevision: p.revision, ops: [{ op: 'tags', index: 1, from: p.items[1]!.tags, to: ['苏州'] }] });
    },
  },
  { name: 'page.setState', action: 'page.setState', run: (w) => w.call('page.setState', { pageId: w.pageId, state: 'in-progress' }) },
  {
    name: 'import.files',
    action: 'import.run',
    run: (w) => w.call('import.files', { files: [{ name: '别的报/2021-10-30/p01.txt', data: Buffer.from('标题\n本报讯 正文。\n').toString('base64') }] }),
  },
  {
    name: 'history.restore',
    action: 'revision.restore',
    setup: async (w) => {
      const p = page(w);
      await w.ok('page.edit', { pageId: p.id, baseRevision: p.revision, ops: [{ op: 'merge', index: p.items.length - 1, start: p.items.at(-1)!.start }] });
    },
    run: (w) => {
      const imported = w.archive.listRevisionDetails(w.pageId).find((r) => r.action === 'import')!;
      return w.call('history.restore', { revisionId: imported.id });
    },
  },
  { name: 'issues.approve', action: 'issue.approve', setup: proof, run: (w) => w.call('issues.approve', { issueId: w.issueId }) },
  { name: 'issues.reopen', action: 'issue.reopen', setup: approve, run: (w) => w.call('issues.reopen', { issueId: w.issueId, reason: 'headline typo' }) },
  {
    name: 'issues.export',
    action: 'issue.export',
    setup: async (w) => {
      await approve(w);
      // The export goes to the configured export folder (a folder the client names is refused).
      w.archive.setSetting(EXPORT_DIR_SETTING, `${w.dir}/out`);
    },
    run: (w) => w.call('issues.export', { issueId: w.issueId, formats: ['json'] }),
  },
];

/**
 * The expected answers, written out by hand from the issue's role table — not taken from
 * isAllowed(), the code under test. E = editor, A = archivist, S = supervisor.
 */
const EXPECTED: Record<string, readonly Role[]> = {
  'profiles.create': ['supervisor'],
  'profiles.update': ['supervisor'],
  'profiles.remove': ['supervisor'],
  'tags.setForItem': ['archivist', 'supervisor'],
  'tags.addToItems': ['archivist', 'supervisor'],
  'vocabulary.upsert': ['archivist', 'supervisor'],
  'vocabulary.remove': ['archivist', 'supervisor'],
  'vocabulary.importCsv': ['archivist', 'supervisor'],
  'page.edit (segmentation)': ['editor', 'supervisor'],
  'page.edit (metadata)': ['editor', 'archivist', 'supervisor'],
  'page.edit (tags)': ['archivist', 'supervisor'],
  'page.setState': ['editor', 'supervisor'],
  'import.files': ['editor', 'archivist', 'supervisor'],
  'history.restore': ['editor', 'supervisor'],
  'issues.approve': ['supervisor'],
  'issues.reopen': ['supervisor'],
  'issues.export': ['supervisor'],
};

describe('roles × data-changing channels (handlers called directly)', () => {
  for (const s of SCENARIOS) {
    for (const role of ROLES) {
      const allowed = EXPECTED[s.name]!.includes(role);
      it(`${s.name}: ${role} is ${allowed ? 'allowed' : 'refused'}`, async () => {
        const w = world();
        if (s.setup) {
          await w.as('supervisor');
          await s.setup(w);
        }
        await w.as(role);
        const before = w.fingerprint();
        const r = await s.run(w);
        if (allowed) {
          expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
          expect(w.fingerprint()).not.toBe(before);
        } else {
          // The refused Action comes along as a code the UI words in its language.
          expect(r).toMatchObject({ ok: false, code: 'forbidden', reason: s.action });
          if (!r.ok) expect(r.message).toMatch(new RegExp(`^Only .+ can .+; ${w.archive.listProfiles().find((p) => p.role === role)!.name} is an? ${role}\\.$`));
          expect(w.fingerprint()).toBe(before);
          if (s.name === 'issues.export') expect(readdirSync(w.dir)).not.toContain('out');
        }
      });
    }
  }

  it('has a hand-written expectation for every scenario, and the role table agrees with it', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(SCENARIOS.map((x) => x.name).sort());
    for (const x of SCENARIOS) for (const role of ROLES) expect(isAllowed(role, x.action), `${x.name}: ${role}`).toBe(EXPECTED[x.name]!.includes(role));
  });

  it('the table says what the issue says: editors proof, archivists tag, supervisors approve', () => {
    const may = (role: Role, a: Action) => isAllowed(role, a);
    expect(may('editor', 'page.save') && may('editor', 'item.editMetadata') && !may('editor', 'item.tag') && !may('editor', 'issue.approve')).toBe(true);
    expect(may('archivist', 'item.tag') && may('archivist', 'vocabulary.edit') && may('archivist', 'item.editMetadata') && !may('archivist', 'page.save')).toBe(true);
    expect(ROLES.filter((r) => may(r, 'issue.approve') || may(r, 'issue.reopen') || may(r, 'issue.export') || may(r, 'profile.manage'))).toEqual(['supervisor']);
  });
});

describe('the acting profile', () => {
  it('refuses every write with no profile selected (once profiles exist), and reads still work', async () => {
    const w = world();
    await w.ok('session.selectProfile', { profileId: null });
    const before = w.fingerprint();
    const p = w.archive.getPage(w.pageId);
    for (const r of [
      await w.call('page.edit', { pageId: p.id, baseRevision: p.revision, ops: [{ op: 'text', at: p.text.length, remove: '', insert: '\n' }] }),
      await w.call('page.setState', { pageId: p.id, state: 'proofed' }),
      await w.call('tags.setForItem', { itemId: w.firstArticleId, tags: ['x'] }),
      await w.call('issues.approve', { issueId: w.issueId }),
      await w.call('profiles.create', { name: 'Eve', role: 'supervisor' }),
    ]) {
      expect(r).toMatchObject({ ok: false, code: 'no-profile', message: 'Choose who is working first: no profile is selected.' });
    }
    expect(w.fingerprint()).toBe(before);
    expect((await w.ok('page.get', { pageId: p.id })).id).toBe(p.id);
    expect(await w.ok('session.current', {})).toMatchObject({ profile: null, bootstrap: false, allowed: [] });
  });

  it('remembers the last profile in the archive and selects it again at the next start', async () => {
    const w = world();
    const ada = await w.as('Ada');
    const { createHandlers, dispatch } = await import('../../electron/host/handlers.ts');
    const again = createHandlers({ ...{ archive: inProcess(w.archive), engine: { deriveItems: () => [] }, importer: {} as never }, host: 'browser', version: 't', actor: { name: 'x' }, emit: () => {} });
    const r = await dispatch(again, 'session.current', {});
    expect(r).toMatchObject({ ok: true, value: { profile: ada, bootstrap: false } });
    if (r.ok) expect((r.value as { allowed: string[] }).allowed).toEqual(expect.arrayContaining(['item.tag', 'vocabulary.edit']));
  });

  it('bootstrap: with no profile an OS-user editor proofs; the first profile created is a supervisor and is selected', async () => {
    const w = world({ empty: true });
    expect(await w.ok('session.current', {})).toMatchObject({ profile: null, bootstrap: true });
    expect(await w.call('issues.approve', { issueId: 1 })).toMatchObject({ ok: false, code: 'forbidden', reason: 'issue.approve', message: /^Only a supervisor can approve an issue; os-user is an editor\.$/ });
    const first = await w.ok('profiles.create', { name: 'Mia', role: 'editor' });
    expect(first).toMatchObject({ name: 'Mia', role: 'supervisor' });
    expect(await w.ok('session.current', {})).toMatchObject({ profile: first, bootstrap: false });
    await w.ok('profiles.create', { name: 'Ned', role: 'editor' });
    await w.as('Ned');
    expect(await w.call('profiles.create', { name: 'Zed', role: 'supervisor' })).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('keeps the last supervisor and refuses duplicate names', async () => {
    const w = world();
    await w.as('Sue');
    expect(await w.call('profiles.remove', { id: w.profile('Sue').id })).toMatchObject({ ok: false, code: 'bad-request', message: /last supervisor/ });
    expect(await w.call('profiles.update', { id: w.profile('Sue').id, role: 'editor' })).toMatchObject({ ok: false, code: 'bad-request', message: /last supervisor/ });
    expect(await w.call('profiles.create', { name: 'ed', role: 'editor' })).toMatchObject({ ok: false, code: 'bad-request', message: /already exists/ });
  });

  it('writes the acting profile into the revision log', async () => {
    const w = world();
    await w.as('Ada');
    await w.ok('tags.setForItem', { itemId: w.firstArticleId, tags: ['衡阳'] });
    const last = w.archive.listRevisionDetails(w.pageId).at(-1)!;
    expect(last).toMatchObject({ action: 'tag', actor: 'Ada', profileId: w.profile('Ada').id, role: 'archivist' });
  });
});
