// Opaque handles for files the user chose through the main process (Electron): dropped on the
// window (the preload turns the dropped File objects into paths with webUtils and hands them to
// the main process, never to the page) or picked in a native dialog. The renderer only ever holds
// random handle strings; a handle it did not get, or one already used, resolves to nothing — the
// same answer whether or not any path exists, so no error reveals the file system.
//
// Export folders chosen in the native folder dialog are remembered the same way: issues.export
// accepts only the configured export folder or a folder this session's dialog returned.
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

export const HANDLE_SHAPE = /^[A-Za-z0-9_-]{22}$/;

export interface FileHandles {
  /** Registers paths chosen by the user; returns one handle per path. */
  register(paths: readonly string[]): string[];
  /** The paths of handles handed out and not used yet (each handle works once); null when any is unknown. */
  take(handles: readonly string[]): string[] | null;
  /** Remembers a folder the native dialog returned. */
  allowFolder(path: string): void;
  folderAllowed(path: string): boolean;
}

export function createFileHandles(options: { ttlMs?: number; max?: number; now?: () => number } = {}): FileHandles {
  const ttl = options.ttlMs ?? 10 * 60_000;
  const max = options.max ?? 100_000;
  const now = options.now ?? Date.now;
  const files = new Map<string, { path: string; at: number }>();
  const folders = new Set<string>();
  const sweep = () => {
    const cutoff = now() - ttl;
    for (const [h, f] of files) if (f.at < cutoff) files.delete(h);
  };
  return {
    register(paths) {
      sweep();
      if (files.size + paths.length > max) throw new Error('too many files chosen at once');
      return paths.map((path) => {
        const handle = randomBytes(16).toString('base64url');
        files.set(handle, { path, at: now() });
        return handle;
      });
    },
    take(handles) {
      sweep();
      if (!handles.every((h) => HANDLE_SHAPE.test(h) && files.has(h))) return null;
      return handles.map((h) => {
        const f = files.get(h)!;
        files.delete(h);
        return f.path;
      });
    },
    allowFolder(path) {
      folders.add(resolve(path));
    },
    folderAllowed(path) {
      return folders.has(resolve(path));
    },
  };
}
