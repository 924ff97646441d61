// Public entry of tagging. suggestTags needs Node (jieba is a napi addon); vocabulary.ts is pure.
export { suggestTags, tagInputSchema, suggestOptionsSchema } from './suggest.ts';
export type { TagInput, TagSuggestions, SuggestOptions } from './suggest.ts';
export { findPersonNames } from './person-names.ts';
export {
  parseVocabularyCsv,
  serialiseVocabularyCsv,
  lookupTerm,
  matchVocabulary,
  vocabularyEntrySchema,
  VOCABULARY_TYPES,
  VOCABULARY_HEADER,
} from './vocabulary.ts';
export type { VocabularyEntry, VocabularyType, VocabularyRowError, ParsedVocabulary } from './vocabulary.ts';
