// Failures are told apart by their code and reason (shared/app-error.ts), never by matching their
// English message: a reworded message must not change what the UI says or which status a host
// answers. This scans the error paths of the hosts, the CLI, the contract and the renderer for a
// regular expression (or a string search) applied to a message.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AppError, appErrorSchema } from '../../shared/app-error.ts';
import { toAppError } from '../../electron/host/app-errors.ts';
import { ArchiveError } from '../../electron/archive/archive-api.ts';
import { ForbiddenError } from '../../shared/roles.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCANNED = ['electron/host', 'electron/cli', 'electron/electron-main', 'shared', 'renderer'];
/** Files allowed to match, each with the reason it is not a classification by message (none now). */
const ALLOWED = new Set<string>([]);

/** A regex or string test applied to something called message. */
const CLASSIFY = [
  /\.(test|exec|match|search)\([^)]*\bmessage\b/,
  /\bmessage\)?\.(match|search|startsWith|endsWith|includes)\(/,
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

function classifyingLines(source: string): string[] {
  return source.split('\n').filter((line) => !/^\s*(\/\/|\*)/.test(line) && CLASSIFY.some((re) => re.test(line)));
}

describe('no failure is classified by its message', () => {
  it('finds the pattern when it is there (the scan can fail)', () => {
    expect(classifyingLines("if (/revision|stale|conflict/i.test(message)) return 'conflict';")).toHaveLength(1);
    expect(classifyingLines("const m = /^Only .* can /.exec(e.message);")).toHaveLength(1);
    expect(classifyingLines('if (err.message.startsWith("Choose who")) x();')).toHaveLength(1);
    expect(classifyingLines("const key = REASON_KEYS[reason];")).toHaveLength(0);
  });

  it('has no such line in the hosts, the CLI, the contract or the renderer', () => {
    const found = SCANNED.flatMap((dir) => files(join(ROOT, dir)))
      .map((f) => relative(ROOT, f))
      .filter((f) => !ALLOWED.has(f))
      .flatMap((f) => classifyingLines(readFileSync(join(ROOT, f), 'utf8')).map((line) => `${f}: ${line.trim()}`));
    expect(found).toEqual([]);
  });

  it('turns domain errors into AppErrors by class and code, whatever their message says', () => {
    const conflict = toAppError(new ArchiveError('revision-conflict', 'not found, no such thing'));
    expect(conflict.toData()).toMatchObject({ code: 'conflict', reason: 'revision-conflict' });
    // Before, a plain Error whose text said "conflict" or "not found" changed its status.
    expect(toAppError(new Error('stale revision conflict')).toData()).toMatchObject({ code: 'internal', reason: 'unexpected' });
    expect(toAppError(new Error('page not found')).toData()).toMatchObject({ code: 'internal', reason: 'unexpected' });
    const forbidden = toAppError(new ForbiddenError('issue.approve', { id: 'p', name: 'Ed', role: 'editor' }));
    expect(forbidden.toData()).toMatchObject({ code: 'forbidden', reason: 'issue.approve', details: { role: 'editor' } });
    expect(toAppError(Object.assign(new Error('whatever'), { code: 'SQLITE_FULL' })).code).toBe('disk-full');
    const same = new AppError('conflict', 'import-busy', 'An import is already running.');
    expect(toAppError(same)).toBe(same);
    expect(appErrorSchema.parse(JSON.parse(JSON.stringify(same.toData())))).toEqual(same.toData());
  });
});
