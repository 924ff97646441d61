// One default archive for every host and the CLI. Earlier versions kept three (see
// legacyArchivePaths); on first use of the default, an archive found at an old path is moved
// into place, so pages imported with the old CLI or app are not stranded. Each entry point
// (CLI, browser host, Electron) calls adoptLegacyArchive once before it opens anything.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { homedir } from 'node:os';
import { defaultArchivePath, legacyArchivePaths } from './default-path.ts';

/** SQLite keeps a write-ahead log and a shared-memory index beside the file; they travel with it. */
const COMPANION_SUFFIXES = ['-wal', '-shm'] as const;

export interface LegacyAdoption {
  /** The default archive path every host and the CLI use. */
  path: string;
  /** The old path the archive was moved from, when it was. */
  adoptedFrom: string | null;
  /** Old archives left where they are because there is more than one: the user picks. */
  stranded: string[];
}

/**
 * When the default archive does not exist and exactly one legacy archive does, that one is
 * moved to the default path (a rename of the file and its -wal/-shm companions). With two or
 * more nothing is moved, since merging is the user's choice; they are reported instead.
 * GALLEY_ARCHIVE set: nothing is looked for.
 */
export function adoptLegacyArchive(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): LegacyAdoption {
  const path = defaultArchivePath(env, platform, home);
  if (env.GALLEY_ARCHIVE?.trim() || existsSync(path)) return { path, adoptedFrom: null, stranded: [] };
  const legacy = legacyArchivePaths(env, platform, home).filter((p) => existsSync(p));
  if (legacy.length !== 1) return { path, adoptedFrom: null, stranded: legacy };
  const from = legacy[0]!;
  mkdirSync(dirname(path), { recursive: true });
  renameSync(from, path);
  for (const suffix of COMPANION_SUFFIXES) if (existsSync(from + suffix)) renameSync(from + suffix, path + suffix);
  return { path, adoptedFrom: from, stranded: [] };
}

/** The one line a host or the CLI prints about an adoption, or null when there is nothing to say. */
export function describeAdoption(adoption: LegacyAdoption): string | null {
  if (adoption.adoptedFrom) return `galley: moved the archive from ${adoption.adoptedFrom} to ${adoption.path} (the app and the command line now share it)`;
  if (adoption.stranded.length > 0) {
    return `galley: archives from an earlier version are at ${adoption.stranded.join(' and ')}; open one with --archive PATH, or move it to ${adoption.path}`;
  }
  return null;
}

/** Adopts a legacy archive when needed and prints what happened on the given stream. */
export function adoptLegacyArchiveAndReport(write: (line: string) => void): void {
  try {
    const line = describeAdoption(adoptLegacyArchive());
    if (line) write(line + '\n');
  } catch (e) {
    // Never block start-up on this courtesy: the default archive simply starts empty.
    write(`galley: could not move the archive from its old place: ${(e as Error).message}\n`);
  }
}
