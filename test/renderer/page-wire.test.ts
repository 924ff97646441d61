// page.get's lean wire form (shared/page-wire.ts, issue 14): any page record survives the trip
// exactly, texts the page holds travel as references, and the tab's decoder accepts and refuses
// what the contract's item schema does, field by field, with references outside the text refused.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { storedItemSchema, type PageRecord, type StoredItem } from '../../shared/domain.ts';
import { pageOfWire, paragraphsJson, PageWireError, wirePageOf, isWirePage } from '../../shared/page-wire.ts';
import { segmentPage } from '../../core/engine/segment.ts';
import { SAMPLE_PAGE } from '../../e2e/support.ts';

const text = readFileSync(SAMPLE_PAGE, 'utf8').replace(/\r\n?/g, '\n');
const seg = segmentPage(text);

function record(items: StoredItem[], pageText = text): PageRecord {
  return {
    id: 3,
    issueId: 1,
    pageNumber: 1,
    sourceName: 'hengyang-daily-2021-10-29-p1.txt',
    encoding: 'utf-8',
    contentHash: 'abc',
    text: pageText,
    state: 'imported',
    masthead: seg.masthead,
    items,
    revision: 2,
    model: { version: 'v3', profile: null, profilePages: null },
  };
}

const realItems: StoredItem[] = seg.items.map((it, i) => ({
  ...it,
  id: i + 1,
  editedFields: i % 3 === 0 ? ['headline'] : [],
  tags: i % 4 === 0 ? ['衡阳', '交通'] : [],
}));

const trip = (page: PageRecord) => pageOfWire(JSON.parse(wirePageOf(page)));

// Wrong (and right) values of every JSON type, for any field.
const VALUES: unknown[] = [
  null, 0, -1, 1, 1.5, 0.5, 2, Number.MAX_SAFE_INTEGER + 2, '', 'x', 'article', 'reporter', 'headline', true,
  [], [''], ['x'], ['headline'], [1], [{}], [{ code: 'lost-text', message: 'm', start: 1, end: 2 }], [{ code: 'nope', message: 'm', start: 1, end: 2 }],
  {}, { boundary: 0.5, titles: 0.9 }, { boundary: 1.5, titles: 0.9 },
];

/** Tuple positions whose wire value is the item field's value as it is. */
const PLAIN: [number, keyof StoredItem][] = [
  [1, 'kind'], [2, 'start'], [3, 'end'], [4, 'kicker'], [5, 'headline'], [6, 'subheadline'], [7, 'series'], [8, 'byline'],
  [11, 'continuedOn'], [12, 'continuedFrom'], [13, 'flags'], [14, 'editedFields'], [15, 'tags'],
];

describe('page.get lean wire form', () => {
  it('gives back exactly the page record, for a real segmented page, in about half the bytes', () => {
    expect(realItems.length).toBeGreaterThan(5);
    const page = record(realItems);
    const wire = wirePageOf(page);
    expect(isWirePage(JSON.parse(wire))).toBe(true);
    expect(trip(page)).toEqual(page);
    const textBytes = Buffer.byteLength(JSON.stringify(text));
    // The items' share of the answer: at most half of what the objects took.
    expect(Buffer.byteLength(wire) - textBytes).toBeLessThan((Buffer.byteLength(JSON.stringify(page)) - textBytes) / 2);
  });

  it('sends a paragraph across OCR line breaks as pieces of the text, and one the text lacks as it is', () => {
    const t = '标题\n第一行文字\n第二行文字。\n';
    const start = 0;
    const end = t.length;
    expect(JSON.parse(paragraphsJson(['第一行文字第二行文字。', '不在文中的话', '字'], t, start, end))).toEqual([
      [3, 5, 9, 6],
      '不在文中的话',
      '字',
    ]);
    const item: StoredItem = { ...realItems[1]!, start, end, headline: '标题', paragraphs: ['第一行文字第二行文字。', '不在文中的话'], kicker: '第二行', byline: null };
    expect(trip(record([item], t)).items[0]).toEqual(item);
  });

  it('keeps items without an id, confidence or contributors as they are', () => {
    const { id: _id, confidence: _c, ...bare } = realItems.find((i) => i.contributors.length > 0)!;
    const page = record([{ ...bare, contributors: [] }, realItems[0]!]);
    expect(trip(page)).toEqual(page);
    expect(trip(page).items[0]).not.toHaveProperty('id');
    expect(trip(page).items[0]).not.toHaveProperty('confidence');
  });

  it('accepts and refuses what the item schema does, with any field set to any kind of value', () => {
    const base = realItems.find((it) => it.contributors.length > 0 && it.confidence)!;
    const baseObj = { ...base, flags: [{ code: 'lost-text' as const, message: 'm', start: 0, end: 1 }] };
    const wire = JSON.parse(wirePageOf(record([baseObj]))) as { items: unknown[][] };
    let refused = 0;
    for (const [pos, field] of PLAIN) {
      for (const v of VALUES) {
        // An array in a text field is a reference (checked below), not a value.
        if (pos >= 4 && pos <= 8 && Array.isArray(v)) continue;
        const tuple = [...wire.items[0]!];
        tuple[pos] = v;
        const zod = storedItemSchema.safeParse({ ...baseObj, [field]: v });
        let got: StoredItem | null = null;
        try {
          got = pageOfWire({ ...wire, items: [tuple] }).items[0]!;
        } catch {
          got = null;
        }
        if (zod.success) expect(got, `${field} = ${JSON.stringify(v)}`).toEqual(zod.data);
        else {
          expect(got, `${field} = ${JSON.stringify(v)}`).toBeNull();
          refused++;
        }
      }
    }
    expect(refused).toBeGreaterThan(60);
    const bad = (pos: number, v: unknown) => {
      const tuple = [...wire.items[0]!];
      tuple[pos] = v;
      return () => pageOfWire({ ...wire, items: [tuple] });
    };
    expect(bad(0, -3)).toThrow(); // id
    expect(bad(0, 1.5)).toThrow();
    expect(bad(9, [['李明', 'boss']])).toThrow(); // contributor role
    expect(bad(9, [['', 'reporter']])).toThrow();
    expect(bad(9, [{ name: '李明', role: 'reporter' }])).toThrow(); // objects are not the wire form
    expect(bad(10, [5])).toThrow(); // a paragraph that is neither text nor pieces
    expect(bad(16, { boundary: 2, titles: 0 })).toThrow();
    expect(() => pageOfWire({ ...wire, items: [wire.items[0]!.slice(0, 16)] })).toThrow(PageWireError);
  });

  it('refuses references outside the page text, naming the item', () => {
    const wire = JSON.parse(wirePageOf(record(realItems))) as { items: unknown[][] };
    for (const [pos, v] of [[5, [text.length - 1, 5]], [5, [-1, 2]], [10, [[0, text.length + 1]]], [10, [['甲', 3, 1.5]]]] as const) {
      const items = wire.items.map((t) => [...t]);
      items[2]![pos] = v;
      expect(() => pageOfWire({ ...wire, items })).toThrow(/item 2/);
    }
  });

  it('refuses a page whose own fields are wrong', () => {
    const good = JSON.parse(wirePageOf(record(realItems))) as Record<string, unknown>;
    for (const [k, v] of [['text', 5], ['state', 'lost'], ['revision', -1], ['items', {}], ['wire', 'lean-0']] as const) {
      expect(() => pageOfWire({ ...good, [k]: v })).toThrow();
    }
  });
});
