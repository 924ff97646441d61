// The Electron main process: one window, the application menu, native dialogs, and the handler
// table over IPC (every payload validated with zod in dispatch). contextIsolation on,
// nodeIntegration off, sandbox on, a strict CSP, navigation and new windows blocked.
import { dialogFilters } from '../importer/formats.ts';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, type IpcMainInvokeEvent } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { languageForLocale, STRINGS } from '../../shared/i18n.ts';
import type { EventName, EventPayload, Language, MenuCommand } from '../../shared/ipc.ts';
import { RENDERER_DIST } from '../host/build-renderer.ts';
import { appVersion, currentActor } from '../host/browser-host.ts';
import { createHandlers, dispatch, type HandlerTable } from '../host/handlers.ts';
import { failure } from '../host/dispatch.ts';
import { AppError } from '../../shared/app-error.ts';
import { loadBackend } from '../host/load-backend.ts';
import { watchArchive } from '../host/archive-watch.ts';
import { CONTENT_SECURITY_POLICY } from '../host/security.ts';
import { menuTemplate } from './menu.ts';
import { z } from 'zod';
import { createFileHandles } from '../host/file-handles.ts';
import { defaultArchiveTarget } from '../archive/default-path.ts';
import { adoptLegacyArchiveAndReport } from '../archive/adopt-legacy.ts';
import { PRELOAD_OUT } from './build-preload.ts';
import { archiveSwitchedError, createArchiveSwitch, rememberTarget, windowArchiveFence } from '../host/archive-switch.ts';
import { knownArchives } from '../host/known-archives.ts';
import { defaultTokenDir } from '../host/host-token.ts';

const SCHEME = 'galley';
const ORIGIN = `${SCHEME}://app`;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function serveRenderer(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== 'app') return new Response('not found', { status: 404 });
  const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  const file = normalize(join(RENDERER_DIST, rel));
  if (!file.startsWith(RENDERER_DIST + sep)) return new Response('not found', { status: 404 });
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return new Response('not found', { status: 404 });
  return new Response(await readFile(file), {
    headers: {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

function trustedSender(event: IpcMainInvokeEvent, win: BrowserWindow): boolean {
  return event.sender === win.webContents && (event.senderFrame?.url ?? '').startsWith(`${ORIGIN}/`);
}

async function start(): Promise<void> {
  await app.whenReady();
  const actor = currentActor();
  const explicitArchive = argValue('db') ?? argValue('archive');
  if (explicitArchive === undefined) adoptLegacyArchiveAndReport((line) => process.stderr.write(line));
  const archivePath = explicitArchive ?? defaultArchiveTarget();
  let backend = rememberTarget(await loadBackend(archivePath, actor), archivePath);
  let language: Language = languageForLocale(app.getLocale());

  protocol.handle(SCHEME, serveRenderer);
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    show: false,
    title: 'Galley',
    webPreferences: {
      preload: PRELOAD_OUT,
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      // Middle-click must not open links in new windows (auxclick), whatever the page does.
      disableBlinkFeatures: 'Auxclick',
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      safeDialogs: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.on('will-redirect', (e) => e.preventDefault());
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());

  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    if (!win.isDestroyed()) win.webContents.send('galley:event', event, payload);
  };
  const sendMenu = (command: MenuCommand) => emit('menu', { command });
  // Changes from outside this window's host (a CLI import, another team server) refresh the library.
  let stopWatching = watchArchive(backend.archive, () => emit('library.changed', {}));
  const setMenu = () => Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(language, sendMenu, process.platform === 'darwin')));
  setMenu();

  // Files the user dropped or picked, known to the renderer only by opaque handles.
  const files = createFileHandles();
  // "Open archive…" (issue 13 §6): the same switch as the browser host's; a local file comes from
  // this process's own dialog, never from a path the renderer names.
  const switcher = createArchiveSwitch({
    known: knownArchives(join(dirname(defaultTokenDir()), 'known-archives.json')),
    canSwitch: true,
    current: () => backend,
    load: async (target) => rememberTarget(await loadBackend(target, actor), target),
    async install(next) {
      const old = backend;
      stopWatching();
      backend = next;
      table = makeTable();
      stopWatching = watchArchive(backend.archive, () => emit('library.changed', {}));
      await old.archive.close().catch((e: unknown) => console.error('[galley] closing the previous archive failed:', e));
      emit('archive.switched', {});
    },
    browse: async () => {
      const result = await dialog.showOpenDialog(win, {
        properties: ['openFile'],
        filters: [{ name: STRINGS[language].archives.dialog.local, extensions: ['sqlite', 'db'] }, { name: '*', extensions: ['*'] }],
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  });
  const makeTable = (): HandlerTable => createHandlers({
    ...backend,
    archives: switcher,
    host: 'electron',
    files,
    version: appVersion(),
    actor,
    emit,
    showOpenDialog: async ({ folder }) => {
      const result = await dialog.showOpenDialog(win, {
        // Folders are walked by the importer (every page file below them); files are taken as they are.
        properties: folder ? ['openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'],
        // The importer's format registry: text, ALTO/PAGE/METS, hOCR, page images and PDFs.
        filters: dialogFilters(STRINGS[language].errors.importFormats),
      });
      return result.canceled ? [] : result.filePaths;
    },
    setLanguage: (next) => {
      language = next;
      setMenu();
    },
    showFolderDialog: async (defaultPath) => {
      const result = await dialog.showOpenDialog(win, { properties: ['openDirectory', 'createDirectory'], defaultPath });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  });
  let table = makeTable();
  // Calls from the page loaded on the previous archive (an autosave between a switch and the reload)
  // are refused, not applied to the archive opened since: the page's next load starts a new fence.
  const fence = windowArchiveFence(switcher);
  win.webContents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) fence.loaded();
  });

  // The preload hands over the paths of files dropped on the window (webUtils); the page gets handles.
  ipcMain.handle('galley:drop', (event, paths: unknown) => {
    if (!trustedSender(event, win)) return [];
    const list = z.array(z.string().min(1).max(4096)).max(10_000).safeParse(paths);
    return list.success ? files.register(list.data) : [];
  });

  ipcMain.handle('galley:invoke', async (event, channel: unknown, request: unknown) => {
    if (!trustedSender(event, win)) return failure(new AppError('bad-request', 'untrusted-sender', 'untrusted sender'));
    if (typeof channel !== 'string') return failure(new AppError('bad-request', 'invalid-request', 'bad channel', { detail: 'bad channel' }));
    if (fence.stale()) return failure(archiveSwitchedError(channel));
    return dispatch(table, channel, request);
  });

  app.on('window-all-closed', () => {
    stopWatching();
    void backend.archive.close().finally(() => app.quit());
  });
  await win.loadURL(`${ORIGIN}/index.html`);
}

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

start().catch((error: unknown) => {
  console.error(error);
  app.exit(1);
});
