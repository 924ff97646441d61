// Public entry of the platform-free part of tagging: person names and the vocabulary.
// Suggesting tags needs jieba (a Node addon) and lives in electron/tagging/suggest.ts.
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
