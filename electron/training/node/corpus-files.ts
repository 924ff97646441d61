// Reads and writes the built corpus on disk. Layout of a corpus folder (the same as resources/, so
// `galley eval --dir` and the reference scorer read it as it is):
//   DIR/pages/{id}.txt          page text
//   DIR/gold/{id}.json          galley.gold/1, "text": "pages/{id}.txt"
//   DIR/roles/{id}.roles.json   the LabelledPage (id, source, month, text, roles, itemStarts, gold)
//   DIR/manifest.json           what was built, with counts
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LINE_ROLES, type LabelledPage } from '../../../core/engine/model/line-roles.ts';
import { goldSchema, goldStartLines } from '../../../core/eval/gold.ts';

export const ROLES_SUFFIX = '.roles.json';

const labelledPageSchema = z.strictObject({
  id: z.string().regex(/^[\w.-]+$/, 'must be letters, digits, dots, dashes or underscores'),
  source: z.string().min(1),
  month: z.string().regex(/^\d{4}-\d{2}$/, 'must be YYYY-MM').optional(),
  text: z.string(),
  roles: z.array(z.enum(LINE_ROLES).nullable()),
  itemStarts: z.array(z.number().int().nonnegative()),
  gold: goldSchema,
});

/** A corpus file that is not a valid labelled page; names the file and the problem. */
export class CorpusFileError extends Error {
  override readonly name = 'CorpusFileError';
}

/** Validates one parsed roles file; the roles must fit the text and the anchors their item starts. */
export function parseLabelledPage(json: unknown, file: string): LabelledPage {
  const result = labelledPageSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new CorpusFileError(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const page = result.data as LabelledPage;
  const lines = page.text.split('\n');
  if (page.roles.length !== lines.length) throw new CorpusFileError(`${file}: ${page.roles.length} roles for ${lines.length} lines`);
  let starts: number[];
  try {
    starts = goldStartLines(lines, page.gold, file);
  } catch (e) {
    throw new CorpusFileError(e instanceof Error ? e.message : String(e));
  }
  if (starts.join() !== page.itemStarts.join()) throw new CorpusFileError(`${file}: itemStarts do not match the gold anchors`);
  return page;
}

/** Every labelled page of a corpus folder (DIR/roles/*.roles.json, or DIR/*.roles.json), sorted by id. */
export async function loadLabelledPages(dir: string): Promise<LabelledPage[]> {
  const rolesDir = existsSync(join(dir, 'roles')) ? join(dir, 'roles') : dir;
  if (!existsSync(rolesDir)) throw new CorpusFileError(`corpus folder not found: ${dir}`);
  const files = readdirSync(rolesDir).filter((f) => f.endsWith(ROLES_SUFFIX)).sort();
  return files.map((f) => {
    const path = join(rolesDir, f);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new CorpusFileError(`${path}: not JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    return parseLabelledPage(json, path);
  });
}

/** Writes one page's text, gold and roles into a corpus folder. */
export function writeLabelledPage(dir: string, page: LabelledPage): void {
  for (const sub of ['pages', 'gold', 'roles']) mkdirSync(join(dir, sub), { recursive: true });
  const gold = { ...page.gold, text: `pages/${page.id}.txt` };
  const labelled: LabelledPage = { id: page.id, source: page.source, ...(page.month ? { month: page.month } : {}), text: page.text, roles: page.roles, itemStarts: page.itemStarts, gold };
  // Readers may load the folder while a build runs: each file appears whole (write, then rename).
  writeAtomic(join(dir, 'pages', `${page.id}.txt`), page.text);
  writeAtomic(join(dir, 'gold', `${page.id}.json`), `${JSON.stringify(gold, null, 1)}\n`);
  writeAtomic(join(dir, 'roles', `${page.id}${ROLES_SUFFIX}`), `${JSON.stringify(labelled)}\n`);
}

export function writeAtomic(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

/** The labelled page stored under `id`, or null when there is none. */
export function readLabelledPage(dir: string, id: string): LabelledPage | null {
  const path = join(dir, 'roles', `${id}${ROLES_SUFFIX}`);
  return existsSync(path) ? parseLabelledPage(JSON.parse(readFileSync(path, 'utf8')), path) : null;
}

/** Removes a page's text, gold and roles (an OCR page that a better alignment now drops). */
export function removeLabelledPage(dir: string, id: string): void {
  for (const path of [join(dir, 'roles', `${id}${ROLES_SUFFIX}`), join(dir, 'gold', `${id}.json`), join(dir, 'pages', `${id}.txt`)]) rmSync(path, { force: true });
}
