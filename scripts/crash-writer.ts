// The child process of the crash test (test/reliability/crash.test.ts): opens an archive with
// openArchive and writes to it without pause — imports of three pages in one transaction, editor
// saves (savePage with the page's current revision as baseRevision) and page-state changes —
// printing one acknowledgement line on stdout ONLY after each commit has returned. The test kills
// it with SIGKILL at random moments and checks that every acknowledged change survived.
//
//   node --import tsx scripts/crash-writer.ts ARCHIVE SEED [MAX_OPS]
//
// stdout: "READY <pid>" once the archive is open, then one "ACK <json>" line per commit
// (see Ack). Lines are written with writeSync, so a line on the pipe is a commit that returned.
import { createHash } from 'node:crypto';
import { writeSync } from 'node:fs';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { seededRandom } from '../core/engine/seeded-random.ts';
import { openArchive, type SqliteArchive } from '../electron/archive/sqlite-archive.ts';
import type { StoredItem, PageState } from '../shared/domain.ts';

export const PAGES_PER_IMPORT = 3;

/** One page a commit touched, as the writer saw it right after the commit returned. */
export interface AckPage {
  page: number;
  /** Page revision after the change. */
  rev: number;
  state: PageState;
  /** sha256 of the page text. */
  hash: string;
  items: number;
  /** id of the revision-log row this change wrote. */
  log: number;
}

export interface Ack {
  op: 'import' | 'save' | 'state';
  seq: number;
  pages: AckPage[];
}

export function sha(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The project's one seeded PRNG, also used by the crash and backup tests that drive this writer. */
export const rng = seededRandom;

const HAN = '衡阳市委书记率队赴苏州考察学习湘江大桥今日通车经过三年建设正式农业科技文教卫体新闻本报讯记者通讯员';

function hanRun(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += HAN[Math.floor(rand() * HAN.length)]!;
  return s;
}

/** A newspaper-shaped page for import (unique by `tag`). */
export function importText(tag: string, rand: () => number): string {
  const blocks: string[] = [];
  const n = 2 + Math.floor(rand() * 5);
  for (let b = 0; b < n; b++) {
    blocks.push(`${hanRun(rand, 6 + Math.floor(rand() * 6))}\n本报讯（记者 张${hanRun(rand, 1)}）${hanRun(rand, 40 + Math.floor(rand() * 200))}。`);
  }
  return `${blocks.join('\n\n')}\n编号 ${tag}\n`;
}

/**
 * An editor's version of a page: new text and items that cover it contiguously, keeping the ids
 * of some existing items (so savePage both updates and inserts item rows).
 */
export function editedPage(pageId: number, rev: number, existing: StoredItem[], rand: () => number): { text: string; items: StoredItem[] } {
  const count = 1 + Math.floor(rand() * 30);
  let text = '';
  const items: StoredItem[] = [];
  for (let k = 0; k < count; k++) {
    const start = text.length;
    const headline = `p${pageId}r${rev}i${k} ${hanRun(rand, 4)}`;
    const body = hanRun(rand, 20 + Math.floor(rand() * 300));
    text += `${headline}\n${body}。\n\n`;
    const keepId = k < existing.length && rand() < 0.6 ? existing[k]!.id : undefined;
    items.push({
      ...(keepId !== undefined ? { id: keepId } : {}),
      kind: k === 0 ? 'article' : rand() < 0.2 ? 'brief' : 'article',
      start,
      end: text.length,
      kicker: null,
      headline,
      subheadline: null,
      series: null,
      byline: rand() < 0.5 ? `记者 张${k % 7}` : null,
      contributors: rand() < 0.5 ? [{ name: `张${k % 7}`, role: 'reporter' }] : [],
      paragraphs: [`${body}。`],
      continuedOn: null,
      continuedFrom: null,
      flags: [],
      editedFields: rand() < 0.3 ? ['headline'] : [],
      tags: rand() < 0.3 ? [`标签${k % 5}`] : [],
    });
  }
  return { text, items };
}

const STATES: PageState[] = ['imported', 'in-progress', 'proofed'];

function lastLogId(archive: SqliteArchive, pageId: number): number {
  const revs = archive.listRevisions(pageId);
  return revs[revs.length - 1]!.id;
}

function ackPage(archive: SqliteArchive, pageId: number): AckPage {
  const p = archive.getPage(pageId);
  return { page: p.id, rev: p.revision, state: p.state, hash: sha(p.text), items: p.items.length, log: lastLogId(archive, pageId) };
}

function say(line: string): void {
  writeSync(1, `${line}\n`);
}

export function runWriter(path: string, seed: number, maxOps = Number.POSITIVE_INFINITY): void {
  const rand = rng(seed);
  const archive = openArchive(path, { logger: { warn: () => {} } });
  const actor = { name: 'crash-writer' };
  const pageIds: number[] = [];
  for (const issue of archive.listIssues()) for (const p of archive.listPages(issue.id)) pageIds.push(p.id);
  say(`READY ${process.pid}`);
  for (let seq = 0; seq < maxOps; seq++) {
    const roll = rand();
    if (pageIds.length < PAGES_PER_IMPORT || roll < 0.2) {
      const inputs = Array.from({ length: PAGES_PER_IMPORT }, (_, i) => ({
        sourceName: `crash/${seed}-${seq}-${i}.txt`,
        text: importText(`${seed}-${process.pid}-${seq}-${i}`, rand),
        encoding: 'UTF-8',
        folderHint: 'crash',
      }));
      const outcomes = archive.importPages(inputs, actor);
      const pages = outcomes.map((o) => o.pageId);
      for (const id of pages) if (!pageIds.includes(id)) pageIds.push(id);
      say(`ACK ${JSON.stringify({ op: 'import', seq, pages: pages.map((id) => ackPage(archive, id)) } satisfies Ack)}`);
    } else if (roll < 0.75) {
      const pageId = pageIds[Math.floor(rand() * pageIds.length)]!;
      const page = archive.getPage(pageId);
      const next = editedPage(pageId, page.revision + 1, page.items, rand);
      archive.savePage({ pageId, baseRevision: page.revision, text: next.text, items: next.items }, actor);
      say(`ACK ${JSON.stringify({ op: 'save', seq, pages: [ackPage(archive, pageId)] } satisfies Ack)}`);
    } else {
      const pageId = pageIds[Math.floor(rand() * pageIds.length)]!;
      const page = archive.getPage(pageId);
      const others = STATES.filter((s) => s !== page.state);
      archive.setPageState(pageId, others[Math.floor(rand() * others.length)]!, actor);
      say(`ACK ${JSON.stringify({ op: 'state', seq, pages: [ackPage(archive, pageId)] } satisfies Ack)}`);
    }
  }
  archive.close();
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return pathToFileURL(realpathSync(entry)).href === import.meta.url;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const [path, seedArg, maxArg] = process.argv.slice(2);
  if (!path || !seedArg) {
    process.stderr.write('usage: crash-writer ARCHIVE SEED [MAX_OPS]\n');
    process.exit(2);
  }
  runWriter(path, Number(seedArg), maxArg ? Number(maxArg) : undefined);
}
