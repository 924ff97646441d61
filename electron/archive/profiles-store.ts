// Publication profiles in the archive (migration 0008): one learned profile per publication,
// updated online from every page an editor marks proofed, and used to segment the publication's
// next pages. Also the per-page facts the library reads without parsing items: the doubt count
// and which model and profile segmented the page. The learning itself is the model's
// (ProfileLearner); this module only stores, counts and guards it.
import { isDoubtful, type Item, type Segmentation } from '../../shared/segmentation.ts';
import type { StoredItem } from '../../shared/domain.ts';
import type { Db } from './db.ts';
import type { ArchiveLogger } from './db.ts';
import type { Profile } from '../../core/engine/model/profile.ts';

/** A corrected page as the learner sees it. */
export interface LearnablePage {
  /** Stable id of the page, e.g. "page-12". */
  id: string;
  /** The publication's title (the key of the profile). */
  source: string;
  text: string;
  items: readonly Item[];
}

/** What the archive needs from the line-role model to keep profiles. */
export interface ProfileLearner {
  /** Version of the base model the profiles adapt. */
  baseVersion(): string;
  /** Checks a stored profile (throws when it is damaged). */
  parse(json: unknown): Profile;
  /** How many of a publication's most recent proofed pages a profile is fitted on. */
  readonly recentPages: number;
  /**
   * The profile after an editor proofed the last of `pages` (the publication's recent proofed pages,
   * oldest first): `previous` (null: none yet) is tried on that page, then the profile is fitted on them.
   */
  learn(previous: Profile | null, pages: readonly LearnablePage[], name: string): Profile;
}

/** A page as learning reads it again: its current revision, text and items. */
export interface ProofedPage {
  revision: number;
  text: string;
  items: readonly StoredItem[];
}

/** A publication's profile as the hosts show it. */
export interface PublicationProfileInfo {
  publicationId: number;
  title: string;
  baseVersion: string;
  /** Proofed pages it learned from. */
  pages: number;
  updatedAt: string;
}

/** A profile ready to segment with. */
export interface SegmentingProfile {
  publicationId: number;
  /** Shown in the UI and stored as segmentation.model.profile: the publication's title. */
  label: string;
  pages: number;
  profile: Profile;
}

interface Deps {
  db: Db;
  now(): string;
  logger: ArchiveLogger;
  learner: ProfileLearner | null;
}

/**
 * The page's first item starts where the page starts: there is no split to doubt, whatever the
 * model's margin there (its titles may still be doubtful).
 */
export function settleFirstSplit<T extends Pick<Item, 'confidence'>>(items: T[]): T[] {
  const first = items[0];
  if (first?.confidence && first.confidence.boundary < 1) items[0] = { ...first, confidence: { ...first.confidence, boundary: 1 } };
  return items;
}

export function countDoubts(items: readonly Pick<Item, 'confidence'>[]): number {
  let n = 0;
  for (const it of items) if (isDoubtful(it)) n++;
  return n;
}

export function createProfilesStore({ db, now, logger, learner }: Deps) {
  const info = (publicationId: number): PublicationProfileInfo | null => {
    const r = db
      .stmt(
        'profiles.get',
        `SELECT pp.publication_id, pub.title, pp.base_version, pp.updated_at,
           (SELECT count(*) FROM profile_pages x WHERE x.publication_id = pp.publication_id) AS pages
         FROM publication_profiles pp JOIN publications pub ON pub.id = pp.publication_id WHERE pp.publication_id = ?`,
      )
      .get<{ publication_id: number; title: string; base_version: string; updated_at: string; pages: number }>(publicationId);
    return r ? { publicationId: r.publication_id, title: r.title, baseVersion: r.base_version, pages: r.pages, updatedAt: r.updated_at } : null;
  };

  const load = (publicationId: number): SegmentingProfile | null => {
    if (!learner) return null;
    const r = db
      .stmt('profiles.json', 'SELECT profile_json, base_version FROM publication_profiles WHERE publication_id = ?')
      .get<{ profile_json: string; base_version: string }>(publicationId);
    const i = info(publicationId);
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

  const publicationOfPage = (pageId: number) =>
    db
      .stmt(
        'profiles.publicationOfPage',
        `SELECT pub.id, pub.title FROM pages p JOIN issues s ON s.id = p.issue_id JOIN publications pub ON pub.id = s.publication_id WHERE p.id = ?`,
      )
      .get<{ id: number; title: string }>(pageId);

  /**
   * Learns from a proofed page: its text and the items as the editor left them. Returns the
   * profile's page count, or null when there is no learner or the page was already learned at
   * this revision. Throws when learning fails (the caller decides what that costs).
   * readProofed: a page's current revision, text and items while it is still proofed (else null),
   * so a profile that no longer fits the running base model is learned again from the pages it
   * had learned from, not from this page alone.
   */
  const learnFromPage = (
    pageId: number,
    page: { revision: number; text: string; items: readonly StoredItem[] },
    readProofed?: (pageId: number) => ProofedPage | null,
  ): number | null => {
    if (!learner) return null;
    const pub = publicationOfPage(pageId);
    if (!pub) return null;
    const seen = db
      .stmt('profiles.pageSeen', 'SELECT revision FROM profile_pages WHERE publication_id = ? AND page_id = ?')
      .get<{ revision: number }>(pub.id, pageId);
    if (seen && seen.revision === page.revision) return null;
    const current = load(pub.id);
    const learnable = (id: number, p: { text: string; items: readonly StoredItem[] }): LearnablePage => ({ id: `page-${id}`, source: pub.title, text: p.text, items: p.items });
    // The profile is fitted afresh on the publication's most recent proofed pages, this one last
    // (also after a base-model change, when the stored profile no longer fits).
    const earlier: { pageId: number; page: ProofedPage }[] = [];
    if (readProofed) {
      const recent = db
        .stmt('profiles.recentPages', 'SELECT page_id FROM profile_pages WHERE publication_id = ? AND page_id <> ? ORDER BY learned_at DESC, page_id DESC LIMIT ?')
        .all<{ page_id: number }>(pub.id, pageId, Math.max(0, learner.recentPages - 1));
      for (const { page_id } of recent.reverse()) {
        const p = readProofed(page_id);
        if (p) earlier.push({ pageId: page_id, page: p });
      }
    }
    const next = learner.learn(current?.profile ?? null, [...earlier.map((e) => learnable(e.pageId, e.page)), learnable(pageId, page)], pub.title);
    const at = now();
    db.stmt(
      'profiles.upsert',
      `INSERT INTO publication_profiles(publication_id, base_version, profile_json, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(publication_id) DO UPDATE SET base_version = excluded.base_version, profile_json = excluded.profile_json,
         updated_at = excluded.updated_at`,
    ).run(pub.id, learner.baseVersion(), JSON.stringify(next), at);
    const notePage = db.stmt(
      'profiles.notePage',
      `INSERT INTO profile_pages(publication_id, page_id, revision, learned_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(publication_id, page_id) DO UPDATE SET revision = excluded.revision, learned_at = excluded.learned_at`,
    );
    if (!current) {
      // A new profile (or one replaced after a base-model change) counts the pages it learned now.
      db.stmt('profiles.forgetPages', 'DELETE FROM profile_pages WHERE publication_id = ?').run(pub.id);
      for (const e of earlier) notePage.run(pub.id, e.pageId, e.page.revision, at);
    }
    notePage.run(pub.id, pageId, page.revision, at);
    return info(pub.id)!.pages;
  };

  return {
    info,
    list(): PublicationProfileInfo[] {
      return db
        .stmt('profiles.list', 'SELECT publication_id FROM publication_profiles ORDER BY publication_id')
        .all<{ publication_id: number }>()
        .flatMap((r) => {
          const i = info(r.publication_id);
          return i ? [i] : [];
        });
    },
    /** The stored profile JSON of a publication (for export), or null. */
    json(publicationId: number): unknown {
      const r = db
        .stmt('profiles.json', 'SELECT profile_json, base_version FROM publication_profiles WHERE publication_id = ?')
        .get<{ profile_json: string; base_version: string }>(publicationId);
      return r ? (JSON.parse(r.profile_json) as unknown) : null;
    },

    /**
     * The profile to segment a page being imported with: the publication its masthead title or
     * folder name names (as the grouping into issues will file it), when that publication has one.
     */
    forImport(title: string | null): SegmentingProfile | null {
      if (!learner || !title?.trim()) return null;
      const pub = db.stmt('profiles.pubByTitle', 'SELECT id FROM publications WHERE title = ?').get<{ id: number }>(title.trim());
      return pub ? load(pub.id) : null;
    },
    forPublication: load,
    /** The profile of the publication a page belongs to (re-deriving an editor's splits with it). */
    forPage(pageId: number): SegmentingProfile | null {
      const pub = publicationOfPage(pageId);
      return pub ? load(pub.id) : null;
    },

    learnFromPage,

    /**
     * Learning inside the state change's transaction, in a savepoint of its own: a failure rolls
     * back the learning only, is logged, and the page is still proofed.
     */
    learnQuietly(pageId: number, page: ProofedPage, readProofed?: (pageId: number) => ProofedPage | null): void {
      if (!learner) return;
      try {
        db.raw.transaction(() => learnFromPage(pageId, page, readProofed))();
      } catch (e) {
        logger.warn(`[archive] learning from page ${pageId} failed; the page is proofed, its profile unchanged: ${(e as Error).message}`);
      }
    },

    /**
     * The page facts of a page about to be inserted into an issue (the values writePageFacts would
     * set after it), so the new row is written once (migration 0018).
     */
    newPageFacts(issueId: number, items: readonly StoredItem[], model: Segmentation['model'] | null) {
      let profilePages: number | null = null;
      if (model?.profile) {
        const pub = db.stmt('profiles.publicationOfIssue', 'SELECT publication_id AS id FROM issues WHERE id = ?').get<{ id: number }>(issueId);
        profilePages = pub ? (info(pub.id)?.pages ?? null) : null;
      }
      return { doubtCount: countDoubts(items), version: model?.version ?? null, profile: model?.profile ?? null, profilePages };
    },

    /** Per-page facts kept beside the items: the doubt count, and (on import) the model that segmented it. */
    writePageFacts(pageId: number, items: readonly StoredItem[], model?: Segmentation['model'] | null): void {
      db.stmt('pages.setDoubts', 'UPDATE pages SET doubt_count = ? WHERE id = ?').run(countDoubts(items), pageId);
      if (model === undefined) return;
      let profilePages: number | null = null;
      if (model?.profile) {
        const pub = publicationOfPage(pageId);
        profilePages = pub ? (info(pub.id)?.pages ?? null) : null;
      }
      db.stmt('pages.setModel', 'UPDATE pages SET model_version = ?, model_profile = ?, model_profile_pages = ? WHERE id = ?').run(
        model?.version ?? null,
        model?.profile ?? null,
        profilePages,
        pageId,
      );
    },
  };
}

export type ProfilesStore = ReturnType<typeof createProfilesStore>;
