// The vocabulary of the learned line-role model, and the shape of a labelled training page.
// Platform-free. Item boundaries and title roles follow from line roles (see decode.ts).
import type { Gold } from '../../eval/gold.ts';

/** Every non-blank line of a page gets exactly one of these roles. */
export const LINE_ROLES = [
  'masthead', // the paper's nameplate block: title, date, issue number, hotlines
  'running-head', // page furniture on its own line: "要闻 5", "第3版", section and editor lines
  'kicker', // 引题, above the headline
  'headline', // 主题
  'subheadline', // 副题, below the headline
  'series', // a series or column banner ("两会特别报道", "今日谈")
  'byline', // an own-line byline or dateline byline ("本报记者 某某", "本报讯（记者 某某）")
  'body-start', // the first line of a paragraph
  'body', // a line that continues the paragraph above (wrapped or broken)
  'crosshead', // an in-article subheading ("破解难题——")
  'caption', // a photo caption's first line
  'credit', // a photo credit or closing credit ("某某摄", "（本报记者某某采访整理）")
  'jump', // a jump line ("（下转第六版）", "（上接第一版）")
  'advertisement',
  'notice',
  'other',
] as const;
export type LineRole = (typeof LINE_ROLES)[number];

/** A page with one role per line: training and evaluation material for the model. */
export interface LabelledPage {
  /** Unique and stable, e.g. "pd-2019-10-03-p04-v1" or "pd-2019-10-03-p04-ocr". */
  id: string;
  /** Publication or annotation source; the key for leave-one-source-out evaluation. */
  source: string;
  /** "YYYY-MM" where known: the key for month splits. */
  month?: string;
  /** Page text with LF newlines. */
  text: string;
  /**
   * One entry per line of `text.split('\n')`; null for blank lines and lines without text.
   * The first line of every item carries the role of that item's first line: an item starts at a
   * line marked `itemStart`.
   */
  roles: (LineRole | null)[];
  /** Line indexes (into `text.split('\n')`) where an item starts. */
  itemStarts: number[];
  /** The same page as a hand-annotation-style gold file (anchors are in `text`). */
  gold: Gold;
}
