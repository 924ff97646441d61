// A masthead item holds no title and no text: decoding opens the first article where the path ran on.
import { describe, expect, it } from 'vitest';
import { decodePage } from '../../core/engine/model/decode.ts';
import { LABEL_COUNT, labelOf } from '../../core/engine/model/labels-space.ts';
import type { LineRole } from '../../core/engine/model/line-roles.ts';
import type { LineRoleModel } from '../../core/engine/model/weights.ts';

const model: LineRoleModel = {
  version: 'test', seed: 1, epochs: 1, trainedOn: 'none', featureSetHash: 'none', confidenceScale: 1,
  transitions: new Float64Array((LABEL_COUNT + 1) * LABEL_COUNT), rows: new Map(),
};

/** Emissions that favour one label per line by `margin` over every other label. */
function emissions(best: [LineRole, boolean][], margin = 1, second?: { line: number; label: [LineRole, boolean]; score: number }): Float64Array {
  const em = new Float64Array(best.length * LABEL_COUNT);
  best.forEach(([role, start], i) => (em[i * LABEL_COUNT + labelOf(role, start)] = margin));
  if (second) em[second.line * LABEL_COUNT + labelOf(...second.label)] = second.score;
  return em;
}

describe('the masthead item', () => {
  it('opens an item at the first title line a running head\'s item ran on into, past OCR debris', () => {
    const em = emissions([['running-head', true], ['other', false], ['other', false], ['headline', false], ['byline', false], ['body-start', false]], 1, {
      line: 3, label: ['headline', true], score: 0.5,
    });
    const decoded = decodePage(model, em);
    expect(decoded.starts).toEqual([0, 3]);
    expect(decoded.roles).toEqual(['running-head', 'other', 'other', 'headline', 'byline', 'body-start']);
    // The model's free reading ran on: the added start is a doubt for the editor, not a certainty.
    expect(decoded.boundaryConfidence[3]).toBeLessThan(0.5);
  });

  it('leaves a masthead of masthead and running-head lines alone, and a page that opens with an article', () => {
    const masthead = decodePage(model, emissions([['masthead', true], ['masthead', false], ['running-head', false], ['headline', true], ['body-start', false]]));
    expect(masthead.starts).toEqual([0, 3]);
    const article = decodePage(model, emissions([['headline', true], ['body-start', false], ['body', false]]));
    expect(article.starts).toEqual([0]);
  });
});
