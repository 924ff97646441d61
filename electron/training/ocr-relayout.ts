// Lays a labelled real-OCR page (Tesseract's text layout: one printed line per line, a blank line
// between its blocks) out as other OCR engines and text layers lay the same reading out, with the
// gold and the line roles carried over exactly. Platform-free, a pure function of the page.
//
// Layouts:
// - 'dense': no blank lines at all (PaddleOCR-style output).
// - 'spaced': a blank line between every two lines (PDF text layers, some services).
// - 'joined': each paragraph one line (ABBYY / FineReader text export): the lines of a paragraph
//   (a body start and the body lines the gold joins to it) are joined; a blank line Tesseract put
//   inside a paragraph (a block or column break) stays a line break, as FineReader and the
//   Hengyang text layer break a paragraph that runs into the next column. A multi-line title of
//   one role (two headline lines) becomes one line. No blank lines.
// - 'joined-spaced': 'joined' with a blank line between every two lines, the layout of
//   ../shared/samples/hengyang-daily-2021-10-29-p1.txt (paragraph per line, blank between, a
//   column break inside a paragraph).
//
// Joining: CJK text is joined without a space; where both sides of the break are Latin letters or
// digits, one space is put only where the OCR line had one (trailing or leading whitespace at the
// break). Lines without text that are not blank (OCR debris such as "|") stay lines of their own
// and are never joined across.
//
// Gold: item anchors stay (every line start of the new page is a line start of the old one, and
// item start lines are never joined to the line above); joins that are now inside one line are
// dropped (a join names a line break inside a paragraph), the others stay as they are; an item
// whose title lines were joined gets the joined lines as titleLines and headline. Paragraph counts,
// contributors, jumps, breaks and masthead facts are unchanged (no paragraph is merged into another).
import type { LabelledPage, LineRole } from '../../core/engine/model/line-roles.ts';
import { goldStartLines, type Gold, type GoldItem } from '../../core/eval/gold.ts';

export const OCR_LAYOUTS = ['joined', 'spaced', 'dense', 'joined-spaced'] as const;
export type OcrLayout = (typeof OCR_LAYOUTS)[number];

/** A page that cannot be laid out again with a consistent gold (it names the page and why). */
export class RelayoutError extends Error {
  override readonly name = 'RelayoutError';
}

const TITLE_ROLES = new Set<LineRole>(['kicker', 'headline', 'subheadline', 'series']);
const JOIN_SIDE = 6;
const LATIN_OR_DIGIT = /[A-Za-z0-9]/;

/** The id of a page laid out in `layout`: "<ocr id>-joined" (keeps "-ocr", so pageKind counts it as OCR). */
export const relayoutId = (id: string, layout: OcrLayout): string => `${id}-${layout}`;

/** True for ids of relaid-out pages ("…-ocr-joined", "…-ocr-var-spaced"). */
export const isRelayoutId = (id: string): boolean => new RegExp(`-ocr(?:-var)?-(?:${OCR_LAYOUTS.join('|')})$`).test(id);

/** One line of the new page: the old lines it is made of (in order) and its role. */
interface Group {
  from: number[];
  role: LineRole | null;
}

const tail = (s: string): string => s.trim().slice(-JOIN_SIDE);
const head = (s: string): string => s.trim().slice(0, JOIN_SIDE);
const squash = (s: string): string => s.replace(/\s+/g, '');

/** The page in layout `layout`; throws RelayoutError when its gold would not hold. */
export function relayoutOcrPage(page: LabelledPage, layout: OcrLayout): LabelledPage {
  const lines = page.text.replace(/\n$/, '').split('\n');
  const roles = page.roles.slice(0, lines.length);
  if (page.roles.length !== lines.length + (page.text.endsWith('\n') ? 1 : 0)) throw new RelayoutError(`${page.id}: ${page.roles.length} roles for ${lines.length} lines`);
  const isBlank = (i: number): boolean => !/\S/.test(lines[i]!);
  const startOf = new Set(page.itemStarts);
  const itemOf = itemIndexOfLines(lines.length, page.itemStarts);
  const { at: joinAt, elsewhere } = goldJoinBreaks(lines, roles, page.gold.joins);
  const joinTitles = titleJoinsHold(lines, roles, page.itemStarts, page.gold);

  const groups: Group[] = [];
  let prevText = -1; // last non-blank old line
  for (let i = 0; i < lines.length; i++) {
    if (isBlank(i)) continue;
    const last = groups.at(-1);
    const role = roles[i] ?? null;
    let merge = false;
    if (layout === 'joined' || layout === 'joined-spaced') {
      const p = prevText;
      const sameItem = p >= 0 && !startOf.has(i) && itemOf[p] === itemOf[i];
      // A paragraph: the gold joins this line to the one right above it (no blank line between).
      if (sameItem && role === 'body' && joinAt.has(i) && p === i - 1) merge = true;
      // A title of one role over several lines (blank lines between them allowed).
      if (sameItem && role !== null && TITLE_ROLES.has(role) && roles[p] === role && joinTitles.has(itemOf[i]!) && last?.role === role) merge = true;
    }
    if (merge && last) last.from.push(i);
    else groups.push({ from: [i], role });
    prevText = i;
  }

  const newLineOf = new Map<number, number>(); // old line (first of its group) → new line index
  const out: string[] = [];
  const outRoles: (LineRole | null)[] = [];
  const spaced = layout === 'spaced' || layout === 'joined-spaced';
  for (const g of groups) {
    if (spaced && out.length) {
      out.push('');
      outRoles.push(null);
    }
    newLineOf.set(g.from[0]!, out.length);
    out.push(joinLines(g.from.map((i) => lines[i]!)));
    outRoles.push(g.role);
  }
  outRoles.push(null); // the empty line after the final newline
  const text = `${out.join('\n')}\n`;
  const itemStarts = page.itemStarts.map((l) => {
    const n = newLineOf.get(l);
    if (n === undefined) throw new RelayoutError(`${page.id}: item start line ${l + 1} is blank or joined`);
    return n;
  });

  // Joins that are still line breaks (the line after the break starts a group of its own), in the gold's order.
  const keptBreaks = new Set(groups.map((g) => g.from[0]!));
  const kept = new Set(elsewhere);
  for (const [i, k] of joinAt) if (keptBreaks.has(i)) kept.add(k);
  const joins = page.gold.joins.filter((_, k) => kept.has(k));
  const mergedTitles = new Set(groups.filter((g) => g.from.length > 1 && g.role !== null && TITLE_ROLES.has(g.role)).map((g) => itemOf[g.from[0]!]!));
  const newItemOf = itemIndexOfLines(out.length, itemStarts);
  const items = page.gold.items.map((item, k): GoldItem => {
    if (!mergedTitles.has(k) || item.titleLines === undefined) return item;
    const titles = out.map((l, n) => ({ l: l.trim(), r: outRoles[n], k: newItemOf[n] })).filter((x) => x.k === k && x.r != null && TITLE_ROLES.has(x.r));
    const headlines = titles.filter((x) => x.r === 'headline').map((x) => x.l);
    return { ...item, titleLines: titles.map((x) => x.l), headline: headlines.length > 1 ? [...headlines, headlines.join('')] : headlines };
  });
  const newId = relayoutId(page.id, layout);
  const gold: Gold = {
    ...page.gold,
    text: `pages/${newId}.txt`,
    notes: `${page.gold.notes ? `${page.gold.notes} ` : ''}Laid out as '${layout}' from ${page.id} (electron/training/ocr-relayout.ts).`,
    items,
    joins,
    breaks: page.gold.breaks,
  };
  let found: number[];
  try {
    found = goldStartLines(out, gold, newId);
  } catch (e) {
    throw new RelayoutError(`${newId}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (found.join() !== itemStarts.join()) throw new RelayoutError(`${newId}: the gold anchors find other lines than the item starts`);
  return { id: newId, source: page.source, ...(page.month ? { month: page.month } : {}), text, roles: outRoles, itemStarts, gold };
}

/** Every layout of a page that holds; pages whose gold would not hold in a layout are left out of it. */
export function relayoutsOf(page: LabelledPage, layouts: readonly OcrLayout[] = OCR_LAYOUTS): { pages: LabelledPage[]; failed: { id: string; reason: string }[] } {
  const pages: LabelledPage[] = [];
  const failed: { id: string; reason: string }[] = [];
  for (const layout of layouts) {
    try {
      pages.push(relayoutOcrPage(page, layout));
    } catch (e) {
      if (!(e instanceof RelayoutError)) throw e;
      failed.push({ id: relayoutId(page.id, layout), reason: e.message });
    }
  }
  return { pages, failed };
}

/** Lines joined into one: CJK without a space, Latin/digits with one where the OCR text had one. */
export function joinLines(parts: readonly string[]): string {
  let out = parts[0]!.trimEnd();
  for (let k = 1; k < parts.length; k++) {
    const raw = parts[k]!;
    const next = raw.trim();
    const spaceWas = /\s$/.test(parts[k - 1]!) || /^\s/.test(raw);
    const latin = LATIN_OR_DIGIT.test(out.at(-1) ?? '') && LATIN_OR_DIGIT.test(next[0] ?? '');
    out += (latin && spaceWas ? ' ' : '') + next;
  }
  return out;
}

/** Item index of every line (-1 above the first item). */
function itemIndexOfLines(n: number, starts: readonly number[]): number[] {
  const out: number[] = [];
  let k = -1;
  for (let i = 0; i < n; i++) {
    while (k + 1 < starts.length && starts[k + 1]! <= i) k++;
    out.push(k);
  }
  return out;
}

/**
 * The gold joins located on the page: line index of the line after each joined break → the pair's index.
 * Breaks are read as the OCR alignment wrote them: between two lines with roles (lines without a
 * role in between skipped), the second 'body', in page order; a pair found out of that order is
 * placed at the first such break that names it. Pairs at no such break (a gold whose pair lies
 * inside one line, as in one committed sample) are `elsewhere`: no layout moves them, they stay.
 */
function goldJoinBreaks(lines: readonly string[], roles: readonly (LineRole | null)[], joins: readonly [string, string][]): { at: Map<number, number>; elsewhere: number[] } {
  const at = new Map<number, number>();
  const breaks: { i: number; a: string; b: string }[] = [];
  let prev = -1;
  lines.forEach((l, i) => {
    if (roles[i] == null) return;
    if (prev >= 0 && roles[i] === 'body') breaks.push({ i, a: tail(lines[prev]!), b: head(l) });
    prev = i;
  });
  let cursor = 0;
  const left: number[] = [];
  joins.forEach((pair, j) => {
    let k = cursor;
    while (k < breaks.length && !(breaks[k]!.a === pair[0] && breaks[k]!.b === pair[1])) k++;
    if (k < breaks.length) {
      at.set(breaks[k]!.i, j);
      cursor = k + 1;
    } else left.push(j);
  });
  const elsewhere: number[] = [];
  for (const j of left) {
    const b = breaks.find((x) => !at.has(x.i) && x.a === joins[j]![0] && x.b === joins[j]![1]);
    if (b) at.set(b.i, j);
    else elsewhere.push(j);
  }
  return { at, elsewhere };
}

/**
 * Items whose gold title lines are exactly their title-role lines (as the OCR alignment writes
 * them), so joining two title lines of one role can rewrite them; others keep their lines.
 */
function titleJoinsHold(lines: readonly string[], roles: readonly (LineRole | null)[], starts: readonly number[], gold: Gold): Set<number> {
  const itemOf = itemIndexOfLines(lines.length, starts);
  const out = new Set<number>();
  gold.items.forEach((item, k) => {
    if (item.titleLines === undefined) return;
    const mine = lines.filter((_, i) => itemOf[i] === k && roles[i] != null && TITLE_ROLES.has(roles[i]!)).map((l) => squash(l));
    if (mine.join('\n') === item.titleLines.map(squash).join('\n')) out.add(k);
  });
  return out;
}
