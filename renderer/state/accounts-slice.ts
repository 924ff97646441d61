// Passwords in the app (issue 13 §2): the acting profile's own password (set, change with the old
// one, clear) and a supervisor's users table (who has a password, who is disabled; set another's
// password, disable/enable, add a user with a password). The host checks everything again from
// the session's profile; these actions answer the refusal (or null) so a form can show it beside
// its fields instead of in the window's error bar. The supervisor's own password, asked again,
// comes from the API wrapper's dialog (renderer/api/auth.ts PASSWORD_CHANNELS).
import type { AccountView } from '../../shared/contract/accounts.ts';
import type { Role } from '../../shared/roles.ts';
import { messageOf, reasonOf, type HostReason, type SliceContext } from './slice.ts';

export interface PasswordSelf {
  hasPassword: boolean;
  mustSet: boolean;
  /** A team-server login (the password cannot be cleared, and a change ends the login). */
  login: boolean;
}

/** A refusal to show in a form: the host's message and its reason for wording it. */
export type FormRefusal = HostReason & { message: string };

export interface AccountsState {
  /** The users table for a supervisor; null until loaded (or when not allowed). */
  accounts: AccountView[] | null;
  passwordSelf: PasswordSelf | null;
}

export interface AccountsActions {
  loadAccounts(): Promise<void>;
  loadPasswordSelf(): Promise<void>;
  changeOwnPassword(oldPassword: string | undefined, newPassword: string): Promise<FormRefusal | null>;
  clearOwnPassword(oldPassword: string): Promise<FormRefusal | null>;
  setUserPassword(id: string, newPassword: string): Promise<FormRefusal | null>;
  setUserDisabled(id: string, disabled: boolean): Promise<FormRefusal | null>;
  createUser(name: string, role: Role, newPassword: string): Promise<FormRefusal | null>;
}

const refusal = (e: unknown): FormRefusal => {
  const r = reasonOf(e) ?? { code: 'internal', reason: null, state: null, details: null };
  return { ...r, message: messageOf(e) };
};

export function createAccountsSlice(ctx: SliceContext): AccountsState & AccountsActions {
  const { api, set, get } = ctx;
  /** Runs a change, reloads what it touched, and answers the refusal or null. */
  const change = async (fn: () => Promise<unknown>): Promise<FormRefusal | null> => {
    try {
      await fn();
    } catch (e) {
      return refusal(e);
    }
    await Promise.all([get().loadPasswordSelf(), get().accounts ? get().loadAccounts() : Promise.resolve(), get().loadSession()]);
    return null;
  };
  return {
    accounts: null,
    passwordSelf: null,
    async loadAccounts() {
      try {
        set({ accounts: await api.invoke('accounts.list', {}) });
      } catch {
        // Not a supervisor (or the host refused): the table stays hidden.
        set({ accounts: null });
      }
    },
    async loadPasswordSelf() {
      try {
        set({ passwordSelf: await api.invoke('accounts.self', {}) });
      } catch (e) {
        ctx.fail(e);
      }
    },
    async changeOwnPassword(oldPassword, newPassword) {
      const request = { ...(oldPassword ? { oldPassword } : {}), newPassword };
      // A team login ends with its old password: nothing more is asked of the host (it would
      // answer 'login-required'); the dialog says so and the window logs in again.
      if (get().passwordSelf?.login) {
        try {
          await api.invoke('accounts.changeOwn', request);
          return null;
        } catch (e) {
          return refusal(e);
        }
      }
      return change(() => api.invoke('accounts.changeOwn', request));
    },
    clearOwnPassword: (oldPassword) => change(() => api.invoke('accounts.clearOwn', { oldPassword })),
    setUserPassword: (id, newPassword) => change(() => api.invoke('accounts.setPassword', { id, newPassword })),
    setUserDisabled: (id, disabled) => change(() => api.invoke('accounts.setDisabled', { id, disabled })),
    createUser: (name, role, newPassword) => change(() => api.invoke('accounts.create', { name, role, newPassword })),
  };
}
