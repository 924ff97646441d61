// Start-up costs (run by bench/run.ts; `npm run bench -- startup`), each as a ratio against its
// baseline measured in the same run, rounds interleaved so a busy machine hits both alike:
// - cli: `galley --version` and `galley segment PAGE` (node_modules/.bin/galley, the compiled
//   CLI in dist/node) against `node -e 0`. Goals: at most 2× and 3×. (`npx galley` adds npm's own
//   start-up on top, reported too.)
// - first search: a fresh process's first search against its second (a different query of the
//   same kind), for a simplified and a traditional query. Goal: first ≤ second + 10 ms.
// Ratios are of CPU time (user + system) where /usr/bin/time exists: on a shared machine the wall
// time of a short process mostly measures the other processes, while a start-up is CPU-bound, so
// its CPU ratio is its wall ratio on an idle machine. Wall ratios are printed beside them.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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
const TIME = '/usr/bin/time';
const haveTime = existsSync(TIME);

interface Run {
  wall: number;
  cpu: number;
}

/** Wall time, and CPU time (user + system, from /usr/bin/time) of one run of the command. */
function measure(cmd: string, args: string[]): Run {
  const argv = haveTime ? [TIME, '-f', 'GALLEY_CPU %U %S', cmd, ...args] : [cmd, ...args];
  const t0 = performance.now();
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const m = /GALLEY_CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { wall, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : Number.NaN };
}

/** Untimed: a source saved since the last round would otherwise make the launcher rebuild in a timed run. */
const build = (): void => void execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'ignore' });

function benchCli(): BenchResult[] {
  const runs = { node: [] as Run[], version: [] as Run[], segment: [] as Run[], text: [] as Run[], npx: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    build();
    runs.node.push(measure(process.execPath, ['-e', '0']));
    runs.version.push(measure(BIN, ['--version']));
    runs.segment.push(measure(BIN, ['segment', PAGE]));
    // Reading the page alone: what segmenting adds is the difference.
    runs.text.push(measure(BIN, ['segment', '--text', PAGE]));
    if (i < 3) runs.npx.push(measure('npx', ['--no-install', 'galley', '--version']).wall);
  }
  const med = (rs: Run[]): Run => ({ wall: median(rs.map((r) => r.wall)), cpu: median(rs.map((r) => r.cpu)) });
  const node = med(runs.node);
  const version = med(runs.version);
  const segment = med(runs.segment);
  const text = med(runs.text);
  const ratio = (x: Run): number => (haveTime ? x.cpu / node.cpu : x.wall / node.wall);
  const basis = haveTime ? 'CPU' : 'wall';
  const vr = ratio(version);
  const sr = ratio(segment);
  const tr = ratio(text);
  // Without /usr/bin/time there is no CPU figure: leave it out rather than report NaN.
  const cpu = (key: string, run: Run): Record<string, number> => (haveTime ? { [key]: run.cpu } : {});
  return [
    {
      name: 'startup.cli-version',
      figures: { ...cpu('nodeCpuMs', node), nodeWallMs: Math.round(node.wall), ...cpu('versionCpuMs', version), versionWallMs: Math.round(version.wall), ratio: vr, wallRatio: version.wall / node.wall, npxVersionWallMs: Math.round(median(runs.npx)) },
      summary: `galley --version = ${vr.toFixed(2)}× node -e 0 by ${basis} (${haveTime ? `${version.cpu.toFixed(0)} / ${node.cpu.toFixed(0)} ms CPU; ` : ''}by wall ${(version.wall / node.wall).toFixed(2)}×); median of ${ROUNDS}`,
      goal: { description: 'galley --version at most 2× node -e 0', met: vr <= 2 },
    },
    {
      name: 'startup.cli-segment',
      figures: { ...cpu('nodeCpuMs', node), ...cpu('segmentCpuMs', segment), segmentWallMs: Math.round(segment.wall), ratio: sr, wallRatio: segment.wall / node.wall, ...cpu('textCpuMs', text), textRatio: tr },
      summary: `galley segment PAGE = ${sr.toFixed(2)}× node -e 0 by ${basis} (${haveTime ? `${segment.cpu.toFixed(0)} / ${node.cpu.toFixed(0)} ms CPU; ` : ''}by wall ${(segment.wall / node.wall).toFixed(2)}×); reading the page alone (--text) ${tr.toFixed(2)}×; median of ${ROUNDS}`,
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
      const cpu = { first: [] as number[], second: [] as number[] };
      const wall = { first: [] as number[], second: [] as number[] };
      for (let i = 0; i < 5; i++) {
        const out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', '_first-search.ts'), path, a, b], { cwd: ROOT, encoding: 'utf8' });
        const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { firstMs: number; secondMs: number; firstCpuMs: number; secondCpuMs: number };
        cpu.first.push(r.firstCpuMs);
        cpu.second.push(r.secondCpuMs);
        wall.first.push(r.firstMs);
        wall.second.push(r.secondMs);
      }
      const first = median(cpu.first);
      const second = median(cpu.second);
      return {
        name: `startup.first-search-${kind}`,
        figures: { firstCpuMs: first, secondCpuMs: second, extraCpuMs: first - second, firstWallMs: median(wall.first), secondWallMs: median(wall.second) },
        summary: `first ${kind} search in a process ${first.toFixed(1)} ms CPU, second ${second.toFixed(1)} ms (+${(first - second).toFixed(1)} ms); wall ${median(wall.first).toFixed(1)} / ${median(wall.second).toFixed(1)} ms; median of 5 processes`,
        goal: { description: 'first search at most the second + 10 ms (CPU time)', met: first <= second + 10 },
      };
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function bench(): Promise<BenchResult[]> {
  return [...benchCli(), ...benchFirstSearch()];
}
