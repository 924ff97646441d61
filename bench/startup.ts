// Start-up costs (run by bench/run.ts; `npm run bench -- startup`), each as a ratio against its
// baseline measured in the same run, rounds interleaved so a busy machine hits both alike:
// - cli: `galley --version` and `galley segment PAGE` (node_modules/.bin/galley, the compiled
//   CLI in dist/node) against `node -e 0`. Goals: at most 2× and 3×. (`npx galley` adds npm's own
//   start-up on top, reported too.)
// - first search: a fresh process's first search against its second (a different query of the
//   same kind), for a simplified and a traditional query. Goal: first ≤ second + 10 ms.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openArchive } from '../electron/archive/sqlite-archive.ts';
import { corpus } from './archive.ts';
import { median } from './timing.ts';
import type { BenchResult } from './types.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'node_modules', '.bin', 'galley');
const PAGE = join(ROOT, 'resources', 'pages', 'hengyang-daily-2021-10-29-p1.txt');
const ROUNDS = 11;

function wallMs(cmd: string, args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
}

function benchCli(): BenchResult[] {
  // A fresh build first, so no round pays for compiling.
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  const runs = { node: [] as number[], version: [] as number[], segment: [] as number[], npx: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    runs.node.push(wallMs(process.execPath, ['-e', '0']));
    runs.version.push(wallMs(BIN, ['--version']));
    runs.segment.push(wallMs(BIN, ['segment', PAGE]));
    if (i < 3) runs.npx.push(wallMs('npx', ['--no-install', 'galley', '--version']));
  }
  const node = median(runs.node);
  const version = median(runs.version);
  const segment = median(runs.segment);
  const vr = version / node;
  const sr = segment / node;
  return [
    {
      name: 'startup.cli-version',
      figures: { nodeMs: Math.round(node), versionMs: Math.round(version), ratio: vr, npxVersionMs: Math.round(median(runs.npx)) },
      summary: `galley --version ${version.toFixed(0)} ms = ${vr.toFixed(2)}× node -e 0 (${node.toFixed(0)} ms), median of ${ROUNDS}`,
      goal: { description: 'galley --version at most 2× node -e 0', met: vr <= 2 },
    },
    {
      name: 'startup.cli-segment',
      figures: { nodeMs: Math.round(node), segmentMs: Math.round(segment), ratio: sr },
      summary: `galley segment PAGE ${segment.toFixed(0)} ms = ${sr.toFixed(2)}× node -e 0, median of ${ROUNDS}`,
      goal: { description: 'galley segment PAGE at most 3× node -e 0', met: sr <= 3 },
    },
  ];
}

function benchFirstSearch(): BenchResult[] {
  const work = mkdtempSync(join(tmpdir(), 'galley-bench-startup-'));
  try {
    const path = join(work, 'search.sqlite');
    const archive = openArchive(path, { logger: { warn: () => {} } });
    corpus().forEach((text, i) => {
      archive.importPage({ sourceName: `p${i}.txt`, text, encoding: 'UTF-8', dateHint: '2024-01-01', publicationHint: 'bench' }, { name: 'bench' });
    });
    archive.close();
    const kinds: [string, string, string][] = [
      ['simplified', '人民', '城市'],
      ['traditional', '衡陽', '發展'],
    ];
    return kinds.map(([kind, a, b]) => {
      const firsts: number[] = [];
      const seconds: number[] = [];
      for (let i = 0; i < 5; i++) {
        const out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', '_first-search.ts'), path, a, b], { cwd: ROOT, encoding: 'utf8' });
        const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { firstMs: number; secondMs: number };
        firsts.push(r.firstMs);
        seconds.push(r.secondMs);
      }
      const first = median(firsts);
      const second = median(seconds);
      return {
        name: `startup.first-search-${kind}`,
        figures: { firstMs: first, secondMs: second, extraMs: first - second },
        summary: `first ${kind} search in a process ${first.toFixed(1)} ms, second ${second.toFixed(1)} ms (+${(first - second).toFixed(1)} ms), median of 5 processes`,
        goal: { description: 'first search at most the second + 10 ms', met: first <= second + 10 },
      };
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function bench(): Promise<BenchResult[]> {
  return [...benchCli(), ...benchFirstSearch()];
}
