// Passwords in the window (issue 13 §2): "My password" — the acting profile sets, changes (the old
// one asked) or, on a local archive, removes its password — and, inside the supervisor's profile
// manager, a user's password set or reset. The host decides (electron/host/handlers/accounts.ts);
// refusals are shown beside the fields in the UI language.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localizeHostMessage } from '../messages.ts';
import { useApp, useStoreApi } from '../state/context.ts';
import type { FormRefusal } from '../state/accounts-slice.ts';
import { Dialog } from './Dialog.tsx';

/** The rule the host applies (electron/accounts/password.ts), shown as a hint only. */
const MIN = 8;
const MAX = 256;

function Refusal({ refusal, testId }: { refusal: FormRefusal | string | null; testId: string }) {
  const { t } = useTranslation();
  if (!refusal) return null;
  return (
    <p className="login-error" role="alert" data-testid={testId}>
      {typeof refusal === 'string' ? refusal : localizeHostMessage(t, refusal.message, refusal)}
    </p>
  );
}

export function MyPasswordDialog() {
  const { t } = useTranslation();
  const store = useStoreApi();
  const who = useApp((s) => s.who);
  const self = useApp((s) => s.passwordSelf);
  const [old, setOld] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<FormRefusal | string | null>(null);
  const [done, setDone] = useState<'changed' | 'changedLogin' | 'cleared' | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => void store.getState().loadPasswordSelf(), [store]);
  const close = () => (done === 'changedLogin' ? window.location.reload() : store.getState().closeDialog());
  const name = who?.profile?.name ?? '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== again) return setError(t('accounts.self.mismatch'));
    setBusy(true);
    const refused = await store.getState().changeOwnPassword(self?.hasPassword ? old : undefined, next);
    setBusy(false);
    setError(refused);
    if (!refused) {
      setOld('');
      setNext('');
      setAgain('');
      setDone(self?.login ? 'changedLogin' : 'changed');
    }
  };
  const clear = async () => {
    setBusy(true);
    const refused = await store.getState().clearOwnPassword(old);
    setBusy(false);
    setError(refused);
    if (!refused) {
      setOld('');
      setDone('cleared');
    }
  };

  const footer = (
    <button onClick={close} data-testid="my-password-close">
      {t('accounts.self.close')}
    </button>
  );
  if (!who?.profile) {
    return (
      <Dialog title={t('accounts.self.title')} testId="my-password" onClose={close} footer={footer}>
        <p className="password-form">{t('accounts.self.noProfile')}</p>
      </Dialog>
    );
  }
  return (
    <Dialog title={t('accounts.self.title')} testId="my-password" onClose={close} footer={footer}>
      <form className="password-form" onSubmit={(e) => void submit(e)} data-testid="my-password-form">
        {self && <p data-testid="my-password-state">{t(self.hasPassword ? 'accounts.self.has' : 'accounts.self.none', { name })}</p>}
        {self?.mustSet && <p className="login-error">{t('accounts.self.mustSet')}</p>}
        {done && (
          <p role="status" data-testid="my-password-done">
            {t(`accounts.self.${done}`)}
          </p>
        )}
        {self?.hasPassword && (
          <label>
            {t('accounts.self.old')}
            <input type="password" autoFocus autoComplete="current-password" maxLength={MAX} value={old} onChange={(e) => setOld(e.target.value)} data-testid="my-password-old" />
          </label>
        )}
        <label>
          {t('accounts.self.new')}
          <input type="password" autoComplete="new-password" maxLength={MAX} value={next} onChange={(e) => setNext(e.target.value)} data-testid="my-password-new" />
        </label>
        <label>
          {t('accounts.self.repeat')}
          <input type="password" autoComplete="new-password" maxLength={MAX} value={again} onChange={(e) => setAgain(e.target.value)} data-testid="my-password-again" />
        </label>
        <p className="muted small">{t('accounts.self.hint', { min: MIN, max: MAX })}</p>
        <Refusal refusal={error} testId="my-password-error" />
        <div className="form-row">
          <button type="submit" className="primary" disabled={busy || !next || !again || (self?.hasPassword === true && !old) || done === 'changedLogin'} data-testid="my-password-submit">
            {t(self?.hasPassword ? 'accounts.self.change' : 'accounts.self.set')}
          </button>
          {self?.hasPassword && !self.login && (
            <button type="button" disabled={busy || !old} onClick={() => void clear()} title={t('accounts.self.clearHint')} data-testid="my-password-clear">
              {t('accounts.self.clear')}
            </button>
          )}
        </div>
      </form>
    </Dialog>
  );
}

/** The supervisor sets or resets one user's password (inside the profile manager). */
export function SetUserPassword(props: { id: string; name: string; onDone: () => void; onSet: () => void }) {
  const { t } = useTranslation();
  const store = useStoreApi();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<FormRefusal | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const refused = await store.getState().setUserPassword(props.id, password);
    setBusy(false);
    setError(refused);
    if (!refused) {
      props.onSet();
      props.onDone();
    }
  };
  return (
    <form className="password-form" onSubmit={(e) => void submit(e)} data-testid="user-password-form" data-name={props.name}>
      <strong>{t('accounts.users.setTitle', { name: props.name })}</strong>
      <p className="muted small">{t('accounts.users.setIntro', { name: props.name })}</p>
      <label>
        {t('accounts.self.new')}
        <input type="password" autoFocus autoComplete="new-password" maxLength={MAX} value={password} onChange={(e) => setPassword(e.target.value)} data-testid="user-password-input" />
      </label>
      <p className="muted small">{t('accounts.self.hint', { min: MIN, max: MAX })}</p>
      <Refusal refusal={error} testId="user-password-error" />
      <div className="form-row">
        <button type="submit" className="primary" disabled={busy || !password} data-testid="user-password-save">
          {t('accounts.users.save')}
        </button>
        <button type="button" onClick={props.onDone} data-testid="user-password-cancel">
          {t('accounts.users.cancel')}
        </button>
      </div>
    </form>
  );
}
