// The page builder: lays one crawled page of article lists out as OCR-like page text, with line
// roles and the gold segmentation that follow from the construction. Platform-free.
//
// Real: the articles' titles, paragraphs and order, the date and the page number. Invented (all in
// zh-furniture.ts): the masthead or running head, own-line bylines and closing credits, jump lines
// (the crawl lists a page-1 article that jumps whole on both pages: page 1 keeps its first
// paragraphs, the inner page the rest), column banners, briefs headers, notices and ads.
import type { ContributorRole, ItemKind } from '../../shared/segmentation.ts';
import { GOLD_SCHEMA, goldStartLines, type Gold, type GoldItem, type GoldMasthead } from '../../core/eval/gold.ts';
import type { LabelledPage, LineRole } from '../../core/engine/model/line-roles.ts';
import { paragraphRole } from './block-roles.ts';
import { drawHabits, drawStyle, type LayoutStyle, type OcrHabits } from './layout-style.ts';
import { confuseMarks, jitterSpaces } from './ocr-noise.ts';
import { PageWriter } from './page-writer.ts';
import { hashString, Rng } from './rng.ts';
import * as F from './zh-furniture.ts';

export interface CorpusArticle {
  order: number;
  kicker: string | null;
  headline: string | null;
  subheadline: string | null;
  paragraphs: string[];
}
export interface CorpusPage {
  paper: string;
  date: string;
  page: number;
  articles: CorpusArticle[];
}

/** A page-1 article that jumps to an inner page: page 1 keeps `keep` paragraphs. */
export interface JumpPlan {
  toPage: number;
  fromPage: number;
  keep: number;
}

export interface BuildContext {
  /** Pages printed that day (今日N版); defaults to the page number. */
  pageCount?: number;
  /** Jumps keyed by article order on this page (see planJumps). */
  jumps?: ReadonlyMap<number, JumpPlan & { side: 'to' | 'from' }>;
  /**
   * Lay the page out in house style N (id pd-…-pNN-hN): the layout and its habits are drawn once
   * for the house, not per page, so the house's pages read as one paper's, which keeps its setting
   * from page to page (the publication profiles' learning curve learns a paper's habits).
   */
  house?: number;
}

export interface BuiltPage extends LabelledPage {
  style: LayoutStyle & OcrHabits & { ocrNoise: boolean };
}

/** A page that cannot be built into a consistent gold (reported and skipped by the corpus command). */
export class BuildError extends Error {
  override readonly name = 'BuildError';
}

const SOURCE = 'people-daily';
const BREAK_SIDE = 8;
const MAX_BREAKS = 40;
/** Share of variant-2+ pages that get OCR-like noise. */
const NOISY_SHARE = 0.6;

/** Id of a built page: pd-YYYY-MM-DD-pNN-vK, or pd-YYYY-MM-DD-pNN-hN in house style N. */
export function pageId(page: Pick<CorpusPage, 'date' | 'page'>, variant: number, house?: number): string {
  return `pd-${page.date}-p${String(page.page).padStart(2, '0')}-${house === undefined ? `v${variant}` : `h${house}`}`;
}

/**
 * House style N: one paper's setting, drawn from the seed and N alone (as an inner page: the same
 * blank lines, indent, column, punctuation and byline habits on every page), with the nameplate
 * form a front page prints and the house's OCR habits (drawn as for variant 2 on: debris, two-part
 * headlines). A page's own OCR noise is still drawn per page: scans differ from day to day.
 */
function houseStyle(seed: number, house: number, front: boolean, mastheadForms: number, headForms: number): { style: LayoutStyle; habits: OcrHabits } {
  const rng = new Rng(hashString(`house/${seed}/${house}`));
  const style = drawStyle(rng, headForms, false);
  const nameplate = rng.int(0, mastheadForms - 1);
  const habits = drawHabits(rng, style, 2);
  return { style: front ? { ...style, furnitureForm: nameplate } : style, habits };
}

/**
 * Jumps in a day's pages: a titled article on page 1 whose headline is printed again on a later
 * page. Where to cut is drawn from the date and headline, so both pages agree whatever the seed.
 */
export function planJumps(pages: readonly CorpusPage[]): Map<string, JumpPlan & { side: 'to' | 'from' }> {
  const out = new Map<string, JumpPlan & { side: 'to' | 'from' }>();
  const byDate = new Map<string, CorpusPage[]>();
  for (const p of pages) byDate.set(p.date, [...(byDate.get(p.date) ?? []), p]);
  for (const [date, day] of byDate) {
    const front = day.find((p) => p.page === 1);
    if (!front) continue;
    for (const a of front.articles) {
      const h = a.headline?.trim();
      if (!h || F.PHOTO_LABELS.test(h) || a.paragraphs.length < 3) continue;
      const inner = day.find((p) => p.page > 1 && p.articles.some((b) => b.headline?.trim() === h));
      const b = inner?.articles.find((x) => x.headline?.trim() === h);
      if (!inner || !b || b.paragraphs.length !== a.paragraphs.length) continue;
      const n = a.paragraphs.length;
      const keep = Math.max(1, Math.min(n - 1, Math.round(n * (0.2 + 0.3 * (hashString(`${date}/${h}`) / 2 ** 32)))));
      out.set(`${date}/1/${a.order}`, { side: 'to', toPage: inner.page, fromPage: 1, keep });
      out.set(`${date}/${inner.page}/${b.order}`, { side: 'from', toPage: inner.page, fromPage: 1, keep });
    }
  }
  return out;
}

/** The jumps of one page, keyed by article order, out of planJumps' result. */
export function jumpsOf(plan: ReadonlyMap<string, JumpPlan & { side: 'to' | 'from' }>, page: Pick<CorpusPage, 'date' | 'page'>): Map<number, JumpPlan & { side: 'to' | 'from' }> {
  const out = new Map<number, JumpPlan & { side: 'to' | 'from' }>();
  const prefix = `${page.date}/${page.page}/`;
  for (const [key, jump] of plan) if (key.startsWith(prefix)) out.set(Number(key.slice(prefix.length)), jump);
  return out;
}

interface Title {
  text: string;
  role: LineRole;
}
interface Block {
  text: string;
  role: 'body-start' | 'caption' | 'crosshead' | 'byline' | 'credit' | 'jump';
}
interface Planned {
  kind: ItemKind;
  titles: Title[];
  headline: string | null;
  byline: string | null;
  blocks: Block[];
  contributors: { name: string; role: ContributorRole }[] | null;
  continuedOn: number | null;
  continuedFrom: number | null;
  /** Plain lines (furniture, ads, notices): every line gets `plainRole`. */
  plain?: string[];
  plainRole?: LineRole;
}

/** Builds one variant of a crawled page. Deterministic for (page, seed, variant). */
export function buildPage(page: CorpusPage, seed: number, variant = 1, ctx: BuildContext = {}): BuiltPage {
  const id = pageId(page, variant, ctx.house);
  const rng = new Rng(hashString(`${seed}/${id}`));
  const front = page.page === 1;
  const date = page.date;
  const weekday = F.WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
  const pageCount = ctx.pageCount ?? page.page;
  const mastheads = F.mastheadForms({ date, weekday, lunar: lunarDate(date), issueNumber: issueNumber(date), pageCount });
  const section = F.SECTIONS[(page.page - 1) % F.SECTIONS.length]!;
  const heads = F.runningHeadForms(date, weekday, page.page, section, inventName(rng));
  const habitRng = new Rng(hashString(`habits/${seed}/${id}`));
  const house = ctx.house === undefined ? null : houseStyle(seed, ctx.house, front, mastheads.length, heads.length);
  const style = house?.style ?? drawStyle(rng, front ? mastheads.length : heads.length, front);
  const habits = house?.habits ?? drawHabits(habitRng, style, variant);
  const fix = (s: string): string => punct(s.replace(/[\u00a0\u2002\u2003]/g, ' ').replace(/ {3,}/g, '  ').trim(), style.ascii);

  const planned: Planned[] = [];
  let goldMasthead: GoldMasthead = {};
  const block = style.furnitureForm >= 0 ? (front ? mastheads : heads)[style.furnitureForm]! : null;
  if (block) {
    const facts: GoldMasthead = { title: F.PAPER_TITLE, titleLatin: F.PAPER_LATIN, date, issueNumber: issueNumber(date), pageCount, serial: F.PAPER_SERIAL };
    goldMasthead = Object.fromEntries(block.prints.map((k) => [k, facts[k]]));
    planned.push({ kind: 'masthead', titles: [], headline: null, byline: null, blocks: [], contributors: null, continuedOn: null, continuedFrom: null, plain: block.lines.map(fix), plainRole: front ? 'masthead' : 'running-head' });
  }

  const articles = page.articles.map((a) => planArticle(a, ctx.jumps?.get(a.order), rng, style, fix)).filter((p): p is Planned => p !== null);
  if (habits.splitHeadlines) articles.forEach(splitHeadline);
  markBriefColumns(articles, rng, fix);
  planned.push(...articles);
  const vars = { y: date.slice(0, 4), m: String(Number(date.slice(5, 7))), d: String(Number(date.slice(8, 10))), p: String(Math.max(1, page.page - 1)) };
  const fill = (s: string): string => fix(s.replace(/\{(\w)\}/g, (_, k: string) => vars[k as keyof typeof vars] ?? ''));
  if (style.notice) planned.push(plainItem('notice', rng.pick(F.NOTICES).map(fill)));
  if (style.advertisement) planned.push(plainItem('advertisement', rng.pick(F.ADS).map(fill)));
  if (!planned.some((p) => p.kind !== 'masthead')) throw new BuildError(`${id}: no items to lay out`);

  // Noisy variants (variant 2 on, from their own generator so the layout draws stay as they were):
  // misread marks and spacing, applied before the gold is taken from the text.
  const noiseRng = new Rng(hashString(`noise/${seed}/${id}`));
  const noisy = (variant >= 2 || ctx.house !== undefined) && noiseRng.chance(NOISY_SHARE);
  if (noisy) addNoise(planned, noiseRng);

  const writer = new PageWriter({ ...style, ...habits }, rng);
  for (const item of planned) writeItem(writer, item, habits.debris, habitRng);
  const text = writer.text();
  const lines = text.split('\n');
  const roles = [...writer.roles, null];
  const gold: Gold = {
    schema: GOLD_SCHEMA,
    text: `pages/${id}.txt`,
    page: page.page,
    notes: `Built by galley build-corpus from the ${page.paper} crawl, ${date} page ${page.page}, seed ${seed}, ${ctx.house === undefined ? `variant ${variant}` : `house style ${ctx.house}`}.`,
    masthead: goldMasthead,
    items: planned.map((p, k) => goldItem(p, lines[writer.itemStarts[k]!] ?? '')),
    joins: writer.joins,
    breaks: breaksOf(planned),
  };
  const starts = verifyAnchors(lines, gold, writer.itemStarts, id);
  return { id, source: SOURCE, month: date.slice(0, 7), text, roles, itemStarts: starts, gold, style: { ...style, ...habits, ocrNoise: noisy } };
}

function addNoise(items: Planned[], rng: Rng): void {
  for (const item of items) {
    if (item.plain) item.plain = item.plain.map((l) => confuseMarks(l, rng));
    for (const t of item.titles) {
      const text = confuseMarks(t.text, rng);
      if (t.role === 'headline' && item.headline === t.text) item.headline = text;
      t.text = text;
    }
    const heads = item.titles.filter((t) => t.role === 'headline');
    if (heads.length > 1) item.headline = heads.map((t) => t.text).join(' ');
    if (item.byline) item.byline = confuseMarks(item.byline, rng);
    for (const b of item.blocks) {
      const text = confuseMarks(b.text, rng);
      b.text = b.role === 'body-start' || b.role === 'caption' ? jitterSpaces(text, rng).trim() || text : text;
    }
  }
}

function plainItem(kind: 'notice' | 'advertisement', lines: string[]): Planned {
  return { kind, titles: [], headline: null, byline: null, blocks: [], contributors: null, continuedOn: null, continuedFrom: null, plain: lines };
}

function planArticle(a: CorpusArticle, jump: (JumpPlan & { side: 'to' | 'from' }) | undefined, rng: Rng, style: LayoutStyle, fix: (s: string) => string): Planned | null {
  let headline = a.headline ? fix(a.headline) : '';
  let label: string | null = null;
  const m = F.HEADLINE_LABEL.exec(headline);
  if (m && m.index > 0) {
    label = m[1]!.trim();
    headline = headline.slice(0, m.index).trim();
  }
  const kicker = a.kicker ? fix(a.kicker) : '';
  const sub = a.subheadline ? fix(a.subheadline) : '';
  const paragraphs = a.paragraphs.map(fix).filter((p) => p.length > 0);

  // Text-less items: an ad (sponsor and slogan) or an artwork / photo with only its title.
  if (!paragraphs.length) {
    if (!headline && !kicker) return null;
    if (F.AD_HEADLINE.test(headline) || kicker) return plainItem('advertisement', [kicker, headline, sub].filter(Boolean));
    return { kind: 'photo', titles: [], headline: null, byline: null, blocks: [{ text: headline, role: 'caption' }], contributors: null, continuedOn: null, continuedFrom: null };
  }

  const isCredit = (p: string): boolean => p.length <= F.PHOTO_CREDIT_MAX && F.PHOTO_CREDIT.test(p);
  const bodyLength = paragraphs.reduce((n, p) => n + p.length, 0);
  const photo = !jump && (F.PHOTO_LABELS.test(headline) || !headline || (paragraphs.some(isCredit) && bodyLength < 300));
  const editorial = label !== null && F.EDITORIAL_LABELS.test(label);

  const titles: Title[] = [];
  if (label && style.labelBanner) titles.push({ text: label, role: 'series' });
  if (kicker) titles.push({ text: kicker, role: 'kicker' });
  let mainHeadline: string | null = null;
  if (headline && photo && F.PHOTO_LABELS.test(headline)) titles.push({ text: headline, role: 'series' });
  else if (headline) {
    titles.push({ text: headline, role: 'headline' });
    mainHeadline = headline;
  }
  if (sub && jump?.side !== 'from') titles.push({ text: sub, role: 'subheadline' });

  let body = paragraphs;
  if (jump?.side === 'to') body = paragraphs.slice(0, jump.keep);
  if (jump?.side === 'from') body = paragraphs.slice(jump.keep);

  const blocks: Block[] = [];
  if (jump?.side === 'from') {
    const marker = fix(rng.pick(F.jumpFromForms(jump.fromPage)));
    if (rng.chance(0.3)) body = [marker + body[0]!, ...body.slice(1)];
    else blocks.push({ text: marker, role: 'jump' });
  }
  body.forEach((p, k) => {
    if (photo) blocks.push({ text: p, role: isCredit(p) ? 'credit' : 'caption' });
    else if (F.EDITOR_SIGNOFF.test(p) || (k === body.length - 1 && k > 0 && F.CRAWL_END_CREDIT.test(p))) blocks.push({ text: p, role: 'credit' });
    // Display lines are crossheads; name, signature and date lines credits; table rows paragraphs (block-roles.ts).
    else blocks.push({ text: p, role: paragraphRole(p, k, body.length) });
  });

  // Contributors are known only where the builder wrote every credit itself.
  const dateline = F.DATELINE_OPENING.test(body[0] ?? '');
  const crawlCredits = blocks.some((b) => b.role === 'credit' || b.role === 'byline') || body.some((p) => /记者|通讯员|摄/.test(p.slice(-20)));
  let byline: string | null = null;
  let contributors: Planned['contributors'] = jump?.side === 'from' ? [] : null;
  if (!photo && jump?.side !== 'from' && !dateline) {
    const fixedByline = label ? F.LABEL_BYLINES[label] : undefined;
    if (fixedByline || (editorial && rng.chance(0.5))) {
      byline = fix(fixedByline ?? rng.pick(F.COMMENTATOR_BYLINES));
      contributors = crawlCredits ? null : [{ name: byline.replace(/^■/, ''), role: 'commentator' }];
    } else if (rng.chance(style.bylineRate)) {
      const form = rng.pick(F.BYLINE_FORMS);
      const names = [inventName(rng), inventName(rng)];
      byline = fix(form.form.replace('{a}', names[0]!).replace('{b}', names[1]!));
      contributors = crawlCredits ? null : form.roles.map((role, i) => ({ name: names[i]!, role }));
    } else if (rng.chance(style.endCreditRate) && !crawlCredits) {
      const name = inventName(rng);
      blocks.push({ text: fix(rng.pick(F.END_CREDIT_FORMS).replace('{a}', name)), role: 'credit' });
      contributors = [{ name, role: 'reporter' }];
    } else if (!crawlCredits) contributors = [];
  }
  if (jump?.side === 'to') {
    const note = fix(rng.pick(F.jumpToForms(jump.toPage)));
    const last = blocks.at(-1);
    if (style.inlineJump && last && last.role === 'body-start') last.text += note;
    else blocks.push({ text: note, role: 'jump' });
  }
  return {
    kind: photo ? 'photo' : editorial ? 'editorial' : 'article',
    titles,
    headline: mainHeadline,
    byline,
    blocks,
    contributors,
    continuedOn: jump?.side === 'to' ? jump.toPage : null,
    continuedFrom: jump?.side === 'from' ? jump.fromPage : null,
  };
}

/** Runs of three or more short titled articles are a briefs column under an invented header. */
function markBriefColumns(items: Planned[], rng: Rng, fix: (s: string) => string): void {
  const short = (p: Planned): boolean =>
    p.kind === 'article' && p.headline !== null && p.titles.length === 1 && p.byline === null && p.continuedOn === null && p.continuedFrom === null &&
    p.blocks.length <= 2 && p.blocks.every((b) => b.role === 'body-start') && p.blocks.reduce((n, b) => n + b.text.length, 0) <= F.BRIEF_MAX_CHARS;
  for (let i = 0; i < items.length; ) {
    let j = i;
    while (j < items.length && short(items[j]!)) j++;
    if (j - i >= 3) {
      for (let k = i; k < j; k++) items[k]!.kind = 'brief';
      items[i]!.titles.unshift({ text: fix(rng.pick(F.BRIEFS_HEADERS)), role: 'series' });
      i = j;
    } else i = Math.max(j, i + 1);
  }
}

/** A two-part headline printed as two lines, both role headline; the gold's headline is the whole (the scorer ignores spaces). */
function splitHeadline(item: Planned): void {
  const k = item.titles.findIndex((t) => t.role === 'headline');
  const m = k >= 0 ? F.TWO_PART_HEADLINE.exec(item.titles[k]!.text) : null;
  if (!m) return;
  item.titles.splice(k, 1, { text: m[1]!, role: 'headline' }, { text: m[2]!, role: 'headline' });
}

function writeItem(w: PageWriter, item: Planned, debris = 0, rng?: Rng): void {
  w.startItem();
  if (item.plain) {
    item.plain.forEach((l) => w.line(l, item.plainRole ?? (item.kind as LineRole)));
    return;
  }
  for (const t of item.titles) w.line(t.text, t.role);
  if (item.byline) w.line(item.byline, 'byline');
  for (const b of item.blocks) {
    // OCR debris stands between blocks (never inside a paragraph, so no join crosses it).
    if (rng && debris > 0 && rng.chance(debris)) w.line(rng.pick(F.OCR_DEBRIS), 'other');
    if (b.role === 'body-start' || b.role === 'caption') w.paragraph(b.text, b.role);
    else w.line(b.text, b.role);
  }
}

function goldItem(p: Planned, firstLine: string): GoldItem {
  const start = firstLine.trim().slice(0, 24);
  if (p.plain) return { kind: p.kind, start };
  const paras = p.blocks.filter((b) => b.role === 'body-start' || b.role === 'caption' || b.role === 'crosshead').map((b) => b.text);
  const item: GoldItem = {
    kind: p.kind,
    start,
    titleLines: p.titles.map((t) => t.text),
    headline: p.headline ? [p.headline] : [],
    paragraphs: paras.length,
  };
  if (p.contributors) item.contributors = p.contributors;
  const first = paras[0] ?? '';
  const last = paras.at(-1) ?? '';
  // Snippets only where the builder knows the paragraph's edges (no dateline, marker or note in it).
  if (first && p.continuedFrom === null && !F.DATELINE_OPENING.test(first)) item.firstParagraph = first.slice(0, 10);
  if (last && p.continuedOn === null && !/[（(][^（）()]*[）)]$/.test(last)) item.lastParagraph = last.slice(-8);
  if (p.continuedOn !== null) item.continuedOn = p.continuedOn;
  if (p.continuedFrom !== null) item.continuedFrom = p.continuedFrom;
  return item;
}

/** [end of a paragraph, start of the next] in one item, where no paragraph of the page holds both. */
function breaksOf(items: readonly Planned[]): [string, string][] {
  const paras = items.flatMap((p) => p.blocks.filter((b) => b.role === 'body-start').map((b) => b.text));
  const out: [string, string][] = [];
  for (const item of items) {
    const body = item.blocks.filter((b) => b.role === 'body-start');
    for (let k = 0; k + 1 < body.length && out.length < MAX_BREAKS; k++) {
      const a = body[k]!.text.slice(-BREAK_SIDE);
      const b = body[k + 1]!.text.slice(0, BREAK_SIDE);
      if (a.length < 4 || b.length < 4 || paras.some((p) => p.includes(a) && p.includes(b))) continue;
      out.push([a, b]);
    }
  }
  return out;
}

/** Anchors must find exactly the lines the writer started items at; otherwise the gold would lie. */
function verifyAnchors(lines: readonly string[], gold: Gold, starts: readonly number[], id: string): number[] {
  for (let k = 0; k < gold.items.length; k++) {
    const found = safeStarts(lines, gold);
    if (found && found.every((l, i) => l === starts[i])) return found;
    // Lengthen the first anchor that lands early to its whole line.
    const bad = found ? found.findIndex((l, i) => l !== starts[i]) : k;
    const item = gold.items[bad];
    const full = (lines[starts[bad]!] ?? '').trim();
    if (!item || item.start === full) break;
    item.start = full;
  }
  const found = safeStarts(lines, gold);
  if (!found || !found.every((l, i) => l === starts[i])) throw new BuildError(`${id}: an item anchor cannot be made unique`);
  return found;
}

function safeStarts(lines: readonly string[], gold: Gold): number[] | null {
  try {
    return goldStartLines(lines, gold);
  } catch {
    return null;
  }
}

function punct(s: string, ascii: boolean): string {
  return ascii ? s.replace(/[，：；（）！？]/g, (c) => F.ASCII_PUNCT[c] ?? c) : s;
}

function inventName(rng: Rng): string {
  const given = rng.chance(0.35) ? rng.pick([...F.GIVEN_CHARS]) : rng.pick([...F.GIVEN_CHARS]) + rng.pick([...F.GIVEN_CHARS]);
  return rng.pick([...F.SURNAMES]) + given;
}

function issueNumber(date: string): number {
  const days = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${F.ISSUE_BASE.date}T00:00:00Z`)) / 86_400_000);
  return F.ISSUE_BASE.number + days;
}

/** The Chinese calendar date ("己亥年九月初三") from the JS engine's ICU, or null where it has none. */
function lunarDate(date: string): string | null {
  try {
    const fmt = new Intl.DateTimeFormat('zh-CN-u-ca-chinese', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });
    const parts = fmt.formatToParts(new Date(`${date}T00:00:00Z`));
    const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
    const year = get('yearName') || get('relatedYear');
    const day = Number(get('day'));
    const out = `${year}年${get('month')}${Number.isInteger(day) && day >= 1 && day <= 30 ? F.LUNAR_DAYS[day - 1] : get('day')}`;
    return /^[\u4e00-\u9fff]{2}年/.test(out) ? out : null;
  } catch {
    return null;
  }
}
