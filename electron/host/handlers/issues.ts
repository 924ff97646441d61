// issues.*, export.*: an issue's items and history, approval, reopening and export. Supervisors
// approve, reopen (with a reason) and export; the review rules decide what each issue state allows.
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { AppError } from '../../../shared/app-error.ts';
import { checkOutDir, defaultExportDir, exportArchivedIssue } from '../../export/archive-export.ts';
import type { HandlerGroup, ServiceContext } from '../service/context.ts';
import { MAX_EXPORT_DOWNLOAD_BYTES } from '../../../shared/limits.ts';

/** The zip as a download for the tab, or null when it is too large to send in one answer. */
async function downloadOf(zipPath: string): Promise<{ name: string; base64: string } | null> {
  if ((await stat(zipPath)).size > MAX_EXPORT_DOWNLOAD_BYTES) return null;
  return { name: basename(zipPath), base64: (await readFile(zipPath)).toString('base64') };
}

type IssueChannel = 'issues.items' | 'issues.history' | 'issues.approve' | 'issues.reopen' | 'issues.export' | 'export.folder' | 'export.chooseFolder';

export function issueHandlers(ctx: ServiceContext): HandlerGroup<IssueChannel> {
  const { archive, session } = ctx;
  /**
   * Where an export may be written: the configured export folder, or (Electron) a folder the main
   * process's own dialog returned. The renderer cannot name any other folder, and the answer is the
   * same whether or not the folder it named exists.
   */
  const exportFolder = async (outDir: string | undefined): Promise<string> => {
    const base = await defaultExportDir(archive);
    if (outDir === undefined || resolve(outDir) === resolve(base)) return base;
    if (ctx.anyExportFolder || ctx.files?.folderAllowed(outDir)) return resolve(outDir);
    throw new AppError(
      'bad-request',
      'export-folder',
      `Exports go to the export folder ${base}${ctx.showFolderDialog ? ' or a folder chosen with Choose…' : ''}; other folders are not accepted.`,
      { folder: base },
    );
  };
  return {
    'issues.items': ({ issueId }) => archive.listIssueItems(issueId),
    'issues.history': async ({ issueId }) => ({ issue: await archive.getIssue(issueId), history: await archive.listIssueHistory(issueId) }),
    // Approve, reopen and export take the acting user's password again when the profile has one.
    'issues.approve': async ({ issueId, password }) => {
      const { actor } = await session.may('issue.approve', password);
      const issue = await archive.issueEvent(issueId, { type: 'approve' }, actor);
      ctx.changed();
      return { issue };
    },
    'issues.reopen': async ({ issueId, reason, password }) => {
      const { actor } = await session.may('issue.reopen', password);
      const issue = await archive.issueEvent(issueId, { type: 'reopen', reason }, actor);
      ctx.changed();
      return { issue };
    },
    'issues.export': async ({ issueId, formats, zip, outDir, password }) => {
      const { profile } = await session.may('issue.export', password);
      // The browser host hands the export to the tab as a download (a zip: one file), so the user
      // gets it where their browser saves files; a copy stays in the configured export folder.
      const offer = ctx.host === 'browser';
      const result = await exportArchivedIssue(archive, issueId, profile, { formats, zip: zip || offer, outDir: await exportFolder(outDir) });
      ctx.changed();
      const download = offer && result.zipPath ? await downloadOf(result.zipPath) : null;
      return { folderPath: result.folderPath, zipPath: result.zipPath, manifest: result.manifest, issue: result.issue, ...(offer ? { download } : {}) };
    },
    'export.folder': async () => ({ outDir: await defaultExportDir(archive), canChoose: ctx.showFolderDialog !== undefined, download: ctx.host === 'browser' }),
    'export.chooseFolder': async () => {
      if (!ctx.showFolderDialog) throw new AppError('unavailable', 'no-dialog', 'no native folder dialog in this host; the export goes to the default folder');
      const chosen = await ctx.showFolderDialog(await defaultExportDir(archive));
      if (chosen === null) return { outDir: null };
      const dir = checkOutDir(chosen);
      ctx.files?.allowFolder(dir); // issues.export accepts it from now on
      return { outDir: dir };
    },
  };
}
