// The shared archive suite against the SQLite archive: each archive a fresh file, opened on this
// thread behind the asynchronous interface (inProcess) — the suites see only AsyncArchive.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe } from 'vitest';
import { inProcess, type AsyncArchive } from '../../electron/archive/async-archive.ts';
import { openArchive } from '../../electron/archive/sqlite-archive.ts';
import { fakeSegment } from '../archive/fake-segmenter.ts';
import { SUITES } from './suites.ts';
import { quiet, type OpenSuiteArchive } from './support.ts';

const opened: AsyncArchive[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const a of opened.splice(0)) await a.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const open: OpenSuiteArchive = async (options = {}) => {
  const dir = mkdtempSync(join(tmpdir(), 'galley-suite-'));
  dirs.push(dir);
  const a = inProcess(openArchive(join(dir, 'archive.sqlite'), { segment: options.segment ?? fakeSegment, logger: quiet }));
  opened.push(a);
  return a;
};

describe('archive suite: SQLite', () => {
  for (const suite of SUITES) suite(open);
});
