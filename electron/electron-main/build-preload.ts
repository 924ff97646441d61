// Bundles the preload into one CommonJS file: a sandboxed preload can require only 'electron'.
import { join } from 'node:path';
import { ROOT } from '../host/build-renderer.ts';

export const PRELOAD_OUT = join(ROOT, 'dist', 'electron', 'preload.cjs');

export async function buildPreload(): Promise<string> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: join(ROOT, 'dist', 'electron'),
      emptyOutDir: false,
      minify: false,
      target: 'node20',
      ssr: true,
      lib: { entry: join(ROOT, 'electron', 'electron-main', 'preload.ts'), formats: ['cjs'], fileName: () => 'preload.cjs' },
      rollupOptions: { external: ['electron'] },
    },
    ssr: { noExternal: true },
  });
  return PRELOAD_OUT;
}
