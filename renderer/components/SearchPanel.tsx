// Finding items: the search panel (words plus kind, date range, tag and page-state filters) and
// an issue's item list, both with checkboxes and "Tag selected…" (tags.addToItems).
import { Fragment, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ITEM_KINDS, type ItemKind } from '../../shared/segmentation.ts';
import { PAGE_STATES, type PageState } from '../../shared/domain.ts';
import type { Req, Res } from '../../shared/ipc.ts';
import { deniedKey } from '../messages.ts';
import { useApp, useStoreApi } from '../state/context.ts';
import type { AllMatches } from '../state/store.ts';
import { Dialog } from './Dialog.tsx';

type Hit = Res<'search'>['hits'][number];
type IssueItem = Res<'issues.items'>[number];

/** Hits per page of the search panel. */
const PAGE_SIZE = 100;

/** "a [[b]] c" → text with <mark>s. */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(/(\[\[.*?\]\])/g);
  return (
    <span className="snippet">
      {parts.map((p, i) => (p.startsWith('[[') && p.endsWith(']]') ? <mark key={i}>{p.slice(2, -2)}</mark> : <Fragment key={i}>{p}</Fragment>))}
    </span>
  );
}

const splitTags = (text: string) =>
  text
    .split(/[,，;；]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Opens a page and selects one of its items. */
function useOpenItem() {
  const store = useStoreApi();
  return async (pageId: number, itemId: number) => {
    store.getState().closeDialog();
    await store.getState().openPage(pageId);
    const items = store.getState().session?.history.present.items ?? [];
    const i = items.findIndex((it) => it.id === itemId);
    if (i >= 0) store.getState().select(i, true);
  };
}

export type { AllMatches };

/** "Tag selected…": adds and removes tags on the chosen items (or every match) in one call, after a confirmation naming the count. */
function BulkTagBar(props: { selected: number[]; all?: AllMatches | null; onDone: () => void }) {
  const { t } = useTranslation();
  const store = useStoreApi();
  const who = useApp((s) => s.who);
  const [open, setOpen] = useState(false);
  const [add, setAdd] = useState('');
  const [remove, setRemove] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const count = props.all ? props.all.total : props.selected.length;
  const denied = deniedKey(who, 'item.tag');
  const reason = denied ? t(denied) : null;
  const apply = async (e: FormEvent) => {
    e.preventDefault();
    const a = splitTags(add);
    const r = splitTags(remove);
    if (a.length + r.length === 0) return;
    // Changing many items is confirmed with their number first.
    if (!confirming) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    const res = await store.getState().bulkTag(props.all ? { all: props.all } : { itemIds: props.selected }, a, r);
    if (!res) return;
    setDone(t('desk.bulk.done', { count: res.changed }));
    setOpen(false);
    setAdd('');
    setRemove('');
    props.onDone();
  };
  return (
    <div className="bulk-bar">
      <span className="muted small" data-testid="selected-count">
        {props.all ? t('desk.search.allSelected', { count: props.all.total }) : t('search.selected', { count: props.selected.length })}
      </span>
      <span title={reason ?? undefined}>
        <button onClick={() => setOpen(!open)} disabled={count === 0 || reason !== null} title={reason ?? undefined} data-testid="tag-selected">
          {t('search.tagSelected')}
        </button>
      </span>
      {reason && <span className="muted small" data-testid="bulk-denied">{reason}</span>}
      {done && <span className="ok small">{done}</span>}
      {open && (
        <form className="bulk-form" onSubmit={apply} data-testid="bulk-form">
          <strong>{t('desk.bulk.title', { count })}</strong>
          <label>
            <span>{t('bulk.add')}</span>
            <input autoFocus value={add} onChange={(e) => setAdd(e.target.value)} placeholder={t('bulk.hint')} data-testid="bulk-add" />
          </label>
          <label>
            <span>{t('bulk.remove')}</span>
            <input value={remove} onChange={(e) => setRemove(e.target.value)} placeholder={t('bulk.hint')} data-testid="bulk-remove" />
          </label>
          {confirming && (
            <p className="confirm" role="alert" data-testid="bulk-confirm">
              {t('desk.search.confirmAll', {
                count,
                add: splitTags(add).join(t('history.summary.listSep')) || t('desk.search.none'),
                remove: splitTags(remove).join(t('history.summary.listSep')) || t('desk.search.none'),
              })}
            </p>
          )}
          <button type="submit" className="primary" disabled={splitTags(add).length + splitTags(remove).length === 0} data-testid="bulk-apply">
            {confirming ? t('desk.bulk.confirm', { count }) : t('common.apply')}
          </button>
          <button
            type="button"
            onClick={() => {
              setConfirming(false);
              setOpen(false);
            }}
          >
            {t('common.cancel')}
          </button>
        </form>
      )}
    </div>
  );
}

function Checkable(props: { checked: boolean; onChange: (v: boolean) => void; label: string; children: ReactNode; testId: string; id: number }) {
  return (
    <li className={`hit${props.checked ? ' checked' : ''}`} data-testid={props.testId} data-item-id={props.id}>
      <input type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} aria-label={props.label} />
      <div className="hit-body">{props.children}</div>
    </li>
  );
}

export function SearchPanel() {
  const { t } = useTranslation();
  const store = useStoreApi();
  const openItem = useOpenItem();
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<ItemKind | ''>('');
  const [dateFrom, setDateFrom] = useState('');
  const [dateTo, setDateTo] = useState('');
  const [tag, setTag] = useState('');
  const [state, setState] = useState<PageState | ''>('');
  const [tags, setTags] = useState<Res<'tags.list'>>([]);
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [total, setTotal] = useState({ total: 0, capped: false, offset: 0 });
  const [asked, setAsked] = useState<{ query: string; filters: Req<'search'>['filters'] } | null>(null);
  const [allMatches, setAllMatches] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void store.getState().listTags().then(setTags);
  }, [store]);
  const run = async (e?: FormEvent, offset = 0, same = false) => {
    e?.preventDefault();
    if (!same && !query.trim() && !tag) return;
    setBusy(true);
    {
      const filters = {
        ...(kind ? { kind } : {}),
        ...(dateFrom ? { dateFrom } : {}),
        ...(dateTo ? { dateTo } : {}),
        ...(tag ? { tag } : {}),
        ...(state ? { state } : {}),
      };
      // Paging keeps the search that was run (not what the form holds meanwhile).
      const req = same && asked ? asked : { query: query.trim(), filters };
      const res = await store.getState().search({ ...req, limit: PAGE_SIZE, offset });
      if (res) {
        setAsked(req);
        setHits(res.hits);
        setTotal({ total: res.total, capped: res.capped, offset });
        if (!same) setAllMatches(false);
        setSelected((sel) => sel.filter((id) => res.hits.some((h) => h.itemId === id)));
      }
    }
    setBusy(false);
  };
  const toggle = (id: number, on: boolean) => setSelected((sel) => (on ? [...sel, id] : sel.filter((x) => x !== id)));
  const allChecked = !!hits && hits.length > 0 && hits.every((h) => selected.includes(h.itemId));
  return (
    <Dialog title={t('search.title')} testId="search-panel" wide onClose={() => store.getState().closeDialog()}>
      <form className="search-form" onSubmit={run}>
        <input autoFocus type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('search.query')} aria-label={t('search.query')} data-testid="search-query" />
        <button type="submit" className="primary" disabled={busy || (!query.trim() && !tag)} data-testid="search-run">
          {t('search.run')}
        </button>
        <div className="filters">
          <label>
            <span>{t('search.kind')}</span>
            <select value={kind} onChange={(e) => setKind(e.target.value as ItemKind | '')} data-testid="search-kind">
              <option value="">{t('search.any')}</option>
              {ITEM_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('search.from')}</span>
            <input type="date" value={dateFrom} onChange={(e) => setDateFrom(e.target.value)} data-testid="search-from" />
          </label>
          <label>
            <span>{t('search.to')}</span>
            <input type="date" value={dateTo} onChange={(e) => setDateTo(e.target.value)} data-testid="search-to" />
          </label>
          <label>
            <span>{t('search.tag')}</span>
            <select value={tag} onChange={(e) => setTag(e.target.value)} data-testid="search-tag">
              <option value="">{t('search.any')}</option>
              {tags.map((tg) => (
                <option key={tg.name} value={tg.name}>
                  {tg.name} ({tg.count})
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('search.state')}</span>
            <select value={state} onChange={(e) => setState(e.target.value as PageState | '')} data-testid="search-state">
              <option value="">{t('search.any')}</option>
              {PAGE_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`state.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
      </form>
      {hits && (
        <>
          <div className="results-head">
            <label>
              <input type="checkbox" checked={allChecked} onChange={(e) => {
                  setSelected(e.target.checked ? hits.map((h) => h.itemId) : []);
                  if (!e.target.checked) setAllMatches(false);
                }} data-testid="select-all" />
              <span>{t('search.selectAll')}</span>
            </label>
            <span className="muted small" data-testid="search-count" data-total={total.total}>
              {total.total === 0
                ? t('search.none')
                : total.total <= hits.length
                  ? t('desk.search.total', { count: total.total })
                  : t('desk.search.page', { from: total.offset + 1, to: total.offset + hits.length, total: `${total.total}${total.capped ? '+' : ''}` })}
            </span>
            {total.total > hits.length && (
              <span className="pager">
                <button type="button" disabled={busy || total.offset === 0} onClick={() => void run(undefined, Math.max(0, total.offset - PAGE_SIZE), true)} data-testid="search-prev">
                  {t('desk.search.prev')}
                </button>
                <button type="button" disabled={busy || total.offset + hits.length >= total.total} onClick={() => void run(undefined, total.offset + PAGE_SIZE, true)} data-testid="search-next">
                  {t('desk.search.next')}
                </button>
              </span>
            )}
            {allChecked && total.total > hits.length && !allMatches && !total.capped && (
              <button type="button" className="link" onClick={() => setAllMatches(true)} data-testid="select-all-matches">
                {t('desk.search.selectAll', { count: total.total })}
              </button>
            )}
          </div>
          <ul className="hits" data-testid="search-hits">
            {hits.map((h) => (
              <Checkable key={h.itemId} id={h.itemId} testId="search-hit" checked={selected.includes(h.itemId)} onChange={(v) => toggle(h.itemId, v)} label={h.headline ?? String(h.itemId)}>
                <div className="hit-title">
                  <button className="link" onClick={() => void openItem(h.pageId, h.itemId)} title={t('search.openHit')}>
                    {h.headline ?? t('card.empty')}
                  </button>
                  <span className="muted small">
                    {h.publication} · {h.date ?? t('library.noDate')}
                    {h.pageNumber !== null ? ` · ${t('search.page', { n: h.pageNumber })}` : ''}
                  </span>
                </div>
                <Snippet text={h.snippet} />
                {h.tags.length > 0 && (
                  <ul className="chips small">
                    {h.tags.map((tg) => (
                      <li key={tg} className="chip">
                        {tg}
                      </li>
                    ))}
                  </ul>
                )}
              </Checkable>
            ))}
          </ul>
          <BulkTagBar
            selected={selected}
            all={allMatches && asked ? { ...asked, total: total.total } : null}
            onDone={() => {
              void run(undefined, total.offset, true);
              // A tag just added to the matches is offered by the tag filter at once.
              void store.getState().listTags().then(setTags);
            }}
          />
        </>
      )}
    </Dialog>
  );
}

export function IssueItemsDialog({ issueId }: { issueId: number }) {
  const { t } = useTranslation();
  const store = useStoreApi();
  const openItem = useOpenItem();
  const issue = useApp((s) => s.issues.find((i) => i.id === issueId));
  const [items, setItems] = useState<IssueItem[] | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const load = () => void store.getState().issueItems(issueId).then((found) => found && setItems(found));
  useEffect(load, [store, issueId]);
  const title = issue ? `${issue.date ?? t('library.noDate')} ${issue.issueNumber !== null ? t('library.issue', { number: issue.issueNumber }) : ''}`.trim() : '';
  const allChecked = !!items && items.length > 0 && items.every((i) => selected.includes(i.itemId));
  return (
    <Dialog title={t('issue.itemsTitle', { issue: title })} testId="issue-items" wide onClose={() => store.getState().closeDialog()}>
      {items && (
        <>
          <div className="results-head">
            <label>
              <input type="checkbox" checked={allChecked} onChange={(e) => setSelected(e.target.checked ? items.map((i) => i.itemId) : [])} />
              <span>{t('search.selectAll')}</span>
            </label>
          </div>
          <ul className="hits">
            {items.map((it) => (
              <Checkable
                key={it.itemId}
                id={it.itemId}
                testId="issue-item"
                checked={selected.includes(it.itemId)}
                onChange={(v) => setSelected((sel) => (v ? [...sel, it.itemId] : sel.filter((x) => x !== it.itemId)))}
                label={it.headline ?? String(it.itemId)}
              >
                <div className="hit-title">
                  <button className="link" onClick={() => void openItem(it.pageId, it.itemId)}>
                    {it.headline ?? t('card.empty')}
                  </button>
                  <span className="muted small">
                    {t(`kind.${it.kind}`)}
                    {it.pageNumber !== null ? ` · ${t('search.page', { n: it.pageNumber })}` : ''}
                  </span>
                </div>
                {it.tags.length > 0 && (
                  <ul className="chips small">
                    {it.tags.map((tg) => (
                      <li key={tg} className="chip">
                        {tg}
                      </li>
                    ))}
                  </ul>
                )}
              </Checkable>
            ))}
          </ul>
          <BulkTagBar selected={selected} onDone={load} />
        </>
      )}
    </Dialog>
  );
}
