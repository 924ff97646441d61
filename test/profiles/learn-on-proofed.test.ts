// Learning from editors through the handler table (the path the app takes): the first page of a
// publication is corrected and marked proofed; the publication's next page is segmented with the
// profile learned from it, and says so.
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
import { parseProfile } from '../../core/engine/model/index.ts';
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

describe('learning from proofed pages, through the handlers', { timeout: 120_000 }, () => {
  it('proofing a corrected page teaches the publication profile, and the next page is segmented with it', async () => {
    const { archive, ok, warnings } = host();
    await ok('import.files', { files: [upload('云溪日报/2023-03-14/p01.txt', 'yunxi-daily-2023-03-14-p1.txt')] });
    const [pub] = archive.listPublications();
    expect(pub?.title).toBe('云溪日报');
    const issue = archive.listIssues()[0]!;
    const first: PageRecord = await ok('page.get', { pageId: archive.listPages(issue.id)[0]!.id });
    expect(first.model?.profile ?? null).toBeNull();

    // The editor's correction: the last split is wrong (merged into the item above), then proofed.
    const starts = first.items.map((i) => i.start).slice(0, -1);
    const { items } = await ok('engine.derive', { text: first.text, starts, kinds: first.items.slice(0, -1).map((i) => i.kind) });
    const corrected: StoredItem[] = items.map((it: StoredItem, k: number) => ({ ...it, id: first.items[k]!.id, editedFields: [], tags: [] }));
    await ok('page.edit', { pageId: first.id, baseRevision: first.revision, ops: pageDiffOps(first, { text: first.text, items: corrected }) });
    expect(archive.getPublicationProfile(pub!.id)).toBeNull();
    await ok('page.setState', { pageId: first.id, state: 'proofed' });
    expect(warnings.filter((w) => /learning/.test(w))).toEqual([]);
    expect(archive.getPage(first.id).state).toBe('proofed');
    const info = archive.getPublicationProfile(pub!.id)!;
    expect(info).toMatchObject({ title: '云溪日报', pages: 1 });
    const profile = parseProfile(archive.publicationProfileJson(pub!.id));
    expect(profile).toMatchObject({ publication: '云溪日报', pages: 1 });
    // It learned something: the profile holds weight deltas.
    expect(Object.keys(profile.rows).length + profile.transitions.length).toBeGreaterThan(0);

    // The next page of the publication is segmented with the profile, and the page says which.
    await ok('import.files', { files: [upload('云溪日报/2023-03-14/p02.txt', 'yunxi-daily-2023-03-14-p2.txt')] });
    const second = archive.listPages(issue.id).find((p) => p.id !== first.id)!;
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
});
