// The team server's login screen (issue 13 §2): name and password, the refusal worded by its
// reason (wrong credentials, disabled, too many attempts), the UI language switchable before
// logging in. The login itself is the caller's (renderer/AuthGate.tsx): components never talk to
// the host.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../shared/ipc.ts';
import type { HostReasonLike } from '../messages.ts';
import { localizeHostMessage } from '../messages.ts';

export function LoginScreen(props: {
  /** Resolves on success; rejects with the host's refusal. */
  onLogin: (name: string, password: string) => Promise<void>;
  /** The session ended while working: say so above the form. */
  expired?: boolean;
  language: Language;
  onLanguage: (language: Language) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || !name.trim() || !password) return;
    setBusy(true);
    setError(null);
    try {
      await props.onLogin(name.trim(), password);
    } catch (err) {
      const reason = err as Partial<HostReasonLike> & { message?: string };
      setError(reason.code ? localizeHostMessage(t, reason.message ?? '', reason as HostReasonLike) : t('accounts.login.failed'));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="login-screen" data-testid="login-screen">
      <form className="login-card" onSubmit={(e) => void submit(e)} aria-label={t('accounts.login.title')}>
        <h1>{t('accounts.login.title')}</h1>
        <p className="login-intro">{props.expired ? t('accounts.login.expired') : t('accounts.login.intro')}</p>
        <label>
          {t('accounts.login.name')}
          <input autoFocus autoComplete="username" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} data-testid="login-name" />
        </label>
        <label>
          {t('accounts.login.password')}
          <input type="password" autoComplete="current-password" value={password} maxLength={256} onChange={(e) => setPassword(e.target.value)} data-testid="login-password" />
        </label>
        {error && (
          <p className="login-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || !name.trim() || !password} data-testid="login-submit">
          {busy ? t('accounts.login.busy') : t('accounts.login.submit')}
        </button>
        <label className="login-language">
          {t('accounts.login.language')}
          <select value={props.language} onChange={(e) => props.onLanguage(e.target.value as Language)} data-testid="login-language">
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`lang.${l}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
    </div>
  );
}
