// learnProfile trains only the rows of the corrected pages' own features (the rest of the base
// cannot move in training): it must give exactly the profile that training every row of the base
// gives, first learn and learn over a previous profile alike.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyProfile, defaultModel, learnProfile, profileFromModels, updateModel, type LabelledPage, type Profile } from '../../core/engine/model/index.ts';
import { labelFromItems } from '../../core/engine/model/labels.ts';
import { settleRow } from '../../core/engine/model/train.ts';
import { segmentPage } from '../../core/engine/segment.ts';

// A proofed page as the archive learns it: labelled from its items (here the engine's own), whose
// labels differ from the model's decoding on some lines, so learning moves weights.
const RES = join(import.meta.dirname, '..', '..', 'resources', 'pages');
const page = (file: string): LabelledPage => {
  const text = readFileSync(join(RES, file), 'utf8').replace(/\r\n?/g, '\n');
  return labelFromItems(text, segmentPage(text).items, 'test', file);
};

/** The reference: every row of the (profiled) base through training, as before the shortcut. */
function fullLearn(pages: LabelledPage[], previous: Profile | null): Profile {
  const base = defaultModel();
  const start = previous ? applyProfile(base, previous) : base;
  return profileFromModels(base, updateModel(start, pages, { latent: true }), 'p', (previous?.pages ?? 0) + pages.length);
}

describe('learnProfile', () => {
  it('gives the profile that training every base row gives, also over a previous profile', () => {
    const base = defaultModel();
    const [a, b] = [page('binhe-evening-2022-09-05-p1-crlf.txt'), page('dongling-daily-2024-08-01-p1.txt')];
    const first = learnProfile(base, 'p', [a]);
    expect(Object.keys(first.rows).length).toBeGreaterThan(0);
    expect(JSON.stringify(first)).toBe(JSON.stringify(fullLearn([a], null)));
    // A second page of other features: rows the first profile moved and this page does not touch stay as settled.
    const second = learnProfile(base, 'p', [b], first);
    expect(JSON.stringify(second)).toBe(JSON.stringify(fullLearn([b], first)));
    expect(JSON.stringify(learnProfile(base, 'p', [a], second))).toBe(JSON.stringify(fullLearn([a], second)));
  }, 120_000);

  it('relies on base rows being settled already (training leaves an untouched base row as it is)', () => {
    const unsettled: string[] = [];
    for (const [key, row] of defaultModel().rows) {
      const settled = settleRow(row);
      if (!settled || settled.some((v, y) => v !== row[y])) unsettled.push(key);
    }
    expect(unsettled).toEqual([]);
  }, 60_000);
});
