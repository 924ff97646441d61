// `galley learn` and `galley segment --profile` with the hand annotations in resources/.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIO } from '../../electron/cli/cli-io.ts';
import { main } from '../../electron/cli/main.ts';
import { defaultModel, parseProfile } from '../../core/engine/model/index.ts';
import { segmentationSchema } from '../../shared/segmentation.ts';
import { makeTempDir } from '../node/fixtures.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const GOLD = join(ROOT, 'resources/gold');
const PAGES = join(ROOT, 'resources/pages');
const tmp = makeTempDir('learn');
afterAll(() => tmp.cleanup());

async function galley(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO();
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const yunxi = ['p1', 'p2'].map((p) => join(GOLD, `yunxi-daily-2023-03-14-${p}.json`));

describe('galley learn', { timeout: 120_000 }, () => {
  it('learns a profile from gold files, which galley segment --profile then uses', async () => {
    const out = tmp.path('yunxi.json');
    const r = await galley('learn', '--out', out, ...yunxi);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/learned 云溪日报 profile from 2 pages over model /);
    const profile = parseProfile(JSON.parse(readFileSync(out, 'utf8')));
    expect(profile).toMatchObject({ schema: 'galley.profile/1', publication: '云溪日报', pages: 2, baseVersion: defaultModel().version });

    // Continue from it with one more page, under another name.
    const more = tmp.path('yunxi-3.json');
    const r2 = await galley('learn', '--out', more, '--from', out, '--publication', '云溪日报（试）', join(GOLD, 'yunxi-daily-2023-03-14-p4.json'));
    expect(r2.code).toBe(0);
    expect(parseProfile(JSON.parse(readFileSync(more, 'utf8')))).toMatchObject({ publication: '云溪日报（试）', pages: 3 });

    const seg = await galley('segment', join(PAGES, 'yunxi-daily-2023-03-14-p4.txt'), '--profile', out, '--json');
    expect(seg.code).toBe(0);
    const parsed = segmentationSchema.parse(JSON.parse(seg.out));
    expect(parsed.model).toEqual({ version: defaultModel().version, profile: '云溪日报' });
    expect(parsed.items.length).toBeGreaterThan(1);
    expect(parsed.items.every((i) => i.confidence !== undefined)).toBe(true);
  });

  it('a profile of one page the base model reads well waits for a trial, and galley segment says why it is not used', async () => {
    const one = tmp.path('yunxi-one.json');
    const r = await galley('learn', '--out', one, yunxi[0]!);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/the base model already scores 1\.000 on that page \(0\.8 or more\): a profile of one page is not used/);
    expect(parseProfile(JSON.parse(readFileSync(one, 'utf8'))).firstPageBaseScore).toBe(1);
    const seg = await galley('segment', join(PAGES, 'yunxi-daily-2023-03-14-p4.txt'), '--profile', one, '--json');
    expect(seg.code).toBe(0);
    expect(segmentationSchema.parse(JSON.parse(seg.out)).model).toEqual({ version: defaultModel().version, profile: null });
    expect(seg.err).toMatch(/the 云溪日报 profile is not used, the base model segments this page: it learned one page, on which the base model already scores 1\.000/);
  });

  it('finds each page through the gold text field, from the folder above the gold file', async () => {
    // A corpus laid out elsewhere: set/gold/x.json names "pages/…", found at set/pages/….
    const set = tmp.path('set');
    mkdirSync(join(set, 'gold'), { recursive: true });
    mkdirSync(join(set, 'pages'), { recursive: true });
    copyFileSync(yunxi[0]!, join(set, 'gold', 'x.json'));
    copyFileSync(join(PAGES, 'yunxi-daily-2023-03-14-p1.txt'), join(set, 'pages', 'yunxi-daily-2023-03-14-p1.txt'));
    expect((await galley('learn', '--out', tmp.path('x.json'), join(set, 'gold', 'x.json'))).code).toBe(0);
    // The same gold one folder deeper no longer finds its page, and says where it looked.
    mkdirSync(join(set, 'gold', 'deeper'), { recursive: true });
    copyFileSync(yunxi[0]!, join(set, 'gold', 'deeper', 'y.json'));
    const r = await galley('learn', '--out', tmp.path('y.json'), join(set, 'gold', 'deeper', 'y.json'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^galley: .*y\.json: its page text pages\/yunxi-daily-2023-03-14-p1\.txt is not at .*set\/gold\/pages\/yunxi-daily-2023-03-14-p1\.txt/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    [['learn', 'a.json'], /missing --out PROFILE\.json/],
    [['learn', '--out', 'p.json'], /missing GOLD\.json/],
    [['learn', '--out', 'p.json', 'page.txt'], /every GOLD file must be a \.json/],
    [['learn', '--out', 'p.json', '--publication', ' ', 'a.json'], /--publication: must not be empty/],
    [['learn', '--out', 'p.json', '--bogus', 'a.json'], /unknown option --bogus/],
    [['learn', '--out', 'p.json', 'missing.json'], /missing\.json: no such gold file/],
  ])('refuses %j with one specific line and exit 1', async (argv, message) => {
    const r = await galley(...argv);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
  });

  it('refuses damaged gold files, unwritable outputs and wrong profiles, naming the file', async () => {
    writeFileSync(tmp.path('broken.json'), '{ not json');
    writeFileSync(tmp.path('wrong.json'), JSON.stringify({ schema: 'galley.gold/1', text: 'x.txt', items: [] }));
    const cases: [string[], RegExp][] = [
      [['learn', '--out', tmp.path('o.json'), tmp.path('broken.json')], /broken\.json: not valid JSON/],
      [['learn', '--out', tmp.path('o.json'), tmp.path('wrong.json')], /wrong\.json: not a valid galley\.gold\/1 file: items: must list at least one item/],
      [['learn', '--out', tmp.path('no/such/dir/o.json'), yunxi[0]!], /o\.json: folder .* does not exist/],
      [['segment', join(PAGES, 'yunxi-daily-2023-03-14-p4.txt'), '--profile', yunxi[0]!], /yunxi-daily-2023-03-14-p1\.json: not a galley\.profile\/1 file/],
      [['segment', join(PAGES, 'yunxi-daily-2023-03-14-p4.txt'), '--profile', tmp.path('none.json')], /none\.json: no such profile file/],
    ];
    const stale = tmp.path('stale.json');
    const good = await galley('learn', '--out', stale, yunxi[0]!);
    expect(good.code).toBe(0);
    writeFileSync(stale, JSON.stringify({ ...JSON.parse(readFileSync(stale, 'utf8')), baseVersion: 'v0-old' }));
    cases.push([['segment', join(PAGES, 'yunxi-daily-2023-03-14-p4.txt'), '--profile', stale], /stale\.json: this profile of 云溪日报 was learned over model v0-old; this Galley runs /]);
    for (const [argv, message] of cases) {
      const r = await galley(...argv);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.err, argv.join(' ')).toMatch(message);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });
});
