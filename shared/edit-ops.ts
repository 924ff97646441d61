// Typed edit operations on one page (issue 12 §4): what an editor did, not the page it left.
// The page.edit channel carries them, the archive stores each batch with its inverse as one small
// revision, and undo sends the inverse. Items are addressed by position; every op names the value
// it expects to find (`from`, `remove`, `start`), so an op that no longer fits the page is refused
// (core/edit/apply.ts) instead of silently changing something else.
import { z } from 'zod';
import { MAX_PAGE_ITEMS, MAX_PAGE_TEXT_CHARS } from './page-limits.ts';
import { contributorSchema, flagSchema, itemKindSchema } from './segmentation.ts';
import { editableFieldSchema, storedItemSchema } from './domain.ts';

const offset = z.number().int().nonnegative().max(MAX_PAGE_TEXT_CHARS);
const index = z.number().int().nonnegative().max(MAX_PAGE_ITEMS);
// Page text is stored with LF newlines only (the importer turns CRLF and CR into LF).
const text = z.string().max(MAX_PAGE_TEXT_CHARS).refine((s) => !s.includes('\r'), 'text must use LF newlines');
const title = z.string().max(MAX_PAGE_TEXT_CHARS).nullable();
const pageNumber = z.number().int().positive().nullable();
const confidence = z.object({ boundary: z.number().min(0).max(1), titles: z.number().min(0).max(1) }).nullable();

/** An item as a split inserts it: the stored item without its archive id (the archive assigns one). */
export const newItemSchema = storedItemSchema.omit({ id: true });
export type NewItem = z.infer<typeof newItemSchema>;

/** Item properties a `field` op sets, each with the schema its values follow. */
export const FIELD_SCHEMAS = {
  kicker: title,
  headline: title,
  subheadline: title,
  series: title,
  byline: title,
  contributors: z.array(contributorSchema).max(1000),
  continuedOn: pageNumber,
  continuedFrom: pageNumber,
  /** Which fields the editor typed by hand (they survive re-derivation). */
  editedFields: z.array(editableFieldSchema),
  /** The engine's doubt about the item; null when it has none (confirmed, or typed by hand). */
  confidence,
  /** The engine's diagnostics, re-derived with the text. */
  flags: z.array(flagSchema).max(10_000),
} as const;
export type FieldName = keyof typeof FIELD_SCHEMAS;
export const FIELD_NAMES = Object.keys(FIELD_SCHEMAS) as FieldName[];

const fieldOp = <N extends FieldName>(name: N) =>
  z.object({ op: z.literal('field'), index, name: z.literal(name), from: FIELD_SCHEMAS[name], to: FIELD_SCHEMAS[name] }).strict();

export const fieldOpSchema = z.discriminatedUnion('name', [
  fieldOp('kicker'),
  fieldOp('headline'),
  fieldOp('subheadline'),
  fieldOp('series'),
  fieldOp('byline'),
  fieldOp('contributors'),
  fieldOp('continuedOn'),
  fieldOp('continuedFrom'),
  fieldOp('editedFields'),
  fieldOp('confidence'),
  fieldOp('flags'),
]);

export const editOpSchema = z.union([
  /** Replace `remove` (exactly the text at `at`) by `insert`; item offsets after it shift. */
  z.object({ op: z.literal('text'), at: offset, remove: text, insert: text }).strict(),
  /**
   * A new item starts at `at`, cut from the item holding it. `restoreId`: the id the item had
   * before a merge removed it (the merge's inverse carries it), so undo gives the item back its
   * id; the archive honours it when no item holds that id, else assigns a new one.
   */
  z.object({ op: z.literal('split'), at: offset, item: newItemSchema, restoreId: z.number().int().positive().optional() }).strict(),
  /** Item `index` (starting at `start`) joins the item before it. */
  z.object({ op: z.literal('merge'), index: index.min(1), start: offset }).strict(),
  /** Item `index`'s start (and the previous item's end) moves from `from` to `to`. */
  z.object({ op: z.literal('boundary'), index: index.min(1), from: offset, to: offset }).strict(),
  z.object({ op: z.literal('kind'), index, from: itemKindSchema, to: itemKindSchema }).strict(),
  fieldOpSchema,
  /** Replace `remove` (exactly the paragraphs at `at`) of item `index` by `insert`. */
  z.object({ op: z.literal('paragraphs'), index, at: index, remove: z.array(text).max(MAX_PAGE_ITEMS), insert: z.array(text).max(MAX_PAGE_ITEMS) }).strict(),
  z.object({ op: z.literal('tags'), index, from: z.array(z.string().max(200)).max(1000), to: z.array(z.string().max(200)).max(1000) }).strict(),
]);
export type EditOp = z.infer<typeof editOpSchema>;
export type EditOpName = EditOp['op'];
export type FieldOp = z.infer<typeof fieldOpSchema>;

/** At most this many ops in one page.edit (an autosave sends what was done since the last one). */
export const MAX_EDIT_OPS = 5000;
export const editOpsSchema = z.array(editOpSchema).min(1).max(MAX_EDIT_OPS);

/** Why an op does not fit the page it is applied to (worded in shared/i18n-errors.ts `editRefused`). */
export const EDIT_REFUSALS = [
  'edit-out-of-range',
  'edit-text-mismatch',
  'edit-crosses-item',
  'edit-item-mismatch',
  'edit-boundary-order',
  'edit-value-mismatch',
] as const;
export type EditRefusal = (typeof EDIT_REFUSALS)[number];

/** Editable fields (domain.ts) that a `field` op reaches, for the renderer's field edits. */
export const editableFieldOf = (name: FieldName): z.infer<typeof editableFieldSchema> | null =>
  (editableFieldSchema.options as readonly string[]).includes(name) ? (name as z.infer<typeof editableFieldSchema>) : null;
