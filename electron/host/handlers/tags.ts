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
  const editable = async (issueId: number) => assertIssueEditable((await archive.getIssue(issueId)).state);
  return {
    'tags.setForItem': async ({ itemId, tags }) => {
      const { actor } = await session.may('item.tag');
      await editable((await archive.getItem(itemId)).issueId);
      const result = await archive.setItemTags(itemId, tags, actor);
      ctx.changed();
      return { itemId, ...result };
    },
    'tags.addToItems': async ({ itemIds, add, remove }) => {
      const { actor } = await session.may('item.tag');
      const refs = await Promise.all([...new Set(itemIds)].map((id) => archive.getItem(id)));
      for (const issueId of new Set(refs.map((ref) => ref.issueId))) await editable(issueId);
      const result = await archive.changeItemTags(itemIds, add, remove, actor);
      ctx.changed();
      return result;
    },
    'tags.suggest': async ({ itemId }) => {
      const { item } = await archive.getItem(itemId);
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
        vocabulary: matchVocabulary(await archive.listVocabulary(), text).filter((t) => !have.has(t.label)),
        tags: item.tags,
      };
    },
    'tags.list': async () => {
      const vocab = await archive.listVocabulary();
      return (await archive.listTags()).map((t) => ({ ...t, term: vocab.find((v) => v.label === t.name) ?? null }));
    },

    'vocabulary.list': () => archive.listVocabulary(),
    'vocabulary.upsert': async ({ term }) => archive.upsertVocabulary(term, (await session.may('vocabulary.edit')).actor),
    'vocabulary.remove': async ({ type, path }) => ({ removed: await archive.removeVocabulary(type, path, (await session.may('vocabulary.edit')).actor) }),
    'vocabulary.importCsv': async ({ csv, mode }) => {
      const { actor } = await session.may('vocabulary.edit');
      const { parseVocabularyCsv } = await import('../../../core/tagging/vocabulary.ts');
      const parsed = parseVocabularyCsv(csv);
      // Replacing with a file that has bad rows would drop terms those rows meant to keep.
      if (mode === 'replace' && parsed.errors.length) return { added: 0, updated: 0, removed: 0, errors: parsed.errors };
      return { ...(await archive.importVocabulary(parsed.entries, mode, actor)), errors: parsed.errors };
    },
    'vocabulary.exportCsv': async () => {
      const { serialiseVocabularyCsv } = await import('../../../core/tagging/vocabulary.ts');
      return { csv: serialiseVocabularyCsv(await archive.listVocabulary()), fileName: 'galley-vocabulary.csv' };
    },
  };
}
