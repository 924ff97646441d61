// Compiles the Node side (the `galley` command, `npm start`, the Electron main process and the
// import worker) into plain JavaScript under dist/node with esbuild, so nothing pays for tsx at
// run time. Run by `npm install` (prepare), `npm test`, `npm start`, and by the launchers
// whenever build.json says a source changed (see build-state.mjs): a stale build never runs.
//
//   node scripts/build.mjs          build (always)
//
// One bundle with code splitting: every entry and every lazily imported module (the CLI's
// commands/*.ts rows, the host's backend) becomes its own chunk, so a new command is picked up
// without touching this file, and `galley --version` loads only what it needs.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { BUILD_STATE, ENTRIES, NODE_OUT, ROOT, fingerprint } from './build-state.mjs';

/** Loaded from node_modules at run time: native addons, the build tools, Electron, and tsx. */
const EXTERNAL = ['electron', 'better-sqlite3', '@node-rs/jieba', '@node-rs/jieba/*', 'vite', 'esbuild', 'tsx', 'tsx/*', '@vitejs/*', 'playwright-core'];

/** Files of an older build are kept this long, so a process that started on it can still load its chunks. */
const KEEP_OLD_MS = 10 * 60_000;

/**
 * Sources keep meaning "the file I was written in" for import.meta.url (package.json,
 * resources/ and dist/renderer are found relative to it). Every output file sits directly in
 * dist/node, so the source's URL is the output's URL plus a fixed relative path.
 */
const sourceUrlPlugin = {
  name: 'galley-source-url',
  setup(b) {
    // The build scripts stay outside the bundle (the import pool asks them whether the build is current).
    b.onResolve({ filter: /\/scripts\/build(-state)?\.mjs$/ }, (args) => ({
      external: true,
      path: `./${relative(NODE_OUT, join(args.resolveDir, args.path)).split(sep).join('/')}`,
    }));
    b.onLoad({ filter: /\.(ts|mts)$/ }, async (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      if (args.path === COMMITTED_WEIGHTS) return { contents: await weightsReader(args.path), loader: 'js' };
      let contents = await readFile(args.path, 'utf8');
      if (contents.includes('import.meta.url')) {
        const rel = relative(NODE_OUT, args.path).split(sep).join('/');
        contents = contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`);
      }
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * The model's committed weights are data, not code: compiled into the engine's chunk as a 2 MB
 * object literal they cost every command that loads the engine ~55 ms of parsing, model or not.
 * committed-weights.ts (a JSON import in the sources, for Vite and the tests) becomes here a
 * module that reads the same JSON file on first use (read, decode, JSON.parse: ~45 ms CPU); loadModel
 * still checks its header and checksums. The file is found next to the build, like resources/.
 */
const COMMITTED_WEIGHTS = join(ROOT, 'core', 'engine', 'model', 'committed-weights.ts');

/** The JSON weight file committed-weights.ts imports (absolute path). */
async function weightsJson(source) {
  const spec = /import\s+\w+\s+from\s+'([^']+\.json)'/.exec(await readFile(source, 'utf8'))?.[1];
  if (!spec) throw new Error(`${relative(ROOT, source)}: expected one JSON import of the committed weights`);
  return join(dirname(source), spec);
}

/** The pre-unpacked weights (core/engine/model/binary-file.ts), written beside the build's code. */
const WEIGHTS_BINARY = 'line-roles-v1.bin';

async function weightsReader(source) {
  const rel = relative(NODE_OUT, await weightsJson(source)).split(sep).join('/');
  return [
    "import { readFileSync } from 'node:fs';",
    'let weights;',
    // TextDecoder over the bytes: ~11 ms less than readFileSync(…, 'utf8') for these 2.3 MB (Node 20).
    `export function committedWeights() { return (weights ??= JSON.parse(new TextDecoder().decode(readFileSync(new URL(${JSON.stringify(rel)}, import.meta.url))))); }`,
    // The binary the build made from that file (writeWeightsBinary); missing, the JSON serves.
    `export function committedBinary() { try { return readFileSync(new URL(${JSON.stringify(`./${WEIGHTS_BINARY}`)}, import.meta.url)); } catch { return null; } }`,
  ].join('\n');
}

/**
 * Makes the binary weight file from the committed JSON with the engine's own writer, compiled here
 * in memory (the sources are TypeScript). A JSON file that does not load fails the build, as a
 * source that does not compile does. ~0.2 s, only when the build runs.
 */
async function writeWeightsBinary(jsonPath) {
  const packer = await build({
    absWorkingDir: ROOT,
    entryPoints: [join(ROOT, 'core', 'engine', 'model', 'binary-file.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const code = Buffer.from(packer.outputFiles[0].contents).toString('base64');
  const { binaryFromFile } = await import(`data:text/javascript;base64,${code}`);
  writeAtomic(join(NODE_OUT, WEIGHTS_BINARY), binaryFromFile(JSON.parse(await readFile(jsonPath, 'utf8'))));
}

export async function buildNode() {
  const started = performance.now();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, src]) => [name, join(ROOT, src)])),
    outdir: NODE_OUT,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Pure-JS dependencies are bundled in (resolving zod's hundred modules at every start cost
    // more than the command itself); native, build-time and Electron packages stay outside.
    external: EXTERNAL,
    banner: { js: "import { createRequire as __galleyRequire } from 'node:module'; const require = __galleyRequire(import.meta.url);" },
    // Lets a module tell whether it runs compiled (e.g. which worker file to start).
    define: { __GALLEY_BUILT__: 'true' },
    sourcemap: 'linked',
    sourcesContent: false,
    keepNames: false,
    charset: 'utf8',
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'silent',
    plugins: [sourceUrlPlugin],
  });
  mkdirSync(NODE_OUT, { recursive: true });
  const entryFiles = new Set(Object.keys(ENTRIES).flatMap((name) => [`${name}.js`, `${name}.js.map`]));
  // Chunks (content-hashed) first, entries after, build.json last: a process starting in between
  // either sees the old entry with its old chunks or the new entry with its new chunks.
  const ordered = [...result.outputFiles].sort((a, b) => Number(entryFiles.has(name(a.path))) - Number(entryFiles.has(name(b.path))));
  // The weights' binary before any entry: a process starting on the new entry finds it there.
  const weights = await weightsJson(COMMITTED_WEIGHTS);
  await writeWeightsBinary(weights);
  for (const file of ordered) writeAtomic(file.path, file.contents);
  const inputs = Object.keys(result.metafile.inputs)
    .filter((path) => !path.includes('node_modules/'))
    .map((path) => join(ROOT, path));
  // The weight file is read at run time, not bundled: listed so a retrained file rebuilds its binary.
  inputs.push(join(ROOT, 'scripts', 'build.mjs'), join(ROOT, 'scripts', 'build-state.mjs'), weights);
  const state = { format: 1, builtAt: new Date().toISOString(), inputs: fingerprint(inputs) };
  writeAtomic(BUILD_STATE, JSON.stringify(state, null, 1));
  pruneOld(new Set([...result.outputFiles.map((f) => name(f.path)), WEIGHTS_BINARY]));
  return { files: result.outputFiles.length, inputs: inputs.length, ms: performance.now() - started };
}

function name(path) {
  return path.slice(path.lastIndexOf(sep) + 1);
}

function writeAtomic(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

function pruneOld(current) {
  const now = Date.now();
  for (const file of readdirSync(NODE_OUT)) {
    if (current.has(file) || file === 'build.json') continue;
    const path = join(NODE_OUT, file);
    try {
      if (now - statSync(path).mtimeMs > KEEP_OLD_MS) rmSync(path, { force: true });
    } catch {
      // Another build removed it first.
    }
  }
}

/** esbuild's failure as one line per error ("file:line: text"), never a stack trace. */
export function buildErrorText(error) {
  const errors = Array.isArray(error?.errors) ? error.errors : [];
  if (errors.length === 0) return error instanceof Error ? error.message : String(error);
  return errors
    .map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text))
    .join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const { files, inputs, ms } = await buildNode();
    console.error(`galley: compiled ${inputs} sources into ${files} files in dist/node (${Math.round(ms)} ms)`);
  } catch (error) {
    console.error(`galley: the sources do not compile:\n${buildErrorText(error)}`);
    process.exitCode = 1;
  }
}
