// The segmentation engine: page text in, galley.segmentation/1 out. Platform-free.
import { SEGMENTATION_SCHEMA, type Item, type ItemKind, type Segmentation } from '../../shared/segmentation.ts';
import type { RulePack } from './rules/rule-pack.ts';
import { zhDailyRules } from './rules/zh-daily.ts';
import { normalizeNewlines, splitLines } from './lines.ts';
import { classifyLine, isLooseTitle, type ClassifiedLine } from './line-class.ts';
import { findMastheadEnd } from './masthead-block.ts';
import { findItemStarts } from './boundaries.ts';
import { deriveItem, type DerivedItem } from './derive-item.ts';
import { continuationFlags } from './continuation.ts';

export interface SegmentOptions {
  /** The page's number when known from elsewhere (file name, running head). */
  pageNumber?: number;
  /** Offsets of text-block boundaries from ALTO/hOCR/PAGE XML: likely split points. */
  blockBoundaries?: readonly number[];
  /** The rule pack for the paper's language and habits; Chinese dailies by default. */
  rules?: RulePack;
}

/** Indented-paragraph pages: at least this many body lines, and this share of them, are indented. */
const INDENT_MIN_LINES = 3;
const INDENT_MIN_SHARE = 0.3;
/** A briefs column continues while items stay this short. */
const BRIEF_MAX_LENGTH = 400;
const BRIEF_MAX_PARAGRAPHS = 2;
/** A headline-less dateline item this short is a brief. */
const LONE_BRIEF_MAX_LENGTH = 250;

const HAS_TEXT = /[\p{L}\p{N}]/u;

interface PageLayout {
  text: string;
  pack: RulePack;
  lines: ClassifiedLine[];
  mastheadEnd: number;
  indentMode: boolean;
}

function layoutPage(input: string, pack: RulePack): PageLayout {
  const text = normalizeNewlines(input);
  // Blank lines and OCR noise (a lone "|" or "■") carry no text: items span them but never start at them.
  const lines = splitLines(text, pack)
    .filter((l) => !l.blank && HAS_TEXT.test(l.folded))
    .map((l) => classifyLine(l, pack));
  const mastheadEnd = findMastheadEnd(lines, pack);
  const body = lines.slice(mastheadEnd + 1).filter((l) => l.role === 'body');
  const indented = body.filter((l) => l.indent > 0).length;
  const indentMode = indented >= INDENT_MIN_LINES && indented / body.length >= INDENT_MIN_SHARE;
  promoteSubtitles(lines, pack);
  continuationFlags(lines, indentMode, pack).forEach((flag, i) => (lines[i]!.continuesPrevious = flag));
  return { text, pack, lines, mastheadEnd, indentMode };
}

/**
 * A long factual line with commas right under a headline, followed by a typical lead opening
 * ("7月8日，…", "“…"), is the subtitle, not the first paragraph: it joins the header.
 */
function promoteSubtitles(lines: ClassifiedLine[], pack: RulePack): void {
  for (let i = 1; i + 1 < lines.length; i++) {
    const line = lines[i]!;
    if (lines[i - 1]!.role === 'title' && isLooseTitle(line) && lines[i + 1]!.role === 'body' && pack.isLeadOpening(lines[i + 1]!.folded)) {
      line.role = 'title';
      line.closes = true;
    }
  }
}

export function segmentPage(input: string, options: SegmentOptions = {}): Segmentation {
  const layout = layoutPage(input, options.rules ?? zhDailyRules);
  const { lines, mastheadEnd, pack } = layout;
  const starts = findItemStarts(lines, mastheadEnd + 1, pack, { ...options, indentMode: layout.indentMode });
  const lineStarts = mastheadEnd >= 0 ? [0, ...starts] : starts;
  const masthead = mastheadEnd >= 0 ? pack.mastheadFacts(lines.slice(0, mastheadEnd + 1).map((l) => l.text)) : null;
  return { schema: SEGMENTATION_SCHEMA, masthead, items: deriveSpans(layout, lineStarts, []) };
}

/**
 * Re-derives items for split points an editor chose: each item runs from its start offset to the
 * next one. Offsets are snapped to line starts; the first item always starts at 0.
 * `kinds[i]`, when given, keeps the kind the editor set for item i.
 */
export function deriveItems(text: string, starts: readonly number[], kinds: readonly (ItemKind | null)[] = [], rules: RulePack = zhDailyRules): Item[] {
  const layout = layoutPage(text, rules);
  const { lines } = layout;
  const lineStarts: number[] = [];
  for (const offset of starts) {
    const at = lines.findIndex((l) => l.end >= offset);
    if (at >= 0 && !lineStarts.includes(at)) lineStarts.push(at);
  }
  lineStarts.sort((a, b) => a - b);
  if (lines.length && lineStarts[0] !== 0) lineStarts.unshift(0);
  return deriveSpans(layout, lineStarts, kinds);
}

function deriveSpans(layout: PageLayout, lineStarts: number[], kinds: readonly (ItemKind | null)[]): Item[] {
  const { text, lines, mastheadEnd, pack } = layout;
  const derived: DerivedItem[] = lineStarts.map((first, k) => {
    const next = lineStarts[k + 1];
    const spanLines = lines.slice(first, next ?? lines.length);
    const start = k === 0 ? 0 : lines[first]!.start;
    const end = next === undefined ? text.length : lines[next]!.start;
    // The first span is the masthead when it holds the whole masthead block.
    const masthead = k === 0 && mastheadEnd >= 0 && (next === undefined || next > mastheadEnd) && (kinds[0] ?? 'masthead') === 'masthead';
    const firstContent = k === (mastheadEnd >= 0 ? 1 : 0);
    return deriveItem(spanLines, start, end, { pack, text, masthead, firstContent, kind: kinds[k] ?? null });
  });
  markBriefs(derived, kinds);
  return derived.map((d) => d.item);
}

/** A column header opens a briefs column: it and the short items under it are briefs. */
function markBriefs(derived: DerivedItem[], kinds: readonly (ItemKind | null)[]): void {
  let inColumn = false;
  derived.forEach((d, k) => {
    const { item } = d;
    const short = d.bodyLength <= BRIEF_MAX_LENGTH && item.paragraphs.length <= BRIEF_MAX_PARAGRAPHS && d.titleLineCount <= 1;
    if (d.opensColumn) inColumn = true;
    else if (!(inColumn && short && item.kind === 'article')) inColumn = false;
    if (kinds[k] != null || item.kind !== 'article') return;
    const loneDatelineBrief = d.titleLineCount === 0 && item.byline !== null && item.paragraphs.length === 1 && d.bodyLength <= LONE_BRIEF_MAX_LENGTH;
    if (inColumn || loneDatelineBrief) item.kind = 'brief';
  });
}
