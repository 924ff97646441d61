// The one handler table both hosts serve: channel name -> handler. Requests are validated against
// shared/ipc.ts before a handler runs (dispatch), responses before they leave the host.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { ZodError } from 'zod';
import {
  channels,
  isChannel,
  type Channel,
  type EventName,
  type EventPayload,
  type ImportProgress,
  type ImportReport,
  type Language,
  type ParsedReq,
  type Res,
} from '../../shared/ipc.ts';
import { ArchiveError, type Actor } from '../archive/archive-api.ts';
import { ExportError } from '../export/export-issue.ts';
import { assertIssueEditable, assertPageSaveAllowed, TransitionError } from '../../core/review/index.ts';
import { assertAllowed, ForbiddenError } from '../../shared/roles.ts';
import type { Backend, UploadedFile } from './backend.ts';
import { createReviewHandlers } from './review-handlers.ts';
import { createReviewSession } from './review-session.ts';
import { classifyFailure, type MachineFailureCode } from './failures.ts';
import type { FileHandles } from './file-handles.ts';
import { openSample } from './sample.ts';
import { pageSizeProblem } from '../../shared/page-limits.ts';
import { pageScan } from './scan-handler.ts';

export interface HostContext extends Backend {
  host: 'electron' | 'browser';
  version: string;
  actor: Actor;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Electron only: shows the native open dialog; resolves to chosen paths (empty when cancelled). */
  showOpenDialog?: () => Promise<string[]>;
  /** Electron only: rebuild the menu in the new language. */
  setLanguage?: (language: Language) => void;
  /** Electron only: files the user dropped or picked, behind opaque handles (file-handles.ts). */
  files?: FileHandles;
  /** Electron only: native folder dialog for exports, starting at `defaultPath`; null when cancelled. */
  showFolderDialog?: (defaultPath: string) => Promise<string | null>;
}

export type Handler<C extends Channel> = (request: ParsedReq<C>) => Promise<Res<C>> | Res<C>;
export type HandlerTable = { [C in Channel]: Handler<C> };

/** An error whose message may be shown to the user; other errors are reported generically. */
export class HostError extends Error {
  constructor(
    readonly code:
      | 'bad-request'
      | 'not-found'
      | 'conflict'
      | 'unavailable'
      | 'internal'
      | 'no-profile'
      | 'forbidden'
      | 'refused'
      | MachineFailureCode,
    message: string,
  ) {
    super(message);
  }
}

export function createHandlers(ctx: HostContext): HandlerTable {
  // Who is working (profiles and roles): checked before every data-changing handler below.
  // ctx.actor (the OS user) acts only while the archive has no profile yet (review-session.ts).
  const session = createReviewSession(ctx.archive, ctx.actor);
  let importing = false;
  const importer = () => {
    const who = session.acting();
    assertAllowed(who.profile, 'import.run');
    return who;
  };
  // The running import's cancel switch ('import.cancel'): stops between files and kills an OCR.
  let importAbort: AbortController | null = null;
  const runImport = async (run: (onProgress: (p: ImportProgress) => void, signal: AbortSignal) => Promise<ImportReport>): Promise<ImportReport> => {
    if (importing) throw new HostError('conflict', 'An import is already running.');
    importing = true;
    importAbort = new AbortController();
    const onProgress = (p: ImportProgress) => ctx.emit('import.progress', p);
    try {
      onProgress({ done: 0, total: 0, current: null, errors: [], finished: false });
      const report = await run(onProgress, importAbort.signal);
      const errors = report.outcomes
        .filter((o) => o.status === 'failed')
        .map((o) => ({ source: o.source, message: o.error ?? 'failed' }));
      onProgress({ done: report.outcomes.length, total: report.outcomes.length, current: null, errors, finished: true });
      ctx.emit('library.changed', {});
      return report;
    } finally {
      importing = false;
      importAbort = null;
    }
  };

  return {
    ...createReviewHandlers(ctx, session),
    'app.info': () => ({ host: ctx.host, archivePath: ctx.archive.path, version: ctx.version, readOnly: ctx.archive.readOnly === true }),
    'app.setLanguage': ({ language }) => {
      ctx.setLanguage?.(language);
      return { ok: true as const };
    },
    'library.tree': () => ({ publications: ctx.archive.listPublications(), issues: ctx.archive.listIssues() }),
    'library.pages': ({ issueId }) => ctx.archive.listPages(issueId),
    'page.get': ({ pageId }) => {
      const rec = ctx.archive.getPage(pageId);
      // A page stored before the size limit existed: say so instead of sending what cannot be saved.
      const tooBig = pageSizeProblem(rec.text.length, rec.items.length);
      if (tooBig) throw new HostError('bad-request', `This page is too big to proof: ${tooBig}.`);
      return rec;
    },
    'page.scan': ({ pageId }) => pageScan(ctx.archive, pageId),
    'page.save': (req) => {
      const { profile, actor } = session.acting();
      const before = ctx.archive.getPage(req.pageId);
      // A stale save is refused by the archive as a conflict; otherwise the difference decides
      // which permissions it needs (segmentation, metadata, tags) and the issue must be open.
      if (before.revision === req.baseRevision) {
        assertPageSaveAllowed(profile, ctx.archive.getIssue(before.issueId).state, before, req);
      }
      const result = ctx.archive.savePage(req, actor);
      return result;
    },
    'page.setState': ({ pageId, state }) => {
      const { profile, actor } = session.acting();
      assertAllowed(profile, 'page.setState');
      assertIssueEditable(ctx.archive.getIssue(ctx.archive.getPage(pageId).issueId).state);
      ctx.archive.setPageState(pageId, state, actor);
      ctx.emit('library.changed', {});
      return { ok: true as const };
    },
    'engine.derive': ({ text, starts, kinds, pageId }) => {
      for (let i = 1; i < starts.length; i++) {
        if (starts[i]! <= starts[i - 1]!) throw new HostError('bad-request', 'starts must increase');
      }
      if (starts.some((s) => s > text.length)) throw new HostError('bad-request', 'start beyond the text');
      // The page's publication profile, so the editor's splits are read as the page was segmented.
      const profile = pageId !== undefined ? (ctx.archive.publicationProfileForPage?.(pageId) ?? null) : null;
      return { items: ctx.engine.deriveItems(text, starts, kinds, profile) };
    },
    'import.handles': async ({ handles }) => {
      if (!ctx.files) throw new HostError('bad-request', 'import of dropped files by handle is only available in the desktop app');
      const { actor } = importer();
      // One answer for every handle the main process did not hand out (no hint about any path).
      const paths = ctx.files.take(handles);
      if (!paths) throw new HostError('bad-request', 'unknown or expired file handle; drop the files again');
      return runImport((onProgress, signal) => ctx.importer.importPaths(paths, ctx.archive, { onProgress, actor, signal }));
    },
    'import.files': async ({ files }) => {
      const { actor } = importer();
      const dir = await mkdtemp(join(tmpdir(), 'galley-upload-'));
      try {
        const uploads: UploadedFile[] = [];
        for (const [i, f] of files.entries()) {
          const parts = f.name.split(/[\\/]/);
          // Each upload in its own numbered folder, so equal names never collide.
          const target = join(dir, String(i), ...parts);
          if (!target.startsWith(dir + sep)) throw new HostError('bad-request', 'bad file name');
          await mkdir(dirname(target), { recursive: true });
          await writeFile(target, Buffer.from(f.data, 'base64'));
          uploads.push({ path: target, relativePath: parts.join('/') });
        }
        return await runImport((onProgress, signal) => ctx.importer.importUploads(uploads, ctx.archive, { onProgress, actor, signal }));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    'sample.open': async () => {
      const { actor } = importer();
      if (importing) throw new HostError('conflict', 'An import is already running.');
      importing = true;
      try {
        const result = await openSample(ctx.archive, ctx.importer, { onProgress: () => undefined, actor });
        if (result.imported) ctx.emit('library.changed', {});
        return result;
      } finally {
        importing = false;
      }
    },
    'import.dialog': async () => {
      if (!ctx.showOpenDialog) throw new HostError('unavailable', 'no native dialog in this host');
      const { actor } = importer();
      const paths = await ctx.showOpenDialog();
      if (paths.length === 0) return null;
      return runImport((onProgress, signal) => ctx.importer.importPaths(paths, ctx.archive, { onProgress, actor, signal }));
    },
    'import.cancel': () => {
      importAbort?.abort();
      return { ok: true as const };
    },
  };
}

/**
 * A failure. Refusals carry `reason`, a code the UI words in its language (falling back to
 * `message`): the Action for 'forbidden', the state machine's code for 'refused'; `state` is the
 * issue's state when the refusal names it.
 */
export type DispatchResult =
  | { ok: true; value: unknown }
  | { ok: false; code: HostError['code']; message: string; reason?: string; state?: string };

/** Validates the channel and request, runs the handler, validates the response. */
export async function dispatch(table: HandlerTable, channel: string, request: unknown): Promise<DispatchResult> {
  if (!isChannel(channel)) return { ok: false, code: 'not-found', message: `unknown channel ${channel}` };
  const spec = channels[channel];
  const parsed = spec.request.safeParse(request ?? {});
  if (!parsed.success) return { ok: false, code: 'bad-request', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  try {
    const handler = table[channel] as (r: unknown) => unknown;
    const value = await handler(parsed.data);
    return { ok: true, value: spec.response.parse(value) };
  } catch (e) {
    if (e instanceof HostError) return { ok: false, code: e.code, message: e.message };
    // A full disk, a read-only archive, a damaged row: worded for the user, never raw SQLite text.
    const machine = classifyFailure(e);
    if (machine) return { ok: false, ...machine };
    // Refusals of the review rules: who may (403), what the issue state allows (409).
    if (e instanceof ForbiddenError) return { ok: false, code: 'forbidden', message: e.message, reason: e.action };
    if (e instanceof TransitionError) {
      return { ok: false, code: 'refused', message: e.message, reason: e.code, ...(e.state ? { state: e.state } : {}) };
    }
    if (e instanceof ExportError) {
      return e.code === 'not-approved' ? { ok: false, code: 'refused', message: e.message, reason: 'not-approved' } : { ok: false, code: 'bad-request', message: e.message };
    }
    if (e instanceof ArchiveError) {
      const code = e.code === 'not-found' ? 'not-found' : e.code === 'revision-conflict' ? 'conflict' : 'bad-request';
      return { ok: false, code, message: e.message };
    }
    if (e instanceof ZodError) return { ok: false, code: 'internal', message: 'response failed validation' };
    const message = e instanceof Error ? e.message : String(e);
    if (/revision|stale|conflict/i.test(message)) return { ok: false, code: 'conflict', message };
    if (/not found|no such|unknown page/i.test(message)) return { ok: false, code: 'not-found', message };
    return { ok: false, code: 'internal', message };
  }
}
