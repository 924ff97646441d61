// Child process for bench/import.ts: parses one file (or only streams and decodes it, with
// --floor) and prints {ms, maxRssMiB, chars} as JSON, so RSS is this parse's own.
import { createReadStream } from 'node:fs';
import { parseFileStreaming } from '../electron/importer/formats.ts';

const [file, mode] = process.argv.slice(2);
if (!file) throw new Error('usage: _import-parse.ts FILE [--floor]');
const t0 = performance.now();
let chars = 0;
if (mode === '--floor') {
  const dec = new TextDecoder();
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) chars += dec.decode(chunk, { stream: true }).length;
} else {
  const r = await parseFileStreaming(file, file);
  chars = r.pages.reduce((n, p) => n + p.text.length, 0);
}
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, maxRssMiB: process.resourceUsage().maxRSS / 1024, chars }));
