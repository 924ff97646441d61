import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tokenize, validate } from '../../electron/cli/args.ts';
import { UsageError } from '../../electron/cli/cli-io.ts';
import { pageNumberFromFileName } from '../../electron/cli/commands/segment.ts';

const usage = 'galley x FILE';

describe('tokenize', () => {
  const spec = { json: 'boolean', dir: 'string' } as const;

  it('splits flags and positionals', () => {
    expect(tokenize(['a', '--json', '--dir', 'd', 'b'], spec, usage)).toEqual({ positionals: ['a', 'b'], flags: { json: true, dir: 'd' } });
    expect(tokenize(['--dir=d', '--', '--json'], spec, usage)).toEqual({ positionals: ['--json'], flags: { dir: 'd' } });
    expect(tokenize(['-h'], spec, usage).flags).toEqual({ help: true });
  });

  it('rejects unknown options and missing values with a usage line', () => {
    expect(() => tokenize(['--nope'], spec, usage)).toThrow(new UsageError('unknown option --nope (usage: galley x FILE)'));
    expect(() => tokenize(['-x'], spec, usage)).toThrow(/unknown option -x/);
    expect(() => tokenize(['--dir'], spec, usage)).toThrow(/option --dir needs a value/);
    expect(() => tokenize(['--json=yes'], spec, usage)).toThrow(/option --json takes no value/);
  });
});

describe('validate', () => {
  const schema = z
    .object({ positionals: z.array(z.string()), flags: z.object({ n: z.coerce.number().int().optional() }) })
    .refine((a) => a.positionals.length > 0, { error: 'missing FILE' });

  it('names the flag in flag errors and keeps refinement messages as they are', () => {
    expect(() => validate(schema, { positionals: ['f'], flags: { n: 'x' } }, usage)).toThrow(/^--n: /);
    expect(() => validate(schema, { positionals: [], flags: {} }, usage)).toThrow(new UsageError('missing FILE (usage: galley x FILE)'));
  });
});

describe('pageNumberFromFileName', () => {
  it.each([
    ['p01.txt', 1],
    ['pages/2021-10-29/p12.txt', 12],
    ['hengyang-daily-2021-10-29-p1.txt', 1],
    ['page-3.txt', 3],
    ['第3版.txt', 3],
    ['07.txt', 7],
    ['2021-10-29.txt', null],
    ['notes.txt', null],
    ['p0.txt', null],
  ])('%s -> %s', (name, page) => {
    expect(pageNumberFromFileName(name)).toBe(page);
  });
});
