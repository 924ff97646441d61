// The item card's fixed wording, translated once per language instead of on every render. A card
// renders ~25 translations (field labels, the kind list, buttons) and i18next's t() copies its
// options on each call (~0.05 ms): a split re-renders the changed cards and every later card's
// number inside the keystroke's task, so these lookups were ~1.5 ms of it.
import type { TFunction } from 'i18next';
import { ITEM_KINDS, type ItemKind } from '../../shared/segmentation.ts';

type TextFieldName = 'kicker' | 'headline' | 'subheadline' | 'series' | 'byline';

export interface CardLabels {
  kind: string;
  kinds: readonly (readonly [ItemKind, string])[];
  noId: string;
  history: string;
  empty: string;
  fields: Record<TextFieldName | 'contributors' | 'paragraphs' | 'continuedFrom' | 'continuedOn' | 'flags', string>;
  contributorsHint: string;
  invalidContributors: string;
}

/** Per language: t() is rebuilt by react-i18next when the language changes, so it keys the cache. */
const byLanguage = new Map<string, { labels: CardLabels; numbers: Map<number, string> }>();

function entry(t: TFunction, language: string) {
  let e = byLanguage.get(language);
  if (!e) {
    const fields = ['kicker', 'headline', 'subheadline', 'series', 'byline', 'contributors', 'paragraphs', 'continuedFrom', 'continuedOn', 'flags'] as const;
    const labels: CardLabels = {
      kind: t('field.kind'),
      kinds: ITEM_KINDS.map((k) => [k, t(`kind.${k}`)] as const),
      noId: t('tags.noId'),
      history: t('tags.history'),
      empty: t('card.empty'),
      fields: Object.fromEntries(fields.map((f) => [f, t(`field.${f}`)])) as CardLabels['fields'],
      contributorsHint: t('field.contributorsHint'),
      invalidContributors: t('field.invalidContributors'),
    };
    e = { labels, numbers: new Map() };
    byLanguage.set(language, e);
  }
  return e;
}

export function cardLabels(t: TFunction, language: string): CardLabels {
  return entry(t, language).labels;
}

/** "Item n" in the language, remembered per number (every later card's number changes at a split). */
export function cardNumber(t: TFunction, language: string, n: number): string {
  const numbers = entry(t, language).numbers;
  let s = numbers.get(n);
  if (s === undefined) numbers.set(n, (s = t('card.item', { n })));
  return s;
}
