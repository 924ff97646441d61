// How a profile learns and when it is used: the trial against the base model (profileInUse), the fit
// on the recent proofed pages (refitProfile), and latent roles the annotation does not tell apart.
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../electron/eval/corpus.ts';
import { defaultModel, learnProfile, parseProfile, profileInUse, profileState, profileFromModels, UNTRIED_PROFILE_BELOW, updateModel, type LabelledPage, type LineRole, type Profile } from '../../core/engine/model/index.ts';
import { labelFromGold } from '../../core/engine/model/labels.ts';
import { decodePage } from '../../core/engine/model/decode.ts';
import { pageInput } from '../../core/engine/model/page-input.ts';
import { zhDailyRules } from '../../core/engine/rules/zh-daily.ts';
import { segmentPage } from '../../core/engine/index.ts';
import { PROFILE_PAGES, refitProfile } from '../../core/eval/profile-learning.ts';

const labelled = (): LabelledPage[] => loadCorpus().map((p) => labelFromGold(p.text, p.gold, 'test', p.id));

describe('profile trial and fit', { timeout: 120_000 }, () => {
  it('uses a profile only while it does better than the base model on its trial (a tie goes to the base model)', () => {
    const base = defaultModel();
    const page = loadCorpus().find((p) => p.id.startsWith('yunxi-daily'))!;
    const learned = learnProfile(base, '云溪日报', [labelFromGold(page.text, page.gold, '云溪日报', page.id)]);
    expect(profileInUse(learned)).toBe(true);
    expect(profileInUse({ ...learned, pages: 0 })).toBe(false);
    const losing: Profile = { ...learned, trial: { pages: 2, profileScore: 1.7, baseScore: 1.9 } };
    const tied: Profile = { ...learned, trial: { pages: 2, profileScore: 1.9, baseScore: 1.9 } };
    const winning: Profile = { ...learned, trial: { pages: 2, profileScore: 1.92, baseScore: 1.9 } };
    expect(profileInUse(losing)).toBe(false);
    expect(profileInUse(tied)).toBe(false);
    expect(profileState(tied)).toBe('set-aside');
    expect(profileInUse(winning)).toBe(true);
    // A profile not in use segments as the base model does, and the result says no profile was used.
    const withLosing = segmentPage(page.text, { model: base, profile: losing });
    expect(withLosing.model).toEqual({ version: base.version, profile: null });
    expect(withLosing.items).toEqual(segmentPage(page.text, { model: base }).items);
    expect(segmentPage(page.text, { model: base, profile: winning }).model).toEqual({ version: base.version, profile: '云溪日报' });
  });

  it('uses an untried profile of one page only where the base model read that page below UNTRIED_PROFILE_BELOW', () => {
    const base = defaultModel();
    const page = loadCorpus().find((p) => p.id.startsWith('yunxi-daily'))!;
    const learned = learnProfile(base, '云溪日报', [labelFromGold(page.text, page.gold, '云溪日报', page.id)]);
    const readWell: Profile = { ...learned, firstPageBaseScore: UNTRIED_PROFILE_BELOW };
    const misread: Profile = { ...learned, firstPageBaseScore: UNTRIED_PROFILE_BELOW - 0.01 };
    expect(profileState(readWell)).toBe('awaiting-trial');
    expect(profileInUse(readWell)).toBe(false);
    expect(segmentPage(page.text, { model: base, profile: readWell }).model).toEqual({ version: base.version, profile: null });
    expect(profileState(misread)).toBe('in-use');
    expect(profileInUse(misread)).toBe(true);
    // A trial record decides once there is one; profiles of several pages, and older files without the score, are used.
    expect(profileState({ ...readWell, trial: { pages: 1, profileScore: 0.95, baseScore: 0.9 } })).toBe('in-use');
    expect(profileState({ ...misread, trial: { pages: 1, profileScore: 0.8, baseScore: 0.9 } })).toBe('set-aside');
    expect(profileInUse({ ...readWell, pages: 2 })).toBe(true);
    expect(profileInUse(learned)).toBe(true);
    // refitProfile keeps the base model's score on the first page, and drops it once the profile is tried.
    const pages = labelled();
    const first = refitProfile(base, 'test', pages.slice(0, 1), null);
    expect(first.firstPageBaseScore).toBeGreaterThan(0.9);
    expect(profileState(first)).toBe('awaiting-trial');
    expect(refitProfile(base, 'test', pages.slice(0, 2), first).firstPageBaseScore).toBeUndefined();
  });

  it('reads and checks the trial record of a profile file', () => {
    const base = defaultModel();
    const json = { schema: 'galley.profile/1', publication: 'x', baseVersion: base.version, featureSetHash: base.featureSetHash, pages: 1, transitions: [], rows: {} };
    expect(parseProfile(json).trial).toBeUndefined();
    expect(parseProfile({ ...json, trial: { pages: 1, profileScore: 0.8, baseScore: 0.9 } }).trial).toEqual({ pages: 1, profileScore: 0.8, baseScore: 0.9 });
    expect(() => parseProfile({ ...json, trial: { pages: -1, profileScore: 0.8, baseScore: 0.9 } })).toThrow(/trial\.pages: must be 0 or more/);
    expect(() => parseProfile({ ...json, trial: { pages: 1, profileScore: 0.8 } })).toThrow(/trial\.baseScore: expected number/);
    expect(() => parseProfile({ ...json, trial: { pages: 1, profileScore: 0.8, baseScore: 0.9, extra: 1 } })).toThrow(/unrecognized key/);
    expect(parseProfile({ ...json, firstPageBaseScore: 0.93 }).firstPageBaseScore).toBe(0.93);
    expect(() => parseProfile({ ...json, firstPageBaseScore: 1.5 })).toThrow(/firstPageBaseScore: expected a score from 0 to 1/);
  });

  it('tries the profile on each newly proofed page, then fits it on the most recent pages', () => {
    const base = defaultModel();
    const pages = labelled();
    expect(pages.length).toBeGreaterThan(PROFILE_PAGES);
    const first = refitProfile(base, 'test', pages.slice(0, 1), null);
    expect(first.pages).toBe(1);
    expect(first.trial).toBeUndefined();
    const second = refitProfile(base, 'test', pages.slice(0, 2), first);
    expect(second.pages).toBe(2);
    expect(second.trial?.pages).toBe(1);
    expect(second.trial!.baseScore).toBeGreaterThan(0);
    expect(second.trial!.baseScore).toBeLessThanOrEqual(1);
    const many = refitProfile(base, 'test', pages, second);
    expect(many.pages).toBe(PROFILE_PAGES);
    expect(many.trial?.pages).toBe(2);
    // The fit depends only on the recent pages, not on the profile before.
    expect(many.rows).toEqual(refitProfile(base, 'test', pages.slice(-PROFILE_PAGES), null).rows);
  });

  it('learns nothing from roles the annotation cannot tell apart (a kicker or a series banner, a byline or a credit)', () => {
    const base = defaultModel();
    const SWAP: Partial<Record<LineRole, LineRole>> = { kicker: 'series', series: 'kicker', byline: 'credit', credit: 'byline' };
    let swapped = 0;
    for (const corpusPage of loadCorpus()) {
      // The page labelled exactly as the model reads it, but for the roles swapped within LATENT_ROLES.
      const input = pageInput(corpusPage.text, zhDailyRules);
      const decoded = decodePage(base, input.emissions(base));
      const roles: (LineRole | null)[] = corpusPage.text.split('\n').map(() => null);
      input.layout.lines.forEach((line, i) => {
        const role = decoded.roles[i]!;
        roles[line.index] = SWAP[role] ?? role;
        if (SWAP[role]) swapped++;
      });
      const page: LabelledPage = { ...labelFromGold(corpusPage.text, corpusPage.gold, 'test', corpusPage.id), roles, itemStarts: decoded.starts.map((i) => input.layout.lines[i]!.index) };
      const profile = learnProfile(base, 'test', [page]);
      expect(profile.rows, corpusPage.id).toEqual({});
      expect(profile.transitions, corpusPage.id).toEqual([]);
      if (swapped > 0) {
        // Trained to the letter instead, the same page moves weights.
        expect(Object.keys(profileFromModels(base, updateModel(base, [page]), 'test', 1).rows).length).toBeGreaterThan(0);
        break;
      }
    }
    expect(swapped).toBeGreaterThan(0);
  });
});
