// Right pane: the page's items in order as cards; every field editable in place (shown as text
// until it is entered: card-field.tsx).
import { memo, useCallback, useEffect, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import i18next from 'i18next';
import type { EditableField, StoredItem } from '../../shared/domain.ts';
import { CONTRIBUTOR_ROLES, type ItemKind, type Masthead } from '../../shared/segmentation.ts';
import { lineOfOffset, lineStarts, parseContributors } from '../model/page-model.ts';
import { useApp, useStoreApi } from '../state/context.ts';
import { TagEditor } from './TagEditor.tsx';
import { focusTargets } from '../focus.ts';
import { flagText } from '../flags.ts';
import { STRINGS } from '../../shared/i18n.ts';
import { DoubtBadge } from './Doubts.tsx';
import { cardLabels, cardNumber } from './card-labels.ts';
import { CardField, KindField } from './card-field.tsx';
import { isDoubtful } from '../../shared/segmentation.ts';

/** Every translated name of every contributor role (both languages), for reading typed roles back. */
function contributorRoleLabels(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const strings of Object.values(STRINGS)) for (const [role, label] of Object.entries(strings.role)) out[label] = role;
  return out;
}

type TextFieldName = 'kicker' | 'headline' | 'subheadline' | 'series' | 'byline';
const TEXT_FIELDS: TextFieldName[] = ['kicker', 'headline', 'subheadline', 'series', 'byline'];

function MastheadSummary({ masthead }: { masthead: Masthead }) {
  const { t } = useTranslation();
  const parts = [
    masthead.title,
    masthead.titleLatin,
    masthead.date,
    masthead.weekday,
    masthead.issueNumber !== null ? t('library.issue', { number: masthead.issueNumber }) : null,
    masthead.serial,
  ].filter((p): p is string => !!p);
  return <p className="masthead-summary">{parts.join(' · ')}</p>;
}

/** The item's position, read at the time it is needed (a card does not re-render when it moves). */
function indexOf(store: ReturnType<typeof useStoreApi>, item: StoredItem): number {
  return store.getState().session?.history.present.items.indexOf(item) ?? -1;
}

/** "Item 3": subscribes to the item's position on its own, so a split re-renders only the numbers. */
function CardNumber({ item }: { item: StoredItem }) {
  // The language from the store, not useTranslation(): a split re-renders every later card's
  // number in the keystroke's task, and the hook's own work per card was most of that render.
  const language = useApp((s) => s.language);
  const n = useApp((s) => (s.session?.history.present.items.indexOf(item) ?? -1) + 1);
  return <span className="card-number">{cardNumber(i18next.getFixedT(language), language, n)}</span>;
}

const ItemCard = memo(function ItemCard(props: {
  item: StoredItem;
  selected: boolean;
  lineFrom: number;
  lineTo: number;
  masthead: Masthead | null;
}) {
  const { item } = props;
  const { t, i18n } = useTranslation();
  const L = cardLabels(t, i18n.language);
  const store = useStoreApi();
  const ref = useRef<HTMLElement>(null);
  const set = <F extends EditableField>(field: F, value: StoredItem[F]) => {
    const index = indexOf(store, item);
    if (index >= 0) store.getState().setField(index, field, value);
  };
  const select = () => {
    const index = indexOf(store, item);
    if (index >= 0) store.getState().select(index, true);
  };
  const edited = (f: EditableField) => item.editedFields.includes(f);
  const pageText = () => store.getState().session?.history.present.text ?? '';
  const language = useApp((s) => s.language);
  // Shown once, with each role in the UI language; typed roles are read back in either language.
  // Full-width brackets and comma in Chinese (the parser reads both forms back).
  const zh = language === 'zh-CN';
  const contributorsText = item.contributors.map((c) => (zh ? `${c.name}（${t(`role.${c.role}`)}）` : `${c.name} (${t(`role.${c.role}`)})`)).join(zh ? '，' : ', ');
  const roleLabels = useMemo(() => contributorRoleLabels(), []);
  return (
    <article
      ref={ref}
      className={`card kind-${item.kind}${props.selected ? ' selected' : ''}${isDoubtful(item) ? ' doubtful' : ''}`}
      data-testid="item-card"
      data-kind={item.kind}
      data-line-from={props.lineFrom}
      aria-current={props.selected ? 'true' : undefined}
      tabIndex={-1}
      onMouseDown={select}
      onFocus={select}
    >
      <header className="card-head">
        <CardNumber item={item} />
        <KindField kind={item.kind} edited={edited('kind')} label={L.kind} kinds={L.kinds} onChange={(kind) => set('kind', kind)} />
        <span className="card-lines">{t('card.lines', { from: props.lineFrom, to: props.lineTo })}</span>
        {item.continuedFrom !== null && <span className="badge">← {item.continuedFrom}</span>}
        {item.continuedOn !== null && <span className="badge">→ {item.continuedOn}</span>}
        {item.flags.length > 0 && <span className="badge warn">⚠ {item.flags.length}</span>}
        <DoubtBadge item={item} />
        <span className="spacer" />
        <button
          className="small-button"
          data-testid="item-history"
          disabled={item.id === undefined}
          title={item.id === undefined ? L.noId : undefined}
          onClick={() => {
            const s = store.getState().session;
            if (s && item.id !== undefined) store.getState().openDialog({ type: 'history', pageId: s.pageId, itemId: item.id, title: t('history.titleItem', { n: indexOf(store, item) + 1 }) });
          }}
        >
          {L.history}
        </button>
      </header>
      {item.kind === 'masthead' && props.masthead && <MastheadSummary masthead={props.masthead} />}
      {TEXT_FIELDS.map((f) => (
        <CardField
          key={f}
          field={f}
          label={L.fields[f]}
          value={item[f] ?? ''}
          edited={edited(f)}
          placeholder={L.empty}
          onCommit={(v) => set(f, v.trim() === '' ? null : v.trim())}
        />
      ))}
      <CardField
        field="contributors"
        label={L.fields.contributors}
        value={contributorsText}
        edited={edited('contributors')}
        placeholder={L.contributorsHint}
        validate={(v) => (parseContributors(v, CONTRIBUTOR_ROLES, roleLabels) ? null : L.invalidContributors)}
        onCommit={(v) => set('contributors', parseContributors(v, CONTRIBUTOR_ROLES, roleLabels) ?? [])}
      />
      <CardField
        field="paragraphs"
        multiline
        label={L.fields.paragraphs}
        value={item.paragraphs.join('\n\n')}
        edited={edited('paragraphs')}
        onCommit={(v) =>
          set(
            'paragraphs',
            v
              .split(/\n\s*\n/)
              .map((p) => p.trim())
              .filter(Boolean),
          )
        }
      />
      <div className="field-row">
        {(['continuedFrom', 'continuedOn'] as const).map((f) => (
          <CardField
            key={f}
            field={f}
            inputMode="numeric"
            label={L.fields[f]}
            value={item[f] === null ? '' : String(item[f])}
            edited={edited(f)}
            placeholder={L.empty}
            validate={(v) => (v.trim() === '' || /^[1-9]\d{0,3}$/.test(v.trim()) ? null : '1–9999')}
            onCommit={(v) => set(f, v.trim() === '' ? null : Number(v.trim()))}
          />
        ))}
      </div>
      <TagEditor item={item} />
      {item.flags.length > 0 && (
        <ul className="flags" aria-label={L.fields.flags}>
          {item.flags.map((f, i) => (
            <li key={i} data-flag={f.code}>
              ⚠ {flagText(t, f, pageText())}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
});

/** Pages with more items than this render only the cards in view (virtual list). */
export const VIRTUAL_FROM = 150;

export function ItemCards() {
  const { t } = useTranslation();
  const doc = useApp((s) => s.session?.history.present ?? null);
  const selected = useApp((s) => s.session?.selected ?? -1);
  const revealSeq = useApp((s) => s.session?.revealSeq ?? 0);
  const masthead = useApp((s) => s.session?.masthead ?? null);
  const listRef = useRef<HTMLDivElement>(null);
  const starts = useMemo(() => (doc ? lineStarts(doc.text) : []), [doc?.text]);
  const count = doc?.items.length ?? 0;
  const items = doc?.items;
  const getItemKey = useCallback(
    (i: number) => {
      const item = items?.[i];
      return item ? `${item.id ?? 'n'}-${item.start}` : i;
    },
    [items],
  );
  // A big page goes through the virtualizer: a page of 10,000 items mounts a screenful of cards
  // (measured as they render), so opening it and a split repaint only what is in view. A page of
  // ordinary size keeps every card in the document (find-in-page, no re-measuring while typing).
  const virtual = count > VIRTUAL_FROM;
  const virtualizer = useVirtualizer({
    enabled: virtual,
    count,
    getScrollElement: () => listRef.current,
    estimateSize: () => 240,
    overscan: 4,
    gap: 10,
    // One function per item list: the virtualizer re-measures all rows whenever this function
    // changes (it is part of its memo), which an inline arrow did on every render — a selection
    // change re-measured 10,000 rows.
    getItemKey,
  });
  useEffect(() => {
    focusTargets.cards = () => {
      const st = listRef.current;
      if (!st) return;
      // A field's text stand-in enters its control when focused (card-field.tsx).
      const el = st.querySelector<HTMLElement>('.card.selected .field [data-field]') ?? st.querySelector<HTMLElement>('.card .field [data-field]');
      el?.focus();
    };
    return () => {
      delete focusTargets.cards;
    };
  }, []);
  // Bring the selected card into view (it may not be mounted yet: ask the virtualizer, not the DOM).
  useEffect(() => {
    if (selected < 0 || selected >= count) return;
    if (!virtual) {
      const el = listRef.current?.querySelector<HTMLElement>(`[data-index="${selected}"]`);
      const root = listRef.current;
      if (!el || !root) return;
      // An intersection observer answers after the frame's own layout: reading the card's box in
      // an animation frame forced a layout inside the split's frame (~2 ms), before the frame's.
      const io = new IntersectionObserver(
        ([entry]) => {
          io.disconnect();
          if (!entry || el.contains(document.activeElement)) return;
          if (entry.intersectionRatio < 1) el.scrollIntoView({ block: 'nearest' });
        },
        { root, threshold: [0, 1] },
      );
      io.observe(el);
      return () => io.disconnect();
    }
    const el = listRef.current?.querySelector<HTMLElement>(`[data-index="${selected}"]`);
    if (el && el.contains(document.activeElement)) return;
    const r = el?.getBoundingClientRect();
    const box = listRef.current?.getBoundingClientRect();
    if (r && box && r.top >= box.top && r.bottom <= box.bottom) return;
    virtualizer.scrollToIndex(selected, { align: 'auto' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected, revealSeq]);
  if (!doc) return null;
  const rows = virtual ? virtualizer.getVirtualItems() : doc.items.map((_, index) => ({ index, key: `${doc.items[index]!.id ?? 'n'}-${doc.items[index]!.start}`, start: 0 }));
  return (
    <div className={`cards${virtual ? ' virtual' : ''}`} ref={listRef} data-testid="item-cards" data-count={count} aria-label={t('page.structured')} role="region">
      <div className="cards-inner" style={virtual ? { height: virtualizer.getTotalSize() } : undefined}>
        {rows.map((row) => {
          const i = row.index;
          const item = doc.items[i]!;
          const next = doc.items[i + 1];
          const end = next ? next.start : doc.text.length;
          return (
            <div
              key={row.key}
              className="card-slot"
              data-index={i}
              ref={virtual ? virtualizer.measureElement : undefined}
              style={virtual ? { transform: `translateY(${row.start}px)` } : undefined}
            >
              <ItemCard
                item={item}
                selected={i === selected}
                lineFrom={lineOfOffset(starts, item.start) + 1}
                lineTo={lineOfOffset(starts, Math.max(item.start, end - 1)) + 1}
                masthead={item.kind === 'masthead' ? masthead : null}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
