// Finding items (full-text search with filters, the tags in use) and tagging many at once.
import type { Req, Res } from '../../shared/ipc.ts';
import type { SliceContext } from './slice.ts';

/** Every match of a search, as confirmed by the user (bulk tagging then acts on all of them). */
export interface AllMatches {
  query: string;
  filters: Req<'search'>['filters'];
  total: number;
}

export interface SearchActions {
  /** One page of search results, or null when the search failed (reported). */
  search(request: Req<'search'>): Promise<Res<'search'> | null>;
  /** The tags in use with their counts (empty when they could not be read: the filter is a convenience). */
  listTags(): Promise<Res<'tags.list'>>;
  /**
   * Adds and removes tags on the chosen items, or on every match of a search (refused by the host
   * if the matches changed since). Unsaved edits are saved first; the open page reloads if it was
   * touched. The result, or null when it failed (reported).
   */
  bulkTag(target: { itemIds: number[] } | { all: AllMatches }, add: string[], remove: string[]): Promise<Res<'tags.addToItems'> | null>;
}

export function createSearchSlice(ctx: SliceContext): SearchActions {
  const { api, get, fail } = ctx;
  return {
    async search(request) {
      try {
        return await api.invoke('search', request);
      } catch (e) {
        fail(e);
        return null;
      }
    },

    async listTags() {
      try {
        return await api.invoke('tags.list', {});
      } catch {
        return [];
      }
    },

    async bulkTag(target, add, remove) {
      try {
        await get().flushSave();
        const res =
          'all' in target
            ? await api.invoke('tags.addToSearch', { query: target.all.query, filters: target.all.filters, expected: target.all.total, add, remove })
            : await api.invoke('tags.addToItems', { itemIds: target.itemIds, add, remove });
        const open = get().session?.pageId;
        if (open !== undefined && res.pages.some((p) => p.pageId === open)) await get().reloadPage();
        void get().loadTagOptions();
        return res;
      } catch (e) {
        fail(e);
        return null;
      }
    },
  };
}
