// How a publication's profile learns from proofed pages (the archive, `galley learn`, the learning
// curve). Each time an editor proofs a page:
// 1. the profile as it stood is tried on that page: the page is segmented with the base model and
//    with the profile, both scored against the editor's corrections (its trial record decides whether
//    the profile is used, profileInUse in model/profile.ts). A profile's first page has no profile to
//    try: the base model's score on it is kept instead, and decides whether the untried profile is used;
// 2. the profile is fitted afresh, from the base model, on the publication's most recent proofed
//    pages, this one last. Fitting on the pages together learned more than learning one page at a
//    time on top of the last profile (2019-10 v2 built pages, rotated runs of 9, base: the annotated
//    pages only: overall 0.662 → 0.701 at k = 8 against 0.662 → 0.683, three passes each).
// Platform-free.
import { segmentPage } from '../engine/segment.ts';
import { applyProfile, learnProfile, type LabelledPage, type LineRoleModel, type Profile, type ProfileTrial } from '../engine/model/index.ts';
import { evaluatePage } from './metrics.ts';

/**
 * A profile is fitted on at most this many of the publication's most recent proofed pages: the
 * fit costs about 60 ms CPU per page (docs/profiles.md), inside the archive's transaction that marks
 * the page proofed.
 */
export const PROFILE_PAGES = 10;

/**
 * The profile after an editor proofed `pages.at(-1)`: `previous` tried on that page, then a profile
 * fitted on the last PROFILE_PAGES of `pages` (oldest first).
 */
export function refitProfile(base: LineRoleModel, publication: string, pages: readonly LabelledPage[], previous: Profile | null): Profile {
  const newest = pages.at(-1);
  const trial = previous && previous.pages > 0 && newest ? tryOn(base, previous, newest) : previous?.trial;
  const fitted = learnProfile(base, publication, pages.slice(-PROFILE_PAGES), null);
  if (trial) return { ...fitted, trial };
  return newest && pages.length === 1 ? { ...fitted, firstPageBaseScore: round(overallScore(base, newest)) } : fitted;
}

/** The profile's trial record with one more page: the overall score of the base model and of the profile on it. */
function tryOn(base: LineRoleModel, profile: Profile, page: LabelledPage): ProfileTrial {
  const trial = profile.trial ?? { pages: 0, profileScore: 0, baseScore: 0 };
  return {
    pages: trial.pages + 1,
    profileScore: round(trial.profileScore + overallScore(applyProfile(base, profile), page)),
    baseScore: round(trial.baseScore + overallScore(base, page)),
  };
}

/** The shared scorer's overall score of `model` on a corrected page. */
function overallScore(model: LineRoleModel, page: LabelledPage): number {
  const options = page.gold.page !== undefined ? { pageNumber: page.gold.page } : {};
  return evaluatePage(page.text, page.gold, segmentPage(page.text, { ...options, model }), page.id).metrics.score;
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;
