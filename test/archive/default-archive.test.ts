// One default archive for the CLI, the browser host and Electron, and adoption of the old ones.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adoptLegacyArchive, describeAdoption } from '../../electron/archive/adopt-legacy.ts';
import { defaultArchivePath, legacyArchivePaths } from '../../electron/archive/default-path.ts';
import { defaultArchivePath as hostDefault } from '../../electron/host/browser-host.ts';

function home(): string {
  return mkdtempSync(join(tmpdir(), 'galley-home-'));
}

function put(path: string, content: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
}

describe('default archive', () => {
  it('is the same path for the browser host and the CLI', () => {
    expect(hostDefault({}, 'linux', '/home/u')).toBe(defaultArchivePath({}, 'linux', '/home/u'));
  });

  it('moves the one legacy archive of `galley serve` into place, with its WAL', () => {
    const h = home();
    const [serveLegacy] = legacyArchivePaths({}, 'linux', h);
    put(serveLegacy!, 'db');
    put(serveLegacy! + '-wal', 'wal');
    const adoption = adoptLegacyArchive({}, 'linux', h);
    expect(adoption.adoptedFrom).toBe(serveLegacy);
    expect(readFileSync(adoption.path, 'utf8')).toBe('db');
    expect(readFileSync(adoption.path + '-wal', 'utf8')).toBe('wal');
    expect(existsSync(serveLegacy!)).toBe(false);
    expect(describeAdoption(adoption)).toContain(adoption.path);
  });

  it("moves the Electron host's userData archive into place", () => {
    const h = home();
    const electronLegacy = join(h, '.config', 'Galley', 'archive.db');
    put(electronLegacy, 'electron');
    const adoption = adoptLegacyArchive({}, 'linux', h);
    expect(adoption.adoptedFrom).toBe(electronLegacy);
    expect(readFileSync(defaultArchivePath({}, 'linux', h), 'utf8')).toBe('electron');
  });

  it('leaves an existing default archive alone and moves nothing', () => {
    const h = home();
    put(defaultArchivePath({}, 'linux', h), 'current');
    put(join(h, '.galley', 'archive.db'), 'old');
    const adoption = adoptLegacyArchive({}, 'linux', h);
    expect(adoption.adoptedFrom).toBeNull();
    expect(readFileSync(adoption.path, 'utf8')).toBe('current');
    expect(existsSync(join(h, '.galley', 'archive.db'))).toBe(true);
    expect(describeAdoption(adoption)).toBeNull();
  });

  it('reports two legacy archives instead of choosing between them', () => {
    const h = home();
    put(join(h, '.galley', 'archive.db'), 'a');
    put(join(h, '.config', 'Galley', 'archive.db'), 'b');
    const adoption = adoptLegacyArchive({}, 'linux', h);
    expect(adoption.adoptedFrom).toBeNull();
    expect(adoption.stranded).toHaveLength(2);
    expect(existsSync(adoption.path)).toBe(false);
    expect(describeAdoption(adoption)).toContain('--archive');
  });

  it('looks for nothing when GALLEY_ARCHIVE names the archive', () => {
    const h = home();
    put(join(h, '.galley', 'archive.db'), 'a');
    const adoption = adoptLegacyArchive({ GALLEY_ARCHIVE: join(h, 'x.sqlite') }, 'linux', h);
    expect(adoption).toEqual({ path: join(h, 'x.sqlite'), adoptedFrom: null, stranded: [] });
    expect(existsSync(join(h, '.galley', 'archive.db'))).toBe(true);
  });
});
