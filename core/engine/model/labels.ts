// Line roles for pages whose segmentation is known: a hand annotation (galley.gold/1) or a page an
// editor corrected in the archive (its items). This is how annotations and editors' corrections
// become training data for the line-role model. Platform-free.
//
// The labelling is deterministic; the rules, in the order they apply:
// 1. Lines without a letter or digit (blank lines, OCR noise such as a lone "|") get null, unless
//    an item starts there.
// 2. Item spans run from one item's first line to the next one's. Masthead items: every line is
//    'masthead' on a front page (gold page 1, or a nameplate fact such as the issue number, page
//    count or Latin title is known) and 'running-head' on an inner page. Advertisements and
//    notices: every line gets the item's kind as role.
// 3. Title lines (gold titleLines / the item's kicker, headline, subheadline, series) are found in
//    order among the item's lines (a line that begins with the title: OCR may glue a byline on).
//    Their role follows from their place relative to the headline: above it 'kicker', below it
//    'subheadline'; a column or series banner or an editorial label (as the rule pack knows them)
//    is 'series' wherever it stands, and so is a first title line of at most six characters
//    without punctuation above the headline (a column label such as 今日谈). Lines that continue a wrapped headline are 'headline'.
// 4. Other lines are read with the engine's line classifier (the rule pack's byline, credit and
//    jump forms): a jump note → 'jump'; a photo or wire credit → 'credit'; a whole-line byline
//    (or a dateline byline alone on its line) → 'byline' before the item's first paragraph and
//    'credit' after it (a closing "（记者 X）").
// 5. Body lines: a line that starts a paragraph is 'body-start' (in photo items 'caption'), a line
//    that continues the paragraph above is 'body'. Evidence, strongest first: the gold's joins and
//    breaks (or the item's re-joined paragraphs); on pages that indent paragraphs, the indent;
//    otherwise the closing punctuation of the body line above. A short display-shaped line that
//    stands alone between paragraphs of an article is a 'crosshead'.
import type { Item, ItemKind } from '../../../shared/segmentation.ts';
import { anchorOf, goldStartLines, type Gold, type GoldItem } from '../../eval/gold.ts';
import { classifyLine, type ClassifiedLine } from '../line-class.ts';
import { normalizeNewlines, splitLines } from '../lines.ts';
import type { RulePack } from '../rules/rule-pack.ts';
import { zhDailyRules } from '../rules/zh-daily.ts';
import type { LabelledPage, LineRole } from './line-roles.ts';

const HAS_TEXT = /[\p{L}\p{N}]/u;
/** Pages that indent paragraphs: at least this many body lines, and this share of them, are indented. */
const INDENT_MIN_LINES = 3;
const INDENT_MIN_SHARE = 0.3;
/** A crosshead is a short display line; longer lines are prose. */
const CROSSHEAD_MAX_LENGTH = 24;
/** Column labels above a headline are this short; kickers run longer. */
const COLUMN_LABEL_MAX = 6;

/** "YYYY-MM" from a YYYY-MM-DD date, or from the first such date in an id. */
export function monthOf(dateOrId: string | null | undefined): string | undefined {
  const m = /(\d{4})-(\d{2})(?:-\d{2})?/.exec(dateOrId ?? '');
  return m ? `${m[1]}-${m[2]}` : undefined;
}

/** The title strings of an item, top to bottom, with the index of the main headline (-1: none). */
interface TitleSpec {
  lines: string[];
  headline: number;
  /** Acceptable headline texts (a wrapped headline may be given joined). */
  headlineTexts: string[];
}

/** What the labeller needs to know of one item, whatever the source. */
interface ItemSpec {
  kind: ItemKind;
  startLine: number;
  titles: TitleSpec;
  /** Paragraph boundaries: decides body-start vs body for a line. null: use the layout rules. */
  opensParagraph: ((lineIndex: number) => boolean | null) | null;
  /** The item's byline string (editor-corrected items), matched as a whole line. */
  byline: string | null;
}

const squash = (s: string): string => s.replace(/\s+/g, '');

/** True when the page is a front page with a nameplate, not an inner page's running head. */
function isFrontPage(gold: Gold): boolean {
  const m = gold.masthead ?? {};
  return gold.page === 1 || m.issueNumber != null || m.pageCount != null || m.titleLatin != null;
}

function titleSpecFromGold(item: GoldItem): TitleSpec {
  const lines = item.titleLines ?? [];
  const headlineTexts = item.headline ?? [];
  const wanted = new Set(headlineTexts.map(squash));
  return { lines, headline: lines.findIndex((l) => wanted.has(squash(l))), headlineTexts };
}

/**
 * Roles of every line of a hand-annotated page. `text` is the page the gold's anchors refer to;
 * throws GoldError when an anchor is not found.
 */
export function labelFromGold(text: string, gold: Gold, source: string, id: string, pack: RulePack = zhDailyRules): LabelledPage {
  const page = normalizeNewlines(text);
  const lines = page.split('\n');
  const starts = goldStartLines(lines, gold, id);
  const front = isFrontPage(gold);
  const joined = pairLines(lines, gold.joins);
  const broken = pairLines(lines, gold.breaks);
  const opens = (i: number): boolean | null => (joined.has(i) ? false : broken.has(i) ? true : null);
  const specs: ItemSpec[] = gold.items.map((item, k) => ({
    kind: item.kind,
    startLine: starts[k]!,
    titles: titleSpecFromGold(item),
    opensParagraph: opens,
    byline: null,
  }));
  const roles = labelLines(page, specs, front, pack);
  return { id, source, month: monthOf(gold.masthead?.date ?? null) ?? monthOf(id), text: page, roles, itemStarts: starts, gold };
}

/**
 * Roles of every line of a page an editor corrected: its items (start/end offsets into `text`,
 * title strings, byline, re-joined paragraphs, kind). The gold of the result is derived from the
 * items, so the page can be scored like a hand annotation.
 */
export function labelFromItems(text: string, items: readonly Item[], source: string, id: string, pack: RulePack = zhDailyRules): LabelledPage {
  const page = normalizeNewlines(text);
  const lines = page.split('\n');
  const lineStarts: number[] = [];
  for (let i = 0, at = 0; i < lines.length; i++) {
    lineStarts.push(at);
    at += lines[i]!.length + 1;
  }
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const ordered = [...items].sort((a, b) => a.start - b.start);
  const specs: ItemSpec[] = [];
  /** The items labelled, in step with specs (an item with no text of its own is skipped). */
  const labelled: Item[] = [];
  for (const item of ordered) {
    // The item starts at its first line with text inside its span.
    let line = lineOf(item.start);
    const last = lineOf(Math.max(item.start, item.end - 1));
    while (line < last && !HAS_TEXT.test(lines[line] ?? '')) line++;
    if (!HAS_TEXT.test(lines[line] ?? '') || specs.some((s) => s.startLine >= line)) continue;
    // A title may span lines (a headline wrapped over two): one title line per printed line.
    const split = (t: string | null): string[] => (t ? t.split('\n').map((l) => l.trim()).filter(Boolean) : []);
    const kicker = split(item.kicker);
    const titleLines = [...kicker, ...split(item.headline), ...split(item.subheadline), ...split(item.series)];
    const spec: ItemSpec = {
      kind: item.kind,
      startLine: line,
      titles: { lines: titleLines, headline: item.headline ? kicker.length : -1, headlineTexts: item.headline ? [item.headline] : [] },
      opensParagraph: null,
      byline: item.byline,
    };
    spec.opensParagraph = paragraphStarts(lines, line, last, item.paragraphs);
    specs.push(spec);
    labelled.push(item);
  }
  // A front page's nameplate prints facts that a running head does not (issue number, page count, Latin title).
  const front = ordered.some((i) => {
    if (i.kind !== 'masthead') return false;
    const m = pack.mastheadFacts(page.slice(i.start, i.end).split('\n'));
    return m.issueNumber !== null || m.pageCount !== null || m.titleLatin !== null;
  });
  const roles = labelLines(page, specs, front, pack);
  const gold: Gold = {
    schema: 'galley.gold/1',
    text: `pages/${id}.txt`,
    items: specs.map((s, k) => goldItemOf(lines, s, labelled[k]!)),
    joins: [],
    breaks: [],
  };
  return { id, source, month: monthOf(id), text: page, roles, itemStarts: specs.map((s) => s.startLine), gold };
}

function goldItemOf(lines: readonly string[], spec: ItemSpec, item: Item): GoldItem {
  const anchor = (lines[spec.startLine] ?? '').trim();
  if (item.kind === 'masthead' || item.kind === 'advertisement' || item.kind === 'notice') return { kind: item.kind, start: anchor };
  return {
    kind: item.kind,
    start: anchor,
    titleLines: spec.titles.lines,
    headline: spec.titles.headlineTexts,
    contributors: item.contributors,
    paragraphs: item.paragraphs.length,
    // The jump lines the editor left (the scorer compares them with the paragraphs).
    continuedOn: item.continuedOn ?? null,
    continuedFrom: item.continuedFrom ?? null,
  };
}

/**
 * For an item's lines, whether each line opens one of `paragraphs` (re-joined text): walk the
 * paragraphs' text, whitespace removed, along the lines. null for lines not found in the text.
 */
function paragraphStarts(lines: readonly string[], first: number, last: number, paragraphs: readonly string[]): (i: number) => boolean | null {
  const result = new Map<number, boolean>();
  const flat = paragraphs.map(squash);
  let p = 0;
  let at = 0;
  for (let i = first; i <= last && p < flat.length; i++) {
    const line = squash(lines[i] ?? '');
    if (!line) continue;
    const rest = flat[p]!.slice(at);
    // The line may carry a byline or marker before the paragraph's text ("本报讯（记者 X）…").
    let skip = 0;
    while (skip < line.length && !rest.startsWith(line.slice(skip, skip + Math.min(4, line.length - skip)))) skip++;
    if (skip >= line.length || (skip > 0 && at > 0)) continue;
    result.set(i, at === 0);
    const taken = commonPrefix(rest, line.slice(skip));
    at += taken;
    if (at >= flat[p]!.length) {
      p++;
      at = 0;
    }
  }
  return (i) => result.get(i) ?? null;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Line indexes of the second half of each [a, b] pair: a line ending with a followed by a line starting with b. */
function pairLines(lines: readonly string[], pairs: readonly (readonly [string, string])[]): Set<number> {
  const out = new Set<number>();
  for (const [a, b] of pairs) {
    for (let i = 0; i < lines.length; i++) {
      if (!(lines[i] ?? '').trimEnd().endsWith(a)) continue;
      let j = i + 1;
      while (j < lines.length && !(lines[j] ?? '').trim()) j++;
      if ((lines[j] ?? '').trimStart().startsWith(b)) out.add(j);
    }
  }
  return out;
}

function labelLines(page: string, specs: readonly ItemSpec[], front: boolean, pack: RulePack): (LineRole | null)[] {
  const raw = splitLines(page, pack);
  const classified: (ClassifiedLine | null)[] = raw.map((l) => (l.blank || !HAS_TEXT.test(l.folded) ? null : classifyLine(l, pack)));
  const roles: (LineRole | null)[] = raw.map(() => null);
  const indentMode = detectIndentMode(classified);
  specs.forEach((spec, k) => {
    const end = specs[k + 1]?.startLine ?? raw.length;
    labelItem(spec, end);
  });
  return roles;

  function labelItem(spec: ItemSpec, end: number): void {
    const span: number[] = [];
    for (let i = spec.startLine; i < end; i++) if (classified[i] || i === spec.startLine) span.push(i);
    if (spec.kind === 'masthead') return span.forEach((i) => (roles[i] = front ? 'masthead' : 'running-head'));
    if (spec.kind === 'advertisement' || spec.kind === 'notice') return span.forEach((i) => (roles[i] = spec.kind as LineRole));

    // Titles, in order, among the item's first lines.
    const titleAt = new Map<number, number>();
    let t = 0;
    for (const i of span) {
      if (t >= spec.titles.lines.length) break;
      const line = (raw[i]?.text ?? '').trim();
      const title = spec.titles.lines[t]!.trim();
      if (line.startsWith(title) || squash(line).startsWith(squash(title))) titleAt.set(i, t++);
    }
    const headlineLines = wrappedHeadline(spec.titles, titleAt);
    for (const [i, ti] of titleAt) roles[i] = headlineLines.has(i) ? 'headline' : titleRoleAt(ti, spec.titles.headline, raw[i]?.folded ?? '', pack);

    let inBody = false;
    let prevBody: ClassifiedLine | null = null;
    span.forEach((i, n) => {
      if (titleAt.has(i)) return;
      const line = classified[i];
      if (!line) {
        roles[i] = 'other';
        return;
      }
      const role = furnitureRole(line, spec, inBody);
      if (role) {
        roles[i] = role;
        if (role === 'byline' || role === 'jump') prevBody = role === 'jump' ? null : prevBody;
        return;
      }
      // The first body line under the titles, a byline or a crosshead opens a paragraph whatever a
      // join says (a wrapped dateline byline "本报讯（记者 X）" alone on its line is joined to nothing).
      const opens = !prevBody
        ? true
        : (spec.opensParagraph?.(i) ?? (indentMode ? line.indent > 0 || prevBody.role === 'title' : prevBody.closes));
      const next = span[n + 1] !== undefined ? (classified[span[n + 1]!] ?? null) : null;
      if (opens && inBody && isCrosshead(line, next, spec)) roles[i] = 'crosshead';
      else if (opens) roles[i] = spec.kind === 'photo' ? 'caption' : 'body-start';
      else roles[i] = 'body';
      inBody = true;
      prevBody = roles[i] === 'crosshead' ? null : line;
    });
  }

  function isCrosshead(line: ClassifiedLine, next: ClassifiedLine | null, spec: ItemSpec): boolean {
    if (spec.kind !== 'article' && spec.kind !== 'editorial') return false;
    if (line.folded.length > CROSSHEAD_MAX_LENGTH || line.leadingByline || line.jump) return false;
    // A display line, or an enumeration label ("一、…", "■探访"), with a new paragraph under it.
    const display = line.role === 'title' || pack.isEnumeration(line.folded);
    return display && !pack.isTableLine(line.folded) && next !== null && (spec.opensParagraph?.(next.index) ?? true) !== false && !/[，,、；;]$/.test(line.folded);
  }
}

/** Role of a byline, credit or jump line; null for body text. */
function furnitureRole(line: ClassifiedLine, spec: ItemSpec, inBody: boolean): LineRole | null {
  if (line.role === 'jump') return 'jump';
  if (line.role === 'photo-credit' || line.role === 'end-credit') return 'credit';
  const text = line.text.trim();
  const isByline =
    line.role === 'byline' ||
    (spec.byline !== null && squash(text) === squash(spec.byline)) ||
    // A dateline byline alone on its line ("本报讯（记者 X 通讯员"): nothing of the body after it.
    (line.leadingByline !== null && line.leadingByline.end >= line.folded.length);
  if (isByline) return inBody ? 'credit' : 'byline';
  return null;
}

/** Title lines that belong to the main headline: the headline's line, and a wrapped headline's other line. */
function wrappedHeadline(titles: TitleSpec, titleAt: Map<number, number>): Set<number> {
  const out = new Set<number>();
  if (titles.headline < 0) return out;
  const byTitle = [...titleAt.entries()];
  const h = byTitle.findIndex(([, ti]) => ti === titles.headline);
  if (h < 0) return out;
  out.add(byTitle[h]![0]);
  const joined = new Set(titles.headlineTexts.map(squash));
  const text = (k: number): string => squash(titles.lines[byTitle[k]?.[1] ?? -1] ?? '');
  // "headline": [line 1, line 2, "line 1line 2"]: both lines are the headline.
  if (h + 1 < byTitle.length && joined.has(text(h) + text(h + 1))) out.add(byTitle[h + 1]![0]);
  if (h > 0 && joined.has(text(h - 1) + text(h))) out.add(byTitle[h - 1]![0]);
  return out;
}

/** Role of a title line by its place relative to the headline (index h; -1 when there is none). */
export function titleRoleAt(titleIndex: number, headline: number, folded: string, pack: RulePack = zhDailyRules): LineRole {
  if (titleIndex === headline) return 'headline';
  if (pack.isSeriesBanner(folded) || pack.isColumnHeader(folded) || pack.isEditorialLabel(folded)) return 'series';
  // A very short first line above the headline, without punctuation, is a column label ("今日谈",
  // "图片报道", "记者手记"), as the page builder prints the crawl's labels; a kicker runs longer.
  if (titleIndex === 0 && headline > 0 && folded.length <= COLUMN_LABEL_MAX && !/[\p{P}\s]/u.test(folded)) return 'series';
  if (headline < 0) return 'kicker';
  return titleIndex < headline ? 'kicker' : 'subheadline';
}

function detectIndentMode(lines: readonly (ClassifiedLine | null)[]): boolean {
  const body = lines.filter((l): l is ClassifiedLine => l !== null && l.role === 'body');
  const indented = body.filter((l) => l.indent > 0).length;
  return indented >= INDENT_MIN_LINES && indented / body.length >= INDENT_MIN_SHARE;
}

/** The anchors of a labelled page's gold, for checks: each must begin its item's start line. */
export function anchorsMatch(page: Pick<LabelledPage, 'text' | 'itemStarts' | 'gold'>): boolean {
  const lines = page.text.split('\n');
  return page.gold.items.every((item, k) => (lines[page.itemStarts[k] ?? -1] ?? '').trimStart().startsWith(anchorOf(item)));
}
