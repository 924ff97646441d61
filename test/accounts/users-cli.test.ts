// `galley users` end to end: the first user is a supervisor, passwords come from stdin (not a
// terminal) or GALLEY_PASSWORD, management needs a supervisor's password, a disabled user cannot
// act, and the archive and the output hold no clear password. The last test runs the real binary
// with the password piped on stdin.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stderrBesidesSlowQueries } from '../support/stderr.ts';
import { captureIO } from '../../electron/cli/cli-io.ts';
import { run } from '../../electron/cli/commands/users.ts';
import type { PasswordInput } from '../../electron/cli/password-input.ts';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { tempDir } from '../archive/helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** stdin holds `line`; GALLEY_PASSWORD is `env`; never a terminal. */
const input = (line: string, env?: string): PasswordInput => ({ interactive: false, prompt: () => Promise.reject(new Error('no terminal')), firstLine: async () => line, env: () => env });

async function users(args: string[], stdin: string, env?: string) {
  const io = captureIO();
  let code: number;
  try {
    code = await run(args, io, input(stdin, env));
  } catch (e) {
    io.stderr(`galley: ${(e as Error).message}\n`);
    code = 1;
  }
  return { code, out: io.out(), err: io.err() };
}

describe('galley users', () => {
  it('adds the first user as supervisor on a new archive, then users only with a supervisor password', { timeout: 60_000 }, async () => {
    const path = join(tempDir(), 'team.sqlite');
    const a = ['--archive', path];
    expect(await users(['add', 'Chen', '--role', 'editor', ...a], 'chen-secret-1')).toMatchObject({ code: 0, out: 'Added Chen (supervisor) — the first user of an archive is its supervisor\n' });
    // No password, wrong password, too short a new password: refused, nothing added.
    expect((await users(['add', 'Li', '--role', 'editor', '--as', 'Chen', ...a], 'li-secret-12')).err).toMatch(/Chen has a password: set GALLEY_PASSWORD/);
    expect((await users(['add', 'Li', '--role', 'editor', '--as', 'Chen', ...a], 'li-secret-12', 'wrong-pass')).err).toMatch(/wrong password for Chen/);
    expect((await users(['add', 'Li', '--role', 'editor', '--as', 'Chen', ...a], 'short', 'chen-secret-1')).err).toMatch(/shorter than 8/);
    expect(await users(['add', 'Li', '--role', 'editor', '--as', 'Chen', ...a], 'li-secret-12', 'chen-secret-1')).toMatchObject({ code: 0 });
    expect(await users(['add', 'Wu', '--role', 'archivist', '--as', 'Chen', ...a], 'wu-secret-12', 'chen-secret-1')).toMatchObject({ code: 0 });
    // An editor cannot manage users, even with the right password.
    expect((await users(['add', 'Zhao', '--role', 'editor', '--as', 'Li', ...a], 'zhao-secret', 'li-secret-12')).err).toMatch(/Only a supervisor can manage profiles/);
    const list = await users(['list', ...a], '');
    expect(list.out).toBe('Chen\tsupervisor\tpassword\nLi\teditor\tpassword\nWu\tarchivist\tpassword\n');

    // Li changes their own password knowing the old one; Chen resets Wu's; Chen disables Wu.
    expect(await users(['passwd', 'Li', ...a], 'li-new-secret', 'li-secret-12')).toMatchObject({ code: 0, out: 'Password of Li changed.\n' });
    expect((await users(['passwd', 'Li', ...a], 'whatever-1', 'li-secret-12')).err).toMatch(/wrong password for Li/);
    expect((await users(['passwd', 'Wu', '--as', 'Li', ...a], 'wu-by-li-1', 'li-new-secret')).err).toMatch(/Only a supervisor/);
    expect(await users(['passwd', 'Wu', '--as', 'Chen', ...a], 'wu-reset-12', 'chen-secret-1')).toMatchObject({ code: 0 });
    expect(await users(['disable', 'Wu', '--as', 'Chen', ...a], '', 'chen-secret-1')).toMatchObject({ code: 0, out: 'Wu is disabled.\n' });
    expect((await users(['passwd', 'Wu', ...a], 'wu-again-123', 'wu-reset-12')).err).toMatch(/Wu is disabled/);
    expect((await users(['disable', 'Chen', '--as', 'Chen', ...a], '', 'chen-secret-1')).err).toMatch(/last enabled supervisor/);
    expect((await users(['list', ...a], '')).out).toContain('Wu\tarchivist\tpassword\tdisabled\n');
    expect(await users(['disable', 'Wu', '--enable', '--as', 'Chen', ...a], '', 'chen-secret-1')).toMatchObject({ code: 0, out: 'Wu is enabled.\n' });

    // No clear password anywhere in the archive file (database, WAL) or in what was printed.
    const archive = openArchive(path, { logger: { warn: () => {} } });
    const dump = JSON.stringify([archive.db.raw.prepare('SELECT * FROM profiles').all(), archive.db.raw.prepare('SELECT * FROM revisions').all()]);
    archive.close();
    const bytes = readFileSync(path).toString('latin1');
    for (const secret of ['chen-secret-1', 'li-secret-12', 'li-new-secret', 'wu-secret-12', 'wu-reset-12']) {
      expect(dump).not.toContain(secret);
      expect(bytes).not.toContain(secret);
    }
  });

  it('a profile without a password may set its own; a passwordless supervisor may not once another supervisor has one', { timeout: 60_000 }, async () => {
    const path = join(tempDir(), 'team.sqlite');
    const a = ['--archive', path];
    const archive = openArchive(path, { logger: { warn: () => {} } });
    const chen = archive.createProfile({ name: 'Chen', role: 'supervisor' }, { name: 'os' });
    archive.createProfile({ name: 'Ann', role: 'supervisor' }, { name: 'Chen', profileId: chen.id, role: 'supervisor' });
    archive.close();
    expect(await users(['passwd', 'Chen', ...a], 'chen-secret-1')).toMatchObject({ code: 0 });
    const ann = await users(['passwd', 'Ann', ...a], 'ann-secret-1');
    expect(ann.code).toBe(1);
    expect(ann.err).toMatch(/Ann must set a password first/);
    expect(await users(['passwd', 'Ann', '--as', 'Chen', ...a], 'ann-secret-1', 'chen-secret-1')).toMatchObject({ code: 0 });
  });

  it('through the real binary: the password piped on stdin, the supervisor password from GALLEY_PASSWORD', { timeout: 90_000 }, () => {
    const path = join(tempDir(), 'bin.sqlite');
    const bin = join(ROOT, 'node_modules/.bin/galley');
    const env = { ...process.env, GALLEY_PASSWORD: '' };
    const first = spawnSync(bin, ['users', 'add', 'Chen', '--role', 'supervisor', '--archive', path], { input: 'chen-secret-1\n', encoding: 'utf8', env, timeout: 60_000 });
    expect(stderrBesidesSlowQueries(first.stderr)).toEqual([]);
    expect(first.stdout).toBe('Added Chen (supervisor)\n');
    const second = spawnSync(bin, ['users', 'add', 'Li', '--role', 'editor', '--user', 'Chen', '--archive', path], {
      input: 'li-secret-12\n',
      encoding: 'utf8',
      env: { ...env, GALLEY_PASSWORD: 'chen-secret-1' },
      timeout: 60_000,
    });
    expect(stderrBesidesSlowQueries(second.stderr)).toEqual([]);
    expect(second.status).toBe(0);
    const list = spawnSync(bin, ['users', 'list', '--archive', path], { encoding: 'utf8', env, timeout: 60_000 });
    expect(list.stdout).toBe('Chen\tsupervisor\tpassword\nLi\teditor\tpassword\n');
  });
});
