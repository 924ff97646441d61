// core/edit: typed edit ops applied, refused and inverted. The property: for any page and any
// batch of ops that fits it, applying the batch and then its inverse gives the page back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { storedItem } from '../support/items.ts';
import { editOpSchema, type EditOp, type FieldName } from '../../shared/edit-ops.ts';
import { EditError, actionsForOps, applyOps, invertOps, sameValue, textChangesOps, type EditPage } from '../../core/edit/index.ts';

const item = storedItem;
/** A page whose items start at line starts and run to the next (as the engine leaves them). */
function pageOf(text: string, startLines: number[]): EditPage {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const starts = [...new Set([0, ...startLines.map((l) => lineStarts[l % lineStarts.length]!)])].sort((a, b) => a - b);
  return {
    text,
    items: starts.map((s, i) =>
      item(s, starts[i + 1] ?? text.length, {
        headline: `H${i}`,
        paragraphs: [text.slice(s, starts[i + 1] ?? text.length)],
        flags: [{ code: 'lost-text', message: 'x', start: s, end: Math.min(text.length, s + 2) }],
        confidence: { boundary: 0.5, titles: 0.9 },
      }),
    ),
  };
}

const FIELDS: FieldName[] = ['headline', 'byline', 'kicker', 'confidence', 'editedFields', 'continuedOn'];

/** An op built from random numbers for this page (it may not fit: then it is refused). */
function opFor(page: EditPage, r: number[]): EditOp {
  const [k = 0, a = 0, b = 0, c = 0] = r;
  const n = page.items.length;
  const idx = a % n;
  const it = page.items[idx]!;
  switch (k % 8) {
    case 0: {
      const at = a % (page.text.length + 1);
      return { op: 'text', at, remove: page.text.slice(at, at + (b % 4)), insert: ['', 'x', '\n', 'yz\n'][c % 4]! };
    }
    case 1:
      return { op: 'split', at: a % (page.text.length + 1), item: { ...item(a % (page.text.length + 1), 0), headline: 'new' } };
    case 2:
      return { op: 'merge', index: Math.max(1, idx), start: page.items[Math.max(1, idx)]?.start ?? 0 };
    case 3:
      return { op: 'boundary', index: Math.max(1, idx), from: page.items[Math.max(1, idx)]?.start ?? 0, to: b % (page.text.length + 1) };
    case 4:
      return { op: 'kind', index: idx, from: it.kind, to: (['brief', 'photo', 'notice'] as const)[b % 3]! };
    case 5: {
      const name = FIELDS[b % FIELDS.length]!;
      const to = { headline: `T${c}`, byline: c % 2 ? null : 'B', kicker: 'K', confidence: c % 2 ? null : { boundary: 1, titles: 0.1 }, editedFields: ['headline'], continuedOn: c % 3 ? 2 : null }[name as string];
      return editOpSchema.parse({ op: 'field', index: idx, name, from: name === 'confidence' ? (it.confidence ?? null) : (it as Record<string, unknown>)[name], to });
    }
    case 6:
      return { op: 'paragraphs', index: idx, at: b % (it.paragraphs.length + 1), remove: it.paragraphs.slice(b % (it.paragraphs.length + 1), (b % (it.paragraphs.length + 1)) + (c % 2)), insert: c % 3 ? ['p'] : [] };
    default:
      return { op: 'tags', index: idx, from: it.tags, to: c % 2 ? ['衡阳'] : [] };
  }
}

/** Applies what fits of random ops, one at a time, and returns the batch that fitted. */
function fittingBatch(page: EditPage, draws: number[][]): EditOp[] {
  const ops: EditOp[] = [];
  let cur = page;
  for (const r of draws) {
    const op = opFor(cur, r);
    try {
      cur = applyOps(cur, [op]);
      ops.push(op);
    } catch (e) {
      if (!(e instanceof EditError)) throw e;
    }
  }
  return ops;
}

const stripIds = (p: EditPage) => ({ text: p.text, items: p.items.map(({ id: _id, ...rest }) => rest) });

const pageArb = fc
  .tuple(fc.array(fc.constantFrom('a', 'b', '衡', '\n', 'c\n'), { minLength: 1, maxLength: 40 }), fc.array(fc.nat(20), { maxLength: 6 }))
  .map(([chars, lines]) => pageOf(chars.join(''), lines));
const drawsArb = fc.array(fc.array(fc.nat(1000), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 25 });

describe('edit ops', () => {
  it('apply then the inverse gives the page back (property)', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(pageArb, drawsArb, (page, draws) => {
        const ops = fittingBatch(page, draws);
        const { inverse, after } = invertOps(page, ops);
        expect(stripIds(after)).toEqual(stripIds(applyOps(page, ops)));
        expect(stripIds(applyOps(after, inverse))).toEqual(stripIds(page));
        // Every op and inverse passes the contract's schema (what crosses IPC and is stored).
        for (const op of [...ops, ...inverse]) expect(editOpSchema.safeParse(op).success).toBe(true);
      }),
      { numRuns: 400, seed: 12 },
    );
  });

  it('editor text changes keep items on line starts and invert exactly (property)', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(pageArb, fc.array(fc.tuple(fc.nat(60), fc.nat(6), fc.constantFrom('', 'q', '\n', 'r\ns')), { minLength: 1, maxLength: 6 }), (page, raw) => {
        const changes = raw.map(([o, l, t]) => ({ offset: o, length: l, text: t }));
        const { ops, page: after } = textChangesOps(page, changes);
        for (const [i, it] of after.items.entries()) {
          expect(it.start === 0 || after.text[it.start - 1] === '\n').toBe(true);
          expect(it.end).toBe(after.items[i + 1]?.start ?? after.text.length);
          if (i > 0) expect(it.start).toBeGreaterThan(after.items[i - 1]!.start);
        }
        const { inverse } = invertOps(page, ops);
        expect(stripIds(applyOps(after, inverse))).toEqual(stripIds(page));
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('shifts items after a text edit and keeps those before', () => {
    const page = pageOf('ab\ncd\nef', [1, 2]);
    const out = applyOps(page, [{ op: 'text', at: 1, remove: 'b', insert: 'XYZ' }]);
    expect(out.text).toBe('aXYZ\ncd\nef');
    expect(out.items.map((i) => [i.start, i.end])).toEqual([[0, 5], [5, 8], [8, 10]]);
    expect(out.items[1]).not.toBe(page.items[1]);
  });

  it('edits a page whose items do not run to the next one: an end inside removed text snaps', () => {
    const page: EditPage = { text: 'ab\n\ncd', items: [item(0, 2), item(4, 6)] };
    const out = applyOps(page, [{ op: 'text', at: 1, remove: 'b\n', insert: 'X' }]);
    expect(out.text).toBe('aX\ncd');
    expect(out.items.map((i) => [i.start, i.end])).toEqual([[0, 2], [3, 5]]);
  });

  it('refuses an op that does not fit, naming the op and the reason', () => {
    const page = pageOf('ab\ncd\nef', [1, 2]);
    const refused = (ops: EditOp[]) => {
      try {
        applyOps(page, ops);
      } catch (e) {
        return e instanceof EditError ? [e.reason, e.opIndex] : ['other', -1];
      }
      return null;
    };
    expect(refused([{ op: 'text', at: 0, remove: 'zz', insert: '' }])).toEqual(['edit-text-mismatch', 0]);
    expect(refused([{ op: 'kind', index: 0, from: 'article', to: 'brief' }, { op: 'text', at: 2, remove: '\ncd', insert: '' }])).toEqual(['edit-crosses-item', 1]);
    expect(refused([{ op: 'merge', index: 5, start: 3 }])).toEqual(['edit-out-of-range', 0]);
    expect(refused([{ op: 'merge', index: 1, start: 4 }])).toEqual(['edit-item-mismatch', 0]);
    expect(refused([{ op: 'boundary', index: 1, from: 3, to: 6 }])).toEqual(['edit-boundary-order', 0]);
    expect(refused([{ op: 'split', at: 3, item: { ...item(3, 6) } }])).toEqual(['edit-boundary-order', 0]);
    expect(refused([{ op: 'field', index: 0, name: 'headline', from: 'nope', to: 'x' }])).toEqual(['edit-value-mismatch', 0]);
    expect(refused([{ op: 'text', at: 99, remove: '', insert: 'x' }])).toEqual(['edit-out-of-range', 0]);
  });

  it('a merge and its inverse split carry the whole item back', () => {
    const page = pageOf('ab\ncd\nef', [1, 2]);
    const { inverse, after } = invertOps(page, [{ op: 'merge', index: 1, start: 3 }]);
    expect(after.items).toHaveLength(2);
    expect(inverse).toHaveLength(1);
    expect(inverse[0]).toMatchObject({ op: 'split', at: 3, item: { headline: 'H1', paragraphs: ['cd\n'] } });
    expect(sameValue(stripIds(applyOps(after, inverse)), stripIds(page))).toBe(true);
  });

  it('undoing a merge gives the item back its id; a split cannot take an id the page holds', () => {
    const base = pageOf('ab\ncd\nef', [1, 2]);
    const page: EditPage = { text: base.text, items: base.items.map((it, i) => ({ ...it, id: 10 + i })) };
    const { inverse, after } = invertOps(page, [{ op: 'merge', index: 1, start: 3 }]);
    expect(inverse[0]).toMatchObject({ op: 'split', at: 3, restoreId: 11 });
    expect(applyOps(after, inverse).items.map((i) => i.id)).toEqual([10, 11, 12]);
    expect(() => applyOps(page, [{ op: 'merge', index: 2, start: 6 }, { op: 'split', at: 6, item: stripIds(page).items[2]!, restoreId: 10 }])).toThrow(
      expect.objectContaining({ reason: 'edit-item-mismatch', opIndex: 1 }),
    );
    // A page whose items carry no ids (the renderer before a first save) inverts without one.
    expect(invertOps(base, [{ op: 'merge', index: 1, start: 3 }]).inverse[0]).not.toHaveProperty('restoreId');
  });

  it('names the actions a batch needs', () => {
    expect(actionsForOps([{ op: 'field', index: 0, name: 'byline', from: null, to: 'B' }])).toEqual(['item.editMetadata']);
    expect(actionsForOps([{ op: 'tags', index: 0, from: [], to: ['x'] }, { op: 'text', at: 0, remove: '', insert: 'x' }])).toEqual(['item.tag', 'page.save']);
    expect(actionsForOps([{ op: 'field', index: 0, name: 'flags', from: [], to: [] }])).toEqual(['page.save']);
  });
});
