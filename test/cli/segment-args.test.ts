// galley segment checks its flags by hand (no zod at start-up, issue 15): the same messages and
// conversions the zod schema gave (z.coerce.number().int().positive(), one FILE).
import { describe, expect, it } from 'vitest';
import { parseSegmentArgs } from '../../electron/cli/commands/segment.ts';
import { UsageError } from '../../electron/cli/cli-io.ts';

const message = (args: string[]): string => {
  try {
    parseSegmentArgs(args);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('accepted');
};

describe('galley segment flags', () => {
  it('reads every flag', () => {
    expect(parseSegmentArgs(['p.txt', '--json', '--page', '3', '--profile=x.json'])).toEqual({ file: 'p.txt', help: false, json: true, text: false, page: 3, profile: 'x.json' });
    expect(parseSegmentArgs(['--text', 'p.txt'])).toMatchObject({ text: true, json: false, page: undefined, profile: undefined });
    expect(parseSegmentArgs(['--help'])).toMatchObject({ help: true, file: '' });
  });

  it('converts --page as Number() does and refuses what is not a whole number of 1 or more', () => {
    expect(parseSegmentArgs(['p.txt', '--page', ' 4 ']).page).toBe(4);
    expect(parseSegmentArgs(['p.txt', '--page', '3.0']).page).toBe(3);
    for (const bad of ['two', '2.5', 'Infinity', 'NaN']) expect(message(['p.txt', '--page', bad])).toMatch(/^--page: must be a whole number \(usage: galley segment FILE/);
    for (const low of ['0', '-2']) expect(message(['p.txt', '--page', low])).toMatch(/^--page: must be 1 or more \(usage: /);
  });

  it('wants exactly one FILE (unless --help), and names a bad flag first', () => {
    expect(message([])).toMatch(/^missing FILE \(usage: /);
    expect(message(['a.txt', 'b.txt'])).toMatch(/^expected one FILE \(usage: /);
    expect(message(['--page', 'x'])).toMatch(/^--page: must be a whole number/);
    expect(message(['a.txt', '--xml'])).toMatch(/^unknown option --xml \(usage: /);
    expect(message(['a.txt', '--profile'])).toMatch(/^option --profile needs a value/);
  });
});
