// Hand annotations of a page: schema `galley.gold/1`.
// Platform-free (no Node import): the loader in corpus.ts reads the files, this module checks them.
//
// Meaning of the fields (shared with the reference scorer):
// - text: path of the page text, relative to the folder above the gold file (e.g. "pages/x.txt").
// - items[].start: anchor; the item starts at the first line, at or after the previous item's start
//   line + 1, whose text (leading whitespace trimmed) begins with the anchor. A trailing "\n" is ignored.
// - items[].titleLines: every display line above the body (kicker, headline, subheadline, series), any role.
// - items[].headline: the acceptable main headlines ([] = the item has no headline). Required with titleLines.
// - items[].contributors: the exact list of name/role pairs.
// - items[].paragraphs: paragraph count; firstParagraph / lastParagraph: substrings of the first / last
//   paragraph; continuedOn / continuedFrom: the jump-line page numbers (null or absent = none).
// - joins: [a, b] pairs of text split by a line break that belong to one paragraph (a directly followed by b).
// - breaks: [a, b] pairs that must end up in different paragraphs.
// - masthead: the expected masthead fields; only the keys present are scored.
import { z } from 'zod';
import { contributorSchema, itemKindSchema } from '../../shared/segmentation.ts';

export const GOLD_SCHEMA = 'galley.gold/1' as const;

const nonEmpty = z.string().min(1, 'must be a non-empty string');
const pair = z.tuple([nonEmpty, nonEmpty]);

export const goldMastheadSchema = z
  .object({
    title: z.string().nullable().optional(),
    titleLatin: z.string().nullable().optional(),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
      .nullable()
      .optional(),
    weekday: z.string().nullable().optional(),
    lunarDate: z.string().nullable().optional(),
    issueNumber: z.number().int().nullable().optional(),
    pageCount: z.number().int().nullable().optional(),
    serial: z.string().nullable().optional(),
    publisher: z.string().nullable().optional(),
  })
  .catchall(z.unknown());
export type GoldMasthead = z.infer<typeof goldMastheadSchema>;

export const goldItemSchema = z
  .strictObject({
    kind: itemKindSchema,
    start: nonEmpty.refine((s) => s.replace(/\n$/, '').trim().length > 0, 'anchor must contain text'),
    titleLines: z.array(nonEmpty).optional(),
    headline: z.array(nonEmpty).optional(),
    contributors: z.array(contributorSchema).optional(),
    firstParagraph: nonEmpty.optional(),
    lastParagraph: nonEmpty.optional(),
    paragraphs: z.number().int().nonnegative().optional(),
    continuedOn: z.number().int().positive().nullable().optional(),
    continuedFrom: z.number().int().positive().nullable().optional(),
    /** Free-text remark of the annotator; not scored. */
    note: z.string().optional(),
  })
  .superRefine((item, ctx) => {
    if (item.titleLines !== undefined && item.headline === undefined) {
      ctx.addIssue({ code: 'custom', path: ['headline'], message: 'required when titleLines is given ([] = no headline)' });
    }
    if (item.headline !== undefined && item.titleLines === undefined) {
      ctx.addIssue({ code: 'custom', path: ['titleLines'], message: 'required when headline is given' });
    }
    if ((item.firstParagraph !== undefined || item.lastParagraph !== undefined) && item.paragraphs === undefined) {
      ctx.addIssue({ code: 'custom', path: ['paragraphs'], message: 'required when firstParagraph/lastParagraph is given' });
    }
  });
export type GoldItem = z.infer<typeof goldItemSchema>;

export const goldSchema = z.strictObject({
  schema: z.literal(GOLD_SCHEMA),
  text: nonEmpty,
  page: z.number().int().positive().optional(),
  notes: z.string().optional(),
  masthead: goldMastheadSchema.optional(),
  items: z.array(goldItemSchema).min(1, 'must list at least one item'),
  joins: z.array(pair).default([]),
  breaks: z.array(pair).default([]),
});
export type Gold = z.infer<typeof goldSchema>;

/** A gold file that does not fit galley.gold/1, or that does not fit its page. */
export class GoldError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: invalid ${GOLD_SCHEMA}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'GoldError';
  }
}

function pathLabel(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(root)';
}

/** Validates parsed JSON as galley.gold/1; throws GoldError listing every problem with its path. */
export function parseGold(json: unknown, source = 'gold'): Gold {
  const result = goldSchema.safeParse(json);
  if (!result.success) {
    throw new GoldError(
      source,
      result.error.issues.map((i) => `${pathLabel(i.path)}: ${i.message}`),
    );
  }
  return result.data;
}

/** Anchor text of a gold item (the trailing newline some anchors carry is ignored). */
export function anchorOf(item: Pick<GoldItem, 'start'>): string {
  return item.start.replace(/\n$/, '');
}

/**
 * Line index where each gold item starts: the first line at or after the previous start + 1 that
 * begins with the anchor (leading whitespace trimmed). Throws GoldError naming the anchors not found.
 */
export function goldStartLines(lines: readonly string[], gold: Pick<Gold, 'items'>, source = 'gold'): number[] {
  const out: number[] = [];
  const missing: string[] = [];
  let from = 0;
  gold.items.forEach((item, i) => {
    const anchor = anchorOf(item);
    for (let l = from; l < lines.length; l++) {
      if ((lines[l] ?? '').trimStart().startsWith(anchor)) {
        out.push(l);
        from = l + 1;
        return;
      }
    }
    missing.push(`items[${i}].start: anchor ${JSON.stringify(anchor)} not found in the page at or after line ${from + 1}`);
  });
  if (missing.length) throw new GoldError(source, missing);
  return out;
}
