// Failures of the machine rather than of the request, turned into codes the renderer words in the
// user's language (shared/i18n-security.ts) instead of raw SQLite text with code 'internal':
// a full disk, an archive that cannot be written, a row whose checksum does not match.
import { DamagedRowError } from '../archive/checksums.ts';

export type MachineFailureCode = 'disk-full' | 'read-only' | 'damaged';

const DISK_FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);
const READ_ONLY = new Set(['SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_READONLY_DIRECTORY', 'SQLITE_READONLY_RECOVERY', 'SQLITE_READONLY_CANTINIT', 'SQLITE_READONLY_ROLLBACK', 'SQLITE_READONLY_CANTLOCK', 'EROFS']);

/**
 * For 'damaged', `reason` is "part:id:pageId:pageRevision" and `state` the archive path, so the
 * renderer can word "damaged revision N of page P" and the restore command in its language.
 */
export function classifyFailure(e: unknown): { code: MachineFailureCode; message: string; reason?: string; state?: string } | null {
  if (e instanceof DamagedRowError) {
    const d = e.damaged;
    return { code: 'damaged', message: e.message, reason: `${d.part}:${d.id}:${d.pageId ?? ''}:${d.pageRevision ?? ''}`, state: e.archivePath };
  }
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (DISK_FULL.has(code) || (code === 'SQLITE_IOERR_WRITE' && /full/i.test(String((e as Error).message)))) {
    return { code: 'disk-full', message: 'The disk holding the archive is full; free some space and the change is saved again. Nothing was lost.' };
  }
  if (READ_ONLY.has(code) || code.startsWith('SQLITE_READONLY')) {
    return { code: 'read-only', message: 'The archive is read-only: Galley cannot save to it. Nothing was lost.' };
  }
  return null;
}
