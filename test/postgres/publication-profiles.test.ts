// Publication profiles on both archives (issue 10's learning from editors, the PostgreSQL store
// postgres/profiles-store.ts next to the SQLite one): a page marked proofed teaches its
// publication's profile, the next page of the publication gets it, a failing learner leaves the
// page proofed and the profile as it was, and a profile of another base model is not used: the
// next proofed page learns it again from the pages it had learned.
// The learner is a small double that counts pages in a real galley.profile/1 object.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProfile } from '../../core/engine/model/profile.ts';
import { inProcess, type AsyncArchive } from '../../electron/archive/async-archive.ts';
import { openPostgresArchive } from '../../electron/archive/postgres/pg-archive.ts';
import type { ProfileLearner } from '../../electron/archive/profiles-store.ts';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { fakeSegment } from '../archive/fake-segmenter.ts';
import { article, putPage, supervisor } from '../archive-suite/seed.ts';
import { findPostgres, POSTGRES_MISSING, startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.ts';
import { freshDatabase } from './fresh-db.ts';

const available = findPostgres() !== null;
if (!available && process.env.CI) throw new Error(POSTGRES_MISSING);

const counting = (base: string): ProfileLearner => ({
  baseVersion: () => base,
  parse: (json) => parseProfile(json),
  recentPages: 3,
  // The stand-in fit: one row per page it was fitted on (the page's item count).
  learn: (_previous, pages, name) =>
    parseProfile({
      schema: 'galley.profile/1', publication: name, baseVersion: base, featureSetHash: 'test', pages: pages.length,
      transitions: [], rows: Object.fromEntries(pages.map((page) => [page.id, [0, page.items.length]])),
    }),
});
const failing: ProfileLearner = { ...counting('test-1'), learn: () => { throw new Error('the learner broke'); } };
/** The counting learner with the profile's trial record: the profile did worse than the base model on it, or better. */
const trying = (worse: boolean): ProfileLearner => ({
  ...counting('test-1'),
  learn: (previous, pages, name) => ({ ...counting('test-1').learn(previous, pages, name), trial: { pages: 1, profileScore: worse ? 0.5 : 0.95, baseScore: 0.9 } }),
});

describe.skipIf(!available)(`publication profiles on SQLite and PostgreSQL${available ? '' : ` (skipped: ${POSTGRES_MISSING})`}`, () => {
  let cluster: PostgresCluster;
  const dir = mkdtempSync(join(tmpdir(), 'galley-pubprofiles-'));
  const opened: AsyncArchive[] = [];
  let n = 0;
  beforeAll(() => {
    cluster = startPostgresCluster();
  }, 120_000);
  afterAll(async () => {
    for (const a of opened) await a.close();
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  /** Opens the archive at `where` (a new one when absent) of the given kind with this learner. */
  async function openWith(kind: 'sqlite' | 'postgres', learner: ProfileLearner, warnings: string[], where?: string): Promise<{ a: AsyncArchive; where: string }> {
    const logger = { warn: (m: string) => warnings.push(m) };
    const target = where ?? (kind === 'sqlite' ? join(dir, `a${++n}.sqlite`) : await freshDatabase(cluster));
    const a = kind === 'sqlite' ? inProcess(openArchive(target, { segment: fakeSegment, learner, logger })) : await openPostgresArchive(target, { segment: fakeSegment, learner, logger });
    opened.push(a);
    return { a, where: target };
  }

  for (const kind of ['sqlite', 'postgres'] as const) {
    it(`${kind}: learns from proofed pages and hands the profile to the publication's pages`, async () => {
      const warnings: string[] = [];
      const { a, where } = await openWith(kind, counting('test-1'), warnings);
      const p1 = await putPage(a, 'a', '衡阳日报', '2021-10-29', [article('标题一', ['正文。']), article('标题二', ['正文。'])]);
      const p2 = await putPage(a, 'b', '衡阳日报', '2021-10-30', [article('标题三', ['正文。'])]);
      const pub = (await a.listPublications())[0]!.id;
      expect(await a.getPublicationProfile(pub)).toBeNull();
      await a.setPageState(p1, 'proofed', supervisor);
      expect(await a.getPublicationProfile(pub)).toMatchObject({ publicationId: pub, title: '衡阳日报', baseVersion: 'test-1', pages: 1 });
      expect(await a.publicationProfileJson(pub)).toMatchObject({ schema: 'galley.profile/1', publication: '衡阳日报', pages: 1, rows: { [`page-${p1}`]: [0, 2] } });
      expect((await a.publicationProfileForPage!(p2))?.pages).toBe(1);
      await a.setPageState(p2, 'proofed', supervisor);
      expect((await a.listPublicationProfiles()).map((i) => [i.title, i.pages])).toEqual([['衡阳日报', 2]]);
      expect(warnings.filter((w) => /learning/.test(w))).toEqual([]);
      await a.close();
      opened.splice(opened.indexOf(a), 1);

      // Opened with another base model: the stored profile is listed but not used to segment.
      const other = await openWith(kind, counting('test-2'), warnings, where);
      expect((await other.a.getPublicationProfile(pub))?.pages).toBe(2);
      expect(await other.a.publicationProfileForPage!(p2)).toBeNull();

      // The next proofed page relearns the profile over the new base model from the pages it had
      // learned that are still proofed (p1, reopened, is left out), not from that page alone.
      await other.a.setPageState(p1, 'in-progress', supervisor);
      const p3 = await putPage(other.a, 'c', '衡阳日报', '2021-10-31', [article('标题四', ['正文。']), article('标题五', ['正文。']), article('标题六', ['正文。'])]);
      await other.a.setPageState(p3, 'proofed', supervisor);
      expect(await other.a.getPublicationProfile(pub)).toMatchObject({ baseVersion: 'test-2', pages: 2 });
      const relearned = (await other.a.publicationProfileJson(pub)) as { baseVersion: string; pages: number; rows: Record<string, unknown> };
      expect(relearned).toMatchObject({ baseVersion: 'test-2', pages: 2 });
      expect(relearned.rows).toEqual({ [`page-${p2}`]: [0, 1], [`page-${p3}`]: [0, 3] });
      expect((await other.a.publicationProfileForPage!(p2))?.pages).toBe(2);
    });

    it(`${kind}: a page imported while its trial sets the profile aside is segmented with the base model and names no profile`, async () => {
      for (const worse of [true, false]) {
        const warnings: string[] = [];
        const { a } = await openWith(kind, trying(worse), warnings);
        const p1 = await putPage(a, 'a', '衡阳日报', '2021-10-29', [article('标题一', ['正文。'])]);
        await a.setPageState(p1, 'proofed', supervisor);
        const { pageId } = await a.importPage({ sourceName: 'b.txt', text: '标题二\n正文。', encoding: 'UTF-8', publicationHint: '衡阳日报' }, supervisor);
        const rec = await a.getPage(pageId);
        expect(rec.model?.profile ?? null, worse ? 'set aside' : 'in use').toBe(worse ? null : '衡阳日报');
        expect(rec.model?.profilePages ?? null).toBe(worse ? null : 1);
      }
    });

    it(`${kind}: a failing learner leaves the page proofed and the profile as it was`, async () => {
      const warnings: string[] = [];
      const { a } = await openWith(kind, failing, warnings);
      const p1 = await putPage(a, 'a', '衡阳日报', '2021-10-29', [article('标题一', ['正文。'])]);
      await a.setPageState(p1, 'proofed', supervisor);
      expect((await a.getPage(p1)).state).toBe('proofed');
      expect(await a.listPublicationProfiles()).toEqual([]);
      expect(warnings.some((w) => /learning from page .* failed.*the learner broke/.test(w))).toBe(true);
    });
  }
});
