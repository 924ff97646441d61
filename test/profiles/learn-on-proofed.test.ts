// Learning from editors through the handler table (the path the app takes): the first page of a
// publication is corrected and marked proofed; the publication's next page is segmented with the
// profile learned from it, and says so — unless the base model had already read that first page
// well, when the profile waits for its trial on the next proofed page (UNTRIED_PROFILE_BELOW).
import { createEngineHandler } from '../../renderer/engine/handler.ts';
import { pageDiffOps } from '../../core/edit/index.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Channel, Req } from '../../shared/ipc.ts';
import type { PageRecord, StoredItem } from '../../shared/domain.ts';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { createHandlers, dispatch } from '../../electron/host/handlers.ts';
import { engineAdapter, importerAdapter } from '../../electron/host/load-backend.ts';
import { parseProfile, profileState, UNTRIED_PROFILE_BELOW } from '../../core/engine/model/index.ts';
import { deriveItems } from '../../core/engine/index.ts';
import { tempDir, track } from '../archive/helpers.ts';
import { inProcess } from '../../electron/archive/async-archive.ts';

const PAGES = join(import.meta.dirname, '../../resources/pages');
const OS_USER = { name: 'os-user' };
const upload = (name: string, file: string) => ({ name, data: readFileSync(join(PAGES, file)).toString('base64') });

function host() {
  const warnings: string[] = [];
  const archive = track(openArchive(join(tempDir(), 'a.sqlite'), { logger: { warn: (m) => warnings.push(m) } }));
  const table = createHandlers({ archive: inProcess(archive), engine: engineAdapter, importer: importerAdapter(OS_USER), host: 'browser', version: 'test', actor: OS_USER, emit: () => {} });
  const ok = async <C extends Channel>(channel: C, request: Req<C>): Promise<any> => {
    const r = await dispatch(table, channel, request);
    if (!r.ok) throw new Error(`${channel}: ${r.code}: ${r.message}`);
    return r.value;
  };
  return { archive, ok, warnings };
}

/** Imports page 1 of 云溪日报, keeps the engine's splits at `keep` (a merge of the others: the editor's correction), and proofs it. */
async function proofFirstPage(keep: (index: number, count: number) => boolean) {
  const { archive, ok, warnings } = host();
  await ok('import.files', { files: [upload('云溪日报/2023-03-14/p01.txt', 'yunxi-daily-2023-03-14-p1.txt')] });
  const [pub] = archive.listPublications();
  expect(pub?.title).toBe('云溪日报');
  const issue = archive.listIssues()[0]!;
  const first: PageRecord = await ok('page.get', { pageId: archive.listPages(issue.id)[0]!.id });
  expect(first.model?.profile ?? null).toBeNull();
  const kept = first.items.filter((_, k) => k === 0 || keep(k, first.items.length));
  const { items } = await ok('engine.derive', { text: first.text, starts: kept.map((i) => i.start), kinds: kept.map((i) => i.kind) });
  const corrected: StoredItem[] = items.map((it: StoredItem, k: number) => ({ ...it, id: kept[k]!.id, editedFields: [], tags: [] }));
  await ok('page.edit', { pageId: first.id, baseRevision: first.revision, ops: pageDiffOps(first, { text: first.text, items: corrected }) });
  expect(archive.getPublicationProfile(pub!.id)).toBeNull();
  await ok('page.setState', { pageId: first.id, state: 'proofed' });
  expect(warnings.filter((w) => /learning/.test(w))).toEqual([]);
  await ok('import.files', { files: [upload('云溪日报/2023-03-14/p02.txt', 'yunxi-daily-2023-03-14-p2.txt')] });
  const second = archive.listPages(issue.id).find((p) => p.id !== first.id)!;
  return { archive, ok, pub: pub!, first, second, items: first.items.length };
}

describe('learning from proofed pages, through the handlers', { timeout: 120_000 }, () => {
  it('proofing a page the base model misread teaches the publication profile, and the next page is segmented with it', async () => {
    // The editor's correction: half the engine's splits were wrong (each odd item merged into the one above).
    const { archive, ok, pub, first, second, items: count } = await proofFirstPage((k) => k % 2 === 0);
    expect(count).toBeGreaterThanOrEqual(4);
    expect(archive.getPage(first.id).state).toBe('proofed');
    const info = archive.getPublicationProfile(pub!.id)!;
    expect(info).toMatchObject({ title: '云溪日报', pages: 1 });
    const profile = parseProfile(archive.publicationProfileJson(pub!.id));
    expect(profile).toMatchObject({ publication: '云溪日报', pages: 1 });
    // It learned something: the profile holds weight deltas. The base model read that page poorly, so the untried profile is used.
    expect(Object.keys(profile.rows).length + profile.transitions.length).toBeGreaterThan(0);
    expect(profile.firstPageBaseScore).toBeLessThan(UNTRIED_PROFILE_BELOW);
    expect(profileState(profile)).toBe('in-use');

    // The next page of the publication is segmented with the profile, and the page says which.
    const rec: PageRecord = await ok('page.get', { pageId: second.id });
    expect(rec.model).toMatchObject({ profile: '云溪日报', profilePages: 1 });
    expect(rec.model!.version).toBe(info.baseVersion);
    // The model's items carry their confidence, and the library counts the doubts without the items.
    expect(rec.items.every((i) => i.confidence !== undefined)).toBe(true);
    const doubts = rec.items.filter((i) => i.confidence!.boundary < 0.8 || i.confidence!.titles < 0.8).length;
    expect(second.doubtCount).toBe(doubts);

    // The editor's splits on that page are re-derived with the same profile.
    const starts2 = rec.items.map((i) => i.start);
    const kinds2 = rec.items.map((i) => i.kind);
    const derived = await ok('engine.derive', { text: rec.text, starts: starts2, kinds: kinds2, pageId: rec.id });
    expect(derived.items).toEqual(JSON.parse(JSON.stringify(deriveItems(rec.text, starts2, kinds2, { profile }))));
    // The renderer's engine worker, given engine.profile's answer, previews exactly the host's items.
    const worker = createEngineHandler();
    expect(worker({ type: 'profile', id: 1, profile: (await ok('engine.profile', { pageId: rec.id })).profile })).toEqual({ id: 1, ok: true, profile: { publication: '云溪日报', pages: 1 } });
    const preview = worker({ type: 'derive', id: 2, request: { text: rec.text, starts: starts2, kinds: kinds2 } });
    expect(preview.ok && JSON.parse(JSON.stringify(preview.items))).toEqual(derived.items);
  });

  it('a profile learned from one page the base model read well waits for its trial on the next proofed page', async () => {
    // The editor's correction: only the last split was wrong.
    const { archive, ok, pub, second } = await proofFirstPage((k, count) => k < count - 1);
    const profile = parseProfile(archive.publicationProfileJson(pub.id));
    expect(profile.pages).toBe(1);
    expect(profile.firstPageBaseScore).toBeGreaterThanOrEqual(UNTRIED_PROFILE_BELOW);
    expect(profileState(profile)).toBe('awaiting-trial');
    // Page 2 is segmented with the base model, and the worker previews with it too, saying why.
    const rec: PageRecord = await ok('page.get', { pageId: second.id });
    expect(rec.model).toMatchObject({ profile: null });
    const worker = createEngineHandler();
    expect(worker({ type: 'profile', id: 1, profile: (await ok('engine.profile', { pageId: rec.id })).profile })).toEqual({
      id: 1,
      ok: true,
      profile: { publication: '云溪日报', pages: 1, awaitingTrial: { base: Math.round(profile.firstPageBaseScore! * 1000) / 1000 } },
    });
    const starts = rec.items.map((i) => i.start);
    const kinds = rec.items.map((i) => i.kind);
    const preview = worker({ type: 'derive', id: 2, request: { text: rec.text, starts, kinds } });
    expect(preview.ok && JSON.parse(JSON.stringify(preview.items))).toEqual(JSON.parse(JSON.stringify(deriveItems(rec.text, starts, kinds))));
    // Proofing page 2 tries the profile there: it now has a trial record and no longer waits.
    await ok('page.setState', { pageId: second.id, state: 'proofed' });
    const tried = parseProfile(archive.publicationProfileJson(pub.id));
    expect(tried).toMatchObject({ pages: 2, trial: { pages: 1 } });
    expect(tried.firstPageBaseScore).toBeUndefined();
    expect(profileState(tried)).not.toBe('awaiting-trial');
  });
});
