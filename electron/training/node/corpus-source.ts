// Reads the crawled article lists (one JSON object per page and line, `YYYY-MM.jsonl`) and checks
// every line; a bad line is an error naming the file and the line number.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import type { CorpusPage } from '../page-builder.ts';

const title = z.string().nullable();
export const corpusPageSchema = z.object({
  paper: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'),
  page: z.number().int().positive(),
  articles: z.array(
    z.object({
      order: z.number().int().nonnegative(),
      kicker: title,
      headline: title,
      subheadline: title,
      paragraphs: z.array(z.string()),
    }),
  ),
});

export class CorpusSourceError extends Error {
  override readonly name = 'CorpusSourceError';
}

/** The month files of a corpus folder ("2019-10.jsonl" → "2019-10"), sorted. */
export function corpusMonths(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CorpusSourceError(`corpus folder not found: ${dir}`);
  return readdirSync(dir)
    .filter((f) => /^\d{4}-\d{2}\.jsonl$/.test(f))
    .map((f) => f.slice(0, 7))
    .sort();
}

/** Every page of one month file, validated line by line. */
export function readCorpusMonth(dir: string, month: string): CorpusPage[] {
  const file = join(dir, `${month}.jsonl`);
  if (!existsSync(file)) throw new CorpusSourceError(`no corpus file for ${month}: ${file}`);
  const pages: CorpusPage[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      if (!raw.trim()) return;
      const where = `${basename(file)} line ${i + 1}`;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch (e) {
        throw new CorpusSourceError(`${where}: not JSON (${e instanceof Error ? e.message : String(e)})`);
      }
      const result = corpusPageSchema.safeParse(json);
      if (!result.success) {
        const issue = result.error.issues[0]!;
        throw new CorpusSourceError(`${where}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
      }
      if (!result.data.date.startsWith(month)) throw new CorpusSourceError(`${where}: date ${result.data.date} is not in ${month}`);
      pages.push(result.data);
    });
  return pages;
}
