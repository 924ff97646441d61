// Every failure a handler can raise, as the one AppError (shared/app-error.ts) both hosts carry.
// The domain modules keep their own typed errors (the review rules, the archive, the exporter);
// they are translated here by class and typed code — never by reading the message — so a new
// wording of a message can never change how the UI treats it.
import { ZodError } from 'zod';
import { AppError } from '../../shared/app-error.ts';
import { ForbiddenError } from '../../shared/roles.ts';
import { TransitionError } from '../../core/review/index.ts';
import { ArchiveError } from '../archive/archive-api.ts';
import { DamagedRowError } from '../archive/checksums.ts';
import { ExportError } from '../export/export-issue.ts';

const DISK_FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);

/** An errno/SQLite code of a failure of the machine (a full disk, a read-only archive), or null. */
function machineCode(e: unknown): 'disk-full' | 'read-only' | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  // SQLITE_IOERR_WRITE is also what a full disk looks like on some file systems; SQLite then
  // reports SQLITE_FULL on the next statement, so the code alone is the sure sign.
  if (DISK_FULL.has(code)) return 'disk-full';
  if (code === 'EROFS' || code.startsWith('SQLITE_READONLY')) return 'read-only';
  return null;
}

export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof ForbiddenError) return new AppError('forbidden', e.action, e.message, { action: e.action, role: e.profile.role });
  if (e instanceof TransitionError) return new AppError('refused', e.code, e.message, e.state ? { state: e.state } : {});
  if (e instanceof ExportError) {
    return e.code === 'not-approved'
      ? new AppError('refused', 'not-approved', e.message)
      : new AppError('bad-request', 'export-folder-unusable', e.message, { detail: e.message });
  }
  if (e instanceof DamagedRowError) {
    const d = e.damaged;
    return new AppError('damaged', 'damaged', e.message, {
      part: d.part,
      id: d.id,
      page: d.pageId ?? null,
      revision: d.pageRevision ?? null,
      // An item set (a row deleted or added): how many items its record counts and how many are there.
      ...(d.items ? { expected: d.items.expected, found: d.items.found } : {}),
      path: e.archivePath,
    });
  }
  if (e instanceof ArchiveError) {
    if (e.code === 'not-found') return new AppError('not-found', 'not-found', e.message, { detail: e.message });
    if (e.code === 'revision-conflict') return new AppError('conflict', 'revision-conflict', e.message);
    return new AppError('bad-request', 'invalid-input', e.message, { detail: e.message });
  }
  const machine = machineCode(e);
  if (machine === 'disk-full') {
    return new AppError('disk-full', 'disk-full', 'The disk holding the archive is full; free some space and the change is saved again. Nothing was lost.');
  }
  if (machine === 'read-only') return new AppError('read-only', 'read-only', 'The archive is read-only: Galley cannot save to it. Nothing was lost.');
  if (e instanceof ZodError) return new AppError('internal', 'invalid-response', 'response failed validation');
  const message = e instanceof Error ? e.message : String(e);
  return new AppError('internal', 'unexpected', message, { detail: message });
}
