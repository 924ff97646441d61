// Engine flags shown by their code (the engine's `message` is English-only): a translated title
// and a translated detail, with the flagged character read from the page text.
import type { Flag } from '../shared/segmentation.ts';

type T = (key: string, options?: Record<string, unknown>) => string;

const OPENERS = new Set(['“', '‘', '（', '(', '《', '【', '「', '『', '〔']);

export function flagDetail(t: T, flag: Flag, text: string): string {
  if (flag.code === 'unbalanced-quotes' || flag.code === 'unbalanced-brackets') {
    const ch = text.slice(flag.start, flag.end);
    if (ch === '"') return t('flagDetail.straightQuotes');
    if (!ch) return '';
    return t(OPENERS.has(ch) ? 'flagDetail.neverClosed' : 'flagDetail.closesNothing', { ch });
  }
  return t(`flagDetail.${flag.code}`);
}

/** "Unbalanced brackets: （ is never closed", in the UI language. */
export function flagText(t: T, flag: Flag, text: string): string {
  const title = t(`flag.${flag.code}`);
  const detail = flagDetail(t, flag, text);
  return detail ? t('flagDetail.format', { title, detail }) : title;
}
