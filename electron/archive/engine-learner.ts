// The archive's default profile learner: the line-role model's online learning (issue 10). An
// editor's proofed page and the publication's other recent proofed pages are labelled from their
// items (labelFromItems), and the publication's galley.profile/1 is fitted on them over the base
// model, which itself never changes; first the page tries the profile as it stood against the base
// model (core/eval/profile-learning.ts).
import { defaultModel, parseProfile } from '../../core/engine/model/index.ts';
import { labelFromItems } from '../../core/engine/model/labels.ts';
import { PROFILE_PAGES, refitProfile } from '../../core/eval/profile-learning.ts';
import type { ProfileLearner } from './profiles-store.ts';

export const engineLearner: ProfileLearner = {
  baseVersion: () => defaultModel().version,
  parse: (json) => parseProfile(json),
  recentPages: PROFILE_PAGES,
  learn: (profile, pages, name) => refitProfile(defaultModel(), name, pages.map((page) => labelFromItems(page.text, page.items, page.source, page.id)), profile),
};
