// The history panel's words in the UI language: a revision's structured summary, and the field
// names of the readable item rendering inside diffs (core/review/history-view.ts renderItem).
import type { RevisionSummary } from '../shared/ipc-review.ts';

type T = (key: string, options?: Record<string, unknown>) => string;

/** A revision's summary in the UI language. */
export function revisionSummaryText(t: T, s: RevisionSummary): string {
  switch (s.code) {
    case 'imported':
    case 'reimported':
      return t(`history.summary.${s.code}`, { count: s.items });
    case 'state':
      return t('history.summary.state', {
        from: s.from ? t(`state.${s.from}`, { defaultValue: s.from }) : '?',
        to: s.to ? t(`state.${s.to}`, { defaultValue: s.to }) : '?',
      });
    case 'tags': {
      const sep = t('history.summary.sep');
      const words = (c: { added: string[]; removed: string[] }) => [...c.added.map((x) => `+ ${x}`), ...c.removed.map((x) => `− ${x}`)].join(t('history.summary.listSep'));
      if (s.changes.length === 0) return t('history.summary.tagsNone');
      return s.changes
        .map((c) => (c.item === null ? t('history.summary.tags', { changes: words(c) }) : t('history.summary.tagsOfItem', { item: c.item, changes: words(c) })))
        .join(sep);
    }
    case 'restored':
      return t('history.summary.restored', { revision: s.from ?? '?' });
    case 'saved': {
      const head = t(s.text ? 'history.summary.savedText' : 'history.summary.saved', { count: s.itemsChanged });
      return s.itemsRemoved ? head + t('history.summary.savedRemoved', { count: s.itemsRemoved }) : head;
    }
    case 'item-imported':
      return t('history.summary.itemImported');
    case 'item-created':
      return t('history.summary.itemCreated');
    case 'item-removed':
      return t('history.summary.itemRemoved');
    case 'other':
      return t(`history.action.${s.action}`, { defaultValue: s.action });
  }
}

/** renderItem's `name: value` lines and the i18n key of each name. */
const FIELD_KEYS: Record<string, string> = {
  kicker: 'field.kicker',
  headline: 'field.headline',
  subheadline: 'field.subheadline',
  series: 'field.series',
  byline: 'field.byline',
  contributors: 'field.contributors',
  'continued on page': 'field.continuedOn',
  'continued from page': 'field.continuedFrom',
  tags: 'history.field.tags',
  state: 'history.field.state',
};
const FIELD_LINE = new RegExp(`^([-+ ])(${Object.keys(FIELD_KEYS).join('|')}): (.*)$`);
const ITEM_HEAD = /^([-+ ])\[(#\d+|new) ([a-z-]+)\]$/;

/** One unified-diff line with its field name (and role / state / kind codes) in the UI language. */
export function localizeDiffLine(t: T, line: string): string {
  const head = ITEM_HEAD.exec(line);
  if (head) {
    const [, mark, id, kind] = head;
    return `${mark}[${id === 'new' ? t('history.field.new') : id} ${t(`kind.${kind}`, { defaultValue: kind })}]`;
  }
  const m = FIELD_LINE.exec(line);
  if (!m) return line;
  const [, mark, name, value] = m as unknown as [string, string, string, string];
  let v = value;
  if (name === 'contributors') v = value.replace(/\(([a-z-]+)\)/g, (all, role: string) => `(${t(`role.${role}`, { defaultValue: role })})`);
  if (name === 'state') v = t(`state.${value}`, { defaultValue: value });
  return `${mark}${t(FIELD_KEYS[name]!)}${t('history.field.colon')}${v}`;
}
