import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { STRINGS, languageForLocale } from '../shared/i18n.ts';
import { LANGUAGES, type Language } from '../shared/ipc.ts';

const KEY = 'galley.language';

/** The saved choice, else the system language. */
export function initialLanguage(): Language {
  const saved = localStorage.getItem(KEY);
  if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved as Language;
  return languageForLocale(navigator.language);
}

export async function initI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources: { en: { translation: STRINGS.en }, 'zh-CN': { translation: STRINGS['zh-CN'] } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

export function applyLanguage(language: Language): void {
  localStorage.setItem(KEY, language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}
