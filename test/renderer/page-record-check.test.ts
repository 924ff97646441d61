// page.get's plain check (shared/page-record-check.ts) against the contract's zod schema: the same
// pages accepted with the same result, the same refused, on real segmented pages and on items
// with one field made wrong in every way a JSON value can be.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pageRecordSchema, storedItemSchema, type PageRecord } from '../../shared/domain.ts';
import { CHECKED_ITEM_FIELDS, parsePageRecord, schemaItemFields, storedItem } from '../../shared/page-record-check.ts';
import { segmentPage } from '../../core/engine/segment.ts';
import { SAMPLE_PAGE } from '../../e2e/support.ts';
import { storedItem as blankItem } from '../support/items.ts';

const text = readFileSync(SAMPLE_PAGE, 'utf8').replace(/\r\n?/g, '\n');
const seg = segmentPage(text);

function record(items: unknown[]): Record<string, unknown> {
  return {
    id: 3,
    issueId: 1,
    pageNumber: 1,
    sourceName: 'hengyang-daily-2021-10-29-p1.txt',
    encoding: 'utf-8',
    contentHash: 'abc',
    text,
    state: 'imported',
    masthead: seg.masthead,
    items,
    revision: 2,
    model: { version: 'v3', profile: null, profilePages: null },
  };
}

const realItems = seg.items.map((it, i) => ({ ...it, id: i + 1, editedFields: i % 3 === 0 ? ['headline'] : [], tags: i % 4 === 0 ? ['衡阳'] : [] }));

// Wrong (and right) values of every JSON type, for any field.
const VALUES: unknown[] = [
  null, undefined, 0, -1, 1, 1.5, 0.5, 2, Number.MAX_SAFE_INTEGER + 2, '', 'x', 'article', 'reporter', 'headline', true,
  [], [''], ['x'], ['headline'], [1], [{}], [{ name: '李明', role: 'reporter' }], [{ name: '', role: 'reporter' }], [{ name: '李明', role: 'boss' }],
  [{ code: 'lost-text', message: 'm', start: 1, end: 2 }], [{ code: 'nope', message: 'm', start: 1, end: 2 }], [{ code: 'lost-text', message: 'm', start: -1, end: 2 }],
  {}, { boundary: 0.5, titles: 0.9 }, { boundary: 1.5, titles: 0.9 }, { boundary: 0.5 }, { boundary: 0.5, titles: 0.5, extra: 1 },
];

function agree(item: unknown): void {
  const zod = storedItemSchema.safeParse(item);
  const fast = storedItem(item);
  if (zod.success) expect(fast).toEqual(zod.data);
  else expect(fast).toBeNull();
}

describe('the plain check of page.get (issue 14: one cheap check of a 10,000-item page)', () => {
  it('knows exactly the item fields of the schema (a field added there must be added to the check)', () => {
    expect([...CHECKED_ITEM_FIELDS].sort()).toEqual(schemaItemFields().sort());
  });

  it('returns what zod returns for a real segmented page, unknown keys dropped and defaults filled', () => {
    expect(realItems.length).toBeGreaterThan(5);
    const withExtras = realItems.map((it, i) => {
      const copy: Record<string, unknown> = { ...it, junk: i };
      if (i % 2 === 0) {
        delete copy.editedFields;
        delete copy.tags;
      }
      return copy;
    });
    const value = JSON.parse(JSON.stringify(record(withExtras))) as unknown;
    const fast = parsePageRecord(value);
    expect(fast).toEqual(pageRecordSchema.parse(value));
    expect(fast.items[0]).not.toHaveProperty('junk');
    expect(fast.items[0]!.editedFields).toEqual([]);
  });

  it('accepts and refuses what zod does, with any field of an item set to any kind of value', () => {
    const base = realItems.find((it) => it.contributors.length > 0 && it.confidence) ?? realItems[0]!;
    const withFlag = { ...base, flags: [{ code: 'lost-text', message: 'm', start: 0, end: 1 }] };
    let refused = 0;
    for (const field of CHECKED_ITEM_FIELDS) {
      for (const v of VALUES) {
        const item: Record<string, unknown> = { ...withFlag, [field]: v };
        if (v === undefined) delete item[field];
        agree(item);
        if (!storedItemSchema.safeParse(item).success) refused++;
      }
    }
    expect(refused).toBeGreaterThan(100);
    for (const v of VALUES) agree(v);
    agree(blankItem(0, 5));
  });

  it('throws zod’s own error, naming the item, for a page with one bad item', () => {
    const items = realItems.map((it) => ({ ...it }));
    (items[2] as Record<string, unknown>).start = -4;
    const value = record(items);
    expect(() => pageRecordSchema.parse(value)).toThrow();
    let message = '';
    try {
      parsePageRecord(value);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/items/);
    expect(message).toMatch(/start/);
  });

  it('refuses a page whose own fields are wrong, as zod does', () => {
    const good = record(realItems);
    for (const [k, v] of [['text', 5], ['state', 'lost'], ['revision', -1], ['items', {}]] as const) {
      const bad = { ...good, [k]: v };
      expect(() => pageRecordSchema.parse(bad)).toThrow();
      expect(() => parsePageRecord(bad)).toThrow();
    }
    const page: PageRecord = parsePageRecord(good);
    expect(page.items).toHaveLength(realItems.length);
  });
});
