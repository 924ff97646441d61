// Where Electron's binary is, or null when it was never downloaded (its install script is
// disabled in package.json's allowScripts on machines like this one).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
