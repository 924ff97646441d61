// Doubts and the learned profile in the workspace: the badge on a doubtful card (with Confirm),
// the page's doubt counter, the library's per-page count, and the chip naming the model and
// publication profile that segmented the page.
import { useTranslation } from 'react-i18next';
import type { StoredItem } from '../../shared/domain.ts';
import { doubtIndexes, doubtOf, percent } from '../model/doubts.ts';
import { useApp, useStoreApi } from '../state/context.ts';
import './doubts.css';

/** On a card: what the engine doubts (split, titles) and the button that confirms it. */
export function DoubtBadge({ item }: { item: StoredItem }) {
  const { t } = useTranslation();
  const store = useStoreApi();
  const d = doubtOf(item);
  if (d.split === null && d.titles === null) return null;
  const parts = [
    d.split !== null ? t('doubt.badgeSplit', { pct: percent(d.split) }) : null,
    d.titles !== null ? t('doubt.badgeTitles', { pct: percent(d.titles) }) : null,
  ].filter(Boolean);
  const title = [
    d.split !== null ? t('doubt.split', { pct: percent(d.split) }) : null,
    d.titles !== null ? t('doubt.titles', { pct: percent(d.titles) }) : null,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <span className="doubt-badge" data-testid="doubt-badge" data-split={d.split ?? ''} data-titles={d.titles ?? ''} title={title}>
      <span className="doubt-mark" aria-hidden="true">
        ?
      </span>
      <span className="doubt-label">{t('doubt.badgeLabel')}</span>
      <span>{parts.join(' · ')}</span>
      <button
        className="small-button doubt-confirm"
        data-testid="doubt-confirm"
        title={t('doubt.confirmTitle')}
        onClick={(e) => {
          e.stopPropagation();
          const index = store.getState().session?.history.present.items.indexOf(item) ?? -1;
          if (index >= 0) store.getState().confirmItem(index);
        }}
      >
        {t('doubt.confirm')}
      </button>
    </span>
  );
}

/** In the toolbar: "Doubt 2 of 5" while on a doubt, else "5 doubts"; nothing when there are none. */
export function DoubtCounter() {
  const { t } = useTranslation();
  const items = useApp((s) => s.session?.history.present.items ?? null);
  const selected = useApp((s) => s.session?.selected ?? -1);
  if (!items) return null;
  const all = doubtIndexes(items);
  if (all.length === 0) return null;
  const at = all.indexOf(selected);
  return (
    <span className="doubt-counter" data-testid="doubt-counter" data-count={all.length} title={`${t('doubt.countTitle')} (F8 / Shift+F8)`}>
      ? {at >= 0 ? t('doubt.position', { n: at + 1, total: all.length }) : t('doubt.count', { count: all.length })}
    </span>
  );
}

/** Beside the page title: which model segmented the page, and which publication profile adapted it. */
export function ModelChip() {
  const { t } = useTranslation();
  const model = useApp((s) => s.session?.model ?? null);
  // The engine worker's profile (undefined: no worker): named when it is not the one that segmented the page.
  const preview = useApp((s) => s.session?.previewProfile);
  if (!model) return null;
  const withProfile = model.profile !== null;
  let label = withProfile
    ? t('doubt.modelProfile', { profile: model.profile, count: model.profilePages ?? 0 })
    : t('doubt.model', { version: model.version });
  // A profile not in use — its trial set it aside, or it awaits its first trial: the page was segmented,
  // and is previewed, with the base model; say why.
  const trial = preview?.setAside;
  const waiting = preview?.awaitingTrial;
  if (preview && trial) label += ` · ${t('doubt.setAside', { profile: preview.publication })}`;
  else if (preview && waiting) label += ` · ${t('doubt.awaitingTrial', { profile: preview.publication })}`;
  else if (preview && preview.publication !== model.profile) label += ` · ${t('doubt.previewProfile', { profile: preview.publication })}`;
  let title = withProfile ? t('doubt.modelTitleProfile', { version: model.version, profile: model.profile }) : t('doubt.modelTitle', { version: model.version });
  if (preview && trial) {
    title += `\n${t('doubt.setAsideTitle', { profile: preview.publication, count: preview.pages, trial: trial.pages, profileScore: trial.profile.toFixed(3), baseScore: trial.base.toFixed(3) })}`;
  } else if (preview && waiting) {
    title += `\n${t('doubt.awaitingTrialTitle', { profile: preview.publication, baseScore: waiting.base.toFixed(3) })}`;
  } else if (preview !== undefined) {
    title += `\n${preview ? t('doubt.previewTitleProfile', { profile: preview.publication, count: preview.pages }) : t('doubt.previewTitleBase')}`;
  }
  return (
    <span
      className={`model-chip${withProfile ? ' with-profile' : ''}${trial || waiting ? ' profile-set-aside' : ''}`}
      data-testid="model-chip"
      data-preview-profile={trial || waiting ? '' : (preview?.publication ?? '')}
      data-profile-set-aside={trial ? preview?.publication : ''}
      data-profile-awaiting-trial={waiting ? preview?.publication : ''}
      title={title}
    >
      {label}
    </span>
  );
}

/** In the library: a page's stored doubt count (not shown once the page is proofed: the editor settled them). */
export function PageDoubts({ count, proofed }: { count: number | undefined; proofed: boolean }) {
  const { t } = useTranslation();
  if (!count || proofed) return null;
  return (
    <span className="doubt-count small" data-testid="page-doubts" data-count={count} title={t('doubt.countTitle')}>
      ? {t('doubt.count', { count })}
    </span>
  );
}
