// A built page as printed units (a title line, a whole paragraph, a byline, a credit…), and that
// page as newspaper-like HTML: nameplate and titles spanning the page, bodies set in 3–6 columns.
// The OCR step renders the HTML, reads the image back, and aligns what it read to these units.
// Platform-free (strings only).
import type { LabelledPage, LineRole } from '../../core/engine/model/line-roles.ts';
import { PLAIN_OCR_STYLE, type OcrStyle } from './ocr-style.ts';
import { hashString, Rng } from './rng.ts';

export interface PrintedUnit {
  /** Index of the item the unit belongs to (into the page's gold items). */
  item: number;
  role: LineRole;
  /** The unit's text: a whole paragraph re-joined from its lines, or one display line. */
  text: string;
}

const TITLE_ROLES = new Set<LineRole>(['kicker', 'headline', 'subheadline', 'series']);

/** Units in reading order: a paragraph's continuation lines ('body') join the line that opened it. */
export function printedUnits(page: Pick<LabelledPage, 'text' | 'roles' | 'itemStarts'>): PrintedUnit[] {
  const lines = page.text.split('\n');
  const units: PrintedUnit[] = [];
  let item = -1;
  lines.forEach((raw, i) => {
    while (item + 1 < page.itemStarts.length && page.itemStarts[item + 1]! <= i) item++;
    const role = page.roles[i];
    const text = raw.trim();
    if (!role || !text || item < 0) return;
    const last = units.at(-1);
    if (role === 'body' && last && last.item === item && !TITLE_ROLES.has(last.role)) last.text += text;
    else units.push({ item, role: role === 'body' ? 'body-start' : role, text });
  });
  return units;
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Page width in CSS pixels; fonts are sized so that a body character is about 20 px high. */
export const PAGE_WIDTH = 1400;

const COLUMN_GAP = 56;
const MAIN_PADDING = 48;

/**
 * Sets an item's body in `columns` columns by hand (not CSS columns): every column starts a little
 * lower or higher than its neighbours, as on a real page where photos and rules shift them, so that
 * baselines do not line up across columns. (With aligned baselines Tesseract's layout analysis reads
 * a row of columns as one line far more often than it does on real pages.) Text is cut between
 * columns at the estimated characters per line (CJK characters are one em wide).
 */
function setColumns(units: readonly PrintedUnit[], columns: number, rng: Rng, bodyPx: number): string {
  const width = (PAGE_WIDTH - 2 * MAIN_PADDING - COLUMN_GAP * (columns - 1)) / columns;
  const perLine = Math.max(4, Math.floor(width / bodyPx));
  const blocks = units.map((u) => {
    const indent = u.role === 'body-start' || u.role === 'caption';
    return { u, cls: indent ? 'p' : u.role, indent, lines: Math.ceil((u.text.length + (indent ? 2 : 0)) / perLine) };
  });
  const target = Math.ceil(blocks.reduce((n, b) => n + b.lines, 0) / columns);
  const cols: string[][] = [[]];
  let room = target;
  for (const b of blocks) {
    let text = b.u.text;
    let indent = b.indent;
    while (text) {
      const need = Math.ceil((text.length + (indent ? 2 : 0)) / perLine);
      if (need <= room || cols.length === columns || !indent && b.cls !== 'body-start') {
        cols.at(-1)!.push(`<p class="${indent ? 'p' : b.cls === 'p' ? 'cont' : b.cls}">${escape(text)}</p>`);
        room -= need;
        text = '';
      } else {
        const take = room * perLine - (indent ? 2 : 0);
        if (take > 0) cols.at(-1)!.push(`<p class="${indent ? 'p' : 'cont'} cut">${escape(text.slice(0, take))}</p>`);
        text = text.slice(Math.max(0, take));
        indent = false;
      }
      if (room <= 0 && cols.length < columns && text) {
        cols.push([]);
        room = target;
      }
    }
  }
  return cols.map((c, k) => `<div class="col" style="padding-top:${(k % 2) * 16 + rng.int(0, 2)}px">${c.join('')}</div>`).join('');
}

/**
 * The page as HTML; the number of body columns per item is drawn from the page id. The style's
 * font, size, column range, blur, noise and skew are set here (scale and JPEG are the renderer's);
 * the plain style gives the HTML of sessions 4–8 byte for byte.
 */
export function pageHtml(id: string, units: readonly PrintedUnit[], style: OcrStyle = PLAIN_OCR_STYLE): string {
  const rng = new Rng(hashString(`html/${id}`));
  const items = new Map<number, PrintedUnit[]>();
  for (const u of units) items.set(u.item, [...(items.get(u.item) ?? []), u]);
  const sections: string[] = [];
  for (const [, us] of items) {
    const role = us[0]!.role;
    if (role === 'masthead' || role === 'running-head') {
      const cls = role === 'masthead' ? 'nameplate' : 'runhead';
      sections.push(`<header class="${cls}">${us.map((u, k) => `<div class="${k === 0 ? 'first' : ''}">${escape(u.text)}</div>`).join('')}</header>`);
      continue;
    }
    if (role === 'advertisement' || role === 'notice') {
      sections.push(`<section class="box ${role}">${us.map((u, k) => `<p class="${k === 0 ? 'boxhead' : ''}">${escape(u.text)}</p>`).join('')}</section>`);
      continue;
    }
    const titles = us.filter((u) => TITLE_ROLES.has(u.role));
    const rest = us.filter((u) => !TITLE_ROLES.has(u.role));
    const columns = rest.reduce((n, u) => n + u.text.length, 0) < 200 ? 2 : style.columns === '2-6' ? rng.int(2, 6) : rng.int(3, 5);
    const head = titles.map((u) => `<div class="t-${u.role}">${escape(u.text)}</div>`).join('');
    const photo = rest.some((u) => u.role === 'caption') ? '<div class="photo"></div>' : '';
    const body = setColumns(rest, columns, rng, style.bodyPx);
    sections.push(`<section class="item">${head}${photo}<div class="body">${body}</div></section>`);
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
body{margin:0;background:#fff;color:#111;width:${PAGE_WIDTH}px;font-family:${style.bodyFont === 'sans' ? '"Noto Sans CJK SC",sans-serif' : '"Noto Serif CJK SC","Noto Sans CJK SC",serif'};}
main{padding:40px ${MAIN_PADDING}px;}
.item>div[class^=t-]{padding-left:4px}
.nameplate{text-align:center;border-bottom:4px double #222;margin-bottom:24px;padding-bottom:12px;font-size:24px;line-height:1.6}
.nameplate .first{font-size:80px;font-weight:900;line-height:1.3}
.runhead{display:flex;gap:48px;justify-content:space-between;border-bottom:2px solid #222;font-size:22px;margin-bottom:20px;padding-bottom:6px}
.item{border-bottom:1px solid #444;padding:14px 0 18px}
.t-kicker,.t-series{font-size:26px;font-family:"Noto Sans CJK SC",sans-serif;margin:4px 0}
.t-headline{font-size:38px;font-weight:700;font-family:"Noto Sans CJK SC",sans-serif;margin:6px 0;line-height:1.25}
.t-subheadline{font-size:26px;margin:4px 0 10px}
.body{display:flex;gap:${COLUMN_GAP}px;font-size:${style.bodyPx}px;line-height:1.6}
.col{flex:1 1 0;min-width:0;text-align:justify}
.body p{margin:0;text-indent:2em}
.body p.cont{text-indent:0}
.body p.cut{text-align-last:justify}
.body p.byline,.body p.credit,.body p.jump{text-indent:0;font-family:"Noto Sans CJK SC",sans-serif}
.body p.crosshead{text-indent:0;font-weight:700;text-align:center;margin:6px 0}
.photo{height:260px;background:#bbb;margin:8px 0}
.box{border:3px solid #222;padding:12px 24px;margin:18px 0;font-size:26px}
.box p{margin:4px 0}.box .boxhead{font-size:36px;font-weight:700;text-align:center}
${imageCss(style)}</style></head><body><main>${sections.join('\n')}</main>${style.image === 'noise' ? NOISE_OVERLAY : ''}</body></html>`;
}

/** Speckle over the whole page: an SVG turbulence pattern, darkened where it is strongest. */
const NOISE_OVERLAY =
  '<div style="position:absolute;inset:0;pointer-events:none;opacity:0.35;mix-blend-mode:multiply;background-image:url(&quot;data:image/svg+xml,' +
  "%3Csvg xmlns='http://www.w3.org/2000/svg' width='240' height='240'%3E%3Cfilter id='n'%3E%3CfeTurbulence type='fractalNoise' baseFrequency='0.9' numOctaves='2' seed='7'/%3E%3CfeColorMatrix values='0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 -2.2 1.25'/%3E%3C/filter%3E%3Crect width='240' height='240' filter='url(%23n)'/%3E%3C/svg%3E" +
  '&quot;)"></div>';

/** CSS of the style's image axes that are drawn in the page itself (nothing for the plain style). */
function imageCss(style: OcrStyle): string {
  const rules: string[] = [];
  if (style.image === 'noise') rules.push('body{position:relative}');
  if (style.image === 'blur') rules.push('main{filter:blur(0.6px)}');
  if (style.skewDeg !== 0) rules.push(`main{transform:rotate(${style.skewDeg}deg);transform-origin:50% 0}`);
  return rules.map((r) => `${r}\n`).join('');
}
