// Crash safety: scripts/crash-writer.ts imports pages and saves editor changes in a loop, printing
// an ack only after each commit returns; we SIGKILL it at random (seeded) moments and, after
// every kill, check the archive: integrity_check ok, every acked change present, nothing
// half-written visible. npm test: 12 kills; npm run test:stress: GALLEY_CRASH_KILLS (>= 200).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import Database from 'better-sqlite3';
import { PAGES_PER_IMPORT, rng, sha, type Ack } from '../../scripts/crash-writer.ts';
import { checkArchive } from './crash-check.ts';
import { envCount, recordFigures, STRESS } from './figures.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WRITER = join(ROOT, 'scripts', 'crash-writer.ts');
const KILLS = envCount('GALLEY_CRASH_KILLS', STRESS ? 200 : 12);
const SEED = envCount('GALLEY_CRASH_SEED', 20240501);

interface Run {
  acks: Ack[];
  walBytes: number;
  stderr: string;
  exitSignal: NodeJS.Signals | null;
}

/**
 * Starts the writer, waits until it has acknowledged `afterAcks` commits (0: until READY), then
 * SIGKILLs it `delayMs` later — somewhere inside the next commits. Counting acks rather than
 * waiting a fixed time keeps the test meaningful on a slow or busy machine.
 */
function runAndKill(archive: string, seed: number, afterAcks: number, delayMs: number): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, archive, String(seed)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: Ack[] = [];
    let buffer = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    let walBytes = 0;
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`writer never became ready: ${stderr}`));
    }, 60_000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => (stderr += c));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('READY')) clearTimeout(guard);
        else if (line.startsWith('ACK ')) acks.push(JSON.parse(line.slice(4)) as Ack);
        if (!timer && (line.startsWith('READY') || line.startsWith('ACK ')) && acks.length >= afterAcks) {
          timer = setTimeout(() => {
            walBytes = existsSync(`${archive}-wal`) ? statSync(`${archive}-wal`).size : 0;
            child.kill('SIGKILL');
          }, delayMs);
        }
      }
      // A partial last line (killed mid-write) is not an ack.
    });
    child.on('exit', (_code, signal) => {
      clearTimeout(guard);
      if (timer) clearTimeout(timer);
      done({ acks, walBytes, stderr, exitSignal: signal });
    });
    child.on('error', fail);
  });
}

describe('crash safety under SIGKILL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'galley-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }), 120_000);

  it(`survives ${KILLS} kills without losing an acknowledged change`, { timeout: 60_000 + KILLS * 15_000 }, async () => {
    const archive = join(dir, 'archive.sqlite');
    const rand = rng(SEED);
    const acks: Ack[] = [];
    const verified = new Set<number>();
    let survived = 0;
    let lost = 0;
    let unackedCommits = 0;
    let killedByUs = 0;
    let maxWal = 0;
    const problems: string[] = [];
    let last = { pages: 0, items: 0, ackedChanges: 0 };
    for (let k = 0; k < KILLS; k++) {
      // A random number of commits, then a random few milliseconds (a commit takes ~5-20 ms with
      // synchronous=FULL), so kills land before, inside and between transactions.
      const afterAcks = Math.floor(rand() * (STRESS ? 40 : 16));
      const delay = Math.floor(rand() * 30);
      const run = await runAndKill(archive, SEED + k, afterAcks, delay);
      if (run.exitSignal === 'SIGKILL') killedByUs++;
      // Anything on stderr but Node's own warnings is a writer failure (an exception before a kill).
      const errors = run.stderr.split('\n').filter((l) => l.trim() && !/^\(node:\d+\) \w*Warning|--trace-warnings/.test(l));
      expect(errors, `writer ${k} wrote to stderr`).toEqual([]);
      maxWal = Math.max(maxWal, run.walBytes);
      acks.push(...run.acks);
      const report = checkArchive(archive, acks, verified);
      problems.push(...report.problems.map((p) => `kill ${k}: ${p}`));
      lost += report.lost;
      // At most the one commit in flight at the kill can be in the archive without its ack.
      if (report.unacked - unackedCommits > PAGES_PER_IMPORT) problems.push(`kill ${k}: ${report.unacked - unackedCommits} unacknowledged log rows`);
      unackedCommits = report.unacked;
      if (report.integrity === 'ok' && report.foreignKeyViolations === 0 && report.ftsIntegrity === 'ok' && report.lost === 0 && report.problems.length === 0) {
        survived++;
      } else {
        problems.push(`kill ${k}: integrity ${report.integrity}, fk ${report.foreignKeyViolations}, fts ${report.ftsIntegrity}, lost ${report.lost}`);
      }
      last = { pages: report.pages, items: report.items, ackedChanges: report.ackedChanges };
    }
    // The archive still opens and reads through the app's own interface.
    const a = openArchive(archive, { logger: { warn: () => {} } });
    try {
      expect(a.stats().pages).toBe(last.pages);
    } finally {
      a.close();
    }
    recordFigures('crash', {
      kills: KILLS,
      killedBySigkill: killedByUs,
      survived,
      changesAcknowledged: last.ackedChanges,
      changesLost: lost,
      committedButUnacknowledged: unackedCommits,
      pages: last.pages,
      items: last.items,
      largestWalAtKillBytes: maxWal,
      seed: SEED,
    });
    expect(problems).toEqual([]);
    expect(lost).toBe(0);
    expect(survived).toBe(KILLS);
    expect(killedByUs).toBe(KILLS);
    expect(last.ackedChanges).toBeGreaterThan(KILLS);
  });
});

describe('the crash checker itself', () => {
  // 30 writer operations in-process: seconds on the loaded 2-core machine, not the default 5 s.
  it('notices a lost change, a wrong snapshot and a half-written page', { timeout: 120_000 }, async () => {
    const { runWriter } = await import('../../scripts/crash-writer.ts');
    const dir = mkdtempSync(join(tmpdir(), 'galley-crash-self-'));
    try {
      const archive = join(dir, 'a.sqlite');
      // In-process, the writer's ack lines go to this process's stdout; the acks are rebuilt
      // from the archive's log instead.
      runWriter(archive, 5, 30);
      const db = new Database(archive);
      const rows = db.prepare(`SELECT id, entity_id, page_revision, after_json FROM revisions WHERE action = 'save' ORDER BY id`).all() as {
        id: number;
        entity_id: number;
        page_revision: number;
        after_json: string;
      }[];
      expect(rows.length).toBeGreaterThan(0);
      const ackOf = (r: (typeof rows)[number], hash?: string): Ack => {
        const after = JSON.parse(r.after_json) as { text: string; state: 'imported'; items: unknown[] };
        return { op: 'save', seq: 0, pages: [{ page: r.entity_id, rev: r.page_revision, state: after.state, hash: hash ?? sha(after.text), items: after.items.length, log: r.id }] };
      };
      expect(checkArchive(archive, rows.map((r) => ackOf(r))).lost).toBe(0);
      expect(checkArchive(archive, [ackOf(rows[0]!, 'f'.repeat(64))]).lost).toBe(1);
      expect(checkArchive(archive, [{ ...ackOf(rows[0]!), pages: [{ ...ackOf(rows[0]!).pages[0]!, log: 10_000_000 }] }]).lost).toBe(1);
      db.prepare('DELETE FROM items WHERE id = (SELECT max(id) FROM items)').run();
      db.close();
      expect(checkArchive(archive, []).problems.length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
