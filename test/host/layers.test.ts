// VS Code-style layering: shared/ (common) <- electron/ (node/main) and renderer/ (browser).
// shared imports neither; the renderer never imports electron/; electron never imports renderer/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.(ts|tsx|mts|cts)$/.test(name)) out.push(p);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  const re = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) specs.push((m[1] ?? m[2] ?? m[3])!);
  return specs;
}

const FORBIDDEN: Record<string, { layers: string[]; packages: RegExp | null }> = {
  shared: { layers: ['electron', 'renderer'], packages: /^(electron|node:|react|monaco-editor|better-sqlite3)/ },
  renderer: { layers: ['electron'], packages: /^(electron$|node:|better-sqlite3)/ },
  electron: { layers: ['renderer'], packages: /^(react|react-dom|monaco-editor|zustand)/ },
};

function violations(): string[] {
  const found: string[] = [];
  for (const [layer, rule] of Object.entries(FORBIDDEN)) {
    for (const file of sources(join(ROOT, layer))) {
      for (const spec of imports(file)) {
        if (spec.startsWith('.')) {
          const target = relative(ROOT, resolve(dirname(file), spec)).split(sep)[0]!;
          if (rule.layers.includes(target)) found.push(`${relative(ROOT, file)} imports ${spec} (${layer} -> ${target})`);
        } else if (rule.packages?.test(spec)) {
          found.push(`${relative(ROOT, file)} imports ${spec} (not allowed in ${layer}/)`);
        }
      }
    }
  }
  return found;
}

describe('layers', () => {
  it('finds imports in every form', () => {
    const f = join(ROOT, 'test/host/layers.test.ts');
    expect(imports(f)).toContain('node:fs');
  });

  it('has no import across layers', () => {
    expect(violations()).toEqual([]);
  });
});
