// Issue 14, the CLI: "[archive] slow query" warnings used to run into the end of `galley import`'s
// progress bar (drawn with \r and no newline). On a terminal a warning now clears the line first.
import { describe, expect, it } from 'vitest';
import { captureIO } from '../../electron/cli/cli-io.ts';
import { cliLogger } from '../../electron/cli/review-cli.ts';

/** What a terminal shows for a stream of \r, erase-line (ESC[2K), \n and text. */
function screen(stream: string): string[] {
  const lines: string[] = [''];
  let col = 0;
  for (const part of stream.split(/(\r|\n|\x1b\[2K)/)) {
    const row = lines.length - 1;
    if (part === '\r') col = 0;
    else if (part === '\n') {
      lines.push('');
      col = 0;
    } else if (part === '\x1b[2K') lines[row] = '';
    else if (part) {
      const cur = lines[row]!.padEnd(col);
      lines[row] = cur.slice(0, col) + part + cur.slice(col + part.length);
      col += part.length;
    }
  }
  return lines;
}

describe('archive warnings beside the progress bar', () => {
  const bar = (n: number) => `\r\x1b[2K[${'#'.repeat(n)}${' '.repeat(10 - n)}] ${n}/10 page-${n}.txt`;

  it('on a terminal, a warning takes a line of its own and the bar is drawn again below it', () => {
    const io = captureIO(true);
    io.stderr(bar(3));
    cliLogger(io).warn('[archive] slow query items.insert: 56.3 ms');
    io.stderr(bar(4));
    expect(screen(io.err())).toEqual(['[archive] slow query items.insert: 56.3 ms', '[####      ] 4/10 page-4.txt']);
  });

  it('without a terminal (a log file), plain lines', () => {
    const io = captureIO(false);
    cliLogger(io).warn('[archive] slow query items.insert: 56.3 ms');
    expect(io.err()).toBe('[archive] slow query items.insert: 56.3 ms\n');
  });
});
