// The segmentation engine: page text in, galley.segmentation/1 out. Platform-free.
//
// By default a learned line-role model (model/) decodes every text line's role and where items
// start, with the rule engine's reading of the page among its features; the item fields are then
// derived from the decoded roles (derive-item.ts). `model: null` runs the rules alone.
import { SEGMENTATION_SCHEMA } from '../../shared/segmentation-ids.ts';
import type { Item, ItemKind, Segmentation } from '../../shared/segmentation.ts';
import type { RulePack } from './rules/rule-pack.ts';
import { zhDailyRules } from './rules/zh-daily.ts';
import { copyLine, unfoldNames, type ClassifiedLine } from './line-class.ts';
import { layoutPage, type PageLayout } from './layout.ts';
import { findItemStarts } from './boundaries.ts';
import { deriveItem, type DerivedItem } from './derive-item.ts';
import type { LineRole as ModelRole } from './model/line-roles.ts';
import { TITLE_ROLES } from './model/labels-space.ts';
import { pageInput } from './model/page-input.ts';
import { decodePage, type DecodedPage, type LineLimits } from './model/decode.ts';
import { applyProfile, profileInUse, type Profile } from './model/profile.ts';
import { defaultModel } from './model/default-model.ts';
import type { LineRoleModel } from './model/weights.ts';

export interface SegmentOptions {
  /** The page's number when known from elsewhere (file name, running head). */
  pageNumber?: number;
  /** Offsets of text-block boundaries from ALTO/hOCR/PAGE XML: likely split points. */
  blockBoundaries?: readonly number[];
  /** The rule pack for the paper's language and habits; Chinese dailies by default. */
  rules?: RulePack;
  /** Line-role weights (default: the committed model); null runs the rule engine alone. */
  model?: LineRoleModel | null;
  /** A publication's profile (weight deltas over the model), learned from its corrected pages. */
  profile?: Profile | null;
}

/** A briefs column continues while items stay this short. */
const BRIEF_MAX_LENGTH = 400;
const BRIEF_MAX_PARAGRAPHS = 2;
/** A headline-less dateline item this short is a brief. */
const LONE_BRIEF_MAX_LENGTH = 250;

/** Models with a profile applied, kept per profile object (profiles are applied once, not per page). */
const profiled = new WeakMap<Profile, { base: LineRoleModel; model: LineRoleModel }>();

/** Whether pages are segmented by the committed model when the caller names none (being switched on). */
const MODEL_BY_DEFAULT = true;

function resolveModel(options: SegmentOptions): LineRoleModel | null {
  if (options.model === null) return null;
  const base = options.model ?? (MODEL_BY_DEFAULT || options.profile ? defaultModel() : null);
  if (!base) return null;
  const profile = usedProfile(options);
  if (!profile) return base;
  const cached = profiled.get(profile);
  if (cached && cached.base === base) return cached.model;
  const model = applyProfile(base, profile);
  profiled.set(profile, { base, model });
  return model;
}

/** The profile pages are segmented with: the one given, unless it is not in use (empty, no better than the base model on its trial, or awaiting its first trial). */
const usedProfile = (options: SegmentOptions): Profile | null => (options.profile && profileInUse(options.profile) ? options.profile : null);

export function segmentPage(input: string, options: SegmentOptions = {}): Segmentation {
  const pack = options.rules ?? zhDailyRules;
  const model = resolveModel(options);
  if (!model) return segmentByRules(input, pack, options);
  const page = pageInput(input, pack, options);
  const { layout } = page;
  const decoded = decodePage(model, page.emissions(model), undefined, lineLimits(layout));
  const items = deriveDecoded(layout, decoded, []);
  const masthead = items[0]?.kind === 'masthead' ? pack.mastheadFacts(mastheadLines(layout, decoded).map((l) => l.text)) : null;
  return { schema: SEGMENTATION_SCHEMA, masthead, items, model: { version: model.version, profile: usedProfile(options)?.publication ?? null } };
}

/** Today's rule engine on its own (also the model's features): anchors and title runs decide the splits. */
function segmentByRules(input: string, pack: RulePack, options: SegmentOptions): Segmentation {
  const layout = layoutPage(input, pack);
  const { lines, mastheadEnd } = layout;
  const starts = findItemStarts(lines, mastheadEnd + 1, pack, { ...options, indentMode: layout.indentMode });
  const lineStarts = mastheadEnd >= 0 ? [0, ...starts] : starts;
  const masthead = mastheadEnd >= 0 ? pack.mastheadFacts(lines.slice(0, mastheadEnd + 1).map((l) => l.text)) : null;
  return { schema: SEGMENTATION_SCHEMA, masthead, items: deriveSpans(layout, lineStarts, []) };
}

export interface DeriveOptions {
  rules?: RulePack;
  model?: LineRoleModel | null;
  profile?: Profile | null;
}

/**
 * Re-derives items for split points an editor chose: each item runs from its start offset to the
 * next one. Offsets are snapped to line starts; the first item always starts at 0. The model
 * decodes the roles inside the items with the splits as constraints.
 * `kinds[i]`, when given, keeps the kind the editor set for item i.
 */
export function deriveItems(
  text: string,
  starts: readonly number[],
  kinds: readonly (ItemKind | null)[] = [],
  rulesOrOptions: RulePack | DeriveOptions = zhDailyRules,
): Item[] {
  const options: DeriveOptions = 'fold' in rulesOrOptions ? { rules: rulesOrOptions } : rulesOrOptions;
  const pack = options.rules ?? zhDailyRules;
  const model = resolveModel(options);
  const input = model ? pageInput(text, pack) : null;
  const layout = input?.layout ?? layoutPage(text, pack);
  const { lines } = layout;
  const lineStarts: number[] = [];
  for (const offset of starts) {
    const at = lines.findIndex((l) => l.end >= offset);
    if (at >= 0 && !lineStarts.includes(at)) lineStarts.push(at);
  }
  lineStarts.sort((a, b) => a - b);
  if (lines.length && lineStarts[0] !== 0) lineStarts.unshift(0);
  if (!model || !input) return deriveSpans(layout, lineStarts, kinds);
  const decoded = decodePage(model, input.emissions(model), new Set(lineStarts));
  return deriveDecoded(layout, decoded, kinds);
}

/**
 * What the rule pack rules out whatever the model reads. No item opens at OCR debris (it starts at
 * the line below; a run of one-character lines is a vertical title, whose first character does
 * open it), inside a bracket the line above left open, or at a production credit ("版式设计：X");
 * running text (a sentence ending inside the line, a line stopping on a comma) and a production
 * credit are no title.
 */
function lineLimits(layout: PageLayout): LineLimits {
  const { lines, pack } = layout;
  const debris = lines.map((l) => pack.isDebris(l.folded));
  const noStart = new Set<number>();
  const noTitle = new Set<number>();
  lines.forEach((line, i) => {
    if (i > 0 && ((debris[i] && !debris[i + 1]) || pack.leavesBracketOpen(lines[i - 1]!.folded))) noStart.add(i);
    const credit = pack.isProductionCredit(line.folded);
    if (i > 0 && credit) noStart.add(i);
    if (credit || pack.isRunningText(line.folded)) noTitle.add(i);
  });
  return { noStart, noTitle };
}

/** The masthead item's lines when the model opened the page with masthead or running-head lines. */
function mastheadLines(layout: PageLayout, decoded: DecodedPage): ClassifiedLine[] {
  const end = decoded.starts[1] ?? layout.lines.length;
  return layout.lines.slice(0, end);
}

const isMastheadRole = (r: ModelRole | undefined): boolean => r === 'masthead' || r === 'running-head';

/** Items from the decoded roles: lines take the decoded title/body reading, then each span is derived. */
function deriveDecoded(layout: PageLayout, decoded: DecodedPage, kinds: readonly (ItemKind | null)[]): Item[] {
  const roles = settleRoles(layout, decoded);
  decoded = { ...decoded, roles };
  const lines = layout.lines.map((line, i) => readAs(line, roles[i]!, layout.pack));
  // A masthead needs the model's word and some masthead signal the pack knows (a title, a date, 第N版).
  const signalled = layout.mastheadEnd >= 0 || (lines[0] !== undefined && layout.pack.mastheadSignal(lines[0].folded, 0) > 0);
  const masthead = isMastheadRole(decoded.roles[0]) && signalled ? (decoded.starts[1] ?? lines.length) - 1 : -1;
  const items = deriveSpans({ ...layout, lines, mastheadEnd: masthead }, decoded.starts, kinds, decoded.roles);
  items.forEach((item, k) => {
    const first = decoded.starts[k]!;
    const end = decoded.starts[k + 1] ?? lines.length;
    let titles = 1;
    // The split itself: an item start the model would drop for a small change in score.
    const boundary = decoded.boundaryConfidence[first]!;
    for (let i = first; i < end; i++) {
      // Every title line's role, and the first line under the header (was it a title after all?).
      if (TITLE_ROLES.has(decoded.roles[i]!) || (i > first && TITLE_ROLES.has(decoded.roles[i - 1]!))) titles = Math.min(titles, decoded.roleConfidence[i]!);
    }
    item.confidence = { boundary: round(boundary), titles: round(titles) };
  });
  return items;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * A reading the model may not make alone: a caption needs a photo credit in its item (otherwise it
 * is a paragraph of a text item, and the item is not a photo).
 */
function settleRoles(layout: PageLayout, decoded: DecodedPage): ModelRole[] {
  const { lines } = layout;
  const roles = [...decoded.roles];
  const starts = [...decoded.starts, lines.length];
  for (let k = 0; k + 1 < starts.length; k++) {
    const span = lines.slice(starts[k], starts[k + 1]);
    if (span.some((l) => l.role === 'photo-credit' || l.tailPhotoCredit !== null)) continue;
    for (let i = starts[k]!; i < starts[k + 1]!; i++) if (roles[i] === 'caption') roles[i] = 'body-start';
  }
  return roles;
}

/** A line as the decoded role reads it: display or body, opening a paragraph or continuing one. */
export function readAs(line: ClassifiedLine, role: ModelRole, pack: RulePack): ClassifiedLine {
  const text = line.role === 'body' || line.role === 'title';
  if (!text) return line;
  // "□ 沈家禾" under an essay's title signs it, whatever role the model gave the line.
  const bullet = line.role === 'title' && !TITLE_ROLES.has(role) ? pack.bulletSignature(line.folded) : null;
  if (bullet) return reread(line, 'byline', line.continuesPrevious, unfoldNames(bullet, line));
  if (role === 'byline' && !line.leadingByline) {
    const credit = pack.standaloneByline(line.folded) ?? namesAlone(line.folded, pack);
    if (credit) return reread(line, 'byline', line.continuesPrevious, unfoldNames(credit, line));
  }
  if (TITLE_ROLES.has(role)) return reread(line, 'title', false);
  // A closing credit the rules did not parse ("数据来源：…", "（新华社北京10月1日电  记者林晖、熊丰）"): a credit, not a paragraph.
  if (role === 'credit' && !line.leadingByline && !line.jump) {
    const credit = pack.standaloneByline(line.folded) ?? pack.endCredit(line.folded) ?? namesAlone(line.folded, pack) ?? pack.bracketedSignature(line.folded);
    return reread(line, 'end-credit', false, unfoldNames(credit, line) ?? { text: line.folded, contributors: [] });
  }
  // Rows of a table stand on their own lines, whatever the model reads (the pack knows a table row).
  if (role === 'body') return reread(line, 'body', !pack.isTableLine(line.folded));
  if (role === 'body-start' || role === 'caption') return reread(line, 'body', false);
  if (role === 'crosshead') return reread(line, line.role, false);
  return line;
}

/**
 * Names alone on a line the model reads as a byline: its authors when every token is a person's
 * name; otherwise (OCR debris such as "组历史", "发展") still a byline, naming nobody. bareByline's
 * looser form stays what the model's feature reads.
 */
function namesAlone(text: string, pack: RulePack): ClassifiedLine['credit'] {
  const bare = pack.bareByline(text);
  if (!bare || bare.contributors.every((c) => pack.isPersonName(c.name))) return bare;
  return { text: bare.text, contributors: [] };
}

/** The line with another role and continuation (and credit): a copy of fixed fields, not a spread (see copyLine). */
function reread(line: ClassifiedLine, role: ClassifiedLine['role'], continuesPrevious: boolean, credit: ClassifiedLine['credit'] = line.credit): ClassifiedLine {
  const copy = copyLine(line);
  copy.role = role;
  copy.continuesPrevious = continuesPrevious;
  copy.credit = credit;
  return copy;
}

function deriveSpans(layout: PageLayout, lineStarts: number[], kinds: readonly (ItemKind | null)[], roles?: readonly ModelRole[]): Item[] {
  const { text, lines, mastheadEnd, pack } = layout;
  const derived: DerivedItem[] = lineStarts.map((first, k) => {
    const next = lineStarts[k + 1];
    const spanLines = lines.slice(first, next ?? lines.length);
    const start = k === 0 ? 0 : lines[first]!.start;
    const end = next === undefined ? text.length : lines[next]!.start;
    // The first span is the masthead when it holds the whole masthead block.
    const masthead = k === 0 && mastheadEnd >= 0 && (next === undefined || next > mastheadEnd) && (kinds[0] ?? 'masthead') === 'masthead';
    const firstContent = k === (mastheadEnd >= 0 ? 1 : 0);
    const spanRoles = roles?.slice(first, next ?? lines.length);
    return deriveItem(spanLines, start, end, { pack, text, masthead, firstContent, kind: kinds[k] ?? null, ...(spanRoles ? { roles: spanRoles } : {}) });
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
