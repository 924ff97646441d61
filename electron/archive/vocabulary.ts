// Review, part three: the controlled vocabulary (terms with a path, a label and aliases), every
// change logged as a revision of entity 'vocabulary'.
import { z } from 'zod';
import { vocabularyTermSchema, type VocabularyTerm } from '../../shared/ipc-review.ts';
import type { Actor } from './archive-api.ts';
import { fail, parseOr, type ArchiveContext } from './context.ts';
import { logRevision } from './revisions.ts';

interface VocabRow {
  id: number;
  type: VocabularyTerm['type'];
  path: string;
  label: string;
  aliases_json: string;
}

const joinPath = (path: readonly string[]) => path.join('/');
const toTerm = (r: VocabRow): VocabularyTerm => ({ type: r.type, path: r.path.split('/'), label: r.label, aliases: JSON.parse(r.aliases_json) as string[] });
const vocabRow = (ctx: ArchiveContext, type: string, path: string) =>
  ctx.db.stmt('vocabulary.get', 'SELECT * FROM vocabulary WHERE type = ? AND path = ?').get<VocabRow>(type, path);

function upsertTerm(ctx: ArchiveContext, term: VocabularyTerm, actor: Actor): 'added' | 'updated' | 'same' {
  const path = joinPath(term.path);
  if (term.path.length > 1 && !vocabRow(ctx, term.type, joinPath(term.path.slice(0, -1)))) {
    fail('invalid-input', `parent ${term.type} ${joinPath(term.path.slice(0, -1))} is not defined`);
  }
  const old = vocabRow(ctx, term.type, path);
  const aliases = JSON.stringify([...new Set(term.aliases)]);
  if (old && old.label === term.label && old.aliases_json === aliases) return 'same';
  if (old) {
    ctx.db.stmt('vocabulary.update', 'UPDATE vocabulary SET label = ?, aliases_json = ? WHERE id = ?').run(term.label, aliases, old.id);
  } else {
    ctx.db.stmt('vocabulary.insert', 'INSERT INTO vocabulary(type, path, label, aliases_json) VALUES (?, ?, ?, ?)').run(term.type, path, term.label, aliases);
  }
  const row = vocabRow(ctx, term.type, path)!;
  logRevision(ctx, actor, 'vocabulary', row.id, old ? 'update' : 'add', null, old ? toTerm(old) : null, toTerm(row));
  return old ? 'updated' : 'added';
}

const hasChildren = (ctx: ArchiveContext, type: string, path: string): boolean =>
  ctx.db
    .stmt('vocabulary.children', `SELECT 1 AS x FROM vocabulary WHERE type = ? AND substr(path, 1, ?) = ? LIMIT 1`)
    .get<{ x: number }>(type, path.length + 1, `${path}/`) !== undefined;

function deleteTerm(ctx: ArchiveContext, row: VocabRow, actor: Actor): void {
  ctx.db.stmt('vocabulary.delete', 'DELETE FROM vocabulary WHERE id = ?').run(row.id);
  logRevision(ctx, actor, 'vocabulary', row.id, 'remove', null, toTerm(row), null);
}

export function listVocabulary(ctx: ArchiveContext): VocabularyTerm[] {
  return ctx.db.stmt('vocabulary.list', 'SELECT * FROM vocabulary ORDER BY type, path').all<VocabRow>().map(toTerm);
}

export function upsertVocabulary(ctx: ArchiveContext, term: VocabularyTerm, actor: Actor): VocabularyTerm {
  const t = parseOr(vocabularyTermSchema, term, 'vocabulary term');
  return ctx.db.tx(() => {
    upsertTerm(ctx, t, actor);
    return toTerm(vocabRow(ctx, t.type, joinPath(t.path))!);
  });
}

/** Refused while the term has children; returns the number removed (0 or 1). */
export function removeVocabulary(ctx: ArchiveContext, type: VocabularyTerm['type'], path: string[], actor: Actor): number {
  const p = joinPath(parseOr(vocabularyTermSchema.shape.path, path, 'vocabulary path'));
  return ctx.db.tx(() => {
    const row = vocabRow(ctx, type, p);
    if (!row) return 0;
    if (hasChildren(ctx, type, p)) fail('invalid-input', `${type} ${p} has narrower terms; remove them first`);
    deleteTerm(ctx, row, actor);
    return 1;
  });
}

/** merge: add and update by type+path; replace: the vocabulary becomes exactly `terms`. */
export function importVocabulary(ctx: ArchiveContext, terms: VocabularyTerm[], mode: 'merge' | 'replace', actor: Actor) {
  const list = parseOr(z.array(vocabularyTermSchema), terms, 'vocabulary');
  return ctx.db.tx(() => {
    let removed = 0;
    if (mode === 'replace') {
      const keep = new Set(list.map((t) => `${t.type}\u0000${joinPath(t.path)}`));
      // Children before parents (longest paths first).
      const rows = ctx.db.stmt('vocabulary.all', 'SELECT * FROM vocabulary').all<VocabRow>().sort((a, b) => b.path.length - a.path.length);
      for (const row of rows) {
        if (keep.has(`${row.type}\u0000${row.path}`)) continue;
        deleteTerm(ctx, row, actor);
        removed++;
      }
    }
    let added = 0;
    let updated = 0;
    for (const t of [...list].sort((a, b) => a.path.length - b.path.length)) {
      const r = upsertTerm(ctx, t, actor);
      if (r === 'added') added++;
      else if (r === 'updated') updated++;
    }
    return { added, updated, removed };
  });
}
