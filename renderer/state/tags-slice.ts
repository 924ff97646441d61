// Tags on one item (with suggestions) and the controlled vocabulary. Item tags report failures on
// the error banner; vocabulary changes throw, so the vocabulary dialog words the failure next to
// what caused it.
import type { VocabularyTerm } from '../../shared/ipc-review.ts';
import type { Res } from '../../shared/ipc.ts';
import type { SliceContext } from './slice.ts';

export interface TagsActions {
  /** Sets an item's tags (one archive revision); unsaved edits are saved first. */
  setItemTags(itemId: number, tags: string[]): Promise<void>;
  /** Tag suggestions for an item, or null when they could not be made. */
  suggestTags(itemId: number): Promise<Res<'tags.suggest'> | null>;
  /** The vocabulary, or null when it could not be read. */
  listVocabulary(): Promise<VocabularyTerm[] | null>;
  /**
   * Adds or changes a term; missing parents ("湖南" for "湖南/衡阳") are added first and returned.
   * `replacing` is the term being edited: when its key changed it is removed after.
   */
  saveVocabularyTerm(term: VocabularyTerm, replacing: VocabularyTerm | null, existing: readonly VocabularyTerm[]): Promise<string[]>;
  removeVocabularyTerm(term: Pick<VocabularyTerm, 'type' | 'path'>): Promise<void>;
  importVocabularyCsv(csv: string, mode: 'merge' | 'replace'): Promise<Res<'vocabulary.importCsv'>>;
  exportVocabularyCsv(): Promise<Res<'vocabulary.exportCsv'>>;
}

const keyOf = (t: Pick<VocabularyTerm, 'type' | 'path'>) => `${t.type}:${t.path.join('/')}`;

export function createTagsSlice(ctx: SliceContext): TagsActions {
  const { api, get, fail } = ctx;
  return {
    async setItemTags(itemId, tags) {
      try {
        await get().flushSave();
        const res = await api.invoke('tags.setForItem', { itemId, tags });
        get().applyItemTags(itemId, res.tags, res.revision);
        void get().loadTagOptions();
      } catch (e) {
        fail(e);
      }
    },

    async suggestTags(itemId) {
      try {
        return await api.invoke('tags.suggest', { itemId });
      } catch (e) {
        fail(e);
        return null;
      }
    },

    async listVocabulary() {
      try {
        return await api.invoke('vocabulary.list', {});
      } catch (e) {
        fail(e);
        return null;
      }
    },

    async saveVocabularyTerm(term, replacing, existing) {
      const have = new Set(existing.filter((x) => x.type === term.type).map((x) => x.path.join('/')));
      const added: string[] = [];
      for (let i = 1; i < term.path.length; i++) {
        const parent = term.path.slice(0, i);
        if (have.has(parent.join('/'))) continue;
        await api.invoke('vocabulary.upsert', { term: { type: term.type, path: parent, label: parent.at(-1)!, aliases: [] } });
        added.push(parent.join('/'));
      }
      await api.invoke('vocabulary.upsert', { term });
      if (replacing && keyOf(replacing) !== keyOf(term)) await api.invoke('vocabulary.remove', { type: replacing.type, path: replacing.path });
      return added;
    },

    async removeVocabularyTerm(term) {
      await api.invoke('vocabulary.remove', { type: term.type, path: term.path });
    },

    importVocabularyCsv: (csv, mode) => api.invoke('vocabulary.importCsv', { csv, mode }),

    exportVocabularyCsv: () => api.invoke('vocabulary.exportCsv', {}),
  };
}
