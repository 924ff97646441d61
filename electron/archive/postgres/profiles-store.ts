// Publication profiles on PostgreSQL (the SQLite archive's profiles-store.ts, same rules): one
// learned profile per publication, updated from every page an editor marks proofed, used to
// segment the publication's next pages. Every method runs in the caller's transaction or
// snapshot (q). The learning itself is the model's (ProfileLearner).
import type { ArchiveLogger } from '../db.ts';
import type { LearnablePage, ProfileLearner, ProofedPage, PublicationProfileInfo, SegmentingProfile } from '../profiles-store.ts';
import type { PgContext, PgQuery } from './context.ts';
import type { PgProfilesStore } from './profiles-store-types.ts';

interface Deps {
  now(): string;
  logger: ArchiveLogger;
  learner: ProfileLearner | null;
}

export function createPgProfilesStore({ now, logger, learner }: Deps): PgProfilesStore & {
  learnFromPage(q: PgQuery, pageId: number, page: ProofedPage, readProofed?: (pageId: number) => Promise<ProofedPage | null>): Promise<number | null>;
  forPublication(q: PgQuery, publicationId: number): Promise<SegmentingProfile | null>;
} {
  const info = async (q: PgQuery, publicationId: number): Promise<PublicationProfileInfo | null> => {
    const r = await q.one<{ publication_id: number; title: string; base_version: string; updated_at: string; pages: number }>(
      'pubProfiles.get',
      `SELECT pp.publication_id, pub.title, pp.base_version, pp.updated_at,
         (SELECT count(*)::int FROM profile_pages x WHERE x.publication_id = pp.publication_id) AS pages
       FROM publication_profiles pp JOIN publications pub ON pub.id = pp.publication_id WHERE pp.publication_id = $1`,
      [publicationId],
    );
    return r ? { publicationId: r.publication_id, title: r.title, baseVersion: r.base_version, pages: r.pages, updatedAt: r.updated_at } : null;
  };

  const load = async (q: PgQuery, publicationId: number): Promise<SegmentingProfile | null> => {
    if (!learner) return null;
    const r = await q.one<{ profile_json: string; base_version: string }>(
      'pubProfiles.json',
      'SELECT profile_json, base_version FROM publication_profiles WHERE publication_id = $1',
      [publicationId],
    );
    const i = await info(q, publicationId);
    if (!r || !i) return null;
    // A profile learned against another base model does not fit this one's features: the page is
    // segmented with the base model (and the profile relearns as pages are proofed).
    if (r.base_version !== learner.baseVersion()) return null;
    try {
      return { publicationId, label: i.title, pages: i.pages, profile: learner.parse(JSON.parse(r.profile_json)) };
    } catch (e) {
      logger.warn(`[archive] profile of publication ${publicationId} is unreadable, segmenting without it: ${(e as Error).message}`);
      return null;
    }
  };

  const publicationOfPage = (q: PgQuery, pageId: number) =>
    q.one<{ id: number; title: string }>(
      'pubProfiles.publicationOfPage',
      `SELECT pub.id, pub.title FROM pages p JOIN issues s ON s.id = p.issue_id JOIN publications pub ON pub.id = s.publication_id WHERE p.id = $1`,
      [pageId],
    );

  /**
   * Learns from a proofed page; null when there is no learner or the page was learned at this revision.
   * A profile that does not fit the running base model is learned again from the pages it had learned
   * that are still proofed (readProofed), as on SQLite.
   */
  const learnFromPage = async (
    q: PgQuery,
    pageId: number,
    page: ProofedPage,
    readProofed?: (pageId: number) => Promise<ProofedPage | null>,
  ): Promise<number | null> => {
    if (!learner) return null;
    const pub = await publicationOfPage(q, pageId);
    if (!pub) return null;
    const seen = await q.one<{ revision: number }>(
      'pubProfiles.pageSeen',
      'SELECT revision FROM profile_pages WHERE publication_id = $1 AND page_id = $2',
      [pub.id, pageId],
    );
    if (seen && seen.revision === page.revision) return null;
    // Two editors proofing pages of one publication at once: the second waits for the first's
    // profile instead of overwriting it with one learned from the older state.
    await q.run('pubProfiles.lockPublication', 'SELECT id FROM publications WHERE id = $1 FOR UPDATE', [pub.id]);
    const current = await load(q, pub.id);
    const learnable = (id: number, p: ProofedPage): LearnablePage => ({ id: `page-${id}`, source: pub.title, text: p.text, items: p.items });
    // The profile is fitted afresh on the publication's most recent proofed pages, this one last (as on SQLite).
    const earlier: { pageId: number; page: ProofedPage }[] = [];
    if (readProofed) {
      const recent = await q.all<{ page_id: number }>(
        'pubProfiles.recentPages',
        'SELECT page_id FROM profile_pages WHERE publication_id = $1 AND page_id <> $2 ORDER BY learned_at DESC, page_id DESC LIMIT $3',
        [pub.id, pageId, Math.max(0, learner.recentPages - 1)],
      );
      for (const { page_id } of recent.reverse()) {
        const p = await readProofed(page_id);
        if (p) earlier.push({ pageId: page_id, page: p });
      }
    }
    const next = learner.learn(current?.profile ?? null, [...earlier.map((e) => learnable(e.pageId, e.page)), learnable(pageId, page)], pub.title);
    const at = now();
    await q.run(
      'pubProfiles.upsert',
      `INSERT INTO publication_profiles(publication_id, base_version, profile_json, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (publication_id) DO UPDATE SET base_version = excluded.base_version, profile_json = excluded.profile_json,
         updated_at = excluded.updated_at`,
      [pub.id, learner.baseVersion(), JSON.stringify(next), at],
    );
    const notePage = (id: number, revision: number) =>
      q.run(
        'pubProfiles.notePage',
        `INSERT INTO profile_pages(publication_id, page_id, revision, learned_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (publication_id, page_id) DO UPDATE SET revision = excluded.revision, learned_at = excluded.learned_at`,
        [pub.id, id, revision, at],
      );
    if (!current) {
      // A new profile (or one replaced after a base-model change) counts the pages it learned now.
      await q.run('pubProfiles.forgetPages', 'DELETE FROM profile_pages WHERE publication_id = $1', [pub.id]);
      for (const e of earlier) await notePage(e.pageId, e.page.revision);
    }
    await notePage(pageId, page.revision);
    return (await info(q, pub.id))!.pages;
  };

  return {
    info,
    async list(q) {
      const rows = await q.all<{ publication_id: number }>('pubProfiles.list', 'SELECT publication_id FROM publication_profiles ORDER BY publication_id');
      const out: PublicationProfileInfo[] = [];
      for (const r of rows) {
        const i = await info(q, r.publication_id);
        if (i) out.push(i);
      }
      return out;
    },
    async json(q, publicationId) {
      const r = await q.one<{ profile_json: string }>('pubProfiles.jsonOnly', 'SELECT profile_json FROM publication_profiles WHERE publication_id = $1', [
        publicationId,
      ]);
      return r ? (JSON.parse(r.profile_json) as unknown) : null;
    },
    async forImport(q, title) {
      if (!learner || !title?.trim()) return null;
      const pub = await q.one<{ id: number }>('pubProfiles.pubByTitle', 'SELECT id FROM publications WHERE title = $1', [title.trim()]);
      return pub ? load(q, pub.id) : null;
    },
    forPublication: load,
    async forPage(q, pageId) {
      const pub = await publicationOfPage(q, pageId);
      return pub ? load(q, pub.id) : null;
    },
    learnFromPage,
    async learnQuietly(q, pageId, page, readProofed) {
      if (!learner) return;
      try {
        await q.savepoint(() => learnFromPage(q, pageId, page, readProofed));
      } catch (e) {
        logger.warn(`[archive] learning from page ${pageId} failed; the page is proofed, its profile unchanged: ${(e as Error).message}`);
      }
    },
  };
}

// ---- the archive's methods (issue 10: learning from editors) ----

export const getPublicationProfile = (ctx: PgContext, publicationId: number) => ctx.read((q) => ctx.profiles.info(q, publicationId));
export const listPublicationProfiles = (ctx: PgContext) => ctx.read((q) => ctx.profiles.list(q));
export const publicationProfileJson = (ctx: PgContext, publicationId: number) => ctx.read((q) => ctx.profiles.json(q, publicationId));
export const publicationProfileForPage = (ctx: PgContext, pageId: number) =>
  ctx.read(async (q) => (await ctx.profiles.forPage(q, pageId))?.profile ?? null);
