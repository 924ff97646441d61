// Who is working: the start-up picker (or the first-profile form), the top-bar badge to switch,
// and the supervisor's profile manager.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../shared/roles.ts';
import { deniedKey } from '../messages.ts';
import { useApp, useStoreApi } from '../state/context.ts';
import { Dialog } from './Dialog.tsx';
import { localizeHostMessage } from '../messages.ts';
import type { FormRefusal } from '../state/accounts-slice.ts';
import { SetUserPassword } from './PasswordPanels.tsx';

export function ProfilePicker() {
  const { t } = useTranslation();
  const store = useStoreApi();
  const open = useApp((s) => s.pickerOpen);
  const who = useApp((s) => s.who);
  const [name, setName] = useState('');
  if (!open || !who) return null;
  const close = () => store.getState().setPicker(false);
  if (who.bootstrap) {
    const create = (e: FormEvent) => {
      e.preventDefault();
      if (name.trim()) void store.getState().createProfile(name.trim(), 'supervisor').catch(() => undefined);
    };
    return (
      <Dialog title={t('profile.who')} testId="profile-picker" onClose={close}>
        <p>{t('profile.none')}</p>
        <form className="form-row" onSubmit={create}>
          <label>
            <span>{t('profile.name')}</span>
            <input autoFocus value={name} onChange={(e) => setName(e.target.value)} maxLength={80} data-testid="first-profile-name" />
          </label>
          <button type="submit" className="primary" disabled={!name.trim()} data-testid="first-profile-create">
            {t('profile.createFirst')}
          </button>
        </form>
        <p className="muted small">{t('profile.laterHint')}</p>
        <button onClick={close} data-testid="profile-later">
          {t('profile.later')}
        </button>
      </Dialog>
    );
  }
  // The remembered profile first.
  const profiles = [...who.profiles].sort((a, b) => Number(b.id === who.profile?.id) - Number(a.id === who.profile?.id));
  return (
    <Dialog title={t('profile.who')} testId="profile-picker" onClose={who.profile ? close : undefined}>
      <p>{t('profile.pick')}</p>
      <ul className="profile-list">
        {profiles.map((p, i) => (
          <li key={p.id}>
            <button
              className={`profile-choice${p.id === who.profile?.id ? ' current' : ''}`}
              autoFocus={i === 0}
              data-testid="profile-choice"
              data-name={p.name}
              onClick={() => void store.getState().selectProfile(p.id)}
              title={t('profile.choose', { name: p.name })}
            >
              <span className="profile-name">{p.name}</span>
              <span className={`role-badge role-${p.role}`}>{t(`profileRole.${p.role}`)}</span>
              {p.id === who.profile?.id && <span className="muted small">{t('profile.last')}</span>}
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

export function ProfileBadge() {
  const { t } = useTranslation();
  const store = useStoreApi();
  const who = useApp((s) => s.who);
  if (!who) return null;
  const canManage = deniedKey(who, 'profile.manage') === null && !who.bootstrap;
  return (
    <span className="profile-badge">
      <button onClick={() => store.getState().setPicker(true)} title={t('profile.switch')} data-testid="profile-badge" data-role={who.profile?.role ?? ''}>
        {who.profile ? t('profile.current', { name: who.profile.name, role: t(`profileRole.${who.profile.role}`) }) : t('profile.nobody')}
      </button>
      {who.profile && !who.bootstrap && (
        <button onClick={() => store.getState().openDialog({ type: 'myPassword' })} data-testid="my-password-button">
          {t('accounts.self.button')}
        </button>
      )}
      {canManage && (
        <button onClick={() => store.getState().openDialog({ type: 'profiles' })} data-testid="profiles-button">
          {t('profile.manage')}
        </button>
      )}
    </span>
  );
}

function RoleSelect(props: { value: Role; onChange: (r: Role) => void; testId?: string; label: string }) {
  const { t } = useTranslation();
  return (
    <select value={props.value} onChange={(e) => props.onChange(e.target.value as Role)} aria-label={props.label} data-testid={props.testId}>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`profileRole.${r}`)}
        </option>
      ))}
    </select>
  );
}

export function ProfilesManager() {
  const { t } = useTranslation();
  const store = useStoreApi();
  const who = useApp((s) => s.who);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [names, setNames] = useState<Record<string, string>>({});
  // Passwords (issue 13 §2): the accounts table, the user whose password is being set, a new
  // user's optional password, and the last refusal or success to show.
  const accounts = useApp((s) => s.accounts);
  const [setting, setSetting] = useState<{ id: string; name: string } | null>(null);
  const [newPassword, setNewPassword] = useState('');
  const [refused, setRefused] = useState<FormRefusal | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => void store.getState().loadAccounts(), [store]);
  if (!who) return null;
  const close = () => store.getState().closeDialog();
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    if (newPassword) {
      void store
        .getState()
        .createUser(name.trim(), role, newPassword)
        .then((r) => {
          setRefused(r);
          if (!r) {
            setName('');
            setNewPassword('');
          }
        });
      return;
    }
    void store
      .getState()
      .createProfile(name.trim(), role)
      .then(() => setName(''))
      .catch(() => undefined);
  };
  const disable = (id: string, disabled: boolean) => void store.getState().setUserDisabled(id, disabled).then(setRefused);
  const rename = (id: string, old: string) => {
    const next = (names[id] ?? old).trim();
    if (next && next !== old) void store.getState().updateProfile(id, { name: next });
  };
  return (
    <Dialog title={t('profile.managerTitle')} testId="profiles-manager" wide onClose={close}>
      <table className="grid">
        <thead>
          <tr>
            <th>{t('profile.name')}</th>
            <th>{t('profile.role')}</th>
            <th>{t('accounts.users.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {who.profiles.map((p) => (
            <tr key={p.id} data-testid="profile-row" data-name={p.name}>
              <td>
                <input
                  aria-label={t('profile.name')}
                  value={names[p.id] ?? p.name}
                  onChange={(e) => setNames({ ...names, [p.id]: e.target.value })}
                  onBlur={() => rename(p.id, p.name)}
                  onKeyDown={(e) => e.key === 'Enter' && rename(p.id, p.name)}
                />
                {p.id === who.profile?.id && <span className="muted small"> ({t('profile.you')})</span>}
              </td>
              <td>
                <RoleSelect label={t('profile.role')} value={p.role} onChange={(r) => void store.getState().updateProfile(p.id, { role: r })} />
              </td>
              <td data-testid="profile-password" data-state={accounts?.find((a) => a.id === p.id)?.disabled ? 'disabled' : accounts?.find((a) => a.id === p.id)?.hasPassword ? 'set' : 'none'}>
                {(() => {
                  const a = accounts?.find((x) => x.id === p.id);
                  if (!a) return null;
                  return a.disabled ? t('accounts.users.disabled') : t(a.hasPassword ? 'accounts.users.has' : 'accounts.users.none');
                })()}
              </td>
              <td className="row-actions">
                {p.id !== who.profile?.id && (
                  <>
                    <button onClick={() => (setNotice(null), setSetting({ id: p.id, name: p.name }))} data-testid="profile-set-password">
                      {t('accounts.users.setPassword')}
                    </button>
                    <button onClick={() => disable(p.id, !accounts?.find((a) => a.id === p.id)?.disabled)} data-testid="profile-disable">
                      {t(accounts?.find((a) => a.id === p.id)?.disabled ? 'accounts.users.enable' : 'accounts.users.disable')}
                    </button>
                  </>
                )}
                <button
                  onClick={() => window.confirm(t('profile.removeConfirm', { name: p.name })) && void store.getState().removeProfile(p.id)}
                  data-testid="profile-remove"
                >
                  {t('profile.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="form-row" onSubmit={add}>
        <input placeholder={t('profile.newName')} aria-label={t('profile.newName')} value={name} onChange={(e) => setName(e.target.value)} maxLength={80} data-testid="new-profile-name" />
        <RoleSelect label={t('profile.role')} value={role} onChange={setRole} testId="new-profile-role" />
        <input
          type="password"
          autoComplete="new-password"
          placeholder={t('accounts.users.newPassword')}
          aria-label={t('accounts.users.newPassword')}
          value={newPassword}
          maxLength={256}
          onChange={(e) => setNewPassword(e.target.value)}
          data-testid="new-profile-password"
        />
        <button type="submit" disabled={!name.trim()} data-testid="new-profile-add">
          {t('profile.add')}
        </button>
      </form>
      {setting && (
        <SetUserPassword
          key={setting.id}
          id={setting.id}
          name={setting.name}
          onDone={() => {
            setSetting(null);
            void store.getState().loadAccounts();
          }}
          onSet={() => setNotice(t('accounts.users.done', { name: setting.name }))}
        />
      )}
      {notice && (
        <p role="status" data-testid="profiles-notice">
          {notice}
        </p>
      )}
      {refused && (
        <p className="login-error" role="alert" data-testid="profiles-error">
          {localizeHostMessage(t, refused.message, refused)}
        </p>
      )}
    </Dialog>
  );
}
