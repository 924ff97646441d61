// Review on PostgreSQL, part three: the controlled vocabulary (terms with a path, a label and
// aliases), every change logged as a revision of entity 'vocabulary' — the SQLite archive's
// vocabulary.ts, same rules. Writers lock the table (SHARE ROW EXCLUSIVE) so a term cannot lose
// its parent to a concurrent removal between the check and the insert.
import { z } from 'zod';
import { vocabularyTermSchema, type VocabularyTerm } from '../../../shared/ipc-review.ts';
import type { Actor } from '../archive-api.ts';
import { checkActor, fail, parseOr } from '../context.ts';
import type { PgContext, PgQuery } from './context.ts';
import { logRevision } from './revisions.ts';

interface VocabRow {
  id: number;
  type: VocabularyTerm['type'];
  path: string;
  label: string;
  aliases_json: string;
}

const COLUMNS = 'id, type, path, label, aliases_json';
const joinPath = (path: readonly string[]) => path.join('/');
const toTerm = (r: VocabRow): VocabularyTerm => ({ type: r.type, path: r.path.split('/'), label: r.label, aliases: JSON.parse(r.aliases_json) as string[] });
const vocabRow = (q: PgQuery, type: string, path: string) =>
  q.one<VocabRow>('vocabulary.get', `SELECT ${COLUMNS} FROM vocabulary WHERE type = $1 AND path = $2`, [type, path]);
const lockVocabulary = (q: PgQuery) => q.run('vocabulary.lock', 'LOCK TABLE vocabulary IN SHARE ROW EXCLUSIVE MODE');

async function upsertTerm(ctx: PgContext, q: PgQuery, term: VocabularyTerm, actor: Actor): Promise<'added' | 'updated' | 'same'> {
  const path = joinPath(term.path);
  if (term.path.length > 1 && !(await vocabRow(q, term.type, joinPath(term.path.slice(0, -1))))) {
    fail('invalid-input', `parent ${term.type} ${joinPath(term.path.slice(0, -1))} is not defined`);
  }
  const old = await vocabRow(q, term.type, path);
  const aliases = JSON.stringify([...new Set(term.aliases)]);
  if (old && old.label === term.label && old.aliases_json === aliases) return 'same';
  if (old) {
    await q.run('vocabulary.update', 'UPDATE vocabulary SET label = $1, aliases_json = $2 WHERE id = $3', [term.label, aliases, old.id]);
  } else {
    await q.run('vocabulary.insert', 'INSERT INTO vocabulary(type, path, label, aliases_json) VALUES ($1, $2, $3, $4)', [term.type, path, term.label, aliases]);
  }
  const row = (await vocabRow(q, term.type, path))!;
  await logRevision(ctx, q, actor, 'vocabulary', row.id, old ? 'update' : 'add', null, old ? toTerm(old) : null, toTerm(row));
  return old ? 'updated' : 'added';
}

const hasChildren = async (q: PgQuery, type: string, path: string): Promise<boolean> =>
  (await q.one<{ x: number }>(
    'vocabulary.children',
    // left() counts characters, as SQLite's substr(): the prefix "path/" of a narrower term.
    'SELECT 1 AS x FROM vocabulary WHERE type = $1 AND left(path, $2) = $3 LIMIT 1',
    [type, [...path].length + 1, `${path}/`],
  )) !== undefined;

async function deleteTerm(ctx: PgContext, q: PgQuery, row: VocabRow, actor: Actor): Promise<void> {
  await q.run('vocabulary.delete', 'DELETE FROM vocabulary WHERE id = $1', [row.id]);
  await logRevision(ctx, q, actor, 'vocabulary', row.id, 'remove', null, toTerm(row), null);
}

export async function listVocabulary(ctx: PgContext): Promise<VocabularyTerm[]> {
  // type and path in byte order (path is COLLATE "C"), as SQLite's BINARY order.
  const rows = await ctx.read((q) => q.all<VocabRow>('vocabulary.list', `SELECT ${COLUMNS} FROM vocabulary ORDER BY type COLLATE "C", path`));
  return rows.map(toTerm);
}

export function upsertVocabulary(ctx: PgContext, term: VocabularyTerm, actor: Actor): Promise<VocabularyTerm> {
  const t = parseOr(vocabularyTermSchema, term, 'vocabulary term');
  const who = checkActor(actor);
  return ctx.tx(async (q) => {
    await lockVocabulary(q);
    await upsertTerm(ctx, q, t, who);
    return toTerm((await vocabRow(q, t.type, joinPath(t.path)))!);
  });
}

/** Refused while the term has children; returns the number removed (0 or 1). */
export function removeVocabulary(ctx: PgContext, type: VocabularyTerm['type'], path: string[], actor: Actor): Promise<number> {
  const ty = parseOr(vocabularyTermSchema.shape.type, type, 'vocabulary type');
  const p = joinPath(parseOr(vocabularyTermSchema.shape.path, path, 'vocabulary path'));
  const who = checkActor(actor);
  return ctx.tx(async (q) => {
    await lockVocabulary(q);
    const row = await vocabRow(q, ty, p);
    if (!row) return 0;
    if (await hasChildren(q, ty, p)) fail('invalid-input', `${ty} ${p} has narrower terms; remove them first`);
    await deleteTerm(ctx, q, row, who);
    return 1;
  });
}

/** merge: add and update by type+path; replace: the vocabulary becomes exactly `terms`. */
export function importVocabulary(
  ctx: PgContext,
  terms: VocabularyTerm[],
  mode: 'merge' | 'replace',
  actor: Actor,
): Promise<{ added: number; updated: number; removed: number }> {
  const list = parseOr(z.array(vocabularyTermSchema), terms, 'vocabulary');
  const m = parseOr(z.enum(['merge', 'replace']), mode, 'vocabulary import mode');
  const who = checkActor(actor);
  return ctx.tx(async (q) => {
    await lockVocabulary(q);
    let removed = 0;
    if (m === 'replace') {
      const keep = new Set(list.map((t) => `${t.type}\u0000${joinPath(t.path)}`));
      // Children before parents (longest paths first; ties in id order, as SQLite's rowid scan).
      const rows = (await q.all<VocabRow>('vocabulary.all', `SELECT ${COLUMNS} FROM vocabulary ORDER BY id`)).sort((a, b) => b.path.length - a.path.length);
      for (const row of rows) {
        if (keep.has(`${row.type}\u0000${row.path}`)) continue;
        await deleteTerm(ctx, q, row, who);
        removed++;
      }
    }
    let added = 0;
    let updated = 0;
    for (const t of [...list].sort((a, b) => a.path.length - b.path.length)) {
      const r = await upsertTerm(ctx, q, t, who);
      if (r === 'added') added++;
      else if (r === 'updated') updated++;
    }
    return { added, updated, removed };
  });
}
