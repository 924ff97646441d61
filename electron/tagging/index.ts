// Public entry of tagging for Node hosts: suggestions (jieba, a napi addon) plus the core's
// platform-free names and vocabulary.
export { suggestTags, tagInputSchema, suggestOptionsSchema } from './suggest.ts';
export type { TagInput, TagSuggestions, SuggestOptions } from './suggest.ts';
export * from '../../core/tagging/index.ts';
