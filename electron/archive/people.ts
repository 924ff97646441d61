// Review, part one: the local profiles (who may do what) and the archive's settings.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { profileSchema, type Profile, type Role } from '../../shared/roles.ts';
import type { Actor } from './archive-api.ts';
import { fail, parseOr, type ArchiveContext } from './context.ts';
import { logRevision } from './revisions.ts';

const SETTING_KEY = z.string().min(1).max(200);

interface ProfileRow {
  id: string;
  name: string;
  role: Role;
}

const toProfile = (r: ProfileRow): Profile => ({ id: r.id, name: r.name, role: r.role });
const profileRow = (ctx: ArchiveContext, id: string) =>
  ctx.db.stmt('profiles.get', 'SELECT id, name, role FROM profiles WHERE id = ?').get<ProfileRow>(id);
const supervisors = (ctx: ArchiveContext) =>
  ctx.db.stmt('profiles.supervisors', `SELECT count(*) AS n FROM profiles WHERE role = 'supervisor'`).get<{ n: number }>()!.n;
const nameTaken = (ctx: ArchiveContext, name: string, except: string | null) =>
  ctx.db.stmt('profiles.byNameExcept', 'SELECT id FROM profiles WHERE name = ? COLLATE NOCASE AND id IS NOT ?').get<{ id: string }>(name, except) !==
  undefined;

export function listProfiles(ctx: ArchiveContext): Profile[] {
  return ctx.db.stmt('profiles.list', 'SELECT id, name, role FROM profiles ORDER BY name COLLATE NOCASE').all<ProfileRow>().map(toProfile);
}

export function getProfile(ctx: ArchiveContext, id: string): Profile | null {
  const r = profileRow(ctx, id);
  return r ? toProfile(r) : null;
}

/** By name, ignoring case. */
export function findProfile(ctx: ArchiveContext, name: string): Profile | null {
  const r = ctx.db.stmt('profiles.byName', 'SELECT id, name, role FROM profiles WHERE name = ? COLLATE NOCASE').get<ProfileRow>(name.trim());
  return r ? toProfile(r) : null;
}

/** The first profile of an archive becomes a supervisor whatever role was asked for. */
export function createProfile(ctx: ArchiveContext, input: { name: string; role: Role }, actor: Actor): Profile {
  const data = parseOr(profileSchema.pick({ name: true, role: true }), input, 'profile');
  return ctx.db.tx(() => {
    if (nameTaken(ctx, data.name, null)) fail('invalid-input', `a profile named ${data.name} already exists`);
    const first = ctx.db.stmt('profiles.count', 'SELECT count(*) AS n FROM profiles').get<{ n: number }>()!.n === 0;
    // Bootstrap: the archive's first profile is its supervisor, so someone can manage the rest.
    const profile: Profile = { id: randomUUID(), name: data.name, role: first ? 'supervisor' : data.role };
    ctx.db.stmt('profiles.insert', 'INSERT INTO profiles(id, name, role, created_at) VALUES (?, ?, ?, ?)').run(profile.id, profile.name, profile.role, ctx.now());
    logRevision(ctx, first ? { name: profile.name, profileId: profile.id, role: profile.role } : actor, 'profile', 0, 'create', null, null, profile);
    return profile;
  });
}

export function updateProfile(ctx: ArchiveContext, id: string, patch: { name?: string; role?: Role }, actor: Actor): Profile {
  const p = parseOr(profileSchema.pick({ name: true, role: true }).partial(), patch, 'profile change');
  return ctx.db.tx(() => {
    const old = profileRow(ctx, id);
    if (!old) return fail('not-found', `profile ${id} does not exist`);
    const next: Profile = { id, name: p.name ?? old.name, role: p.role ?? old.role };
    if (nameTaken(ctx, next.name, id)) fail('invalid-input', `a profile named ${next.name} already exists`);
    if (old.role === 'supervisor' && next.role !== 'supervisor' && supervisors(ctx) === 1) {
      fail('invalid-input', `${old.name} is the last supervisor; make someone else a supervisor first`);
    }
    ctx.db.stmt('profiles.update', 'UPDATE profiles SET name = ?, role = ? WHERE id = ?').run(next.name, next.role, id);
    logRevision(ctx, actor, 'profile', 0, 'update', null, toProfile(old), next);
    return next;
  });
}

export function removeProfile(ctx: ArchiveContext, id: string, actor: Actor): void {
  ctx.db.tx(() => {
    const old = profileRow(ctx, id);
    if (!old) return fail('not-found', `profile ${id} does not exist`);
    if (old.role === 'supervisor' && supervisors(ctx) === 1) fail('invalid-input', `${old.name} is the last supervisor and cannot be removed`);
    ctx.db.stmt('profiles.delete', 'DELETE FROM profiles WHERE id = ?').run(id);
    logRevision(ctx, actor, 'profile', 0, 'remove', null, toProfile(old), null);
  });
}

export function getSetting(ctx: ArchiveContext, key: string): string | null {
  return ctx.db.stmt('settings.get', 'SELECT value FROM settings WHERE key = ?').get<{ value: string }>(parseOr(SETTING_KEY, key, 'setting'))?.value ?? null;
}

/** null removes the setting. */
export function setSetting(ctx: ArchiveContext, key: string, value: string | null): void {
  const k = parseOr(SETTING_KEY, key, 'setting');
  ctx.db.tx(() => {
    if (value === null) ctx.db.stmt('settings.delete', 'DELETE FROM settings WHERE key = ?').run(k);
    else ctx.db.stmt('settings.put', 'INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(k, value);
  });
}
