// The `galley` entry: help, version, dispatch, and one-line errors for every bad input.
import { afterAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { closeSync, ftruncateSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { captureIO } from '../../electron/cli/cli-io.ts';
import { COMMANDS, main, version } from '../../electron/cli/main.ts';
import { MAX_PAGE_FILE_BYTES } from '../../electron/node/read-page-file.ts';
import { BINARY_SAMPLES, makeTempDir, SIMPLIFIED } from '../node/fixtures.ts';

const tmp = makeTempDir('cli');
afterAll(() => tmp.cleanup());

async function galley(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO();
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** Exit 1, nothing on stdout, exactly one stderr line "galley: ...", no stack frame. */
function expectOneLineError(result: { code: number; out: string; err: string }, message: RegExp): void {
  expect(result.code).toBe(1);
  expect(result.out).toBe('');
  expect(result.err).toMatch(/^galley: [^\n]+\n$/);
  expect(result.err).not.toMatch(/\bat \S+ \(|\bat file:|node:internal/);
  expect(result.err).toMatch(message);
}

describe('help and version', () => {
  it('--help, -h and help list the commands, exit 0', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const r = await galley(flag);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^Usage: galley COMMAND/);
      expect(r.out).toMatch(/\n {2}segment +Segment one page file/);
      expect(r.out).toMatch(/\n {2}eval +/);
    }
  });

  it('no arguments prints the help on stderr and exits 1', async () => {
    const r = await galley();
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^Usage: galley COMMAND/);
  });

  it('--version prints the package version', async () => {
    const r = await galley('--version');
    expect(r).toEqual({ code: 0, out: `galley ${version()}\n`, err: '' });
    expect(version()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('help segment and segment --help print the segment usage', async () => {
    for (const argv of [['help', 'segment'], ['segment', '--help']]) {
      const r = await galley(...argv);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^Usage: galley segment FILE \[--json\]/);
    }
  });
});

describe('dispatch', () => {
  it('registers eval next to segment, both lazily loaded', () => {
    expect(Object.keys(COMMANDS)).toEqual(expect.arrayContaining(['segment', 'eval']));
  });

  it('unknown command and unknown top-level option', async () => {
    expectOneLineError(await galley('frobnicate'), /^galley: unknown command 'frobnicate' \(commands: segment, eval/);
    expectOneLineError(await galley('--frob'), /^galley: unknown option --frob/);
  });

  it('a command whose module fails to load is reported in one line, others keep working', async () => {
    const io = captureIO();
    const broken = {
      ...COMMANDS,
      eval: { summary: 'x', load: () => Promise.reject(new Error('Cannot find module eval.ts\n    at somewhere (file.js:1:1)')) },
    };
    expect(await main(['eval'], io, broken)).toBe(1);
    expect(io.err()).toBe('galley: the eval command is unavailable: Cannot find module eval.ts at somewhere (file.js:1:1)\n');
    expect(await main(['segment', '--help'], captureIO(), broken)).toBe(0);
  });

  it('an unexpected exception inside a command becomes one line', async () => {
    const io = captureIO();
    const throwing = {
      boom: { summary: 'x', load: async () => ({ run: () => Promise.reject(new TypeError('bad thing\nsecond line')) }) },
    };
    expect(await main(['boom'], io, throwing)).toBe(1);
    expect(io.err()).toBe('galley: bad thing second line\n');
  });
});

describe('galley segment: bad arguments', () => {
  it('missing FILE', async () => {
    expectOneLineError(await galley('segment'), /^galley: missing FILE \(usage: galley segment FILE/);
  });
  it('unknown flag', async () => {
    expectOneLineError(await galley('segment', 'p.txt', '--xml'), /^galley: unknown option --xml \(usage: galley segment/);
  });
  it('two files', async () => {
    expectOneLineError(await galley('segment', 'a.txt', 'b.txt'), /^galley: expected one FILE/);
  });
  it('bad --page', async () => {
    expectOneLineError(await galley('segment', 'a.txt', '--page', 'two'), /^galley: --page: must be a whole number/);
  });
});

describe('galley segment: bad files', () => {
  const file = (name: string, data: Uint8Array | string): string => {
    const path = tmp.path(name);
    writeFileSync(path, data);
    return path;
  };

  it('missing file', async () => {
    const path = tmp.path('nope.txt');
    expectOneLineError(await galley('segment', path), new RegExp(`^galley: ${escape(path)}: no such file\\n$`));
  });

  it('a directory', async () => {
    const path = tmp.path('dir.txt');
    mkdirSync(path);
    expectOneLineError(await galley('segment', path, '--json'), /: is a directory, not a page file\n$/);
  });

  it('empty and whitespace-only files', async () => {
    expectOneLineError(await galley('segment', file('empty.txt', '')), /empty\.txt: file is empty \(0 bytes\)\n$/);
    expectOneLineError(await galley('segment', file('blank.txt', '\n \r\n\u3000\n')), /blank\.txt: contains only whitespace\n$/);
  });

  for (const kind of ['png', 'pdf', 'zip', 'docx'] as const) {
    it(`${kind} bytes`, async () => {
      const sample = BINARY_SAMPLES[kind];
      if (!sample) throw new Error(`no sample ${kind}`);
      const r = await galley('segment', file(`page.${kind}.txt`, sample.bytes), '--json');
      expectOneLineError(r, sample.what);
      expect(r.err).toMatch(/, not a text page\n$/);
    });
  }

  it('undecodable bytes', async () => {
    const data = Buffer.concat([iconv.encode('第一版\n', 'gb18030'), Buffer.from([0xff, 0xfe, 0xff, 0x80, 0x0a])]);
    expectOneLineError(await galley('segment', file('mojibake.txt', data)), /mojibake\.txt: is not valid UTF-8, UTF-16, GB18030 or Big5 text\n$/);
  });

  it('a file over 20 MiB', async () => {
    const path = tmp.path('huge.txt');
    const fd = openSync(path, 'w');
    ftruncateSync(fd, MAX_PAGE_FILE_BYTES + 1024 * 1024); // sparse
    closeSync(fd);
    expectOneLineError(await galley('segment', path), /huge\.txt: is 21 MiB, over the 20 MiB limit for page files\n$/);
  });

  // The first test here that segments: the command loads the engine and the model's weights on
  // first use (issue 15), which vitest transforms first; over 20 s on the loaded 2-core machine.
  it('a good file still works after all that (sanity)', { timeout: 120_000 }, async () => {
    const r = await galley('segment', file('ok.txt', iconv.encode(SIMPLIFIED, 'gb18030')), '--json');
    expect(r.err).toBe('encoding: GB18030\n');
    expect(r.code).toBe(0);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
