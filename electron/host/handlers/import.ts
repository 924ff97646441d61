// import.*, sample.open: importing files (dropped by handle in Electron, uploaded by content in the
// browser, picked in the native dialog) and the bundled sample. One import runs at a time; its
// progress goes out as 'import.progress' events and 'import.cancel' stops it between files.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { AppError } from '../../../shared/app-error.ts';
import type { ImportProgress, ImportReport } from '../../../shared/ipc.ts';
import type { UploadedFile } from '../backend.ts';
import { openSample } from '../sample.ts';
import type { HandlerGroup, ServiceContext } from '../service/context.ts';

type ImportChannel = 'import.handles' | 'import.files' | 'import.cancel' | 'import.dialog' | 'sample.open';

const busy = () => new AppError('conflict', 'import-busy', 'An import is already running.');

export function importHandlers(ctx: ServiceContext): HandlerGroup<ImportChannel> {
  const { archive, session } = ctx;
  let importing = false;
  // The running import's cancel switch: stops between files and kills an OCR.
  let importAbort: AbortController | null = null;
  const runImport = async (run: (onProgress: (p: ImportProgress) => void, signal: AbortSignal) => Promise<ImportReport>): Promise<ImportReport> => {
    if (importing) throw busy();
    importing = true;
    importAbort = new AbortController();
    const onProgress = (p: ImportProgress) => ctx.emit('import.progress', p);
    try {
      onProgress({ done: 0, total: 0, current: null, errors: [], finished: false });
      const report = await run(onProgress, importAbort.signal);
      const errors = report.outcomes
        .filter((o) => o.status === 'failed')
        .map((o) => ({ source: o.source, message: o.error ?? 'failed', ...(o.missingProgram ? { missingProgram: o.missingProgram } : {}) }));
      onProgress({ done: report.outcomes.length, total: report.outcomes.length, current: null, errors, finished: true });
      ctx.changed();
      return report;
    } finally {
      importing = false;
      importAbort = null;
    }
  };

  return {
    'import.handles': async ({ handles }) => {
      if (!ctx.files) throw new AppError('bad-request', 'handles-desktop-only', 'import of dropped files by handle is only available in the desktop app');
      const { actor } = await session.may('import.run');
      // One answer for every handle the main process did not hand out (no hint about any path).
      const paths = ctx.files.take(handles);
      if (!paths) throw new AppError('bad-request', 'handle-expired', 'unknown or expired file handle; drop the files again');
      return runImport((onProgress, signal) => ctx.importer.importPaths(paths, archive, { onProgress, actor, signal }));
    },
    'import.files': async ({ files }) => {
      const { actor } = await session.may('import.run');
      const dir = await mkdtemp(join(tmpdir(), 'galley-upload-'));
      try {
        const uploads: UploadedFile[] = [];
        for (const [i, f] of files.entries()) {
          const parts = f.name.split(/[\\/]/);
          // Each upload in its own numbered folder, so equal names never collide.
          const target = join(dir, String(i), ...parts);
          if (!target.startsWith(dir + sep)) throw new AppError('bad-request', 'bad-file-name', 'bad file name');
          await mkdir(dirname(target), { recursive: true });
          await writeFile(target, Buffer.from(f.data, 'base64'));
          uploads.push({ path: target, relativePath: parts.join('/') });
        }
        return await runImport((onProgress, signal) => ctx.importer.importUploads(uploads, archive, { onProgress, actor, signal }));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    'sample.open': async () => {
      const { actor } = await session.may('import.run');
      if (importing) throw busy();
      importing = true;
      try {
        const result = await openSample(archive, ctx.importer, { onProgress: () => undefined, actor });
        if (result.imported) ctx.changed();
        return result;
      } finally {
        importing = false;
      }
    },
    'import.dialog': async ({ folder }) => {
      if (!ctx.showOpenDialog) throw new AppError('unavailable', 'no-dialog', 'no native dialog in this host');
      const { actor } = await session.may('import.run');
      const paths = await ctx.showOpenDialog({ folder: folder === true });
      if (paths.length === 0) return null;
      return runImport((onProgress, signal) => ctx.importer.importPaths(paths, archive, { onProgress, actor, signal }));
    },
    'import.cancel': () => {
      importAbort?.abort();
      return { ok: true as const };
    },
  };
}
