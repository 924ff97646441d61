// Components read the store and call its actions; only the store's slices talk to the host
// (issue 12). This scan fails when a file under renderer/components imports the API client or
// the IPC contract's client type, or calls `.invoke(` — and proves it would catch each form.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(import.meta.dirname, '../../renderer/components');

/** What a component must not do, as a reason, or null when the source is clean. */
function apiUse(source: string): string | null {
  if (/from\s+['"][^'"]*\/api\/client(\.ts)?['"]/.test(source)) return 'imports the API client';
  if (/import\s*\(\s*['"][^'"]*\/api\/client(\.ts)?['"]\s*\)/.test(source)) return 'imports the API client lazily';
  if (/\bGalleyApi\b/.test(source)) return 'names the API client type';
  if (/\buseApi\b|\bApiContext\b/.test(source)) return 'reaches for the API client through React context';
  if (/\.invoke\s*\(/.test(source)) return 'calls .invoke(';
  return null;
}

describe('no component calls the API', () => {
  const files = readdirSync(DIR).filter((f) => /\.(ts|tsx)$/.test(f));

  it('finds the components', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('%s uses store actions only', (file) => {
    expect(apiUse(readFileSync(join(DIR, file), 'utf8'))).toBeNull();
  });

  it('catches every forbidden form', () => {
    expect(apiUse("import { httpApi } from '../api/client.ts';")).toMatch(/client/);
    expect(apiUse("const m = await import('../api/client.ts');")).toMatch(/lazily/);
    expect(apiUse("function X({ api }: { api: GalleyApi }) {}")).toMatch(/type/);
    expect(apiUse('const api = useApi();')).toMatch(/context/);
    expect(apiUse("void api.invoke('search', {});")).toMatch(/invoke/);
    expect(apiUse("void store.getState().search({ query: 'x' });")).toBeNull();
  });
});
