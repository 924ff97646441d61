// The archive side of learning from editors, with a stand-in learner and segmenter: what is
// stored, counted and used, whatever the model does.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openArchive, type Segmenter } from '../../electron/archive/sqlite-archive.ts';
import type { ProfileLearner } from '../../electron/archive/profiles-store.ts';
import { parseProfile, type Profile } from '../../core/engine/model/index.ts';
import { fakeSegment } from '../archive/fake-segmenter.ts';
import { editor, frontPage, tempDir, track } from '../archive/helpers.ts';

/** A stand-in profile: the pages it learned, by id, under rows. */
const fakeProfile = (publication: string, ids: string[]): Profile => ({
  schema: 'galley.profile/1',
  publication,
  baseVersion: 'test-1',
  featureSetHash: 'test',
  pages: ids.length,
  transitions: [],
  rows: Object.fromEntries(ids.map((id, k) => [id, [k]])),
});

function setup(options: { failLearning?: boolean } = {}) {
  const seen: unknown[] = [];
  const warnings: string[] = [];
  // The stand-in model: doubtful about every item but the first, unless segmenting with a profile.
  const segment: Segmenter = (text, opts) => {
    seen.push(opts?.profile ?? null);
    const seg = fakeSegment(text, opts);
    return {
      ...seg,
      items: seg.items.map((it, i) => ({ ...it, confidence: { boundary: opts?.profile || i === 0 ? 0.99 : 0.5, titles: 0.95 } })),
      model: { version: 'test-1', profile: null },
    };
  };
  const learner: ProfileLearner = {
    baseVersion: () => 'test-1',
    parse: (json) => parseProfile(json),
    recentPages: 3,
    // The stand-in fit: a profile whose rows name the pages it was fitted on, oldest first.
    learn: (_previous, pages, name) => {
      if (options.failLearning) throw new Error('model exploded');
      for (const page of pages) expect(page.items.length).toBeGreaterThan(0);
      return fakeProfile(name, pages.map((p) => p.id));
    },
  };
  const archive = track(openArchive(join(tempDir(), 'a.sqlite'), { segment, learner, logger: { warn: (m) => warnings.push(m) } }));
  return { archive, seen, warnings };
}

describe('publication profiles in the archive', () => {
  it('stores confidence per item, counts doubts per page and records the model', () => {
    const { archive } = setup();
    const { pageId, issueId } = archive.importPage({ sourceName: 'p1.txt', text: frontPage(), encoding: 'UTF-8' }, editor);
    const page = archive.getPage(pageId);
    expect(page.items.map((i) => i.confidence?.boundary)).toEqual([1, 0.5, 0.5]); // the first item's split is the page's start: no doubt
    expect(page.model).toEqual({ version: 'test-1', profile: null, profilePages: null });
    expect(archive.listPages(issueId)[0]!.doubtCount).toBe(2);
    // The editor confirms the second item's split (its confidence goes) and saves: one doubt left.
    const items = page.items.map((it, i) => (i === 1 ? { ...it, confidence: undefined } : it));
    archive.savePage({ pageId, baseRevision: page.revision, text: page.text, items }, editor);
    expect(archive.listPages(issueId)[0]!.doubtCount).toBe(1);
    expect(archive.getPage(pageId).items[1]!.confidence).toBeUndefined();
    expect(archive.getPage(pageId).items[2]!.confidence).toEqual({ boundary: 0.5, titles: 0.95 });
  });

  it('learns when a page is proofed, once per revision, and segments the next page of the publication with the profile', () => {
    const { archive, seen } = setup();
    const first = archive.importPage({ sourceName: 'p1.txt', text: frontPage(), encoding: 'UTF-8' }, editor);
    expect(seen).toEqual([null]);
    const pub = archive.getIssue(first.issueId).publicationId;
    expect(archive.getPublicationProfile(pub)).toBeNull();
    archive.setPageState(first.pageId, 'proofed', editor);
    expect(archive.getPublicationProfile(pub)).toMatchObject({ title: '衡阳日报', pages: 1, baseVersion: 'test-1' });
    // Proofed again without a change: not learned twice.
    archive.setPageState(first.pageId, 'in-progress', editor);
    archive.setPageState(first.pageId, 'proofed', editor);
    expect(archive.getPublicationProfile(pub)!.pages).toBe(1);
    expect(archive.publicationProfileJson(pub)).toEqual(fakeProfile('衡阳日报', [`page-${first.pageId}`]));

    const next = archive.importPage({ sourceName: 'p1.txt', text: frontPage('2021年10月30日', 17981), encoding: 'UTF-8' }, editor);
    expect(seen.at(-1)).toEqual(fakeProfile('衡阳日报', [`page-${first.pageId}`]));
    const page = archive.getPage(next.pageId);
    expect(page.model).toEqual({ version: 'test-1', profile: '衡阳日报', profilePages: 1 });
    expect(archive.listPages(next.issueId)[0]!.doubtCount).toBe(0);
  });

  it("fits the profile on the publication's most recent proofed pages, skipping pages no longer proofed", () => {
    const { archive } = setup();
    const pages = [28, 29, 30, 31].map((day, k) => archive.importPage({ sourceName: 'p1.txt', text: frontPage(`2021年10月${day}日`, 17980 + k), encoding: 'UTF-8' }, editor));
    const pub = archive.getIssue(pages[0]!.issueId).publicationId;
    for (const p of pages) archive.setPageState(p.pageId, 'proofed', editor);
    // The stand-in learner (recentPages 3) names the pages of its fit: the three most recent, oldest first.
    const id = (k: number) => `page-${pages[k]!.pageId}`;
    expect(archive.publicationProfileJson(pub)).toEqual(fakeProfile('衡阳日报', [id(1), id(2), id(3)]));
    expect(archive.getPublicationProfile(pub)!.pages).toBe(4);
    // A page sent back to the editor is left out of the next fit.
    archive.setPageState(pages[2]!.pageId, 'in-progress', editor);
    archive.setPageState(pages[0]!.pageId, 'in-progress', editor);
    const first = archive.getPage(pages[0]!.pageId);
    archive.savePage({ pageId: pages[0]!.pageId, baseRevision: first.revision, text: first.text, items: first.items.slice(0, 2) }, editor);
    archive.setPageState(pages[0]!.pageId, 'proofed', editor);
    expect(archive.publicationProfileJson(pub)).toEqual(fakeProfile('衡阳日报', [id(3), id(0)]));
  });

  it('keeps the state change when learning fails, and says so in the log', () => {
    const { archive, warnings } = setup({ failLearning: true });
    const { pageId, issueId } = archive.importPage({ sourceName: 'p1.txt', text: frontPage(), encoding: 'UTF-8' }, editor);
    archive.setPageState(pageId, 'proofed', editor);
    expect(archive.getPage(pageId).state).toBe('proofed');
    expect(archive.getPublicationProfile(archive.getIssue(issueId).publicationId)).toBeNull();
    expect(warnings.join('\n')).toMatch(/learning from page \d+ failed.*model exploded/);
  });
});
