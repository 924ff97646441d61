// The engine's output contract: schema `galley.segmentation/1`.
// Offsets are UTF-16 code units into the page text after CRLF/CR were turned into LF.
import { z } from 'zod';
import { DOUBT_THRESHOLD, SEGMENTATION_SCHEMA } from './segmentation-ids.ts';

export { DOUBT_THRESHOLD, SEGMENTATION_SCHEMA };

export const ITEM_KINDS = ['masthead', 'article', 'editorial', 'photo', 'brief', 'advertisement', 'notice'] as const;
export const itemKindSchema = z.enum(ITEM_KINDS);
export type ItemKind = z.infer<typeof itemKindSchema>;

export const CONTRIBUTOR_ROLES = [
  'reporter',
  'trainee-reporter',
  'correspondent',
  'photographer',
  'commentator',
  'editor',
  'author',
  'agency',
] as const;
export const contributorRoleSchema = z.enum(CONTRIBUTOR_ROLES);
export type ContributorRole = z.infer<typeof contributorRoleSchema>;

export const contributorSchema = z.object({ name: z.string().min(1), role: contributorRoleSchema });
export type Contributor = z.infer<typeof contributorSchema>;

export const FLAG_CODES = [
  'unbalanced-quotes',
  'unbalanced-brackets',
  'unterminated-paragraph',
  'lost-text',
  'orphan-continuation',
] as const;
export const flagSchema = z.object({
  code: z.enum(FLAG_CODES),
  message: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Flag = z.infer<typeof flagSchema>;

export const mastheadSchema = z.object({
  title: z.string().nullable(),
  titleLatin: z.string().nullable(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  weekday: z.string().nullable(),
  lunarDate: z.string().nullable(),
  issueNumber: z.number().int().nullable(),
  pageCount: z.number().int().nullable(),
  serial: z.string().nullable(),
  publisher: z.string().nullable(),
  hotlines: z.array(z.object({ label: z.string(), number: z.string() })),
});
export type Masthead = z.infer<typeof mastheadSchema>;

export const itemSchema = z.object({
  kind: itemKindSchema,
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  kicker: z.string().nullable(),
  headline: z.string().nullable(),
  subheadline: z.string().nullable(),
  series: z.string().nullable(),
  byline: z.string().nullable(),
  contributors: z.array(contributorSchema),
  paragraphs: z.array(z.string()),
  continuedOn: z.number().int().positive().nullable(),
  continuedFrom: z.number().int().positive().nullable(),
  flags: z.array(flagSchema),
  /**
   * How sure the engine is of this item's start (boundary) and of its title roles (titles), 0–1.
   * Absent on items an editor made or confirmed and on items stored before the learned model.
   */
  confidence: z.object({ boundary: z.number().min(0).max(1), titles: z.number().min(0).max(1) }).optional(),
});
export type Item = z.infer<typeof itemSchema>;

/** True where the engine is not sure of the item's start or of its title roles. */
export function isDoubtful(item: Pick<Item, 'confidence'>): boolean {
  const c = item.confidence;
  return c !== undefined && (c.boundary < DOUBT_THRESHOLD || c.titles < DOUBT_THRESHOLD);
}

export const segmentationSchema = z.object({
  schema: z.literal(SEGMENTATION_SCHEMA),
  masthead: mastheadSchema.nullable(),
  items: z.array(itemSchema),
  /** Which line-role model segmented the page, and which publication profile adapted it (null: none). */
  model: z.object({ version: z.string().min(1), profile: z.string().min(1).nullable() }).optional(),
});
export type Segmentation = z.infer<typeof segmentationSchema>;
