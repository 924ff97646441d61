// What `galley segment PAGE` loads from the compiled build (issue 15: ≤ 3× `node -e 0`): the
// command and the page reader load no schema library, no legacy-encoding codecs and no XML
// readers for a text page; the engine, loaded when the page is segmented, carries no zod and not
// the model's weights, which are read from resources/model/ at run time and checked as before.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildNode } from '../../scripts/build.mjs';
import { NODE_OUT } from '../../scripts/build-state.mjs';
import { defaultModel } from '../../core/engine/model/default-model.ts';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { checkBinary, readHeader } from '../../core/engine/model/binary-file.ts';
import { segmentPage as sourceSegment } from '../../core/engine/index.ts';
import committed from '../../resources/model/line-roles-v1.json' with { type: 'json' };

const PAGES = join(NODE_OUT, '..', '..', 'resources', 'pages');

const read = (file: string): string => readFileSync(join(NODE_OUT, file), 'utf8');
const staticImports = (code: string): string[] => [...code.matchAll(/(?:^|\n)\s*(?:import|export)\s*(?:[^'"]*?\s+from\s*)?"\.\/(chunk-[\w-]+\.js)"/g)].map((m) => m[1]!);
const dynamicImports = (code: string): string[] => [...code.matchAll(/import\("\.\/(chunk-[\w-]+\.js)"\)/g)].map((m) => m[1]!);

/** Every file a module pulls in before its first line runs (static imports, transitively). */
function closure(file: string): Map<string, string> {
  const seen = new Map<string, string>();
  const queue = [file];
  while (queue.length) {
    const f = queue.pop()!;
    if (seen.has(f)) continue;
    const code = read(f);
    seen.set(f, code);
    queue.push(...staticImports(code));
  }
  return seen;
}

/** The engine's entry (core/engine/index.ts) among what the segment command imports on demand. */
const engineOf = (chunk: string): string | undefined => dynamicImports(read(chunk)).find((f) => /export\s*\{[^}]*\bsegmentPage\b/.test(read(f)));

/** Source files bundled into these outputs, from esbuild's "// path" comments. */
const sourcesOf = (files: Map<string, string>): string[] => [...files.values()].flatMap((code) => [...code.matchAll(/^\/\/ ((?:node_modules|core|electron|shared|resources)\/\S+)$/gm)].map((m) => m[1]!));

describe('the compiled galley segment', () => {
  let segmentChunk = '';
  beforeAll(async () => {
    await buildNode();
    segmentChunk = dynamicImports(read('galley.js')).find((f) => read(f).includes('galley segment FILE [--json]')) ?? '';
  }, 180_000);

  it('reads a text page without zod, iconv-lite, chardet, the XML readers or the engine', () => {
    expect(segmentChunk).not.toBe('');
    const sources = sourcesOf(closure(segmentChunk));
    expect(sources).toContain('electron/cli/commands/segment.ts');
    expect(sources).toContain('electron/node/decode-page-bytes.ts');
    for (const heavy of [/^node_modules\/zod\//, /^node_modules\/iconv-lite\//, /^node_modules\/chardet\//, /^node_modules\/saxes\//, /^core\/engine\//, /^electron\/importer\/prepare\.ts$/]) {
      expect(sources.filter((s) => heavy.test(s)), String(heavy)).toEqual([]);
    }
  });

  it('loads the engine without zod and without the weights compiled in', () => {
    const engineChunk = engineOf(segmentChunk);
    expect(engineChunk).toBeDefined();
    const files = closure(engineChunk!);
    const sources = sourcesOf(files);
    expect(sources).toContain('core/engine/segment.ts');
    expect(sources.filter((s) => s.startsWith('node_modules/zod/'))).toEqual([]);
    expect(sources).not.toContain('resources/model/line-roles-v1.json');
    const reader = [...files.values()].find((code) => code.includes('// core/engine/model/committed-weights.ts'));
    expect(reader).toMatch(/readFileSync\(new URL\("\.\.\/\.\.\/resources\/model\/line-roles-v1\.json", import\.meta\.url\)/);
  });

  it('reads the same weights from the file as the sources import, through the same checks', async () => {
    const built = (await import(pathToFileURL(join(NODE_OUT, engineOf(segmentChunk)!)).href)) as { segmentPage?: (text: string) => { model?: { version: string } } };
    const segmentPage = built.segmentPage;
    expect(segmentPage).toBeTypeOf('function');
    const text = readFileSync(join(NODE_OUT, '..', '..', 'resources', 'pages', 'hengyang-daily-2021-10-29-p1.txt'), 'utf8');
    expect(segmentPage!(text).model?.version).toBe(defaultModel().version);
  });

  it('writes the pre-unpacked weights beside the build, made from the committed JSON, and segments with them exactly as the sources do', async () => {
    const bytes = readFileSync(join(NODE_OUT, 'line-roles-v1.bin'));
    expect(() => checkBinary(bytes)).not.toThrow();
    expect(readHeader(bytes).header.source).toBe((committed as { checksum: string }).checksum);
    const reader = [...closure(engineOf(segmentChunk)!).values()].find((code) => code.includes('// core/engine/model/committed-weights.ts'));
    expect(reader).toMatch(/readFileSync\(new URL\("\.\/line-roles-v1\.bin", import\.meta\.url\)/);
    // The compiled engine in a fresh process: its model comes from the binary (the JSON is not read), and
    // every resources page segments byte for byte as the sources segment it with the JSON.
    const script = [
      // Files the engine reads, recorded (readFileSync wrapped before the engine is imported).
      "const fs = await import('node:fs');",
      'const read = fs.default.readFileSync;',
      'const files = [];',
      'fs.default.readFileSync = (path, ...rest) => { files.push(String(path)); return read(path, ...rest); };',
      "(await import('node:module')).syncBuiltinESMExports();",
      `const e = await import(${JSON.stringify(pathToFileURL(join(NODE_OUT, engineOf(segmentChunk)!)).href)});`,
      'const out = {};',
      `for (const f of fs.readdirSync(${JSON.stringify(PAGES)}).filter((f) => f.endsWith('.txt')).sort()) out[f] = e.segmentPage(read(${JSON.stringify(PAGES)} + '/' + f, 'utf8'));`,
      'process.stdout.write(JSON.stringify({ out, files }));',
    ].join('\n');
    const { out: built, files: read } = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 64 << 20 })) as { out: Record<string, unknown>; files: string[] };
    expect(read.filter((f) => f.includes('line-roles-v1'))).toEqual([pathToFileURL(join(NODE_OUT, 'line-roles-v1.bin')).href]);
    const files = readdirSync(PAGES).filter((f) => f.endsWith('.txt')).sort();
    expect(Object.keys(built)).toEqual(files);
    for (const f of files) expect(built[f], f).toEqual(JSON.parse(JSON.stringify(sourceSegment(readFileSync(join(PAGES, f), 'utf8')))));
  }, 120_000);
});
