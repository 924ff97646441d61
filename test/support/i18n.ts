// The app's own string tables in an i18next instance for tests that word things in either language
// (history lines, refusals, plurals): one set-up instead of the same init in every such test file.
// Resources are inline, so the instance is ready as soon as this module is loaded (initAsync: false).
import i18next from 'i18next';
import { STRINGS } from '../../shared/i18n.ts';

export const testI18n = i18next.createInstance();
void testI18n.init({
  lng: 'en',
  resources: { en: { translation: STRINGS.en }, 'zh-CN': { translation: STRINGS['zh-CN'] } },
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** A `t` fixed to one language, as the renderer's wording functions take it. */
export const tIn = (lng: 'en' | 'zh-CN') => (key: string, options?: Record<string, unknown>) => testI18n.t(key, { ...options, lng }) as string;
