// Review, accounts (migration 0012): a profile's password hash and whether it is disabled. The
// hash string comes ready-made from electron/accounts/password.ts (scrypt; this module never sees
// a password). Credentials are read only by the service layer to check a password; no channel
// returns them. Every change is logged to the revision log like other profile changes, with
// "has a password" in place of the hash, so the log never holds one.
import { z } from 'zod';
import type { Role } from '../../shared/roles.ts';
import type { Account, Actor, Credentials } from './archive-api.ts';
import { fail, parseOr, type ArchiveContext } from './context.ts';
import { logRevision } from './revisions.ts';

interface AccountRow {
  id: string;
  name: string;
  role: Role;
  password_hash: string | null;
  disabled: number;
}

/** The shape password.ts writes: scrypt$N$r$p$salt$hash, salt and hash in base64url. */
export const PASSWORD_HASH = z
  .string()
  .max(400)
  .regex(/^scrypt\$\d{1,8}\$\d{1,3}\$\d{1,3}\$[A-Za-z0-9_-]{16,128}\$[A-Za-z0-9_-]{32,256}$/, 'not a scrypt hash string');

const row = (ctx: ArchiveContext, id: string) =>
  ctx.db.stmt('accounts.get', 'SELECT id, name, role, password_hash, disabled FROM profiles WHERE id = ?').get<AccountRow>(id);
const toAccount = (r: AccountRow): Account => ({ id: r.id, name: r.name, role: r.role, hasPassword: r.password_hash !== null, disabled: r.disabled === 1 });
/** What the revision log records of an account: never the hash itself. */
const logged = (r: AccountRow) => ({ id: r.id, name: r.name, role: r.role, hasPassword: r.password_hash !== null, disabled: r.disabled === 1 });

export function listAccounts(ctx: ArchiveContext): Account[] {
  return ctx.db
    .stmt('accounts.list', 'SELECT id, name, role, password_hash, disabled FROM profiles ORDER BY name COLLATE NOCASE')
    .all<AccountRow>()
    .map(toAccount);
}

export function profileCredentials(ctx: ArchiveContext, id: string): Credentials | null {
  const r = row(ctx, parseOr(z.string().min(1).max(100), id, 'profile id'));
  return r ? { hash: r.password_hash, disabled: r.disabled === 1 } : null;
}

/** hash null removes the password. */
export function setProfilePassword(ctx: ArchiveContext, id: string, hash: string | null, actor: Actor): Account {
  const h = hash === null ? null : parseOr(PASSWORD_HASH, hash, 'password hash');
  return ctx.db.tx(() => {
    const old = row(ctx, id);
    if (!old) return fail('not-found', `profile ${id} does not exist`);
    ctx.db.stmt('accounts.setPassword', 'UPDATE profiles SET password_hash = ? WHERE id = ?').run(h, id);
    const next = { ...old, password_hash: h };
    logRevision(ctx, actor, 'profile', 0, 'password', null, logged(old), logged(next));
    return toAccount(next);
  });
}

/** Disabling the last enabled supervisor is refused: someone must still be able to manage the archive. */
export function setProfileDisabled(ctx: ArchiveContext, id: string, disabled: boolean, actor: Actor): Account {
  const d = parseOr(z.boolean(), disabled, 'disabled');
  return ctx.db.tx(() => {
    const old = row(ctx, id);
    if (!old) return fail('not-found', `profile ${id} does not exist`);
    if (d && old.role === 'supervisor' && old.disabled === 0) {
      const others = ctx.db
        .stmt('accounts.enabledSupervisors', `SELECT count(*) AS n FROM profiles WHERE role = 'supervisor' AND disabled = 0 AND id <> ?`)
        .get<{ n: number }>(id)!.n;
      if (others === 0) fail('invalid-input', `${old.name} is the last enabled supervisor and cannot be disabled`);
    }
    if ((old.disabled === 1) === d) return toAccount(old);
    ctx.db.stmt('accounts.setDisabled', 'UPDATE profiles SET disabled = ? WHERE id = ?').run(d ? 1 : 0, id);
    const next = { ...old, disabled: d ? 1 : 0 };
    logRevision(ctx, actor, 'profile', 0, d ? 'disable' : 'enable', null, logged(old), logged(next));
    return toAccount(next);
  });
}
