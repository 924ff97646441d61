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

const SPACES = /[\s\u3000]+/g;
const bucket = (n: number, edges: readonly number[]): number => {
  let b = 0;
  while (b < edges.length && n > edges[b]!) b++;
  return b;
};
/** Two or more spaces between characters: neighbouring columns read as one line. */
const WIDE_GAP = /\S[ \t\u3000]{2,}\S/;
const LEN_EDGES = [1, 2, 3, 4, 6, 8, 10, 12, 15, 18, 22, 26, 30, 36, 44, 60, 90];
/** Lines on each side read for the local column width. */
const LOCAL = 6;
const VOCAB_EDGES = [-0.5, 0.01, 0.025, 0.04, 0.06, 0.09, 0.13];
const LEAN_EDGES = [-0.2, -0.05, 0.05, 0.15, 0.3, 0.5, 0.75];
const REL_EDGES = [0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.96, 1.04, 1.2];

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

/** The most common length (the longer on a tie) of the running-text lines within ±LOCAL of line i, gaps aside. */
function modalWidth(lines: readonly ClassifiedLine[], lengths: readonly number[], gap: readonly boolean[], i: number): number {
  // At most 2·LOCAL+1 candidates: counting pairs is cheaper than a Map per line (this runs for every line).
  const from = Math.max(0, i - LOCAL);
  const to = Math.min(lines.length - 1, i + LOCAL);
  let best = 0;
  let bestCount = 0;
  for (let j = from; j <= to; j++) {
    if (lines[j]!.role !== 'body' || gap[j]) continue;
    const len = lengths[j]!;
    let c = 0;
    for (let k = from; k <= to; k++) if (lengths[k] === len && lines[k]!.role === 'body' && !gap[k]) c++;
    if (c > bestCount || (c === bestCount && len > best)) [best, bestCount] = [len, c];
  }
  return Math.max(1, best);
}

export function pageFeatures(view: PageView): LineFeatures[] {
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
  const short = lengths.map((len, i) => (gap[i] ? 'g' : String(Math.max(-6, Math.min(1, len - modalWidth(lines, lengths, gap, i))))));
  // Vocabulary on both sides of the lines that could be titles: crosshead or a new article's headline?
  const vocab = lineVocabulary(
    compact,
    (i) => lengths[i]! <= 40 && (lines[i]!.role === 'title' || (!lines[i]!.continuesPrevious && lengths[i]! < col.width * 0.8)),
    (i) => lines[i]!.role === 'body',
  );
  return lines.map((line, i) => {
    const text = line.folded;
    const c = compact[i]!;
    const len = lengths[i]!;
    const shape: string[] = [];
    const own: string[] = [];
    const blankBefore = i === 0 ? line.index > 0 : line.index > lines[i - 1]!.index + 1;
    const blankAfter = i + 1 < n && lines[i + 1]!.index > line.index + 1;
    const rel = len / col.width;
    const last = c.at(-1);
    shape.push(
      `cls=${line.role}`,
      `cont=${line.continuesPrevious ? 1 : 0}`,
      `rstart=${view.ruleStarts.has(i) ? 1 : 0}`,
      `mast=${i <= view.mastheadEnd ? 1 : 0}`,
      `bb=${blankBefore ? 1 : 0}`,
      `ba=${blankAfter ? 1 : 0}`,
      `len=${bucket(len, LEN_EDGES)}`,
      `rel=${bucket(rel, REL_EDGES)}`,
      `close=${line.closes ? 1 : 0}`,
      `ec=${charClass(last)}`,
      `sc=${charClass(c[0])}`,
      `e1=${last ?? ''}`,
      `indent=${line.indent === 0 ? 0 : line.indent <= 2 ? 1 : line.indent <= 4 ? 2 : 3}${view.indentMode ? 'I' : ''}`,
      `dw=${short[i]}`,
    );
    if (col.modalCount >= 3 && Math.abs(len - col.modal) <= 1) shape.push('modal');
    if (line.leadingByline) shape.push('leadbyl');
    if (line.tailPhotoCredit) shape.push('tailphoto');
    if (line.jump) shape.push(`jump=${line.jump.direction}${line.jump.start === 0 ? 'S' : ''}`);
    if (pack.isEnumeration(text)) shape.push('p:enum');
    if (pack.isDashSubtitle(text)) shape.push('p:dash');
    if (pack.isNoticeTitle(text)) shape.push('p:notice');
    if (pack.isColumnHeader(text)) shape.push('p:col');
    if (pack.isSeriesBanner(text)) shape.push('p:series');
    if (pack.isEditorialLabel(text)) shape.push('p:edit');
    if (isLooseTitle(line)) shape.push('p:loose');
    // Names alone on a line sign the item above it; a byline or dateline wrapped over two lines
    // ("新华社北京1" / "0月27日电") still opens an article once the two halves are read together.
    if (len <= 16 && pack.bareByline(text)) shape.push('p:bare');
    if (line.credit === null && pack.endCredit(text)) shape.push('p:endcredit');
    if (!line.leadingByline && i + 1 < n && len < 40 && pack.leadingByline(c + compact[i + 1]!)) shape.push('leadjoin');

    // Shape features first: the scorer reads a neighbour's first shape.length features.
    own.push(...shape, 'bias');
    own.push(
      `pos=${i < 4 ? i : i < 8 ? 4 : i < 16 ? 5 : 6}`,
      `last=${i === n - 1 ? 1 : 0}`,
      `s1=${c.slice(0, 1)}`,
      `s2=${c.slice(0, 2)}`,
      `s3=${c.slice(0, 3)}`,
      `e2=${c.slice(-2)}`,
      `e3=${c.slice(-3)}`,
      `rel=${bucket(rel, REL_EDGES)}|cont=${line.continuesPrevious ? 1 : 0}`,
      `cls=${line.role}|len=${bucket(len, LEN_EDGES)}`,
      `clauses=${Math.min(3, (text.match(/[，,；;。]/g) ?? []).length)}`,
      `anchor=${bucket(nextAnchor[i]!, [1, 2, 3, 5, 8])}`,
      `since=${bucket(sinceStart[i]!, [1, 2, 3, 5, 10, 20])}`,
      `anchor=${bucket(nextAnchor[i]!, [1, 2, 3, 5, 8])}|cls=${line.role}`,
      `photo=${bucket(nextCredit[i]!, [0, 1, 2, 3, 5])}`,
      `photo=${bucket(nextCredit[i]!, [0, 1, 2, 3, 5])}|sc=${charClass(c[0])}|cont=${line.continuesPrevious ? 1 : 0}`,
    );
    // Whether a paragraph ends above: the line above's length against the column with its last character.
    const prev = i > 0 ? compact[i - 1]! : null;
    own.push(prev === null ? 'prv=none' : `prv=${bucket(prev.length / col.width, REL_EDGES)}|${charClass(prev.at(-1))}|bb=${blankBefore ? 1 : 0}|ind=${line.indent > 0 ? 1 : 0}`);
    own.push(`lrel=${bucket(len / local[i]!, REL_EDGES)}|${charClass(last)}`);
    if (prev !== null) own.push(`plrel=${bucket(prev.length / local[i - 1]!, REL_EDGES)}|${charClass(prev.at(-1))}`);
    // Paragraph start on OCR text: this line's and its neighbours' shortfall with how the line above ends.
    own.push(`dw=${short[i]}|${prev === null ? 'none' : `${short[i - 1]}|${charClass(prev.at(-1))}`}`, `dw=${short[i]}|n${i + 1 < n ? short[i + 1] : 'none'}`);
    const v = vocab[i];
    if (v) {
      const ab = bucket(v.aboveBelow, VOCAB_EDGES);
      const lean = bucket(v.titleLean, LEAN_EDGES);
      own.push(`vab=${ab}`, `lean=${lean}`, `vab=${ab}|lean=${lean}`, `vab=${ab}|cls=${line.role}`);
    }
    if (/[\u4e00-\u9fff]\s+[\u4e00-\u9fff]/.test(text)) own.push('hanspace');
    if (/\d/.test(text)) own.push('digits');
    if (pack.isTableLine(text)) own.push('p:table');
    if (pack.isEditorsNote(text)) own.push('p:note');
    if (pack.isSalutation(text)) own.push('p:salut');
    if (pack.isLeadOpening(text)) own.push('p:lead');
    if (pack.isKickerLabel(text)) own.push('p:kick');
    if (pack.isCouplet(text)) own.push('p:couplet');
    if (pack.isSignature(text)) own.push('p:sig');
    if (pack.isDateLine(text)) own.push('p:date');
    if (pack.bulletSignature(text)) own.push('p:bullet');
    if (pack.trailingByline(text)) own.push('p:trail');
    const ad = pack.advertisementScore(text);
    if (ad > 0) own.push(`p:ad=${Math.min(ad, 3)}`);
    const mast = pack.mastheadSignal(text, i);
    if (mast > 0) own.push(`p:mastsig=${Math.min(mast, 4)}`);
    if (line.credit) own.push(`credit=${line.credit.contributors[0]?.role ?? 'none'}`);
    return { own, shape };
  });
}
