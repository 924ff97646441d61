// An item's tags on its card: chips with remove, an input with autocomplete from the vocabulary
// and the tags in use, and suggestions (keywords, people, places, organisations, vocabulary
// terms) accepted with one click. Each change is one archive revision (tags.setForItem).
// The input is shown as text until it is entered (live-field.ts: no form control per card).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../shared/ipc.ts';
import type { StoredItem } from '../../shared/domain.ts';
import { deniedKey } from '../messages.ts';
import { lockedReason } from '../review-reasons.ts';
import { useApp, useStoreApi } from '../state/context.ts';
import { useLiveField } from './live-field.ts';

type Suggestions = Res<'tags.suggest'>;
const GROUPS = ['people', 'places', 'organisations', 'keywords'] as const;

/** Why the acting profile cannot tag items of the open page now, as an i18n string; null when it can. */
export function useTagDenied(): string | null {
  const { t } = useTranslation();
  const who = useApp((s) => s.who);
  const issueState = useApp((s) => s.issues.find((i) => i.id === s.session?.issueId)?.state ?? null);
  const key = deniedKey(who, 'item.tag');
  if (key) return t(key);
  return lockedReason(t, issueState);
}

export function TagEditor({ item }: { item: StoredItem }) {
  const { t } = useTranslation();
  const store = useStoreApi();
  const options = useApp((s) => s.tagOptions);
  const denied = useTagDenied();
  const listId = useId();
  const [draft, setDraft] = useState('');
  const [suggestions, setSuggestions] = useState<Suggestions | null>(null);
  const [busy, setBusy] = useState(false);
  const itemId = item.id;
  const reason = itemId === undefined ? t('tags.noId') : denied;
  // The tag input is text until entered, like the card's fields (live-field.ts).
  const input = useLiveField<HTMLInputElement>(reason !== null);

  const setTags = async (tags: string[]) => {
    if (itemId === undefined) return;
    setBusy(true);
    await store.getState().setItemTags(itemId, tags);
    setBusy(false);
  };
  const add = (tag: string) => {
    const tg = tag.trim();
    if (!tg || item.tags.includes(tg)) return;
    void setTags([...item.tags, tg]);
  };
  const submit = () => {
    add(draft);
    setDraft('');
  };
  const suggest = async () => {
    if (suggestions) return setSuggestions(null);
    if (itemId === undefined) return;
    setBusy(true);
    setSuggestions(await store.getState().suggestTags(itemId));
    setBusy(false);
  };
  const fresh = (words: string[]) => words.filter((w) => !item.tags.includes(w));
  const vocabulary = suggestions ? fresh(suggestions.vocabulary.map((v) => v.label)) : [];
  const groups = suggestions
    ? [...(vocabulary.length ? [['vocabulary', vocabulary] as const] : []), ...GROUPS.map((g) => [g, fresh(suggestions[g])] as const)].filter(([, w]) => w.length > 0)
    : [];

  return (
    <div className="tags" data-testid="item-tags">
      <span className="field-label">{t('tags.label')}</span>
      <div className="tag-body">
        <ul className="chips" aria-label={t('tags.label')}>
          {item.tags.map((tag) => (
            <li key={tag} className="chip" data-testid="tag-chip" data-tag={tag}>
              {tag}
              <button
                className="chip-x"
                onClick={() => void setTags(item.tags.filter((x) => x !== tag))}
                disabled={busy || reason !== null}
                title={reason ?? t('tags.remove', { tag })}
                aria-label={t('tags.remove', { tag })}
              >
                ×
              </button>
            </li>
          ))}
          {item.tags.length === 0 && <li className="muted small">{t('tags.none')}</li>}
        </ul>
        {/* No <form>: a card holds no form control until one is entered (live-field.ts). */}
        <div className="tag-add" title={reason ?? undefined}>
          {input.live ? (
            <>
              <input
                ref={input.ref}
                value={draft}
                list={listId}
                placeholder={t('tags.placeholder')}
                aria-label={t('tags.add')}
                disabled={reason !== null}
                onFocus={() => void store.getState().loadTagOptions()}
                onChange={(e) => setDraft(e.target.value)}
                onBlur={input.leave}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') {
                    setDraft('');
                    e.currentTarget.blur();
                    e.stopPropagation();
                  } else if (e.key === 'Enter') {
                    e.preventDefault();
                    submit();
                  }
                }}
                data-testid="tag-input"
                maxLength={100}
              />
              <datalist id={listId}>
                {options.filter((o) => !item.tags.includes(o)).map((o) => (
                  <option key={o} value={o} />
                ))}
              </datalist>
            </>
          ) : (
            <span
              {...input.standIn}
              className={`tag-input-text${reason !== null ? ' disabled' : ''}`}
              role="textbox"
              aria-label={t('tags.add')}
              aria-disabled={reason !== null ? true : undefined}
              aria-placeholder={t('tags.placeholder')}
              data-placeholder={t('tags.placeholder')}
              data-testid="tag-input"
            >
              {draft}
            </span>
          )}
          <button type="button" onClick={submit} disabled={reason !== null || !draft.trim()}>
            +
          </button>
          <button type="button" onClick={() => void suggest()} disabled={itemId === undefined} aria-expanded={suggestions !== null} data-testid="tag-suggest">
            {suggestions ? t('tags.hide') : t('tags.suggest')}
          </button>
        </div>
        {suggestions && (
          <div className="suggestions" data-testid="tag-suggestions">
            {groups.length === 0 && <p className="muted small">{t('tags.noSuggestions')}</p>}
            {groups.map(([group, words]) => (
              <div key={group} className="suggestion-group" data-group={group}>
                <span className="suggestion-label">{t(`tags.${group}`)}</span>
                {words.map((w) => (
                  <button
                    key={w}
                    className={`chip suggestion group-${group}`}
                    data-testid="tag-suggestion"
                    data-tag={w}
                    disabled={busy || reason !== null}
                    title={reason ?? t('tags.accept', { tag: w })}
                    onClick={() => add(w)}
                  >
                    + {w}
                  </button>
                ))}
              </div>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
