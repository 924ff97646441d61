// `galley users add|list|passwd|disable`: accounts (issue 13 §2). A user is a profile with a
// password (scrypt, electron/accounts/password.ts). Writes are authenticated like every command's:
// --as/--user NAME (or GALLEY_USER) and that profile's password (GALLEY_PASSWORD or a prompt);
// managing users needs a supervisor, and that supervisor's password is asked for on every run.
import { z } from 'zod';
import { assertAllowed, ROLES, roleSchema, type Profile } from '../../../shared/roles.ts';
import { profileNameSchema } from '../../../shared/contract/profiles.ts';
import { createAccountGuard } from '../../accounts/guard.ts';
import { hashPassword, newPasswordSchema, MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH } from '../../accounts/password.ts';
import type { AsyncArchive } from '../../archive/async-archive.ts';
import { defaultArchiveTarget } from '../../archive/default-path.ts';
import { tokenize, validate } from '../args.ts';
import { UsageError, type CliIO } from '../cli-io.ts';
import { newPassword, ownPassword, processPasswordInput, type PasswordInput } from '../password-input.ts';
import { openCliArchive, profileAs, actorOf } from '../review-cli.ts';
import { archiveOptionsHelp } from '../archive-options-help.ts';

export const summary = 'Accounts: add a user with a password, list, change a password, disable';
export const usage =
  'galley users list [--json] | users add NAME --role ROLE | users passwd NAME | users disable NAME [--enable]  [--as NAME] [--archive PATH | --db URL]';

const HELP = `Usage:
  galley users list [--json]
  galley users add NAME --role ${ROLES.join('|')} [--as SUPERVISOR]
  galley users passwd NAME [--as NAME]
  galley users disable NAME [--enable] [--as SUPERVISOR]
  (every form takes --archive PATH; --user NAME is the same as --as NAME)

A user is a profile with a password. New passwords are read from stdin when it is not a
terminal (the first line), otherwise asked for twice without echo; ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.

Who is acting: --as NAME (or GALLEY_USER). When that profile has a password it is taken from
GALLEY_PASSWORD, or asked for on a terminal. Adding, disabling and setting someone else's
password need a supervisor. Anyone may set their own password while they have none, and change
it knowing the old one. The first user of an empty archive is its supervisor and needs no --as.
Once a supervisor has a password, supervisors without one cannot approve, reopen, export or
manage users until a supervisor gives them one.

Options:
  --role ROLE      editor (proofs pages), archivist (tags), supervisor (approves, exports, manages users)
  --as NAME        who is acting (default for passwd: NAME itself)
  --enable         with disable: enable the user again
${archiveOptionsHelp(17)}  --json           list as JSON
`;

const argsSchema = z
  .object({
    positionals: z.array(z.string()),
    flags: z.object({
      help: z.boolean().optional(),
      json: z.boolean().optional(),
      enable: z.boolean().optional(),
      role: roleSchema.optional(),
      as: z.string().min(1).optional(),
      archive: z.string().min(1).optional(),
    }),
  })
  .refine((a) => a.flags.help || ['list', 'add', 'passwd', 'disable'].includes(a.positionals[0] ?? ''), { error: 'say list, add, passwd or disable' })
  .refine((a) => a.flags.help || a.positionals[0] === 'list' || a.positionals.length === 2, { error: 'give one NAME' })
  .refine((a) => a.flags.help || a.positionals[0] !== 'add' || a.flags.role !== undefined, { error: 'add needs --role' });

/** A new password, checked before anything is written. */
async function readNew(input: PasswordInput, name: string): Promise<string> {
  const pw = await newPassword(input, name);
  const r = newPasswordSchema.safeParse(pw);
  if (!r.success) {
    const why = r.error.issues[0]?.message;
    throw new UsageError(
      why === 'too-short' ? `the password is shorter than ${MIN_PASSWORD_LENGTH} characters` : why === 'too-long' ? `the password is longer than ${MAX_PASSWORD_LENGTH} characters` : 'the password is blank',
    );
  }
  return pw;
}

/** The acting profile, its password checked when it has one (or a supervisor on a locked archive). */
async function authenticate(archive: AsyncArchive, name: string | undefined, input: PasswordInput): Promise<Profile> {
  const profile = await profileAs(archive, name);
  const credentials = await archive.profileCredentials(profile.id);
  if (credentials?.disabled) throw new UsageError(`${profile.name} is disabled`);
  const guard = createAccountGuard(archive);
  const rule = await guard.rule(profile);
  await guard.confirm(profile, rule === 'password' ? await ownPassword(input, profile.name) : undefined);
  return profile;
}

export async function run(args: string[], io: CliIO, input: PasswordInput = processPasswordInput()): Promise<number> {
  const parsed = validate(argsSchema, tokenize(args, { json: 'boolean', enable: 'boolean', role: 'string', as: 'string', archive: 'string' }, usage), usage);
  const f = parsed.flags;
  if (f.help) {
    io.stdout(HELP);
    return 0;
  }
  const [verb, rawName] = parsed.positionals as [string, string | undefined];
  const as = f.as ?? process.env.GALLEY_USER;
  const path = f.archive ?? defaultArchiveTarget();
  // The first user may be added to an archive that does not exist yet (a new team server).
  const archive = await openCliArchive(path, io, { create: verb === 'add' });
  try {
    if (verb === 'list') {
      const accounts = await archive.listAccounts();
      if (f.json) io.stdout(JSON.stringify(accounts, null, 2) + '\n');
      else if (accounts.length === 0) io.stdout('No users yet (galley users add NAME --role supervisor creates the first).\n');
      else for (const a of accounts) io.stdout(`${a.name}\t${a.role}\t${a.hasPassword ? 'password' : 'no password'}${a.disabled ? '\tdisabled' : ''}\n`);
      return 0;
    }
    const nameCheck = profileNameSchema.safeParse(rawName);
    if (!nameCheck.success) throw new UsageError(`bad NAME: ${nameCheck.error.issues[0]?.message ?? 'invalid'}`);
    const name = nameCheck.data;

    if (verb === 'add') {
      const first = (await archive.listProfiles()).length === 0;
      const actor = first ? null : await authenticate(archive, as, input);
      if (actor) assertAllowed(actor, 'profile.manage');
      if (await archive.findProfile(name)) throw new UsageError(`a profile named ${name} already exists (galley users passwd ${name} gives it a password)`);
      const hash = await hashPassword(await readNew(input, name));
      const p = await archive.createProfile({ name, role: f.role! }, actor ? actorOf(actor) : { name });
      await archive.setProfilePassword(p.id, hash, actor ? actorOf(actor) : actorOf(p));
      io.stdout(`Added ${p.name} (${p.role})${first && f.role !== 'supervisor' ? ' — the first user of an archive is its supervisor' : ''}\n`);
      return 0;
    }

    const target = await archive.findProfile(name);
    if (!target) throw new UsageError(`no user named ${name}`);
    if (verb === 'passwd') {
      const guard = createAccountGuard(archive);
      const actingName = as ?? target.name;
      const self = actingName.trim().toLowerCase() === target.name.toLowerCase();
      let actor: Profile;
      if (self && (await guard.rule(target)) === 'none') {
        // Claiming one's own profile that has no password yet: the state --as already allowed.
        actor = target;
      } else {
        actor = await authenticate(archive, actingName, input);
        if (actor.id !== target.id) assertAllowed(actor, 'profile.manage');
      }
      const hash = await hashPassword(await readNew(input, target.name));
      await archive.setProfilePassword(target.id, hash, actorOf(actor));
      io.stdout(`Password of ${target.name} changed.\n`);
      return 0;
    }

    // disable
    const actor = await authenticate(archive, as, input);
    assertAllowed(actor, 'profile.manage');
    const account = await archive.setProfileDisabled(target.id, !f.enable, actorOf(actor));
    io.stdout(`${account.name} is ${account.disabled ? 'disabled' : 'enabled'}.\n`);
    return 0;
  } finally {
    await archive.close();
  }
}
