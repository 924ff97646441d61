// Writes a built page line by line with each line's role, in the page's layout style: blank lines,
// indents, wrapping at the column width, mid-sentence breaks. It records the gold facts that follow
// from the layout (item start lines, joins across broken lines). Platform-free.
import type { LineRole } from '../../core/engine/model/line-roles.ts';
import type { LayoutStyle, OcrHabits } from './layout-style.ts';
import type { Rng } from './rng.ts';

/** How many characters of each side of a broken line a join names. */
const JOIN_SIDE = 6;
/** A mid-sentence break keeps at least this many characters on each side. */
const MIN_PIECE = 4;

export class PageWriter {
  readonly lines: string[] = [];
  readonly roles: (LineRole | null)[] = [];
  readonly joins: [string, string][] = [];
  /** Line index of each item's first line, in order. */
  readonly itemStarts: number[] = [];
  private startPending = false;

  constructor(
    private readonly style: LayoutStyle & Partial<OcrHabits>,
    private readonly rng: Rng,
  ) {}

  /** The next line written starts a new item. */
  startItem(): void {
    this.startPending = true;
  }

  /** One line; `continues` marks a line that carries on the paragraph above (no blank before it in 'blocks' mode). */
  line(text: string, role: LineRole, continues = false): void {
    const wanted = this.style.blanks === 'every' || (this.style.blanks === 'blocks' && !continues);
    if (wanted && this.lines.length) {
      this.lines.push('');
      this.roles.push(null);
    }
    if (this.startPending) {
      this.itemStarts.push(this.lines.length);
      this.startPending = false;
    }
    this.lines.push(text);
    this.roles.push(role);
  }

  /**
   * A paragraph of body text: its first line gets `firstRole` (and the page's indent), the lines it
   * wraps or breaks onto get 'body', and every break is recorded as a join.
   */
  paragraph(text: string, firstRole: LineRole): void {
    const pieces = this.style.wrap !== null ? this.wrapPieces(text) : this.breakPieces(text);
    pieces.forEach((piece, k) => {
      if (k > 0) this.joins.push([tail(pieces[k - 1]!), head(piece)]);
      this.line(k === 0 ? this.style.indent + piece : piece, k === 0 ? firstRole : 'body', k > 0);
    });
  }

  /** Cut at the column width (the first line loses the indent's width); never leave a piece that is only spaces. */
  private wrapPieces(text: string): string[] {
    const width = this.style.wrap!;
    const out: string[] = [];
    let at = 0;
    let first = true;
    while (at < text.length) {
      // The first line gives up the indent's room, also where OCR dropped the indent itself.
      let w = width - (first && (this.style.indent || this.style.lostIndent) ? 2 : 0);
      // Kept at ±2 on every line: ±1 on 30% of lines (closer to the modal lengths of real OCR lines)
      // scored higher on built dev pages but lower on the dev OCR pages (h25, session 6).
      if (this.style.ragged) w += this.rng.int(-2, 2);
      w = Math.max(4, w);
      let end = Math.min(text.length, at + w);
      // Spaces at a cut would vanish in OCR text: move the cut past them. Closing marks never
      // open a line in print (kinsoku): they stay at the end of the line above.
      while (end < text.length && (text[end] === ' ' || NO_LINE_START.has(text[end]!))) end++;
      const piece = text.slice(at, end).trim();
      if (piece) out.push(piece);
      at = end;
      first = false;
    }
    return out.length ? out : [text.trim()];
  }

  /** One line per paragraph; some paragraphs broken once or twice in mid-sentence. */
  private breakPieces(text: string): string[] {
    if (text.length < 3 * MIN_PIECE || !this.rng.chance(this.style.midBreaks)) return [text];
    const cuts = this.rng.chance(0.3) ? 2 : 1;
    const at = new Set<number>();
    for (let k = 0; k < cuts; k++) at.add(this.rng.int(MIN_PIECE, text.length - MIN_PIECE));
    const sorted = [...at].sort((a, b) => a - b);
    const out: string[] = [];
    let from = 0;
    for (const c of [...sorted, text.length]) {
      const piece = text.slice(from, c).trim();
      if (piece) out.push(piece);
      from = c;
    }
    return out;
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

/** Marks that print never puts at the start of a line. */
const NO_LINE_START = new Set([...'，。、；：！？）》”’」』,.;:!?)']);

const tail = (s: string): string => s.trim().slice(-JOIN_SIDE);
const head = (s: string): string => s.trim().slice(0, JOIN_SIDE);
