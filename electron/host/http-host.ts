// The browser host: the renderer and the handler table served on 127.0.0.1 only.
//
// Authentication: a random per-run token is printed in the URL (/?token=…). Opening that URL
// sets an HttpOnly SameSite=Strict session cookie and redirects to / so the token leaves the
// address bar; the page keeps the token (served to it in a <meta> tag) and sends it in the
// x-galley-token header with every API call. Every request must come from a loopback peer, carry
// our own Host header (DNS rebinding), and either no Origin or our own. API calls must carry
// the cookie, the header and our Origin; the event stream the cookie.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { HTTP_SESSION_COOKIE, HTTP_TOKEN_HEADER, type EventName, type EventPayload } from '../../shared/ipc.ts';
import { dispatch, type HandlerTable } from './handlers.ts';
import {
  CONTENT_SECURITY_POLICY,
  allowedHosts,
  allowedOrigins,
  isLoopbackAddress,
  newToken,
  parseCookies,
  tokensEqual,
} from './security.ts';

export interface HttpHostOptions {
  /** Builds the handler table; `emit` pushes an event to every open page. */
  createTable: (emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void) => HandlerTable;
  /** Folder holding the built renderer (index.html and assets/). */
  staticDir: string;
  port?: number;
  token?: string;
  maxBodyBytes?: number;
}

export interface HttpHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly server: Server;
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

const HTTP_STATUS: Record<string, number> = {
  'bad-request': 400,
  'not-found': 404,
  conflict: 409,
  unavailable: 503,
  internal: 500,
  'no-profile': 401,
  forbidden: 403,
  refused: 409,
};

function baseHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function refuse(res: ServerResponse, status: number, message: string): void {
  baseHeaders(res);
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(message + '\n');
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? newToken();
  const staticDir = resolve(options.staticDir);
  const maxBody = options.maxBodyBytes ?? 96 * 1024 * 1024;
  const streams = new Set<ServerResponse>();
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const s of streams) s.write(frame);
  };
  const table = options.createTable(emit);
  let port = 0;

  const serveStatic = async (res: ServerResponse, pathname: string) => {
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      return refuse(res, 400, 'bad path');
    }
    if (rel === '/' || rel === '/index.html') {
      const html = await readFile(join(staticDir, 'index.html'), 'utf8').catch(() => null);
      if (html === null) return refuse(res, 503, 'renderer not built');
      const withToken = html.replace('<head>', `<head><meta name="galley-token" content="${token}">`);
      baseHeaders(res);
      res.writeHead(200, { 'Content-Type': MIME['.html']!, 'Cache-Control': 'no-store' });
      return res.end(withToken);
    }
    const file = normalize(join(staticDir, rel));
    if (!file.startsWith(staticDir + sep)) return refuse(res, 404, 'not found');
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return refuse(res, 404, 'not found');
    baseHeaders(res);
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': rel.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-store',
      'Content-Length': info.size,
    });
    res.end(await readFile(file));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    // 1. Loopback peers only (the socket is bound to 127.0.0.1, this is a second fence).
    if (!isLoopbackAddress(req.socket.remoteAddress)) return refuse(res, 403, 'forbidden');
    // 2. Our own Host header only: a rebinding DNS name pointing at 127.0.0.1 is refused.
    if (!req.headers.host || !allowedHosts(port).has(req.headers.host.toLowerCase())) return refuse(res, 421, 'wrong host');
    // 3. No foreign Origin, ever.
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins(port).has(origin)) return refuse(res, 403, 'foreign origin');

    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const session = parseCookies(req.headers.cookie).get(HTTP_SESSION_COOKIE);

    // Launch URL: exchange the URL token for the session cookie, then drop it from the address bar.
    if (req.method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      if (!tokensEqual(url.searchParams.get('token'), token)) return refuse(res, 403, 'wrong token');
      baseHeaders(res);
      res.writeHead(303, {
        'Set-Cookie': `${HTTP_SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
        'Cache-Control': 'no-store',
      });
      return res.end();
    }
    if (!tokensEqual(session, token)) return refuse(res, 403, 'missing or wrong token; open the URL printed at start');

    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return refuse(res, 405, 'method not allowed');
      baseHeaders(res);
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(`retry: 1000\nevent: hello\ndata: {}\n\n`);
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return refuse(res, 405, 'method not allowed');
      if (origin === undefined) return refuse(res, 403, 'origin required');
      if (!tokensEqual(req.headers[HTTP_TOKEN_HEADER] as string | undefined, token)) return refuse(res, 403, 'missing or wrong token');
      if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) return refuse(res, 415, 'json expected');
      let body: unknown;
      try {
        const raw = await readBody(req, maxBody);
        body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
      } catch (e) {
        return refuse(res, (e as Error).message === 'too large' ? 413 : 400, 'bad body');
      }
      const channel = url.pathname.slice('/api/'.length);
      const result = await dispatch(table, channel, body);
      baseHeaders(res);
      res.writeHead(result.ok ? 200 : HTTP_STATUS[result.code] ?? 500, {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      return res.end(JSON.stringify(result.ok ? { ok: true, value: result.value } : { ok: false, code: result.code, message: result.message, reason: result.reason, state: result.state }));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed');
    return serveStatic(res, url.pathname);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) refuse(res, 500, 'internal error');
      else res.end();
      console.error('[galley host]', e);
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  port = address.port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((ok) => {
        for (const s of streams) s.end();
        streams.clear();
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
