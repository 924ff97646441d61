// The password checks of the service layer, one place for every host and the command line:
//   login      name + password → the profile (team server's login, the CLI's --user)
//   confirm    the acting profile's password, asked again for approve, reopen, export and user
//              management, and for session.selectProfile of a profile that has one
// Failures are AppErrors the UI words by reason (shared/i18n-accounts.ts). Wrong passwords are
// counted per account (5 a minute) and, for logins, per address (20 a minute: everyone on one
// machine shares 127.0.0.1, so one person's typos must not lock the others out as soon); past a
// limit every attempt is refused with the seconds to wait, right or wrong, so guessing gains
// nothing from the answer.
import { AppError } from '../../shared/app-error.ts';
import type { Profile } from '../../shared/roles.ts';
import type { AsyncArchive } from '../archive/async-archive.ts';
import { decoyHash, verifyPassword } from './password.ts';
import { createRateLimiter, type RateLimiter } from './rate-limit.ts';

export type AccountsArchive = Pick<AsyncArchive, 'listAccounts' | 'profileCredentials' | 'findProfile' | 'getProfile'>;

/** What a profile must show before acting: its password, or (a supervisor without one on a locked archive) nothing it can show. */
export type PasswordRule = 'password' | 'none' | 'must-set';

export interface AccountGuard {
  /** True once any profile has a password: the team server then shows its login screen. */
  active(): Promise<boolean>;
  /**
   * 'password' when the profile has one. 'must-set' for a supervisor without one once any
   * supervisor has a password (issue 13: supervisor actions on that archive then require one).
   */
  rule(profile: Profile): Promise<PasswordRule>;
  /** The profile a name and password open; refused as 'unauthorized' (wrong or unknown alike), 'forbidden' (disabled, rate-limited). */
  login(name: string, password: string, address?: string): Promise<Profile>;
  /** Checks the acting profile's password when its rule asks for one; throws otherwise. */
  confirm(profile: Profile, password: string | undefined): Promise<void>;
}

export const accountKey = (name: string) => `account:${name.trim().toLowerCase()}`;
export const addressKey = (address: string) => `address:${address}`;

export interface LoginLimits {
  account: RateLimiter;
  address: RateLimiter;
}

/** One count of failures per process: every host session and the login share it. */
const processLimits: LoginLimits = { account: createRateLimiter({ limit: 5 }), address: createRateLimiter({ limit: 20 }) };

export function createAccountGuard(archive: AccountsArchive, limits: LoginLimits = processLimits): AccountGuard {
  const limiterOf = (key: string) => (key.startsWith('address:') ? limits.address : limits.account);
  const limited = (keys: string[]) => {
    const wait = Math.max(0, ...keys.map((k) => limiterOf(k).blockedFor(k) ?? 0));
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      throw new AppError('forbidden', 'rate-limited', `too many wrong passwords; try again in ${seconds} s`, { retryAfterSeconds: seconds });
    }
  };
  const failed = (keys: string[]) => keys.forEach((k) => limiterOf(k).fail(k));
  const keysFor = (name: string, address?: string) => [accountKey(name), ...(address ? [addressKey(address)] : [])];

  const rule = async (profile: Profile): Promise<PasswordRule> => {
    const accounts = await archive.listAccounts();
    const self = accounts.find((a) => a.id === profile.id);
    if (self?.hasPassword) return 'password';
    if (profile.role === 'supervisor' && accounts.some((a) => a.role === 'supervisor' && a.hasPassword)) return 'must-set';
    return 'none';
  };

  return {
    active: async () => (await archive.listAccounts()).some((a) => a.hasPassword),
    rule,
    async login(name, password, address) {
      const keys = keysFor(name, address);
      limited(keys);
      const profile = await archive.findProfile(name);
      const credentials = profile ? await archive.profileCredentials(profile.id) : null;
      // An unknown name or a profile without a password still pays for one scrypt: no timing oracle.
      const ok = await verifyPassword(password, credentials?.hash ?? (await decoyHash()));
      if (!profile || !credentials?.hash || !ok) {
        failed(keys);
        throw new AppError('unauthorized', 'wrong-credentials', 'wrong name or password');
      }
      if (credentials.disabled) throw new AppError('forbidden', 'account-disabled', `${profile.name} is disabled`, { name: profile.name });
      limits.account.reset(accountKey(name));
      return profile;
    },
    async confirm(profile, password) {
      const credentials = await archive.profileCredentials(profile.id);
      if (credentials?.disabled) throw new AppError('forbidden', 'account-disabled', `${profile.name} is disabled`, { name: profile.name });
      const r = await rule(profile);
      if (r === 'none') return;
      if (r === 'must-set') {
        throw new AppError('forbidden', 'password-not-set', `${profile.name} must set a password first (galley users passwd ${profile.name}): supervisors on this archive use passwords`, {
          name: profile.name,
        });
      }
      if (password === undefined || password === '') {
        throw new AppError('forbidden', 'password-required', `${profile.name}'s password is required for this`, { name: profile.name });
      }
      // Asked again while logged in: counted against the account only.
      const keys = [accountKey(profile.name)];
      limited(keys);
      if (!(await verifyPassword(password, credentials!.hash!))) {
        failed(keys);
        throw new AppError('forbidden', 'wrong-password', `wrong password for ${profile.name}`, { name: profile.name });
      }
      limits.account.reset(accountKey(profile.name));
    },
  };
}
