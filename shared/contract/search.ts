// Contract of full-text search, and tagging every match of a search at once.
import { z } from 'zod';
import { pageStateSchema } from '../domain.ts';
import { itemKindSchema } from '../segmentation.ts';
import { tagNameSchema } from './tags.ts';

const id = z.number().int().positive();
const tagList = z.array(tagNameSchema).max(200);

export const searchFiltersSchema = z
  .object({
    publicationId: id.optional(),
    issueId: id.optional(),
    dateFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    dateTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    kind: itemKindSchema.optional(),
    tag: tagNameSchema.optional(),
    state: pageStateSchema.optional(),
  })
  .strict();

export const searchHitSchema = z.object({
  itemId: z.number().int(),
  pageId: z.number().int(),
  publication: z.string(),
  date: z.string().nullable(),
  pageNumber: z.number().int().nullable(),
  headline: z.string().nullable(),
  /** Matches wrapped in [[ and ]]. */
  snippet: z.string(),
  rank: z.number(),
  tags: z.array(z.string()),
});

export const searchChannels = {
  search: {
    request: z
      .object({
        query: z.string().max(1000),
        filters: searchFiltersSchema.default({}),
        limit: z.number().int().min(1).max(1000).default(50),
        /** Paging: hits from this position of the full, ordered result. */
        offset: z.number().int().min(0).max(1_000_000).default(0),
      })
      .strict(),
    /** total: every match (counted up to 100,000; capped says the count stopped there). */
    response: z.object({ hits: z.array(searchHitSchema), total: z.number().int().nonnegative(), capped: z.boolean() }),
  },
  /** Bulk tagging of every match of a search (not just the page shown); `expected` is the count the user confirmed. */
  'tags.addToSearch': {
    request: z
      .object({
        query: z.string().max(1000),
        filters: searchFiltersSchema.default({}),
        expected: z.number().int().min(1).max(100_000),
        add: tagList.default([]),
        remove: tagList.default([]),
      })
      .strict()
      .refine((r) => r.add.length + r.remove.length > 0, 'nothing to add or remove'),
    response: z.object({
      changed: z.number().int().nonnegative(),
      matched: z.number().int().nonnegative(),
      pages: z.array(z.object({ pageId: z.number().int(), revision: z.number().int() })),
    }),
  },
} as const;
