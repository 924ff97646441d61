// page.get's answer checked in one plain pass instead of zod over every item. zod took ~30 ms CPU
// (and ~160 ms of a loaded tab's wall time, with the garbage it makes) on a page of 10,000 items,
// and the host used to parse the same answer again before sending it; now the tab checks it once,
// where it arrives. The check is the contract's own (pageRecordSchema): the page's fields go
// through zod as before, every item through `storedItem` below, which accepts exactly what
// storedItemSchema accepts and returns what it returns (unknown keys dropped, `editedFields` and
// `tags` defaulted). An item it refuses is handed to zod, so the error names the field as zod
// words it. test/renderer/page-record-check.test.ts holds both to the same answers, and fails when
// an item field is added to the schema but not here.
import { z } from 'zod';
import { EDITABLE_FIELDS, pageRecordSchema, storedItemSchema, type PageRecord, type StoredItem } from './domain.ts';
import { CONTRIBUTOR_ROLES, FLAG_CODES, ITEM_KINDS, type Contributor, type Flag } from './segmentation.ts';

/** The fields of a stored item this check knows (the test compares them with storedItemSchema's). */
export const CHECKED_ITEM_FIELDS = [
  'kind', 'start', 'end', 'kicker', 'headline', 'subheadline', 'series', 'byline', 'contributors', 'paragraphs',
  'continuedOn', 'continuedFrom', 'flags', 'confidence', 'id', 'editedFields', 'tags',
] as const;

const pageFieldsSchema = pageRecordSchema.extend({ items: z.array(z.unknown()) });

export const KINDS = new Set<string>(ITEM_KINDS);
export const ROLES = new Set<string>(CONTRIBUTOR_ROLES);
const FLAGS = new Set<string>(FLAG_CODES);
export const EDITABLE = new Set<string>(EDITABLE_FIELDS);

type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
export const isPositive = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
export const isText = (v: unknown): v is string | null => v === null || typeof v === 'string';
export const isPositiveOrNull = (v: unknown): v is number | null => v === null || isPositive(v);
export const isShare = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 1;

function contributors(v: unknown): Contributor[] | null {
  if (!Array.isArray(v)) return null;
  const out: Contributor[] = [];
  for (const c of v) {
    if (!isObj(c) || typeof c.name !== 'string' || c.name.length === 0 || typeof c.role !== 'string' || !ROLES.has(c.role)) return null;
    out.push({ name: c.name, role: c.role as Contributor['role'] });
  }
  return out;
}

export function flags(v: unknown): Flag[] | null {
  if (!Array.isArray(v)) return null;
  const out: Flag[] = [];
  for (const f of v) {
    if (!isObj(f) || typeof f.code !== 'string' || !FLAGS.has(f.code) || typeof f.message !== 'string' || !isCount(f.start) || !isCount(f.end)) return null;
    out.push({ code: f.code as Flag['code'], message: f.message, start: f.start, end: f.end });
  }
  return out;
}

export function strings(v: unknown, allowed?: Set<string>): string[] | null {
  if (!Array.isArray(v)) return null;
  for (const s of v) if (typeof s !== 'string' || (allowed && !allowed.has(s))) return null;
  return v.slice() as string[];
}

/**
 * An item's fields as read from either form of page.get's answer (the object here, the lean tuple in
 * page-wire.ts): the lists already checked by their own readers (null where refused), the rest raw.
 * An absent `confidence` or `id` is undefined.
 */
export interface ItemFieldsRead {
  kind: unknown; start: unknown; end: unknown;
  kicker: unknown; headline: unknown; subheadline: unknown; series: unknown; byline: unknown;
  contributors: Contributor[] | null; paragraphs: string[] | null;
  continuedOn: unknown; continuedFrom: unknown;
  flags: Flag[] | null; editedFields: string[] | null; tags: string[] | null;
  confidence: unknown; id: unknown;
}

/** The stored item storedItemSchema would return for these fields, or null where it would refuse them. */
export function storedItemOf(f: ItemFieldsRead): StoredItem | null {
  const { kind, start, end, kicker, headline, subheadline, series, byline, continuedOn, continuedFrom, confidence, id } = f;
  if (typeof kind !== 'string' || !KINDS.has(kind) || !isCount(start) || !isCount(end)) return null;
  if (!isText(kicker) || !isText(headline) || !isText(subheadline) || !isText(series) || !isText(byline)) return null;
  if (!isPositiveOrNull(continuedOn) || !isPositiveOrNull(continuedFrom)) return null;
  if (id !== undefined && !isPositive(id)) return null;
  if (confidence !== undefined && !(isObj(confidence) && isShare(confidence.boundary) && isShare(confidence.titles))) return null;
  if (!f.contributors || !f.paragraphs || !f.flags || !f.editedFields || !f.tags) return null;
  const item: StoredItem = {
    kind: kind as StoredItem['kind'],
    start,
    end,
    kicker,
    headline,
    subheadline,
    series,
    byline,
    contributors: f.contributors,
    paragraphs: f.paragraphs,
    continuedOn,
    continuedFrom,
    flags: f.flags,
    editedFields: f.editedFields as StoredItem['editedFields'],
    tags: f.tags,
  };
  if (confidence !== undefined) item.confidence = { boundary: (confidence as Obj).boundary as number, titles: (confidence as Obj).titles as number };
  if (id !== undefined) item.id = id;
  return item;
}

/** The item as storedItemSchema would return it, or null where storedItemSchema would refuse it. */
export function storedItem(v: unknown): StoredItem | null {
  if (!isObj(v)) return null;
  return storedItemOf({
    kind: v.kind, start: v.start, end: v.end,
    kicker: v.kicker, headline: v.headline, subheadline: v.subheadline, series: v.series, byline: v.byline,
    contributors: contributors(v.contributors),
    paragraphs: strings(v.paragraphs),
    continuedOn: v.continuedOn, continuedFrom: v.continuedFrom,
    flags: flags(v.flags),
    editedFields: v.editedFields === undefined ? [] : strings(v.editedFields, EDITABLE),
    tags: v.tags === undefined ? [] : strings(v.tags),
    confidence: v.confidence, id: v.id,
  });
}

/** page.get's answer as pageRecordSchema.parse would return it; throws zod's error where it would. */
export function parsePageRecord(value: unknown): PageRecord {
  const page = pageFieldsSchema.parse(value);
  const items: StoredItem[] = new Array<StoredItem>(page.items.length);
  for (let i = 0; i < page.items.length; i++) {
    const item = storedItem(page.items[i]);
    // zod words the refusal (with the item's index in its path); it throws here.
    if (!item) return pageRecordSchema.parse(value);
    items[i] = item;
  }
  return { ...page, items };
}

/** For the test: the item schema's field names. */
export const schemaItemFields = (): string[] => Object.keys(storedItemSchema.shape);
