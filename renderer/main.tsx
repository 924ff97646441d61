import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createApi } from './api/client.ts';
import { App } from './App.tsx';
import { applyLanguage, initI18n, initialLanguage } from './i18n.ts';
import { StoreContext } from './state/context.ts';
import { createAppStore } from './state/store.ts';
import './styles.css';

async function start() {
  const api = createApi();
  const language = initialLanguage();
  const i18n = await initI18n(language);
  const store = createAppStore({
    api,
    language,
    onLanguage: (lang) => {
      applyLanguage(lang);
      void api.invoke('app.setLanguage', { language: lang }).catch(() => undefined);
    },
  });
  void api.invoke('app.setLanguage', { language }).catch(() => undefined);
  (window as unknown as { __galley?: unknown }).__galley = { store };
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <StoreContext.Provider value={store}>
          <App api={api} />
        </StoreContext.Provider>
      </I18nextProvider>
    </StrictMode>,
  );
}

void start();
