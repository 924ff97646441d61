// The archive's default profile learner: the line-role model's online learning (issue 10). An
// editor's proofed page is labelled from its items (labelFromItems) and learned into the
// publication's galley.profile/1 on top of the base model, which itself never changes.
import { defaultModel, learnProfile, parseProfile } from '../../core/engine/model/index.ts';
import { labelFromItems } from '../../core/engine/model/labels.ts';
import type { ProfileLearner } from './profiles-store.ts';

export const engineLearner: ProfileLearner = {
  baseVersion: () => defaultModel().version,
  parse: (json) => parseProfile(json),
  learn: (profile, page, name) => learnProfile(defaultModel(), name, [labelFromItems(page.text, page.items, page.source, page.id)], profile),
};
