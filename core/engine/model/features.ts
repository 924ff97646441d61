// Features of every text line for the line-role model. The rule pack's predicates and the rule
// engine's own reading of the page (line classes, continuation, masthead block, rule boundaries)
// are features here, not decisions; the model weighs them against the line's form: character
// n-grams at its start and end, its length against the page's own column width, closing
// punctuation, indentation, blank lines around it and its place on the page.
//
// Every line has `own` features (used at offset 0) and `shape` features (a smaller set, also used
// for the lines ±1 and ±2 around the line being labelled, see weights.ts).
import type { ClassifiedLine } from '../line-class.ts';
import { isLooseTitle } from '../line-class.ts';
import type { RulePack } from '../rules/rule-pack.ts';
import { lineVocabulary } from './vocabulary.ts';
import { LOCAL, modalWidth, pageFill, spacedLengths } from './page-fill.ts';

/** Names the feature templates; its hash is recorded with the weights so old weights are not misread. */
export const FEATURE_SET =
  'fs8|dw,gap,lrel,bare,endcredit,leadjoin,vocab,prv|photo,indent±2,anchor,since,cls,cont,rstart,mast,indent,blank,pos,len,rel,modal,close,s1-3,e1-3,sc,ec,pred:enum,table,note,salut,lead,dash,kick,couplet,col,series,edit,ad,notice,sig,date,bullet,trail,loose,mastsig,byl,jump,photo,space,digits,clauses';

export interface PageView {
  lines: ClassifiedLine[];
  pack: RulePack;
  mastheadEnd: number;
  indentMode: boolean;
  /** Line indexes (into `lines`) where the rule engine starts an item. */
  ruleStarts: ReadonlySet<number>;
}

export interface LineFeatures {
  own: string[];
  shape: string[];
}

/** Optional groups of features; a model's feature set (feature-sets.ts) says which it was trained with. */
export interface FeatureOptions {
  /** Conjunctions of the line's shape with the lines around it, which a linear model cannot form itself. */
  readonly conjunctions: boolean;
  /** How many running lines below a photo credit closes the text from this line on (a caption block). */
  readonly captionRun: boolean;
  /** How tightly the page fills its column and spaces its lines, with a line's and the line above's shortfall (page-fill.ts). */
  readonly paragraphFill: boolean;
}

const BASE_OPTIONS: FeatureOptions = { conjunctions: false, captionRun: false, paragraphFill: false };

const SPACES = /[\s\u3000]+/g;
const bucket = (n: number, edges: readonly number[]): number => {
  let b = 0;
  while (b < edges.length && n > edges[b]!) b++;
  return b;
};
/** Two or more spaces between characters: neighbouring columns read as one line. */
const WIDE_GAP = /\S[ \t\u3000]{2,}\S/;
const LEN_EDGES = [1, 2, 3, 4, 6, 8, 10, 12, 15, 18, 22, 26, 30, 36, 44, 60, 90];
const VOCAB_EDGES = [-0.5, 0.01, 0.025, 0.04, 0.06, 0.09, 0.13];
const LEAN_EDGES = [-0.2, -0.05, 0.05, 0.15, 0.3, 0.5, 0.75];
const REL_EDGES = [0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.96, 1.04, 1.2];
/** Coarser buckets for the conjunctions: each joins four or five parts, and finer ones would be seen too rarely. */
const CONJ_LEN_EDGES = [2, 4, 6, 9, 13, 18, 26];
const CONJ_REL_EDGES = [0.5, 0.8, 0.96, 1.04];

const CHAR_CLASSES: [string, string][] = [
  ['open', '（(【〔《〈「『['],
  ['close', '）)】〕》〉」』]'],
  ['bullet', '■□◆◇●○◎▲△★☆▶►•·'],
  ['dash', '—-－―~～'],
  ['quote', '“”"‘’\''],
  ['stop', '。．.！!？?'],
  ['comma', '，,、；;：:'],
];
const PUNCT_CLASS = new Map<string, string>(CHAR_CLASSES.flatMap(([cls, chars]) => [...chars].map((ch): [string, string] => [ch, cls])));

/** Class of a character: Han, digit, Latin, an opening bracket, a bullet, a dash, a quote, other (a table lookup: it runs for every line). */
function charClass(ch: string | undefined): string {
  if (ch === undefined) return 'none';
  const code = ch.charCodeAt(0);
  if (code >= 0x4e00 && code <= 0x9fff) return 'han';
  if ((code >= 0x30 && code <= 0x39) || (code >= 0xff10 && code <= 0xff19)) return 'dig';
  if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return 'lat';
  return PUNCT_CLASS.get(ch) ?? 'other';
}

/** The page's column width: the most common line length among its longer lines, or their 80th percentile. */
function columnWidth(lengths: number[]): { width: number; modal: number; modalCount: number } {
  const long = lengths.filter((n) => n >= 6).sort((a, b) => a - b);
  if (!long.length) return { width: Math.max(1, ...lengths), modal: 0, modalCount: 0 };
  const counts = new Map<number, number>();
  for (const n of long) counts.set(n, (counts.get(n) ?? 0) + 1);
  let modal = 0;
  let modalCount = 0;
  for (const [n, c] of counts) if (c > modalCount || (c === modalCount && n > modal)) [modal, modalCount] = [n, c];
  const p80 = long[Math.min(long.length - 1, Math.floor(long.length * 0.8))]!;
  // A wrapped column repeats its width; a page of one paragraph per line does not.
  const width = modalCount >= 3 && modalCount >= long.length * 0.15 ? modal : p80;
  return { width, modal, modalCount };
}

/**
 * The constant text each feature template starts with. A feature is this text followed by its
 * parts (FeatureSink): the string path (training, pageFeatures) joins them into the feature's name,
 * the scoring path (hashed.ts) folds their characters into the name's hash as they are made, so
 * the two read the same names by construction, and decoding builds no string per feature.
 */
const PREFIXES = {
  cls: 'cls=', cont: 'cont=', rstart: 'rstart=', mast: 'mast=', bb: 'bb=', ba: 'ba=', len: 'len=', rel: 'rel=',
  close: 'close=', ec: 'ec=', sc: 'sc=', e1: 'e1=', indent: 'indent=', dw: 'dw=', modal: 'modal', leadbyl: 'leadbyl',
  tailphoto: 'tailphoto', jump: 'jump=', enum: 'p:enum', dash: 'p:dash', notice: 'p:notice', col: 'p:col',
  series: 'p:series', edit: 'p:edit', loose: 'p:loose', bare: 'p:bare', endcredit: 'p:endcredit', leadjoin: 'leadjoin',
  bias: 'bias', pos: 'pos=', last: 'last=', s1: 's1=', s2: 's2=', s3: 's3=', e2: 'e2=', e3: 'e3=', clauses: 'clauses=',
  anchor: 'anchor=', since: 'since=', photo: 'photo=', prv: 'prv=', prvNone: 'prv=none', lrel: 'lrel=', plrel: 'plrel=',
  vab: 'vab=', lean: 'lean=', hanspace: 'hanspace', digits: 'digits', table: 'p:table', note: 'p:note', salut: 'p:salut',
  lead: 'p:lead', kick: 'p:kick', couplet: 'p:couplet', sig: 'p:sig', date: 'p:date', bullet: 'p:bullet', trail: 'p:trail',
  ad: 'p:ad=', mastsig: 'p:mastsig=', credit: 'credit=',
  // The conjunctions (FeatureOptions.conjunctions); appended, so the templates above keep their numbers.
  xa: 'x:a=', xb: 'x:b=', xc: 'x:c=', xd: 'x:d=', xe: 'x:e=', cap: 'x:cap=',
  // The paragraph-fill group (FeatureOptions.paragraphFill).
  fill: 'x:fill=', pb: 'x:pb=',
} as const;

/** Template number → its constant text (the hashing path folds these once per model). */
export const TEMPLATE_TEXT: readonly string[] = Object.values(PREFIXES);
const T = Object.fromEntries(Object.keys(PREFIXES).map((k, i) => [k, i])) as { readonly [K in keyof typeof PREFIXES]: number };

/**
 * Receives a page's features as they are made, line by line in page order: a line's shape
 * features first (`end(true)`: also read at offsets ±1, ±2), then its own (`end(false)`).
 */
export interface FeatureSink {
  line(i: number): void;
  /** Starts a feature with template `t`'s text. */
  start(t: number): void;
  /** Appends s[from…to). */
  chars(s: string, from: number, to: number): void;
  /** Appends an integer's decimal digits (as String(n)). */
  int(n: number): void;
  end(shape: boolean): void;
}

/** The line's shortfall against the local width ('g': a line with a wide gap measures none). */
const GAP = 99;

export function emitPageFeatures(view: PageView, sink: FeatureSink, options: FeatureOptions = BASE_OPTIONS): void {
  const { lines, pack } = view;
  const compact = lines.map((l) => l.folded.replace(SPACES, ''));
  const lengths = compact.map((c) => c.length);
  const col = columnWidth(lengths);
  const n = lines.length;
  // Distance to the next anchor line below (a dateline byline, a byline or credit line, a jump from
  // another page) and from the last rule start above: the layout around a candidate title.
  const anchorAt = lines.map((l) => l.leadingByline !== null || l.role === 'byline' || (l.jump?.direction === 'from' && l.jump.start === 0));
  const nextAnchor: number[] = new Array(n).fill(99);
  for (let i = n - 2; i >= 0; i--) nextAnchor[i] = anchorAt[i + 1] ? 1 : nextAnchor[i + 1]! + 1;
  // Distance to the next photo credit below ("本报记者 X 摄", "…。王伟摄"): a caption's first line sits above one.
  const creditAt = lines.map((l) => l.role === 'photo-credit' || l.tailPhotoCredit !== null);
  const nextCredit: number[] = new Array(n).fill(99);
  for (let i = n - 1; i >= 0; i--) nextCredit[i] = creditAt[i] ? 0 : i + 1 < n ? nextCredit[i + 1]! + 1 : 99;
  // Lines down to a photo credit through lines that each continue the one above (or the credit
  // itself): the text from here on is a caption block the credit closes, however narrow the column
  // (a wrapped caption puts its credit many lines below its first line); -1 when no credit closes it.
  const toCredit: number[] = new Array(n).fill(-1);
  for (let i = n - 1; i >= 0; i--) {
    if (creditAt[i]) toCredit[i] = 0;
    else if (i + 1 < n && toCredit[i + 1]! >= 0 && (creditAt[i + 1] || lines[i + 1]!.continuesPrevious)) toCredit[i] = toCredit[i + 1]! + 1;
  }
  const sinceStart: number[] = [];
  let lastStart = -99;
  for (let i = 0; i < n; i++) {
    sinceStart.push(i - lastStart);
    if (view.ruleStarts.has(i)) lastStart = i;
  }
  // The local column width: articles on one page may be set at different widths, so the longest of
  // the nearby lines (±LOCAL) measures a line better than the page's modal width alone.
  // A line with a wide gap inside is two columns OCR read as one: it measures no column.
  const gap = lines.map((l) => WIDE_GAP.test(l.folded));
  const local = lengths.map((_, i) => {
    let w = 0;
    for (let j = Math.max(0, i - LOCAL); j <= Math.min(n - 1, i + LOCAL); j++) if (lines[j]!.role === 'body' && !gap[j] && lengths[j]! > w) w = lengths[j]!;
    return Math.max(1, w);
  });
  // Characters short of the local width: OCR drops a paragraph's indent, but its first line still
  // holds two characters fewer than a full line (a ratio cannot tell 28 of 30 from 30 of 30).
  // The width is the most common length nearby (OCR's stray marks make the longest line a poor measure).
  const short = lengths.map((len, i) => (gap[i] ? GAP : Math.max(-6, Math.min(1, len - modalWidth(lines, lengths, gap, i)))));
  const dw = (v: number): void => (v === GAP ? sink.chars('g', 0, 1) : sink.int(v));
  // The paragraph-fill group: the page's setting, and the shortfall with the spaces inside a line
  // counted (a column's width counts them; a stray space leaves a full line one character "short").
  const fill = options.paragraphFill ? pageFill(lines, lengths, gap, col) : null;
  const spaced = fill ? spacedLengths(lines) : lengths;
  const fillShort = fill ? spaced.map((len, i) => (gap[i] ? GAP : Math.max(-6, Math.min(1, len - modalWidth(lines, spaced, gap, i))))) : short;
  // Vocabulary on both sides of the lines that could be titles: crosshead or a new article's headline?
  const vocab = lineVocabulary(
    compact,
    (i) => lengths[i]! <= 40 && (lines[i]!.role === 'title' || (!lines[i]!.continuesPrevious && lengths[i]! < col.width * 0.8)),
    (i) => lines[i]!.role === 'body',
  );
  const str = (s: string): void => sink.chars(s, 0, s.length);
  const flag = (t: number, shape: boolean): void => {
    sink.start(t);
    sink.end(shape);
  };
  const num = (t: number, v: number, shape: boolean): void => {
    sink.start(t);
    sink.int(v);
    sink.end(shape);
  };
  const part = (t: number, s: string, from: number, to: number): void => {
    sink.start(t);
    sink.chars(s, from, to);
    sink.end(false);
  };
  for (let i = 0; i < n; i++) {
    const line = lines[i]!;
    const text = line.folded;
    const c = compact[i]!;
    const len = lengths[i]!;
    const blankBefore = i === 0 ? line.index > 0 : line.index > lines[i - 1]!.index + 1;
    const blankAfter = i + 1 < n && lines[i + 1]!.index > line.index + 1;
    const rel = len / col.width;
    const relB = bucket(rel, REL_EDGES);
    const lenB = bucket(len, LEN_EDGES);
    const cont = line.continuesPrevious ? 1 : 0;
    const lastClass = charClass(len > 0 ? c[len - 1] : undefined);
    const firstClass = charClass(c[0]);
    sink.line(i);
    // Shape features (also read for the lines ±1 and ±2).
    sink.start(T.cls);
    str(line.role);
    sink.end(true);
    num(T.cont, cont, true);
    num(T.rstart, view.ruleStarts.has(i) ? 1 : 0, true);
    num(T.mast, i <= view.mastheadEnd ? 1 : 0, true);
    num(T.bb, blankBefore ? 1 : 0, true);
    num(T.ba, blankAfter ? 1 : 0, true);
    num(T.len, lenB, true);
    num(T.rel, relB, true);
    num(T.close, line.closes ? 1 : 0, true);
    sink.start(T.ec);
    str(lastClass);
    sink.end(true);
    sink.start(T.sc);
    str(firstClass);
    sink.end(true);
    sink.start(T.e1);
    sink.chars(c, Math.max(0, len - 1), len);
    sink.end(true);
    sink.start(T.indent);
    sink.int(line.indent === 0 ? 0 : line.indent <= 2 ? 1 : line.indent <= 4 ? 2 : 3);
    if (view.indentMode) sink.chars('I', 0, 1);
    sink.end(true);
    sink.start(T.dw);
    dw(short[i]!);
    sink.end(true);
    if (col.modalCount >= 3 && Math.abs(len - col.modal) <= 1) flag(T.modal, true);
    if (line.leadingByline) flag(T.leadbyl, true);
    if (line.tailPhotoCredit) flag(T.tailphoto, true);
    if (line.jump) {
      sink.start(T.jump);
      str(line.jump.direction);
      if (line.jump.start === 0) sink.chars('S', 0, 1);
      sink.end(true);
    }
    if (pack.isEnumeration(text)) flag(T.enum, true);
    if (pack.isDashSubtitle(text)) flag(T.dash, true);
    if (pack.isNoticeTitle(text)) flag(T.notice, true);
    if (pack.isColumnHeader(text)) flag(T.col, true);
    if (pack.isSeriesBanner(text)) flag(T.series, true);
    if (pack.isEditorialLabel(text)) flag(T.edit, true);
    if (isLooseTitle(line)) flag(T.loose, true);
    // Names alone on a line sign the item above it; a byline or dateline wrapped over two lines
    // ("新华社北京1" / "0月27日电") still opens an article once the two halves are read together.
    if (len <= 16 && pack.bareByline(text)) flag(T.bare, true);
    if (line.credit === null && pack.endCredit(text)) flag(T.endcredit, true);
    if (!line.leadingByline && i + 1 < n && len < 40 && pack.leadingByline(c + compact[i + 1]!)) flag(T.leadjoin, true);

    // The line's own features (offset 0 only).
    flag(T.bias, false);
    num(T.pos, i < 4 ? i : i < 8 ? 4 : i < 16 ? 5 : 6, false);
    num(T.last, i === n - 1 ? 1 : 0, false);
    part(T.s1, c, 0, Math.min(1, len));
    part(T.s2, c, 0, Math.min(2, len));
    part(T.s3, c, 0, Math.min(3, len));
    part(T.e2, c, Math.max(0, len - 2), len);
    part(T.e3, c, Math.max(0, len - 3), len);
    sink.start(T.rel);
    sink.int(relB);
    str('|cont=');
    sink.int(cont);
    sink.end(false);
    sink.start(T.cls);
    str(line.role);
    str('|len=');
    sink.int(lenB);
    sink.end(false);
    num(T.clauses, Math.min(3, clauses(text)), false);
    const anchorB = bucket(nextAnchor[i]!, [1, 2, 3, 5, 8]);
    num(T.anchor, anchorB, false);
    num(T.since, bucket(sinceStart[i]!, [1, 2, 3, 5, 10, 20]), false);
    sink.start(T.anchor);
    sink.int(anchorB);
    str('|cls=');
    str(line.role);
    sink.end(false);
    const photoB = bucket(nextCredit[i]!, [0, 1, 2, 3, 5]);
    num(T.photo, photoB, false);
    sink.start(T.photo);
    sink.int(photoB);
    str('|sc=');
    str(firstClass);
    str('|cont=');
    sink.int(cont);
    sink.end(false);
    // Whether a paragraph ends above: the line above's length against the column with its last character.
    const prev = i > 0 ? compact[i - 1]! : null;
    const prevClass = prev === null ? '' : charClass(prev.length > 0 ? prev[prev.length - 1] : undefined);
    if (prev === null) flag(T.prvNone, false);
    else {
      sink.start(T.prv);
      sink.int(bucket(prev.length / col.width, REL_EDGES));
      str('|');
      str(prevClass);
      str('|bb=');
      sink.int(blankBefore ? 1 : 0);
      str('|ind=');
      sink.int(line.indent > 0 ? 1 : 0);
      sink.end(false);
    }
    sink.start(T.lrel);
    sink.int(bucket(len / local[i]!, REL_EDGES));
    str('|');
    str(lastClass);
    sink.end(false);
    if (prev !== null) {
      sink.start(T.plrel);
      sink.int(bucket(prev.length / local[i - 1]!, REL_EDGES));
      str('|');
      str(prevClass);
      sink.end(false);
    }
    // Paragraph start on OCR text: this line's and its neighbours' shortfall with how the line above ends.
    sink.start(T.dw);
    dw(short[i]!);
    str('|');
    if (prev === null) str('none');
    else {
      dw(short[i - 1]!);
      str('|');
      str(prevClass);
    }
    sink.end(false);
    sink.start(T.dw);
    dw(short[i]!);
    str('|n');
    if (i + 1 < n) dw(short[i + 1]!);
    else str('none');
    sink.end(false);
    const v = vocab[i];
    if (v) {
      const ab = bucket(v.aboveBelow, VOCAB_EDGES);
      const lean = bucket(v.titleLean, LEAN_EDGES);
      num(T.vab, ab, false);
      num(T.lean, lean, false);
      sink.start(T.vab);
      sink.int(ab);
      str('|lean=');
      sink.int(lean);
      sink.end(false);
      sink.start(T.vab);
      sink.int(ab);
      str('|cls=');
      str(line.role);
      sink.end(false);
    }
    if (options.captionRun && toCredit[i]! > 0) {
      sink.start(T.cap);
      sink.int(bucket(toCredit[i]!, [1, 2, 4, 8, 16]));
      str('|');
      sink.int(cont);
      str('|');
      str(prev === null ? 'none' : prevClass);
      sink.end(false);
    }
    if (fill) {
      // On a tight column a line above one character short ends its paragraph, whatever its last mark.
      sink.start(T.fill);
      str(fill.tight);
      str('|');
      if (prev === null) str('none');
      else {
        dw(fillShort[i - 1]!);
        str('|');
        str(prevClass);
      }
      str('|');
      dw(fillShort[i]!);
      sink.end(false);
      sink.start(T.fill);
      str(fill.tight);
      str('|');
      if (prev === null) str('none');
      else dw(short[i - 1]!);
      str('|i');
      sink.int(line.indent > 0 ? 1 : 0);
      sink.int(i + 1 < n && lines[i + 1]!.indent > 0 ? 1 : 0);
      sink.end(false);
      // A blank line above opens a paragraph only on a page that does not put one under every line.
      sink.start(T.pb);
      str(fill.blanks);
      str('|');
      sink.int(blankBefore ? 1 : 0);
      str('|');
      str(prev === null ? 'none' : prevClass);
      str('|');
      sink.int(fill.tight === 'N' || prev === null ? 9 : Math.max(-3, Math.min(1, short[i - 1]!)));
      sink.end(false);
    }
    if (options.conjunctions) {
      const lenC = bucket(len, CONJ_LEN_EDGES);
      // An anchor (dateline, byline, jump from another page) on the next line, or within three.
      const near = nextAnchor[i]! <= 1 ? 1 : nextAnchor[i]! <= 3 ? 2 : 0;
      const above = i > 0 ? lines[i - 1]! : null;
      const below = i + 1 < n ? lines[i + 1]! : null;
      // A title or a paragraph's end: own length and end × how the line above ends × an anchor below.
      sink.start(T.xa);
      sink.int(lenC);
      str('|');
      str(lastClass);
      str('|');
      str(prev === null ? 'none' : prevClass);
      str('|');
      sink.int(near);
      sink.end(false);
      // A paragraph start after a full line: own width and end × the line above's width and end × a blank line.
      sink.start(T.xb);
      sink.int(bucket(len / local[i]!, CONJ_REL_EDGES));
      str('|');
      str(lastClass);
      str('|');
      if (prev === null) str('none');
      else {
        sink.int(bucket(prev.length / local[i - 1]!, CONJ_REL_EDGES));
        str(prevClass);
      }
      str('|');
      sink.int(blankBefore ? 1 : 0);
      sink.end(false);
      // The rule engine's reading of the line and of both neighbours, with the line's length.
      sink.start(T.xc);
      str(line.role);
      str('|');
      sink.int(lenC);
      str('|');
      str(above?.role ?? 'none');
      str('|');
      str(below?.role ?? 'none');
      sink.end(false);
      // A short line over running text, over another short line, or over a dateline.
      sink.start(T.xd);
      sink.int(lenC);
      str('|');
      str(lastClass);
      str('|');
      if (below === null) str('none');
      else {
        sink.int(bucket(lengths[i + 1]!, CONJ_LEN_EDGES));
        sink.int(below.leadingByline ? 1 : 0);
        sink.int(below.continuesPrevious ? 1 : 0);
      }
      sink.end(false);
      // How far the last rule start is (has the item above a body yet?) × length × an anchor below.
      sink.start(T.xe);
      sink.int(bucket(sinceStart[i]!, [1, 2, 4, 8]));
      str('|');
      sink.int(lenC);
      str('|');
      sink.int(near);
      if (v) sink.int(bucket(v.aboveBelow, VOCAB_EDGES));
      sink.end(false);
    }
    if (HAN_SPACE.test(text)) flag(T.hanspace, false);
    if (DIGIT.test(text)) flag(T.digits, false);
    if (pack.isTableLine(text)) flag(T.table, false);
    if (pack.isEditorsNote(text)) flag(T.note, false);
    if (pack.isSalutation(text)) flag(T.salut, false);
    if (pack.isLeadOpening(text)) flag(T.lead, false);
    if (pack.isKickerLabel(text)) flag(T.kick, false);
    if (pack.isCouplet(text)) flag(T.couplet, false);
    if (pack.isSignature(text)) flag(T.sig, false);
    if (pack.isDateLine(text)) flag(T.date, false);
    if (pack.bulletSignature(text)) flag(T.bullet, false);
    if (pack.trailingByline(text)) flag(T.trail, false);
    const ad = pack.advertisementScore(text);
    if (ad > 0) num(T.ad, Math.min(ad, 3), false);
    const mast = pack.mastheadSignal(text, i);
    if (mast > 0) num(T.mastsig, Math.min(mast, 4), false);
    if (line.credit) {
      sink.start(T.credit);
      str(line.credit.contributors[0]?.role ?? 'none');
      sink.end(false);
    }
  }
}

const HAN_SPACE = /[\u4e00-\u9fff]\s+[\u4e00-\u9fff]/;
const DIGIT = /\d/;

/** Clause marks in a line (，,；;。), counted without the array a global match makes. */
function clauses(text: string): number {
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0xff0c || ch === 0x2c || ch === 0xff1b || ch === 0x3b || ch === 0x3002) k++;
  }
  return k;
}

/** Joins each feature's parts into its name: the features as training and the tests read them. */
class StringSink implements FeatureSink {
  readonly lines: LineFeatures[] = [];
  private own: string[] = [];
  private shape: string[] = [];
  private name = '';
  line(): void {
    this.own = [];
    this.shape = [];
    this.lines.push({ own: this.own, shape: this.shape });
  }
  start(t: number): void {
    this.name = TEMPLATE_TEXT[t]!;
  }
  chars(s: string, from: number, to: number): void {
    this.name += from === 0 && to === s.length ? s : s.slice(from, to);
  }
  int(n: number): void {
    this.name += String(n);
  }
  end(shape: boolean): void {
    if (shape) this.shape.push(this.name);
    this.own.push(this.name);
  }
}

/** Every line's feature names (training, profiles, tests; decoding scores the features unnamed). */
export function pageFeatures(view: PageView, options: FeatureOptions = BASE_OPTIONS): LineFeatures[] {
  const sink = new StringSink();
  emitPageFeatures(view, sink, options);
  return sink.lines;
}
