// Accounts in the window (issue 13 §2): on the team server, the login screen before the workspace
// and again over it when the session ends (calls wait for the new login: loginGate), a chip with
// who is logged in and "Log out", and the password dialog that approve, reopen, export and profile
// management ask for (passwordPrompter, answered through withPasswordPrompt in api/auth.ts).
import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../shared/app-error.ts';
import type { Profile } from '../shared/roles.ts';
import { authStatus, logIn, logOut, loginGate, type AskPassword, type PasswordQuestion } from './api/auth.ts';
import { LoginScreen } from './components/LoginScreen.tsx';
import { PasswordDialog } from './components/PasswordDialog.tsx';
import { useApp, useStoreApi } from './state/context.ts';

/** The one pending password question and its answer, between the API wrapper and the dialog. */
export function createPasswordPrompter() {
  let pending: { question: PasswordQuestion; answer: (password: string | null) => void } | null = null;
  const listeners = new Set<() => void>();
  const set = (next: typeof pending) => {
    pending = next;
    for (const l of listeners) l();
  };
  const ask: AskPassword = (question) =>
    new Promise((resolve) => {
      pending?.answer(null);
      set({ question, answer: (pw) => (set(null), resolve(pw)) });
    });
  return {
    ask,
    current: () => pending,
    subscribe(l: () => void) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
  };
}
export type PasswordPrompter = ReturnType<typeof createPasswordPrompter>;

type Phase = 'checking' | 'login' | 'ready';

export function AuthGate(props: { browser: boolean; prompter: PasswordPrompter; children: ReactNode }) {
  const { t } = useTranslation();
  const store = useStoreApi();
  const language = useApp((s) => s.language);
  const [phase, setPhase] = useState<Phase>(props.browser ? 'checking' : 'ready');
  const [me, setMe] = useState<Profile | null>(null);
  const pending = useSyncExternalStore(props.prompter.subscribe, props.prompter.current);
  // A call refused for want of a login waits at the gate. Read as state, not as an event, so a
  // refusal that came before this component subscribed (the first calls go out while the host's
  // login status is still on its way) still brings the login screen up.
  const loginNeeded = useSyncExternalStore(loginGate.subscribe, loginGate.isWaiting);
  const expired = phase === 'ready' && loginNeeded;

  useEffect(() => {
    if (!props.browser) return;
    authStatus()
      .then((s) => {
        setMe(s.profile);
        setPhase(s.active && !s.profile ? 'login' : 'ready');
      })
      // A host without accounts (or an older one) has no /auth/status: the workspace as before.
      .catch(() => setPhase('ready'));
  }, [props.browser]);

  const login = async (name: string, password: string) => {
    const profile = await logIn(name, password);
    setMe(profile);
    setPhase('ready');
    // The workspace asks the host who is acting again (a new login may be another user).
    void store.getState().loadSession();
    void store.getState().refreshLibrary();
  };
  const logout = async () => {
    await logOut().catch(() => undefined);
    window.location.reload();
  };
  const loginScreen = (
    <LoginScreen expired={expired} language={language} onLanguage={(l) => store.getState().setLanguage(l)} onLogin={login} />
  );
  if (phase === 'checking') return null;
  if (phase === 'login') return loginScreen;
  return (
    <>
      {props.children}
      {expired && loginScreen}
      {me && !expired && (
        <div className="account-chip" data-testid="account-chip">
          <span>{t('accounts.login.signedIn', { name: me.name })}</span>
          <button onClick={() => void logout()} data-testid="logout">
            {t('accounts.login.logout')}
          </button>
        </div>
      )}
      {pending && (
        <PasswordDialog
          key={`${pending.question.channel}-${pending.question.error ? 'again' : 'first'}`}
          channel={pending.question.channel}
          error={pending.question.error as (AppError & { message: string }) | null}
          onSubmit={(pw) => pending.answer(pw)}
          onCancel={() => pending.answer(null)}
        />
      )}
    </>
  );
}
