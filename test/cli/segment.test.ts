// `galley segment` end to end with the real engine, in-process and through the installed binary.
import { afterAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { captureIO } from '../../electron/cli/cli-io.ts';
import { main } from '../../electron/cli/main.ts';
import { segmentationSchema } from '../../shared/segmentation.ts';
import { makeTempDir, SIMPLIFIED, TRADITIONAL } from '../node/fixtures.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PAGES = join(ROOT, 'resources/pages');
const tmp = makeTempDir('segment');
afterAll(() => tmp.cleanup());

/** A real page when the repository has one, else the small fixture page. */
function samplePage(): { name: string; text: string } {
  const first = existsSync(PAGES) ? readdirSync(PAGES).filter((f) => f.endsWith('.txt')).sort()[0] : undefined;
  if (first) return { name: first, text: readFileSync(join(PAGES, first), 'utf8') };
  return { name: 'p01.txt', text: SIMPLIFIED };
}

async function galley(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO();
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('galley segment --json', () => {
  const page = samplePage();

  it.each([
    ['gb18030', 'GB18030'],
    ['utf8', 'UTF-8'],
    ['utf16le-bom', 'UTF-16LE'],
  ])('a %s page: schema-valid JSON on stdout, the encoding alone on stderr', async (kind, encoding) => {
    const bytes =
      kind === 'utf16le-bom' ? Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(page.text, 'utf16le')]) : iconv.encode(page.text, kind);
    const path = tmp.path(`${kind}-${page.name}`);
    writeFileSync(path, bytes);
    const r = await galley('segment', path, '--json');
    expect(r.err).toBe(`encoding: ${encoding}\n`);
    expect(r.code).toBe(0);
    expect(r.out.endsWith('}\n')).toBe(true);
    const parsed = segmentationSchema.parse(JSON.parse(r.out));
    expect(parsed.schema).toBe('galley.segmentation/1');
    // 2-space indentation, as documented.
    expect(r.out).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
    // A child process that loads the line-role weights: seconds on a loaded machine.
  }, 60_000);

  it('CRLF input gives the same segmentation as LF input (offsets are into LF text)', async () => {
    const lf = tmp.path('lf.txt');
    const crlf = tmp.path('crlf.txt');
    writeFileSync(lf, page.text.replace(/\r\n?/g, '\n'));
    writeFileSync(crlf, page.text.replace(/\r\n?/g, '\n').replace(/\n/g, '\r\n'));
    expect((await galley('segment', crlf, '--json')).out).toBe((await galley('segment', lf, '--json')).out);
  });
});

describe('galley segment (outline)', () => {
  it('reports the encoding in the header, then the masthead, then numbered items', async () => {
    const path = tmp.path('big5-page.txt');
    writeFileSync(path, iconv.encode(TRADITIONAL, 'big5'));
    const r = await galley('segment', path);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const [header] = r.out.split('\n');
    expect(header).toMatch(/^.*big5-page\.txt: Big5, \d[\d,]* bytes, \d+ lines?, \d+ items?$/);
    expect(r.out).toMatch(/\nMasthead/);
  });

  it('outline of the sample page numbers every item with its kind and line range', async () => {
    const page = samplePage();
    const path = tmp.path(page.name);
    writeFileSync(path, page.text);
    const json = segmentationSchema.parse(JSON.parse((await galley('segment', path, '--json')).out));
    const r = await galley('segment', path);
    expect(r.code).toBe(0);
    json.items.forEach((item, i) => {
      expect(r.out).toMatch(new RegExp(`\\n *${i + 1}\\. ${item.kind} {2}lines? \\d+`));
      if (item.headline) expect(r.out).toContain(item.headline);
    });
  });
});

describe('the installed binary', () => {
  it('node_modules/.bin/galley segment FILE --json runs from source with no build step', () => {
    const page = samplePage();
    const path = tmp.path(`bin-${page.name}`);
    writeFileSync(path, iconv.encode(page.text, 'gb18030'));
    const bin = join(ROOT, 'node_modules/.bin/galley');
    const result = spawnSync(bin, ['segment', path, '--json'], { cwd: tmp.dir, encoding: 'utf8', timeout: 60_000 });
    expect(result.error).toBeUndefined();
    expect(result.stderr).toBe('encoding: GB18030\n');
    expect(result.status).toBe(0);
    expect(segmentationSchema.safeParse(JSON.parse(result.stdout)).success).toBe(true);
  }, 60_000);

  it('a bad file through the binary: exit 1, one stderr line, no stack trace', () => {
    const bin = join(ROOT, 'node_modules/.bin/galley');
    const result = spawnSync(bin, ['segment', tmp.path('absent.txt')], { encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^galley: .*absent\.txt: no such file\n$/);
  });
});
