// Export of an archived issue: checks who asks and the issue's state, gathers the issue from the
// archive (items with ids, tags and story ids, approvals, revision summary), writes the folder
// (and zip) with exportIssue, then records the export in the issue's history. Shared by the
// hosts' issues.export handler and `galley export`.
import { mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { IssueSummary } from '../../shared/domain.ts';
import type { ExportFormat } from '../../shared/export.ts';
import { assertAllowed, type Profile } from '../../shared/roles.ts';
import type { Actor } from '../archive/archive-api.ts';
import type { AsyncArchive } from '../archive/async-archive.ts';
import { transition } from '../../core/review/index.ts';
import { ExportError, exportIssue, type ExportResult } from './export-issue.ts';

/** Settings key of the default export folder. */
export const EXPORT_DIR_SETTING = 'export.outDir';

/** The export folder: the archive's setting, else ~/Galley Exports. */
export async function defaultExportDir(archive: Pick<AsyncArchive, 'getSetting'>): Promise<string> {
  return (await archive.getSetting(EXPORT_DIR_SETTING)) ?? join(homedir(), 'Galley Exports');
}

/** An absolute folder that exists or can be made; anything else is refused with the reason. */
export function checkOutDir(dir: string): string {
  if (!dir || dir.includes('\u0000')) throw new ExportError('unsafe-path', 'The export folder is empty or malformed.');
  if (!isAbsolute(dir)) throw new ExportError('unsafe-path', `The export folder must be an absolute path: ${dir}`);
  const full = resolve(dir);
  let info;
  try {
    info = statSync(full, { throwIfNoEntry: false });
  } catch (e) {
    throw new ExportError('unsafe-path', `The export folder cannot be used: ${full} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (info && !info.isDirectory()) throw new ExportError('unsafe-path', `The export folder is a file, not a folder: ${full}`);
  if (!info) {
    try {
      mkdirSync(full, { recursive: true });
    } catch (e) {
      throw new ExportError('unsafe-path', `The export folder cannot be created: ${full} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return full;
}

export const actorOf = (p: Profile): Actor => ({ name: p.name, profileId: p.id, role: p.role });

export interface ArchiveExportOptions {
  formats: readonly ExportFormat[];
  outDir: string;
  zip?: boolean;
  /** Export time (tests pass a fixed one). */
  now?: Date;
}

export async function exportArchivedIssue(
  archive: AsyncArchive,
  issueId: number,
  profile: Profile,
  options: ArchiveExportOptions,
): Promise<ExportResult & { issue: IssueSummary }> {
  // Who first, then the state: a refusal never writes a file.
  assertAllowed(profile, 'issue.export');
  const before = await archive.getIssue(issueId);
  transition(before.state, { type: 'export' }, profile);
  const outDir = checkOutDir(options.outDir);
  const data = await archive.issueForExport(issueId, (options.now ?? new Date()).toISOString());
  const result = exportIssue(data, { formats: [...options.formats], outDir, zip: options.zip ?? false });
  const issue = await archive.issueEvent(issueId, { type: 'export' }, actorOf(profile));
  return { ...result, issue };
}
