// Contract of tags and the controlled vocabulary (tags of one item or many; tagging every match
// of a search is in search.ts).
import { z } from 'zod';

const empty = z.object({}).strict();
const id = z.number().int().positive();

/** A tag as typed: trimmed, one line, at most 100 characters. */
export const tagNameSchema = z
  .string()
  .trim()
  .min(1, 'empty tag')
  .max(100, 'tag longer than 100 characters')
  .refine((t) => !/[\r\n\t]/.test(t), 'tag contains a line break or tab');
const tagList = z.array(tagNameSchema).max(200);

// Mirrors core/tagging/vocabulary.ts (shared/ cannot import electron/).
export const VOCABULARY_TERM_TYPES = ['subject', 'person', 'place', 'organisation'] as const;
export const vocabularyTermTypeSchema = z.enum(VOCABULARY_TERM_TYPES);
const pathSegment = z.string().trim().min(1, 'empty path segment').max(100).refine((s) => !s.includes('/'), 'path segment contains /');
export const vocabularyTermSchema = z.object({
  type: vocabularyTermTypeSchema,
  /** Root first: ["经济", "产业园区"]. The last segment is the term's key within its parent. */
  path: z.array(pathSegment).min(1, 'empty path').max(20),
  label: z.string().trim().min(1, 'empty label').max(200),
  aliases: z.array(z.string().trim().min(1).max(200).refine((s) => !s.includes('|'), 'alias contains |')).max(50),
});
export type VocabularyTerm = z.infer<typeof vocabularyTermSchema>;

export const tagChannels = {
  'tags.setForItem': {
    request: z.object({ itemId: id, tags: tagList }).strict(),
    response: z.object({ itemId: z.number().int(), pageId: z.number().int(), revision: z.number().int(), tags: z.array(z.string()) }),
  },
  'tags.addToItems': {
    request: z
      .object({ itemIds: z.array(id).min(1).max(10_000), add: tagList.default([]), remove: tagList.default([]) })
      .strict()
      .refine((r) => r.add.length + r.remove.length > 0, 'nothing to add or remove'),
    response: z.object({
      /** Items whose tags changed. */
      changed: z.number().int().nonnegative(),
      pages: z.array(z.object({ pageId: z.number().int(), revision: z.number().int() })),
    }),
  },
  'tags.suggest': {
    request: z.object({ itemId: id }).strict(),
    response: z.object({
      itemId: z.number().int(),
      keywords: z.array(z.string()),
      people: z.array(z.string()),
      places: z.array(z.string()),
      organisations: z.array(z.string()),
      /** Controlled terms whose label or an alias occurs in the item. */
      vocabulary: z.array(vocabularyTermSchema),
      /** The item's tags now (suggestions already accepted are not repeated above). */
      tags: z.array(z.string()),
    }),
  },
  'tags.list': {
    request: empty,
    response: z.array(z.object({ name: z.string(), count: z.number().int(), term: vocabularyTermSchema.nullable() })),
  },

  'vocabulary.list': { request: empty, response: z.array(vocabularyTermSchema) },
  'vocabulary.upsert': { request: z.object({ term: vocabularyTermSchema }).strict(), response: vocabularyTermSchema },
  'vocabulary.remove': {
    request: z.object({ type: vocabularyTermTypeSchema, path: vocabularyTermSchema.shape.path }).strict(),
    response: z.object({ removed: z.number().int() }),
  },
  'vocabulary.importCsv': {
    request: z.object({ csv: z.string().max(16 * 1024 * 1024), mode: z.enum(['merge', 'replace']).default('merge') }).strict(),
    response: z.object({
      added: z.number().int(),
      updated: z.number().int(),
      removed: z.number().int(),
      /** Rows refused, by CSV line (1 = header); the good rows were imported. */
      errors: z.array(
        z.object({
          line: z.number().int(),
          message: z.string(),
          /** The row's problem by code ('fields', 'unknown-type', 'duplicate', 'no-parent'…): the UI words it by this. */
          code: z.string().max(40),
          details: z.record(z.string(), z.union([z.string(), z.number()])),
        }),
      ),
    }),
  },
  'vocabulary.exportCsv': { request: empty, response: z.object({ csv: z.string(), fileName: z.string() }) },
} as const;
