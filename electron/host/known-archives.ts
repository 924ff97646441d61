// The archives a host offers in "Open archive…" (issue 13 §6): the ones it has opened, newest first,
// kept in the user-data folder next to host-tokens/ (known-archives.json, 0600: it may hold a
// PostgreSQL URL with its password, the same trust as GALLEY_DB in the user's shell). The renderer
// sees only ids and labels (paths, URLs with the password masked) and picks by id, so a client
// never names a file for the host to open (issue 16).
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { archiveKind } from '../archive/open-any.ts';
import { checkPostgresUrl } from '../archive/postgres/pg-archive.ts';

/** How many archives the list keeps. */
export const MAX_KNOWN_ARCHIVES = 20;

const fileSchema = z.object({
  archives: z.array(z.object({ target: z.string().min(1).max(4096), openedAt: z.string() })).max(200),
});

export interface KnownArchive {
  id: string;
  target: string;
  kind: 'local' | 'team';
  label: string;
}

/** A target as the list keys it: an absolute path, or the URL as given. */
export function normalTarget(target: string): string {
  return archiveKind(target) === 'postgres' ? target.trim() : resolve(target);
}

export function archiveId(target: string): string {
  return createHash('sha256').update(normalTarget(target)).digest('hex').slice(0, 16);
}

/** What the user sees: the path, or the URL with its password masked. */
export function archiveLabel(target: string): string {
  if (archiveKind(target) !== 'postgres') return normalTarget(target);
  try {
    return checkPostgresUrl(target);
  } catch {
    return 'postgresql://…';
  }
}

export function describeKnown(target: string): KnownArchive {
  const t = normalTarget(target);
  return { id: archiveId(t), target: t, kind: archiveKind(t) === 'postgres' ? 'team' : 'local', label: archiveLabel(t) };
}

export interface KnownArchives {
  list(): KnownArchive[];
  /** Puts the target first (opened now). */
  remember(target: string): void;
  find(id: string): KnownArchive | null;
}

/** `file` null: a list in memory only (tests, hosts told to keep nothing). */
export function knownArchives(file: string | null, now: () => Date = () => new Date()): KnownArchives {
  let memory: { target: string; openedAt: string }[] = [];
  const read = () => {
    if (file === null) return memory;
    try {
      const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      // A damaged or foreign file is an empty list (it is rewritten at the next opening).
      return parsed.success ? parsed.data.archives : [];
    } catch {
      return [];
    }
  };
  const write = (rows: { target: string; openedAt: string }[]) => {
    if (file === null) {
      memory = rows;
      return;
    }
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ archives: rows }, null, 2) + '\n', { mode: 0o600 });
    if (process.platform !== 'win32') chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  };
  const list = () => {
    const seen = new Set<string>();
    const out: KnownArchive[] = [];
    for (const row of read()) {
      const k = describeKnown(row.target);
      if (seen.has(k.id)) continue;
      seen.add(k.id);
      out.push(k);
    }
    return out.slice(0, MAX_KNOWN_ARCHIVES);
  };
  return {
    list,
    remember(target) {
      const t = normalTarget(target);
      const rows = [{ target: t, openedAt: now().toISOString() }, ...read().filter((r) => normalTarget(r.target) !== t)];
      write(rows.slice(0, MAX_KNOWN_ARCHIVES));
    },
    find(id) {
      return list().find((k) => k.id === id) ?? null;
    },
  };
}
