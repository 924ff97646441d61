// Which bytes to send for a file of the built renderer: the Brotli or gzip copy that the build
// wrote beside it (vite.config.ts, precompress) when the browser accepts that encoding, else the
// file itself. Kept apart from the HTTP host's fences; it only chooses among files under the
// folder the host already checked.
import { stat } from 'node:fs/promises';

export interface StaticVariant {
  path: string;
  size: number;
  /** Content-Encoding to send, when a compressed copy was chosen. */
  encoding?: 'br' | 'gzip';
}

/** The encodings a request's Accept-Encoding allows, best first (q=0 refuses one). */
export function acceptedEncodings(header: string | string[] | undefined): ('br' | 'gzip')[] {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const allowed = new Map<string, number>();
  for (const part of text.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    allowed.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const ok = (name: string): boolean => (allowed.get(name) ?? allowed.get('*') ?? 0) > 0;
  return (['br', 'gzip'] as const).filter(ok);
}

/** The compressed copy of `file` to send for this Accept-Encoding, or the file itself. */
export async function staticVariant(file: string, size: number, acceptEncoding: string | string[] | undefined): Promise<StaticVariant> {
  for (const encoding of acceptedEncodings(acceptEncoding)) {
    const path = `${file}.${encoding === 'br' ? 'br' : 'gz'}`;
    const info = await stat(path).catch(() => null);
    // A copy no smaller than the file (or left over from an older build, hence older) is not used.
    if (info?.isFile() && info.size < size) {
      const original = await stat(file).catch(() => null);
      if (original && info.mtimeMs >= original.mtimeMs) return { path, size: info.size, encoding };
    }
  }
  return { path: file, size };
}
