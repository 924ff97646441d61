// The password asked again (issue 13 §2): approve, reopen, export and profile management carry the
// acting user's password; the host asks for it by refusing with 'password-required', and the API
// wrapper (renderer/api/auth.ts) shows this dialog and sends the request again with it.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog.tsx';
import { localizeHostMessage, type HostReasonLike } from '../messages.ts';

export function PasswordDialog(props: {
  /** The channel asking (words the action). */
  channel: string;
  /** The previous try's refusal (a wrong password), or null. */
  error: (HostReasonLike & { message: string }) | null;
  onSubmit: (password: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password) props.onSubmit(password);
  };
  const action = t(`accounts.confirm.action.${props.channel}`, { defaultValue: t('accounts.confirm.action.issues.approve') });
  return (
    <Dialog
      title={t('accounts.confirm.title')}
      testId="password-dialog"
      onClose={props.onCancel}
      footer={
        <>
          <button onClick={props.onCancel} data-testid="password-cancel">
            {t('accounts.confirm.cancel')}
          </button>
          <button type="submit" form="password-form" className="primary" disabled={!password} data-testid="password-submit">
            {t('accounts.confirm.submit')}
          </button>
        </>
      }
    >
      <form id="password-form" onSubmit={submit} className="password-form">
        <p>{t('accounts.confirm.intro', { action })}</p>
        <label>
          {t('accounts.confirm.password')}
          <input type="password" autoFocus autoComplete="current-password" value={password} maxLength={256} onChange={(e) => setPassword(e.target.value)} data-testid="password-input" />
        </label>
        {props.error && (
          <p className="login-error" role="alert" data-testid="password-error">
            {localizeHostMessage(t, props.error.message, props.error)}
          </p>
        )}
      </form>
    </Dialog>
  );
}
