// Team load (`npm run bench -- team-load`, issue 13 §4): one team server — the browser host on a
// PostgreSQL archive (a throwaway cluster, Unix socket only), with accounts — and 20 simulated users
// who log in over HTTP on loopback and, for a bounded time, edit their own pages (editors), tag
// their own items (archivists) and search (everyone). Reported: p50/p95 per action, errors, and the
// acknowledged changes checked afterwards against the archive: every save and every tag the server
// answered "ok" to must be there ("lost" must be 0). Figures only; nothing is asserted.
// Skipped, saying why, when PostgreSQL is not installed.
import type { ImportPageInput } from '../electron/archive/archive-api.ts';
import { hashPassword } from '../electron/accounts/password.ts';
import { openPostgresArchive } from '../electron/archive/postgres/pg-archive.ts';
import { startBrowserHost } from '../electron/host/browser-host.ts';
import { loadBackend } from '../electron/host/load-backend.ts';
import { HTTP_TOKEN_HEADER } from '../shared/ipc.ts';
import { isWirePage, pageOfWire } from '../shared/page-wire.ts';
import type { Role } from '../shared/roles.ts';
import type { Item } from '../shared/segmentation.ts';
import { freshDatabase } from '../test/postgres/fresh-db.ts';
import { findPostgres, POSTGRES_MISSING, startPostgresCluster } from '../test/support/postgres-cluster.ts';
import { percentile } from './timing.ts';
import type { BenchResult } from './types.ts';

const USERS = 20;
const SECONDS = Number(process.env.GALLEY_BENCH_TEAM_SECONDS ?? 20);
const PASSWORD = 'team-load-password';
const EDITORS = 12;
const ARCHIVISTS = 6;

const roleOf = (u: number): Role => (u < EDITORS ? 'editor' : u < EDITORS + ARCHIVISTS ? 'archivist' : 'supervisor');

/** One page per user, one article on it, in one issue: editors edit theirs, archivists tag theirs. */
function pageFor(u: number): ImportPageInput {
  const headline = `第${u}号用户的稿件`;
  const body = `本报讯（记者 张${u}）团队服务器负载测试的正文，用户${u}在这里修改文字。`;
  const text = `${headline}\n${body}\n`;
  const item: Item = {
    kind: 'article', start: 0, end: text.length, kicker: null, headline, subheadline: null, series: null,
    byline: `记者 张${u}`, contributors: [{ name: `张${u}`, role: 'reporter' }], paragraphs: [body],
    continuedOn: null, continuedFrom: null, flags: [],
  };
  return {
    sourceName: `load/p${String(u + 1).padStart(2, '0')}.txt`, text, encoding: 'UTF-8', pageNumberHint: u + 1,
    dateHint: '2026-12-06', publicationHint: '负载日报',
    segmentation: { schema: 'galley.segmentation/1', masthead: null, items: [item] },
  };
}

interface Client {
  user: number;
  role: Role;
  call<T>(channel: string, request: unknown): Promise<T>;
}

async function login(origin: string, token: string, u: number): Promise<Client> {
  const headers = { origin, 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: token };
  const res = await fetch(`${origin}/auth/login`, { method: 'POST', headers, body: JSON.stringify({ name: `user${u}`, password: PASSWORD }) });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`user${u} could not log in: ${res.status} ${await res.text()}`);
  return {
    user: u,
    role: roleOf(u),
    async call<T>(channel: string, request: unknown): Promise<T> {
      const r = await fetch(`${origin}/api/${channel}`, { method: 'POST', headers: { ...headers, cookie }, body: JSON.stringify(request) });
      const body = (await r.json()) as { ok: boolean; value?: T; code?: string; message?: string };
      if (!body.ok) throw new Error(`${channel}: ${body.code}: ${body.message}`);
      // page.get answers in the lean wire form (shared/page-wire.ts), read back as the tab reads it.
      return (isWirePage(body.value) ? pageOfWire(body.value) : body.value) as T;
    },
  };
}

export async function bench(): Promise<BenchResult[]> {
  if (!findPostgres()) return [{ name: 'team-load.skipped', figures: {}, summary: `skipped: ${POSTGRES_MISSING}` }];
  const cluster = startPostgresCluster();
  try {
    const url = await freshDatabase(cluster);
    // Seed: the pages and the accounts, straight into the archive (as an import and `galley users add` would).
    const seed = await openPostgresArchive(url, { logger: { warn: () => {} } });
    const pageIds: number[] = [];
    const itemIds: number[] = [];
    try {
      const outcomes = await seed.importPages(Array.from({ length: USERS }, (_, u) => pageFor(u)), { name: 'load' });
      for (const o of outcomes) {
        const page = await seed.getPage(o.pageId);
        pageIds.push(o.pageId);
        itemIds.push(page.items[0]!.id!);
      }
      const hash = await hashPassword(PASSWORD);
      for (let u = 0; u < USERS; u++) {
        const p = await seed.createProfile({ name: `user${u}`, role: roleOf(u) }, { name: 'load' });
        await seed.setProfilePassword(p.id, hash, { name: 'load' });
      }
    } finally {
      await seed.close();
    }

    const backend = await loadBackend(url, { name: 'load' });
    const host = await startBrowserHost({ archivePath: url, backend, tokenDir: null });
    const origin = `http://127.0.0.1:${host.port}`;
    const times: Record<string, number[]> = { login: [], 'page.get': [], 'page.edit': [], 'tags.setForItem': [], search: [] };
    const errors: string[] = [];
    const ackedSaves = new Map<number, string[]>();
    const ackedTags = new Map<number, string[]>();
    try {
      const clients = await Promise.all(
        Array.from({ length: USERS }, async (_, u) => {
          const t0 = performance.now();
          const c = await login(origin, host.token, u);
          times.login!.push(performance.now() - t0);
          return c;
        }),
      );
      const deadline = performance.now() + SECONDS * 1000;
      const timed = async <T>(action: string, run: () => Promise<T>): Promise<T | null> => {
        const t0 = performance.now();
        try {
          const value = await run();
          times[action]!.push(performance.now() - t0);
          return value;
        } catch (e) {
          errors.push(`${action}: ${(e as Error).message}`);
          return null;
        }
      };
      const work = async (c: Client) => {
        let n = 0;
        while (performance.now() < deadline) {
          n++;
          if (c.role === 'editor' && n % 3 !== 0) {
            const page = await timed('page.get', () => c.call<{ revision: number; text: string; items: Item[] }>('page.get', { pageId: pageIds[c.user] }));
            if (!page) continue;
            const marker = `〔改${c.user}-${n}〕`;
            // The edit goes into the body, as typed ops: the text and the last item's last paragraph.
            const at = page.text.endsWith('\n') ? page.text.length - 1 : page.text.length;
            const last = page.items.length - 1;
            const paras = page.items[last]!.paragraphs;
            const ops = [
              { op: 'text', at, remove: '', insert: marker },
              paras.length > 0
                ? { op: 'paragraphs', index: last, at: paras.length - 1, remove: [paras.at(-1)!], insert: [`${paras.at(-1)!}${marker}`] }
                : { op: 'paragraphs', index: last, at: 0, remove: [], insert: [marker] },
            ];
            const saved = await timed('page.edit', () => c.call('page.edit', { pageId: pageIds[c.user], baseRevision: page.revision, ops }));
            if (saved) ackedSaves.set(c.user, [...(ackedSaves.get(c.user) ?? []), marker]);
          } else if (c.role === 'archivist' && n % 3 !== 0) {
            const tag = `标签${c.user}-${n}`;
            const tagged = await timed('tags.setForItem', async () => {
              const have = ackedTags.get(c.user) ?? [];
              return c.call('tags.setForItem', { itemId: itemIds[c.user], tags: [...have, tag] });
            });
            if (tagged) ackedTags.set(c.user, [...(ackedTags.get(c.user) ?? []), tag]);
          } else {
            await timed('search', () => c.call('search', { query: n % 2 ? '负载' : '用户', limit: 20 }));
          }
        }
      };
      await Promise.all(clients.map(work));
    } finally {
      await host.close();
    }

    // Every acknowledged change must be in the archive.
    const check = await openPostgresArchive(url, { logger: { warn: () => {} } });
    let lost = 0;
    let acked = 0;
    try {
      for (const [u, markers] of ackedSaves) {
        const text = (await check.getPage(pageIds[u]!)).text;
        acked += markers.length;
        lost += markers.filter((m) => !text.includes(m)).length;
      }
      for (const [u, tags] of ackedTags) {
        const have = new Set((await check.getItem(itemIds[u]!)).item.tags);
        acked += tags.length;
        lost += tags.filter((t) => !have.has(t)).length;
      }
    } finally {
      await check.close();
    }

    const figures: Record<string, number | string> = { users: USERS, seconds: SECONDS, acknowledgedChanges: acked, lost, errors: errors.length };
    for (const [action, t] of Object.entries(times)) {
      const sorted = [...t].sort((a, b) => a - b);
      figures[`${action}.n`] = sorted.length;
      figures[`${action}.p50Ms`] = Number(percentile(sorted, 50).toFixed(1));
      figures[`${action}.p95Ms`] = Number(percentile(sorted, 95).toFixed(1));
    }
    if (errors.length) figures.firstError = errors[0]!;
    const total = Object.values(times).reduce((n, t) => n + t.length, 0);
    return [
      {
        name: 'team-load.postgres',
        figures,
        summary: `${USERS} users for ${SECONDS} s on one team server (PostgreSQL): ${total} requests, ${errors.length} errors, ${acked} acknowledged changes, ${lost} lost`,
        goal: { description: '0 lost acknowledged changes and 0 errors', met: lost === 0 && errors.length === 0 },
      },
    ];
  } finally {
    cluster.stop();
  }
}
