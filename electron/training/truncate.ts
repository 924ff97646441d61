// A labelled page cut after its first K items: still a valid page (text, roles, gold anchors and
// joins all inside the kept text). Used to keep the committed sample small. Platform-free.
import type { LabelledPage } from '../../core/engine/model/line-roles.ts';

export function truncateLabelledPage(page: LabelledPage, items: number): LabelledPage {
  if (items >= page.itemStarts.length) return page;
  const end = page.itemStarts[items]!;
  const lines = page.text.split('\n').slice(0, end);
  const text = `${lines.join('\n')}\n`;
  const flat = lines.join('\n');
  // A join or break is kept when both halves still appear in the kept text.
  const keep = ([a, b]: readonly [string, string]): boolean => flat.includes(a) && flat.includes(b);
  return {
    ...page,
    text,
    roles: [...page.roles.slice(0, end), null],
    itemStarts: page.itemStarts.slice(0, items),
    gold: {
      ...page.gold,
      notes: `${page.gold.notes ?? ''} First ${items} of ${page.itemStarts.length} items.`.trim(),
      items: page.gold.items.slice(0, items),
      joins: page.gold.joins.filter(keep),
      breaks: page.gold.breaks.filter(keep),
    },
  };
}

/** The most items of a page whose serialised form stays under `maxBytes` (at least one). */
export function fitLabelledPage(page: LabelledPage, maxBytes: number): LabelledPage {
  for (let k = page.itemStarts.length; k > 1; k--) {
    const cut = truncateLabelledPage(page, k);
    if (new TextEncoder().encode(JSON.stringify(cut)).length <= maxBytes) return cut;
  }
  return truncateLabelledPage(page, 1);
}
