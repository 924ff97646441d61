// Tags normalised to the controlled vocabulary: a tag typed as a term's alias (城管 for
// 城市管理综合执法局) or in traditional characters (衡陽) becomes the term's label (衡阳), so the
// tag filter lists one entry per term. A free tag (no term) written in traditional characters
// joins an existing tag with the same simplified form, if there is one.
import type { Db } from './db.ts';
import { foldForSearch } from '../../core/search/fold.ts';

const key = (s: string) => foldForSearch(s.trim()).replace(/\s+/g, ' ');

export function createTagCanon(db: Db): (tags: readonly string[]) => string[] {
  return (tags) => {
    if (tags.length === 0) return [];
    return canonTagsWith(
      db.stmt('tagCanon.tags', 'SELECT name FROM tags').all<{ name: string }>(),
      db.stmt('tagCanon.vocabulary', 'SELECT label, aliases_json FROM vocabulary').all<{ label: string; aliases_json: string }>(),
    )(tags);
  };
}

/** The canonicalisation over tag names and vocabulary rows already read (both archives use it). */
export function canonTagsWith(
  tagRows: readonly { name: string }[],
  vocabularyRows: readonly { label: string; aliases_json: string }[],
): (tags: readonly string[]) => string[] {
  const byKey = new Map<string, string>();
  // Existing free tags first, then terms (a term's label wins over a free tag of the same form).
  for (const { name } of tagRows) {
    const k = key(name);
    if (!byKey.has(k)) byKey.set(k, name);
  }
  for (const row of vocabularyRows) {
    byKey.set(key(row.label), row.label);
    for (const alias of JSON.parse(row.aliases_json) as string[]) byKey.set(key(alias), row.label);
  }
  return (tags) => [...new Set(tags.map((t) => byKey.get(key(t)) ?? t.trim()))];
}
