// Where the team server listens (`galley serve --listen HOST:PORT`) and which names clients may
// use to reach it. The browser host binds 127.0.0.1 unless told otherwise; a listen address
// beyond loopback changes what the host demands (accounts, TLS: see browser-host.ts) and which
// Host/Origin headers it accepts (the DNS-rebinding fence in http-host.ts).
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { STRINGS } from '../../shared/i18n.ts';
import type { Language } from '../../shared/ipc.ts';

export interface ListenAddress {
  /** The address to bind: an IPv4/IPv6 literal (without brackets) or a host name. */
  host: string;
  /** 1–65535, or undefined when only a host was given (the host's default port, or the next free one). */
  port: number | undefined;
  /** Only this machine can connect (127.0.0.0/8, ::1, localhost). */
  loopback: boolean;
  /** Every interface (0.0.0.0, ::). */
  wildcard: boolean;
}

/** A --listen value that cannot be used; the message is in the user's language. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
}

// RFC 1123 host names: dot-separated labels of letters, digits and inner hyphens, at most 253 characters.
const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * Parses HOST:PORT, [IPV6]:PORT, HOST or PORT. Refuses, with one sentence naming the value: an
 * empty value, a port outside 1–65535 or not a whole number, a bare IPv6 address with a port
 * (ambiguous without brackets), and a host that is neither an IP address nor a host name.
 */
export function parseListen(value: string, language: Language = 'en'): ListenAddress {
  const s = STRINGS[language].archives.server;
  const fail = (key: 'listenInvalid' | 'listenPort', extra: Record<string, string> = {}): never => {
    throw new ListenError(fill(s[key], { value, ...extra }));
  };
  const raw = value.trim();
  if (!raw) fail('listenInvalid');
  let host: string;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(raw);
  if (bracketed) {
    host = bracketed[1]!;
    portText = bracketed[2];
    if (isIP(host) !== 6) throw new ListenError(fill(s.listenHost, { value, host }));
  } else if (/^\d+$/.test(raw)) {
    host = '127.0.0.1';
    portText = raw;
  } else if (isIP(raw) === 6) {
    // "::1" alone is a host; "::1:4870" would be ambiguous, so a port needs brackets.
    host = raw;
  } else {
    const colon = raw.lastIndexOf(':');
    host = colon === -1 ? raw : raw.slice(0, colon);
    portText = colon === -1 ? undefined : raw.slice(colon + 1);
    if (host.includes(':')) fail('listenInvalid');
    if (isIP(host) === 0 && (!HOST_NAME.test(host) || /^[\d.]+$/.test(host))) throw new ListenError(fill(s.listenHost, { value, host }));
  }
  let port: number | undefined;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText)) fail('listenPort');
    port = Number(portText);
    if (port < 1 || port > 65535) fail('listenPort');
  }
  const wildcard = host === '0.0.0.0' || host === '::';
  return { host, port, loopback: isLoopbackHost(host), wildcard };
}

/** "{{name}}" placeholders filled (the CLI has no i18next). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** How a host name appears in a Host header and a URL: IPv6 literals in brackets, lower case. */
export function hostForUrl(host: string): string {
  return isIP(host) === 6 ? `[${host.toLowerCase()}]` : host.toLowerCase();
}

/**
 * The names a browser may put in the Host header to reach this server (without the port). Loopback
 * names whenever loopback reaches the socket; the listen host itself; on a wildcard address every
 * address of this machine's interfaces and its host name; and the names given with --server-name
 * (a DNS name the team uses). A rebinding attacker's own domain is never among them.
 */
export function serverNames(listen: ListenAddress, extra: readonly string[] = []): string[] {
  const names = new Set<string>();
  if (listen.loopback || listen.wildcard) for (const n of ['127.0.0.1', 'localhost', '[::1]']) names.add(n);
  if (!listen.wildcard) names.add(hostForUrl(listen.host));
  else {
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) {
        if (listen.host === '0.0.0.0' && a.family !== 'IPv4') continue;
        names.add(hostForUrl(a.address.split('%')[0]!));
      }
    }
    const own = hostname();
    if (own) names.add(own.toLowerCase());
  }
  for (const n of extra) names.add(hostForUrl(n.trim()));
  return [...names];
}

/** Validates --server-name values (host names or IP addresses), in the user's language. */
export function parseServerNames(value: string | undefined, language: Language = 'en'): string[] {
  if (value === undefined) return [];
  const s = STRINGS[language].archives.server;
  return value.split(',').map((n) => {
    const name = n.trim();
    if (isIP(name) === 0 && !HOST_NAME.test(name)) throw new ListenError(fill(s.serverName, { name }));
    return name;
  });
}
