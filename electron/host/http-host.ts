// The browser host: the renderer and the handler table served on 127.0.0.1 — or, for a team
// server (galley serve --listen, listen.ts), on the address given, over HTTPS when given the PEM
// files (tls.ts), with Host/Origin checked against that address's names and scheme.
//
// Authentication (docs/reliability.md, "The browser host's credential"): a random token is handed
// to the tab once, in the URL's fragment (/#token=…), which browsers never send to any server.
// The renderer keeps it in sessionStorage (scoped to this origin, i.e. this port, and this tab)
// and sends it in the x-galley-token header with every API call and on the event stream. There
// is no cookie at all: cookies are not scoped to a port, so any other web server on 127.0.0.1
// that the browser visits would receive one. A foreign page can therefore observe nothing that a
// replay could use; without the header the API answers 401. The renderer's code (index.html and
// assets) is served without the token — it holds no secret. Every request must come from a
// loopback peer, carry our own Host header (DNS rebinding: 421), and either no Origin or our own
// (403); API calls must carry our Origin.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { hostForUrl, type ListenAddress } from './listen.ts';
import type { TlsFiles } from './tls.ts';
import { readFile, stat } from 'node:fs/promises';
import { staticVariant } from './static-files.ts';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { HTTP_ARCHIVE_HEADER, HTTP_TOKEN_HEADER, type EventName, type EventPayload } from '../../shared/ipc.ts';
import { HEADERS_TIMEOUT_MS, MAX_HEADER_BYTES, MAX_REQUEST_BODY_BYTES, REQUEST_TIMEOUT_MS } from '../../shared/limits.ts';
import type { HandlerTable } from './handlers.ts';
import { dispatchWire, failure } from './dispatch.ts';
import type { AppErrorCode } from '../../shared/app-error.ts';
import { archiveSwitchedError } from './archive-switch.ts';
import { CONTENT_SECURITY_POLICY, allowedHosts, allowedOrigins, isLoopbackAddress, newToken, tokensEqual } from './security.ts';
import { AUTH_PATHS, type HttpAuth } from '../accounts/http-auth.ts';

export interface HttpHostOptions {
  /** Builds the handler table; `emit` pushes an event to every open page. */
  createTable: (emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void) => HandlerTable;
  /** Folder holding the built renderer (index.html and assets/). */
  staticDir: string;
  port?: number;
  token?: string;
  maxBodyBytes?: number;
  /**
   * Accounts (electron/accounts/http-auth.ts): /auth/login, /auth/logout, /auth/status, and once
   * any profile has a password every /api/ request acts through its login session's own table.
   */
  auth?: (emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void, port: () => number) => HttpAuth<HandlerTable>;
  /**
   * Team server (galley serve --listen, listen.ts): the address to bind (default 127.0.0.1) and the
   * names clients may use in Host/Origin (serverNames). Beyond loopback the peer check is off; the
   * host's caller (browser-host.ts) then insists on accounts and TLS.
   */
  listen?: ListenAddress;
  serverNames?: readonly string[];
  /** PEM certificate and key (tls.ts): HTTPS, and https:// origins. */
  tls?: TlsFiles;
  /**
   * The open archive's id (archive-switch.ts), read at each call: sent with every API answer, and a
   * call whose x-galley-archive names another archive is refused (a tab loaded before Open archive…).
   */
  archiveId?: () => string;
}

export interface HttpHost {
  /** The launch URL: the token rides in the fragment, which is never sent over HTTP. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly server: Server;
  /** 'https' under TLS. */
  readonly scheme: 'http' | 'https';
  /**
   * Builds the handler table and the login table again (the archive was switched, archive-switch.ts):
   * every login session of the old archive ends, and open pages are told to reload.
   */
  rebuild(): void;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
};

const HTTP_STATUS: Record<AppErrorCode, number> = {
  'bad-request': 400,
  'not-found': 404,
  conflict: 409,
  unavailable: 503,
  internal: 500,
  'no-profile': 401,
  forbidden: 403,
  refused: 409,
  'disk-full': 507,
  'read-only': 503,
  damaged: 500,
  offline: 503,
  unauthorized: 401,
};

function baseHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function refuse(res: ServerResponse, status: number, message: string, close = false): void {
  baseHeaders(res);
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(message + '\n');
}

class TooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > limit) {
        // Stop keeping the bytes but let the answer (413) go out before the socket closes.
        over = true;
        chunks.length = 0;
        reject(new TooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!over) resolveBody(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** Answers 413 and closes the connection once the answer is out (the rest of the body is not read). */
function tooLarge(req: IncomingMessage, res: ServerResponse, limit: number): void {
  refuse(res, 413, `request body too large (the limit is ${limit} bytes)`, true);
  res.on('finish', () => setTimeout(() => req.destroy(), 50).unref());
}

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? newToken();
  const staticDir = resolve(options.staticDir);
  const maxBody = options.maxBodyBytes ?? MAX_REQUEST_BODY_BYTES;
  const streams = new Set<ServerResponse>();
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const s of streams) s.write(frame);
  };
  let table = options.createTable(emit);
  let auth = options.auth?.(emit, () => port);
  let port = 0;
  const scheme = options.tls ? 'https' : 'http';
  const bindHost = options.listen?.host ?? '127.0.0.1';
  // A socket bound to loopback only admits loopback peers; that check stays as a second fence.
  const loopbackOnly = options.listen === undefined || options.listen.loopback;
  const names = options.serverNames ?? ['127.0.0.1', 'localhost'];

  const serveStatic = async (res: ServerResponse, pathname: string, acceptEncoding?: string | string[]) => {
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      return refuse(res, 400, 'bad path');
    }
    if (rel === '/') rel = '/index.html';
    const file = normalize(join(staticDir, rel));
    if (!file.startsWith(staticDir + sep)) return refuse(res, 404, 'not found');
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return refuse(res, rel === '/index.html' ? 503 : 404, rel === '/index.html' ? 'renderer not built' : 'not found');
    // The build's Brotli/gzip copy when the browser takes it (static-files.ts).
    const variant = await staticVariant(file, info.size, acceptEncoding);
    baseHeaders(res);
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': rel.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-store',
      'Content-Length': variant.size,
      Vary: 'Accept-Encoding',
      ...(variant.encoding ? { 'Content-Encoding': variant.encoding } : {}),
    });
    res.end(await readFile(variant.path));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    // 1. Loopback peers only while bound to loopback (a second fence behind the socket's own address).
    if (loopbackOnly && !isLoopbackAddress(req.socket.remoteAddress)) return refuse(res, 403, 'forbidden');
    // 2. Our own Host header only: a rebinding DNS name pointing at our address is refused.
    if (!req.headers.host || !allowedHosts(port, names, scheme).has(req.headers.host.toLowerCase())) return refuse(res, 421, 'wrong host');
    // 3. No foreign Origin, ever.
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins(port, names, scheme).has(origin.toLowerCase())) return refuse(res, 403, 'foreign origin');

    let url: URL;
    try {
      url = new URL(req.url ?? '/', `${scheme}://127.0.0.1:${port}`);
    } catch {
      return refuse(res, 400, 'bad path');
    }
    const authorised = () => tokensEqual(req.headers[HTTP_TOKEN_HEADER] as string | undefined, token);

    const jsonText = (status: number, body: string, headers: Record<string, string> = {}) => {
      baseHeaders(res);
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
      res.end(body);
    };
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => jsonText(status, JSON.stringify(value), headers);
    /** The POST body as JSON after the API's checks; undefined when refused (the answer is sent). */
    const postedJson = async (): Promise<{ body: unknown } | undefined> => {
      if (req.method !== 'POST') return void refuse(res, 405, 'method not allowed');
      if (origin === undefined) return void refuse(res, 403, 'origin required');
      if (!authorised()) return void refuse(res, 401, 'missing or wrong token; open the URL printed at start');
      if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) return void refuse(res, 415, 'json expected');
      const declared = Number(req.headers['content-length'] ?? 0);
      if (Number.isFinite(declared) && declared > maxBody) return void tooLarge(req, res, maxBody);
      try {
        const raw = await readBody(req, maxBody);
        return { body: raw.length ? JSON.parse(raw.toString('utf8')) : {} };
      } catch (e) {
        if (e instanceof TooLarge) return void tooLarge(req, res, maxBody);
        return void refuse(res, 400, 'bad body');
      }
    };

    if (auth && (AUTH_PATHS as readonly string[]).includes(url.pathname)) {
      const posted = await postedJson();
      if (!posted) return;
      const answer = await auth.route(url.pathname, posted.body, req.headers.cookie, req.socket.remoteAddress);
      return json(answer.status, answer.body, answer.headers);
    }

    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return refuse(res, 405, 'method not allowed');
      if (!authorised()) return refuse(res, 401, 'missing or wrong token; open the URL printed at start');
      if (auth) {
        const who = await auth.resolve(req.headers.cookie, table);
        if ('refused' in who) return json(who.refused.status, who.refused.body);
      }
      baseHeaders(res);
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(`retry: 1000\nevent: hello\ndata: {}\n\n`);
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }

    if (url.pathname.startsWith('/api/')) {
      const posted = await postedJson();
      if (!posted) return;
      // With accounts, the actor is the login session's profile: its own table, never the client's say.
      const who = auth ? await auth.resolve(req.headers.cookie, table) : { table };
      if ('refused' in who) return json(who.refused.status, who.refused.body);
      const channel = url.pathname.slice('/api/'.length);
      // Checked after the last await before dispatch: a switch cannot slip in between. A call from a
      // tab loaded on the previous archive (a save in flight, or retried after the new login) holds
      // that page's id and revision, which may exist in the new archive too: refused, never applied.
      const openId = options.archiveId?.();
      const claimed = req.headers[HTTP_ARCHIVE_HEADER];
      if (openId !== undefined && typeof claimed === 'string' && claimed !== openId) {
        return json(HTTP_STATUS.conflict, failure(archiveSwitchedError(channel)), { [HTTP_ARCHIVE_HEADER]: openId });
      }
      const result = await dispatchWire(who.table, channel, posted.body);
      const archiveHeader: Record<string, string> = openId !== undefined ? { [HTTP_ARCHIVE_HEADER]: openId } : {};
      // A page serialised on the archive's thread goes out as that text (dispatch.ts JsonAnswer).
      if ('json' in result) return jsonText(200, `{"ok":true,"value":${result.json}}`, archiveHeader);
      // A failure goes out as the AppError itself (shared/app-error.ts), exactly as the IPC host sends it.
      return json(result.ok ? 200 : HTTP_STATUS[result.code] ?? 500, result, archiveHeader);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed');
    return serveStatic(res, url.pathname, req.headers['accept-encoding']);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) refuse(res, 500, 'internal error');
      else res.end();
      console.error('[galley host]', e);
    });
  };
  const serverOptions = { maxHeaderSize: MAX_HEADER_BYTES, headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS };
  const server: Server = options.tls
    ? createTlsServer({ ...serverOptions, cert: options.tls.cert, key: options.tls.key, minVersion: 'TLSv1.2' }, onRequest)
    : createServer(serverOptions, onRequest);
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, bindHost, () => ok());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  port = address.port;
  // The printed address: loopback when it reaches us, else the listen host (or, on a wildcard, the first name clients may use).
  const shown = loopbackOnly || options.listen?.wildcard ? (names.includes('127.0.0.1') ? '127.0.0.1' : names[0]!) : hostForUrl(bindHost);
  return {
    url: `${scheme}://${shown}:${port}/#token=${token}`,
    port,
    token,
    server,
    scheme,
    rebuild() {
      table = options.createTable(emit);
      auth = options.auth?.(emit, () => port);
    },
    close: () =>
      new Promise<void>((ok) => {
        for (const s of streams) s.end();
        streams.clear();
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
