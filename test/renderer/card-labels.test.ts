// The card's wording, translated once per language (renderer/components/card-labels.ts), reads
// exactly what i18next gives for each key, in each language, and keeps the two languages apart.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { STRINGS } from '../../shared/i18n.ts';
import { ITEM_KINDS } from '../../shared/segmentation.ts';
import { cardLabels, cardNumber } from '../../renderer/components/card-labels.ts';

async function translator() {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: 'en',
    fallbackLng: 'en',
    resources: { en: { translation: STRINGS.en }, 'zh-CN': { translation: STRINGS['zh-CN'] } },
    interpolation: { escapeValue: false },
  });
  return i18n;
}

describe('card labels', () => {
  it('give what t() gives, per language', async () => {
    const i18n = await translator();
    for (const lng of ['en', 'zh-CN'] as const) {
      const t = i18n.getFixedT(lng);
      const L = cardLabels(t, lng);
      expect(L.kind).toBe(t('field.kind'));
      expect(L.kinds).toEqual(ITEM_KINDS.map((k) => [k, t(`kind.${k}`)]));
      expect(L.fields.headline).toBe(t('field.headline'));
      expect(L.fields.continuedOn).toBe(t('field.continuedOn'));
      expect(L.invalidContributors).toBe(t('field.invalidContributors'));
      for (const n of [1, 2, 37, 2]) expect(cardNumber(t, lng, n)).toBe(t('card.item', { n }));
    }
    expect(cardLabels(i18n.getFixedT('zh-CN'), 'zh-CN').fields.headline).not.toBe(cardLabels(i18n.getFixedT('en'), 'en').fields.headline);
    expect(cardNumber(i18n.getFixedT('zh-CN'), 'zh-CN', 3)).not.toBe(cardNumber(i18n.getFixedT('en'), 'en', 3));
  });
});
