// Changes made outside a host reach its windows (electron/host/archive-watch.ts): another process
// writing the same SQLite file moves the archive's change marker, the host's own writes do not,
// and the watcher tells the windows once per change.
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inProcess } from '../../electron/archive/async-archive.ts';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { watchArchive } from '../../electron/host/archive-watch.ts';
import { fakeSegment } from '../archive/fake-segmenter.ts';
import { tempDir } from '../archive/helpers.ts';

const quiet = { logger: { warn: () => {} } };
const page = (name: string, text: string) => ({ sourceName: name, text, encoding: 'UTF-8', segmentation: fakeSegment(text, {}) });
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

describe('archive watch', () => {
  it('a write by another connection moves the change marker; the host’s own writes do not', async () => {
    const path = join(tempDir(), 'a.sqlite');
    const host = openArchive(path, quiet);
    const other = openArchive(path, quiet);
    try {
      const before = host.changeMarker!();
      host.importPage(page('own/p1.txt', '自己的标题\n正文。\n'), { name: 'host' });
      expect(host.changeMarker!()).toBe(before);
      other.importPage(page('cli/p1.txt', '别处的标题\n正文。\n'), { name: 'galley import' });
      expect(host.changeMarker!()).not.toBe(before);
    } finally {
      other.close();
      host.close();
    }
  });

  it('tells the windows once per outside change, and stops when asked', async () => {
    const path = join(tempDir(), 'b.sqlite');
    const host = inProcess(openArchive(path, quiet));
    const other = openArchive(path, quiet);
    const onChange = vi.fn();
    const stop = watchArchive(host, onChange, 20);
    stops.push(stop);
    try {
      await new Promise((r) => setTimeout(r, 60));
      expect(onChange).not.toHaveBeenCalled();
      other.importPage(page('cli/p1.txt', '别处的标题\n正文。\n'), { name: 'galley import' });
      await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1), { timeout: 5000 });
      await new Promise((r) => setTimeout(r, 80));
      expect(onChange).toHaveBeenCalledTimes(1);
      stop();
      other.importPage(page('cli/p2.txt', '又一篇\n正文。\n'), { name: 'galley import' });
      await new Promise((r) => setTimeout(r, 80));
      expect(onChange).toHaveBeenCalledTimes(1);
    } finally {
      other.close();
      await host.close();
    }
  });

  it('an archive without a marker (a test double) is simply not watched', () => {
    const onChange = vi.fn();
    const stop = watchArchive({}, onChange, 10);
    stop();
    expect(onChange).not.toHaveBeenCalled();
  });
});
