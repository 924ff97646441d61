// Child process of bench/startup.ts: opens ARCHIVE and times the first searches of a fresh
// process (no fold table, no statement cache yet). Prints one JSON line.
//   node --import tsx bench/_first-search.ts ARCHIVE QUERY_A QUERY_B
import { openArchive } from '../electron/archive/sqlite-archive.ts';

const [path, a, b] = process.argv.slice(2);
if (!path || !a || !b) {
  console.error('usage: _first-search.ts ARCHIVE QUERY_A QUERY_B');
  process.exit(2);
}
const archive = openArchive(path, { logger: { warn: () => {} } });
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const c0 = cpu();
const t0 = performance.now();
const hitsA = archive.search(a, {}, 20).length;
const t1 = performance.now();
const c1 = cpu();
const hitsB = archive.search(b, {}, 20).length;
const t2 = performance.now();
const c2 = cpu();
archive.close();
console.log(JSON.stringify({ firstMs: t1 - t0, secondMs: t2 - t1, firstCpuMs: c1 - c0, secondCpuMs: c2 - c1, hitsA, hitsB }));
