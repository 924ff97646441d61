// Review on PostgreSQL, part one: the profiles (who may do what), their accounts (password hash,
// disabled) and the archive's settings — the SQLite archive's people.ts and accounts.ts, same
// rules: the first profile is a supervisor, the last supervisor stays (and stays enabled), names
// are unique ignoring case, every change goes to the revision log (never a password hash).
// Profile writers take one table lock (SHARE ROW EXCLUSIVE: readers go on, writers queue), so two
// processes cannot both create "the first profile" or both demote one of the last two supervisors.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { profileSchema, type Profile, type Role } from '../../../shared/roles.ts';
import { PASSWORD_HASH } from '../accounts.ts';
import type { Account, Actor, Credentials } from '../archive-api.ts';
import { checkActor, fail, parseOr } from '../context.ts';
import type { PgContext, PgQuery } from './context.ts';
import { logRevision } from './revisions.ts';

const SETTING_KEY = z.string().min(1).max(200);
const PROFILE_ID = z.string().min(1).max(100);

interface ProfileRow {
  id: string;
  name: string;
  role: Role;
  password_hash: string | null;
  disabled: boolean;
}

const COLUMNS = 'id, name, role, password_hash, disabled';
const toProfile = (r: ProfileRow): Profile => ({ id: r.id, name: r.name, role: r.role });
const toAccount = (r: ProfileRow): Account => ({ id: r.id, name: r.name, role: r.role, hasPassword: r.password_hash !== null, disabled: r.disabled });

/** SQLite's NOCASE order: ASCII letters folded, then code point order. */
const nocase = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const byNameNocase = (a: { name: string }, b: { name: string }): number => {
  const x = [...nocase(a.name)].map((c) => c.codePointAt(0)!);
  const y = [...nocase(b.name)].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
};

const lockProfiles = (q: PgQuery) => q.run('profiles.lock', 'LOCK TABLE profiles IN SHARE ROW EXCLUSIVE MODE');
const row = (q: PgQuery, id: string) => q.one<ProfileRow>('profiles.get', `SELECT ${COLUMNS} FROM profiles WHERE id = $1`, [id]);
const supervisors = async (q: PgQuery) =>
  (await q.one<{ n: number }>('profiles.supervisors', `SELECT count(*)::int AS n FROM profiles WHERE role = 'supervisor'`))!.n;
/** Names are unique ignoring case (the unique index is on lower(name)). */
const nameTaken = async (q: PgQuery, name: string, except: string | null) =>
  (await q.one<{ id: string }>('profiles.byNameExcept', 'SELECT id FROM profiles WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2', [name, except])) !==
  undefined;

const allRows = (q: PgQuery) => q.all<ProfileRow>('profiles.list', `SELECT ${COLUMNS} FROM profiles`);

export async function listProfiles(ctx: PgContext): Promise<Profile[]> {
  return (await ctx.read(allRows)).sort(byNameNocase).map(toProfile);
}

export async function getProfile(ctx: PgContext, id: string): Promise<Profile | null> {
  const r = await ctx.read((q) => row(q, String(id)));
  return r ? toProfile(r) : null;
}

/** By name, ignoring case. */
export async function findProfile(ctx: PgContext, name: string): Promise<Profile | null> {
  const r = await ctx.read((q) => q.one<ProfileRow>('profiles.byName', `SELECT ${COLUMNS} FROM profiles WHERE lower(name) = lower($1)`, [String(name).trim()]));
  return r ? toProfile(r) : null;
}

/** The first profile of an archive becomes a supervisor whatever role was asked for. */
export function createProfile(ctx: PgContext, input: { name: string; role: Role }, actor: Actor): Promise<Profile> {
  const data = parseOr(profileSchema.pick({ name: true, role: true }), input, 'profile');
  return ctx.tx(async (q) => {
    await lockProfiles(q);
    if (await nameTaken(q, data.name, null)) fail('invalid-input', `a profile named ${data.name} already exists`);
    const first = (await q.one<{ n: number }>('profiles.count', 'SELECT count(*)::int AS n FROM profiles'))!.n === 0;
    // Bootstrap: the archive's first profile is its supervisor, so someone can manage the rest.
    const profile: Profile = { id: randomUUID(), name: data.name, role: first ? 'supervisor' : data.role };
    await q.run('profiles.insert', 'INSERT INTO profiles(id, name, role, created_at) VALUES ($1, $2, $3, $4)', [profile.id, profile.name, profile.role, ctx.now()]);
    const by = first ? { name: profile.name, profileId: profile.id, role: profile.role } : checkActor(actor);
    await logRevision(ctx, q, by, 'profile', 0, 'create', null, null, profile);
    return profile;
  });
}

export function updateProfile(ctx: PgContext, id: string, patch: { name?: string; role?: Role }, actor: Actor): Promise<Profile> {
  const p = parseOr(profileSchema.pick({ name: true, role: true }).partial(), patch, 'profile change');
  const who = checkActor(actor);
  return ctx.tx(async (q) => {
    await lockProfiles(q);
    const old = await row(q, String(id));
    if (!old) return fail('not-found', `profile ${id} does not exist`);
    const next: Profile = { id: old.id, name: p.name ?? old.name, role: p.role ?? old.role };
    if (await nameTaken(q, next.name, old.id)) fail('invalid-input', `a profile named ${next.name} already exists`);
    if (old.role === 'supervisor' && next.role !== 'supervisor' && (await supervisors(q)) === 1) {
      fail('invalid-input', `${old.name} is the last supervisor; make someone else a supervisor first`);
    }
    await q.run('profiles.update', 'UPDATE profiles SET name = $1, role = $2 WHERE id = $3', [next.name, next.role, old.id]);
    await logRevision(ctx, q, who, 'profile', 0, 'update', null, toProfile(old), next);
    return next;
  });
}

export function removeProfile(ctx: PgContext, id: string, actor: Actor): Promise<void> {
  const who = checkActor(actor);
  return ctx.tx(async (q) => {
    await lockProfiles(q);
    const old = await row(q, String(id));
    if (!old) return fail('not-found', `profile ${id} does not exist`);
    if (old.role === 'supervisor' && (await supervisors(q)) === 1) fail('invalid-input', `${old.name} is the last supervisor and cannot be removed`);
    await q.run('profiles.delete', 'DELETE FROM profiles WHERE id = $1', [old.id]);
    await logRevision(ctx, q, who, 'profile', 0, 'remove', null, toProfile(old), null);
  });
}

export async function getSetting(ctx: PgContext, key: string): Promise<string | null> {
  const k = parseOr(SETTING_KEY, key, 'setting');
  return (await ctx.read((q) => q.one<{ value: string }>('settings.get', 'SELECT value FROM settings WHERE key = $1', [k])))?.value ?? null;
}

/** null removes the setting. */
export async function setSetting(ctx: PgContext, key: string, value: string | null): Promise<void> {
  const k = parseOr(SETTING_KEY, key, 'setting');
  const v = parseOr(z.string().nullable(), value, 'setting value');
  await ctx.tx(async (q) => {
    if (v === null) await q.run('settings.delete', 'DELETE FROM settings WHERE key = $1', [k]);
    else await q.run('settings.put', 'INSERT INTO settings(key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [k, v]);
  });
}

// ---- accounts (issue 13 §2; the SQLite archive's accounts.ts) ----

/** What the revision log records of an account: never the hash itself. */
const logged = (r: ProfileRow) => toAccount(r);

export async function listAccounts(ctx: PgContext): Promise<Account[]> {
  return (await ctx.read(allRows)).sort(byNameNocase).map(toAccount);
}

export async function profileCredentials(ctx: PgContext, id: string): Promise<Credentials | null> {
  const r = await ctx.read((q) => row(q, parseOr(PROFILE_ID, id, 'profile id')));
  return r ? { hash: r.password_hash, disabled: r.disabled } : null;
}

/** hash null removes the password. */
export function setProfilePassword(ctx: PgContext, id: string, hash: string | null, actor: Actor): Promise<Account> {
  const h = hash === null ? null : parseOr(PASSWORD_HASH, hash, 'password hash');
  const who = checkActor(actor);
  return ctx.tx(async (q) => {
    await lockProfiles(q);
    const old = await row(q, parseOr(PROFILE_ID, id, 'profile id'));
    if (!old) return fail('not-found', `profile ${id} does not exist`);
    await q.run('accounts.setPassword', 'UPDATE profiles SET password_hash = $1 WHERE id = $2', [h, old.id]);
    const next = { ...old, password_hash: h };
    await logRevision(ctx, q, who, 'profile', 0, 'password', null, logged(old), logged(next));
    return toAccount(next);
  });
}

/** Disabling the last enabled supervisor is refused: someone must still be able to manage the archive. */
export function setProfileDisabled(ctx: PgContext, id: string, disabled: boolean, actor: Actor): Promise<Account> {
  const d = parseOr(z.boolean(), disabled, 'disabled');
  const who = checkActor(actor);
  return ctx.tx(async (q) => {
    await lockProfiles(q);
    const old = await row(q, parseOr(PROFILE_ID, id, 'profile id'));
    if (!old) return fail('not-found', `profile ${id} does not exist`);
    if (d && old.role === 'supervisor' && !old.disabled) {
      const others = (await q.one<{ n: number }>(
        'accounts.enabledSupervisors',
        `SELECT count(*)::int AS n FROM profiles WHERE role = 'supervisor' AND NOT disabled AND id <> $1`,
        [old.id],
      ))!.n;
      if (others === 0) fail('invalid-input', `${old.name} is the last enabled supervisor and cannot be disabled`);
    }
    if (old.disabled === d) return toAccount(old);
    await q.run('accounts.setDisabled', 'UPDATE profiles SET disabled = $1 WHERE id = $2', [d, old.id]);
    const next = { ...old, disabled: d };
    await logRevision(ctx, q, who, 'profile', 0, d ? 'disable' : 'enable', null, logged(old), logged(next));
    return toAccount(next);
  });
}
