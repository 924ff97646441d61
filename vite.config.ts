// Builds the renderer (React + Monaco, bundled locally with its worker) into dist/renderer.
// Lean loading (issue 15): the page view with Monaco and the dialogs are chunks of their own
// (renderer/lazy-panels.tsx), so the entry does not wait for Monaco; every text asset is also written
// Brotli- and gzip-compressed next to itself, which the browser host serves when the browser
// accepts it (electron/host/static-files.ts).
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('./renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));
const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|ttf|map)$/;

/** Writes NAME.br and NAME.gz beside every text asset worth compressing (≥ 1 KiB). */
function precompress(): Plugin {
  const br = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: 'galley-precompress',
    apply: 'build',
    async closeBundle() {
      const walk = async (dir: string): Promise<string[]> =>
        (await readdir(dir, { withFileTypes: true })).flatMap((d) => (d.isDirectory() ? [] : [join(dir, d.name)]));
      const files = [...(await walk(outDir)), ...(await walk(join(outDir, 'assets')))].filter((f) => COMPRESSIBLE.test(f));
      await Promise.all(
        files.map(async (file) => {
          const body = await readFile(file);
          if (body.length < 1024) return;
          await writeFile(`${file}.br`, await br(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
          await writeFile(`${file}.gz`, await gz(body, { level: 9 }));
        }),
      );
    },
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 6000,
    sourcemap: false,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
});
