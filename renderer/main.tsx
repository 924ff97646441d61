import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createApi } from './api/client.ts';
import { loginGate, withPasswordPrompt } from './api/auth.ts';
import { AuthGate, createPasswordPrompter } from './AuthGate.tsx';
import { applyLanguage, initI18n, initialLanguage } from './i18n.ts';
import { StoreContext } from './state/context.ts';
import { createWorkerEngine } from './engine/client.ts';
import { afterNextPaint, createMainThreadEngine } from './engine/local-engine.ts';
import { createAppStore } from './state/store.ts';
import './styles.css';

async function start() {
  // Accounts: a call the host refuses for want of a login waits for one; approve, reopen, export
  // and profile management ask for the password again when the host wants it (AuthGate.tsx).
  const prompter = createPasswordPrompter();
  const api = withPasswordPrompt(createApi({ onLoginRequired: () => loginGate.required() }), prompter.ask);
  const language = initialLanguage();
  const i18n = await initI18n(language);
  // Monaco's own strings (context menu, find widget) are chosen when it loads: load its Chinese
  // messages first when starting in Chinese. (A later switch applies to them at the next start.)
  if (language === 'zh-CN') await import('monaco-editor/nls/lang/zh-cn.js');
  const { App } = await import('./App.tsx');
  const store = createAppStore({
    api,
    language,
    // The engine in a worker of its own: live previews while editing, the main thread stays free.
    engine: createWorkerEngine(),
    // And on the main thread, loaded when idle: a split is painted in the keystroke's own frame.
    localEngine: createMainThreadEngine(),
    afterPaint: afterNextPaint,
    onLanguage: (lang) => {
      applyLanguage(lang);
      void api.invoke('app.setLanguage', { language: lang }).catch(() => undefined);
    },
  });
  void api.invoke('app.setLanguage', { language }).catch(() => undefined);
  // For the end-to-end tests: the store and the very client the UI uses.
  (window as unknown as { __galley?: unknown }).__galley = { store, api };
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <StoreContext.Provider value={store}>
          <AuthGate browser={api.host === 'browser'} prompter={prompter}>
            <App api={api} />
          </AuthGate>
        </StoreContext.Provider>
      </I18nextProvider>
    </StrictMode>,
  );
}

void start();
