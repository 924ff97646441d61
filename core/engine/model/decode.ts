// Decodes a page with the line-role model: the best label sequence under optional constraints
// (an editor's split points), the roles and item starts it implies, and the confidence of every
// start and every line's role.
import type { LineRole } from './line-roles.ts';
import { LABEL_COUNT, TITLE_ROLES, isStart, labelOf, roleOf } from './labels-space.ts';
import { boundaryMargin, titleMargin, squash } from './confidence.ts';
import { allowOnly, decodeWithMarginals, pageEmissions, viterbi, type Emissions, type LabelMask, type LineRoleModel } from './weights.ts';
import type { LineFeatures } from './features.ts';

export interface DecodedPage {
  /** Decoded role per text line. */
  roles: LineRole[];
  /** Text-line indexes where an item starts (always includes 0 on a page with text). */
  starts: number[];
  /** Confidence (0–1) of the start/inside decision per line. */
  boundaryConfidence: number[];
  /** Confidence (0–1) per line that it is, or is not, a title in the role decoded (see titleMargin). */
  roleConfidence: number[];
}

const START_ONLY = Uint8Array.from({ length: LABEL_COUNT }, (_, y) => (isStart(y) ? 1 : 0));
const INSIDE_ONLY = Uint8Array.from({ length: LABEL_COUNT }, (_, y) => (isStart(y) ? 0 : 1));
const NO_TITLE = Uint8Array.from({ length: LABEL_COUNT }, (_, y) => (TITLE_ROLES.has(roleOf(y)) ? 0 : 1));
const both = (a: Uint8Array, b: Uint8Array): Uint8Array => Uint8Array.from(a, (v, y) => v & b[y]!);
const allows = (mask: LabelMask, i: number, y: number): boolean => !mask[i] || mask[i]![y] === 1;

/** What the rule pack rules out on a line whatever the model reads (segment.ts). */
export interface LineLimits {
  /** Lines that open no item: OCR debris, the inside of a bracket the line above left open. */
  noStart?: ReadonlySet<number>;
  /** Lines that are no title: running text (a sentence ends inside them, they stop on a comma). */
  noTitle?: ReadonlySet<number>;
}

/** The free path's mask: the first line opens an item, and the limits hold. */
function limitMask(n: number, limits: LineLimits): LabelMask {
  return Array.from({ length: n }, (_, i) => {
    const open = i === 0 ? START_ONLY : limits.noStart?.has(i) ? INSIDE_ONLY : null;
    if (!limits.noTitle?.has(i)) return open;
    return open ? both(open, NO_TITLE) : NO_TITLE;
  });
}
/** Roles of running text inside an item. */
const BODY_ROLES: ReadonlySet<LineRole> = new Set<LineRole>(['body', 'body-start', 'caption', 'crosshead']);

/** What a masthead item holds: the nameplate, running heads and editor lines, and OCR debris among them. */
const MASTHEAD_ITEM: ReadonlySet<LineRole> = new Set<LineRole>(['masthead', 'running-head', 'other']);

/**
 * A page opened by a masthead or running head whose first item goes on into a title or text line
 * (Tesseract's debris between the running head and the first headline, "图" / "内", lets the path
 * carry on without a split): the best path that opens an item at that line. A masthead item holds
 * no title and no text, so the item the model ran on is the page's first article.
 */
function closeMastheadItem(em: Emissions, model: LineRoleModel, free: number[], mask: LabelMask): number[] {
  const first = roleOf(free[0]!);
  if (first !== 'masthead' && first !== 'running-head') return free;
  let i = 1;
  while (i < free.length && !isStart(free[i]!) && MASTHEAD_ITEM.has(roleOf(free[i]!))) i++;
  if (i >= free.length || isStart(free[i]!) || !START_ONLY.some((v, y) => v === 1 && allows(mask, i, y))) return free;
  return viterbi(em, model.transitions, mask.map((m, k) => (k === i ? (m ? both(m, START_ONLY) : START_ONLY) : m)));
}

/**
 * The best path under `mask` when the free path reads a line as the mask forbids (an item opened
 * at OCR debris, a title with a sentence ending inside it), else the free path.
 */
function respectMask(em: Emissions, model: LineRoleModel, free: number[], mask: LabelMask): number[] {
  return free.some((y, i) => !allows(mask, i, y)) ? viterbi(em, model.transitions, mask) : free;
}

/**
 * An item of title lines alone, the next one opening on a title line: one header the path split
 * (a kicker and its headline, a series banner over its title). No item is a title without text, so
 * the path is decoded again with the second start held inside the first item (a few rounds at most).
 * The page's first item is left alone: a campaign banner over the page may stand as its own item.
 */
function joinBareHeaders(em: Emissions, model: LineRoleModel, path: number[], mask: LabelMask): number[] {
  for (let round = 0; round < BARE_HEADER_ROUNDS; round++) {
    const held: number[] = [];
    let first = 0;
    for (let i = 1; i <= path.length; i++) {
      if (i < path.length && !isStart(path[i]!)) continue;
      const bare = path.slice(first, i).every((y) => TITLE_ROLES.has(roleOf(y)));
      if (bare && i < path.length && TITLE_ROLES.has(roleOf(path[i]!)) && first > 0 && allows(mask, i, labelOf(roleOf(path[i]!), false))) held.push(i);
      first = i;
    }
    if (!held.length) return path;
    mask = mask.map((m, k) => (held.includes(k) ? (m ? both(m, INSIDE_ONLY) : INSIDE_ONLY) : m));
    path = viterbi(em, model.transitions, mask);
  }
  return path;
}
const BARE_HEADER_ROUNDS = 3;

/**
 * @param scored the page's emission scores (PageInput.emissions, the decoding path), or its line
 *   features by name (page-input.ts; scored here by the string path)
 * @param fixedStarts when given, items start exactly at these lines (an editor's splits); the model
 *   decodes the roles inside them
 * @param limits what the rule pack rules out on some lines whatever the model reads (segment.ts);
 *   they hold on the free path (an editor's splits are certain)
 */
export function decodePage(model: LineRoleModel, scored: Emissions | LineFeatures[], fixedStarts?: ReadonlySet<number>, limits: LineLimits = {}): DecodedPage {
  const em = Array.isArray(scored) ? pageEmissions(model, scored) : scored;
  const n = em.length / LABEL_COUNT;
  if (n === 0) return { roles: [], starts: [], boundaryConfidence: [], roleConfidence: [] };
  // The first text line always opens an item. Confidence compares against every alternative,
  // constraints aside (the editor's splits are certain anyway), so the free path's max-marginals serve both.
  const { path: free, marginals: mm } = decodeWithMarginals(em, model.transitions, [START_ONLY]);
  // An editor's split at a line the model reads as running text keeps that reading: the line
  // opens the new item as the paragraph it is, not as a title the split would otherwise invent.
  const mask: LabelMask = fixedStarts
    ? Array.from({ length: n }, (_, i) => {
        if (!(i === 0 || fixedStarts.has(i))) return INSIDE_ONLY;
        if (isStart(free[i]!)) return START_ONLY;
        const role = roleOf(free[i]!);
        return BODY_ROLES.has(role) ? allowOnly([labelOf(role === 'body' ? 'body-start' : role, true)]) : START_ONLY;
      })
    : limitMask(n, limits);
  const path = fixedStarts ? viterbi(em, model.transitions, mask) : closeMastheadItem(em, model, joinBareHeaders(em, model, respectMask(em, model, free, mask), mask), mask);
  const scale = model.confidenceScale;
  const certainty = (margin: number): number => (fixedStarts ? Math.abs(margin) : margin);
  return {
    roles: path.map(roleOf),
    starts: path.flatMap((y, i) => (isStart(y) ? [i] : [])),
    // On the free path every margin is ≥ 0. An editor's split is certain whatever the model thinks
    // (hence the absolute value); a start the masthead rule added against the model's free reading
    // keeps its negative margin, so it comes out doubtful and the editor's walk through doubts reaches it.
    boundaryConfidence: path.map((_, i) => (i === 0 ? 1 : squash(certainty(boundaryMargin(mm, path, i)), scale))),
    roleConfidence: path.map((_, i) => squash(certainty(titleMargin(mm, path, i)), scale)),
  };
}
