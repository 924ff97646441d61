// tags.* (except the search-wide one, search.ts) and vocabulary.*: tagging items and keeping the
// controlled vocabulary. Tagging needs 'item.tag' and an open issue for every item it touches.
import type { HandlerGroup, ServiceContext } from '../service/context.ts';
import { assertIssueEditable } from '../../../core/review/index.ts';

type TagChannel =
  | 'tags.setForItem'
  | 'tags.addToItems'
  | 'tags.suggest'
  | 'tags.list'
  | 'vocabulary.list'
  | 'vocabulary.upsert'
  | 'vocabulary.remove'
  | 'vocabulary.importCsv'
  | 'vocabulary.exportCsv';

export function tagHandlers(ctx: ServiceContext): HandlerGroup<TagChannel> {
  const { archive, session } = ctx;
  const editable = (issueId: number) => assertIssueEditable(archive.getIssue(issueId).state);
  return {
    'tags.setForItem': ({ itemId, tags }) => {
      const { actor } = session.may('item.tag');
      editable(archive.getItem(itemId).issueId);
      const result = archive.setItemTags(itemId, tags, actor);
      ctx.changed();
      return { itemId, ...result };
    },
    'tags.addToItems': ({ itemIds, add, remove }) => {
      const { actor } = session.may('item.tag');
      for (const id of new Set(itemIds)) editable(archive.getItem(id).issueId);
      const result = archive.changeItemTags(itemIds, add, remove, actor);
      ctx.changed();
      return result;
    },
    'tags.suggest': async ({ itemId }) => {
      const { item } = archive.getItem(itemId);
      // jieba (a native addon) loads only when suggestions are first asked for.
      const { suggestTags, matchVocabulary } = await import('../../tagging/index.ts');
      const s = suggestTags(item);
      const have = new Set(item.tags);
      const fresh = (words: string[]) => words.filter((w) => !have.has(w));
      const text = [item.kicker, item.headline, item.subheadline, ...item.paragraphs].filter(Boolean).join('\n');
      return {
        itemId,
        keywords: fresh(s.keywords),
        people: fresh(s.people),
        places: fresh(s.places),
        organisations: fresh(s.organisations),
        vocabulary: matchVocabulary(archive.listVocabulary(), text).filter((t) => !have.has(t.label)),
        tags: item.tags,
      };
    },
    'tags.list': () => {
      const vocab = archive.listVocabulary();
      return archive.listTags().map((t) => ({ ...t, term: vocab.find((v) => v.label === t.name) ?? null }));
    },

    'vocabulary.list': () => archive.listVocabulary(),
    'vocabulary.upsert': ({ term }) => archive.upsertVocabulary(term, session.may('vocabulary.edit').actor),
    'vocabulary.remove': ({ type, path }) => ({ removed: archive.removeVocabulary(type, path, session.may('vocabulary.edit').actor) }),
    'vocabulary.importCsv': async ({ csv, mode }) => {
      const { actor } = session.may('vocabulary.edit');
      const { parseVocabularyCsv } = await import('../../../core/tagging/vocabulary.ts');
      const parsed = parseVocabularyCsv(csv);
      // Replacing with a file that has bad rows would drop terms those rows meant to keep.
      if (mode === 'replace' && parsed.errors.length) return { added: 0, updated: 0, removed: 0, errors: parsed.errors };
      return { ...archive.importVocabulary(parsed.entries, mode, actor), errors: parsed.errors };
    },
    'vocabulary.exportCsv': async () => {
      const { serialiseVocabularyCsv } = await import('../../../core/tagging/vocabulary.ts');
      return { csv: serialiseVocabularyCsv(archive.listVocabulary()), fileName: 'galley-vocabulary.csv' };
    },
  };
}
