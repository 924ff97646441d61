// ALTO v1–v4 as producers write it, read as a stream (sax.ts): each TextLine is one line, each
// TextBlock a block hint, String@CONTENT the words, SP the spaces — exactly where the file puts
// them, so CJK text with one String per character keeps its real spaces and gains none — and HYP
// the printed hyphen at a line end. Character references are decoded everywhere by the parser.
// Block order follows ReadingOrder when the file has one.
import { ImportFileError } from './errors.ts';
import { coord, joinWordsAt, PageBuilder, positiveInt, type Box, type ParsedPage } from './page-builder.ts';
import { createXmlReader, type XmlReader } from './sax.ts';

type Token = { kind: 'word'; text: string; id: string | null } | { kind: 'space' } | { kind: 'hyphen'; text: string };

interface BufferedLine {
  tokens: Token[];
  box: Box | null;
  id: string | null;
}
interface BufferedBlock {
  /** The block's ID and the IDs of the groups (ComposedBlock) around it. */
  ids: string[];
  lines: BufferedLine[];
}

function boxOf(a: Record<string, string>): Box | null {
  const x = coord(a.HPOS);
  const y = coord(a.VPOS);
  const w = coord(a.WIDTH);
  const h = coord(a.HEIGHT);
  return x === null || y === null || w === null || h === null ? null : [x, y, x + w, y + h];
}

/** One line's text from its tokens, and where each word ID starts in it. */
function lineText(tokens: Token[]): { text: string; ids: [string, number][] } {
  const ids: [string, number][] = [];
  if (tokens.some((t) => t.kind === 'space')) {
    let out = '';
    let pendingSpace = false;
    for (const t of tokens) {
      if (t.kind === 'space') {
        pendingSpace = out.length > 0;
        continue;
      }
      const text = t.text.trim();
      if (!text) continue;
      if (pendingSpace && t.kind === 'word') out += ' ';
      pendingSpace = false;
      if (t.kind === 'word' && t.id) ids.push([t.id, out.length]);
      out += text;
    }
    return { text: out, ids };
  }
  // No SP anywhere in the line: the producer left spacing implicit (joinWordsAt decides).
  const words = tokens.filter((t): t is Extract<Token, { kind: 'word' }> => t.kind === 'word');
  const joined = joinWordsAt(words.map((w) => w.text));
  words.forEach((w, i) => {
    if (w.id) ids.push([w.id, joined.starts[i]!]);
  });
  const hyphen = tokens.filter((t) => t.kind === 'hyphen').map((t) => (t as { text: string }).text.trim()).join('');
  return { text: joined.text + hyphen, ids };
}

/** Blocks in reading order: a reference to a group takes its blocks in document order. */
function ordered(blocks: BufferedBlock[], refs: string[]): BufferedBlock[] {
  if (refs.length === 0) return blocks;
  const seen = new Set<BufferedBlock>();
  const out: BufferedBlock[] = [];
  for (const ref of refs) for (const b of blocks) if (!seen.has(b) && b.ids.includes(ref)) (seen.add(b), out.push(b));
  for (const b of blocks) if (!seen.has(b)) out.push(b);
  return out;
}

export interface AltoOptions {
  /** Keep String@ID → text offset (METS article areas refer to word IDs). */
  keepIds?: boolean;
}

/** A streaming ALTO reader: write chunks, then `finish()` gives the pages. */
export function altoReader(name: string, options: AltoOptions = {}): XmlReader & { finish(): ParsedPage[] } {
  const pages: ParsedPage[] = [];
  const refs: string[] = [];
  let sawAlto = false;
  let sawPage = false;
  let imageName: string | null = null;
  let inFileName = false;
  let page: { builder: PageBuilder; blocks: BufferedBlock[]; groups: string[]; maxX: number; maxY: number } | null = null;
  let block: BufferedBlock | null = null;
  let line: BufferedLine | null = null;

  const reader = createXmlReader(name, {
    open(el, a) {
      switch (el) {
        case 'alto':
          sawAlto = true;
          return;
        case 'fileName':
          inFileName = true;
          return;
        case 'ElementRef':
          if (a.REF) refs.push(...a.REF.split(/\s+/).filter(Boolean));
          return;
        case 'Page': {
          sawPage = true;
          const builder = new PageBuilder(options.keepIds === true);
          builder.width = coord(a.WIDTH) ?? 0;
          builder.height = coord(a.HEIGHT) ?? 0;
          builder.pageNumberHint = positiveInt(a.PRINTED_IMG_NR) ?? positiveInt(a.PHYSICAL_IMG_NR);
          builder.imageName = imageName;
          page = { builder, blocks: [], groups: [], maxX: 0, maxY: 0 };
          return;
        }
        case 'ComposedBlock':
          if (page && a.ID) page.groups.push(a.ID);
          return;
        case 'TextBlock':
          if (page) block = { ids: [...page.groups, ...(a.ID ? [a.ID] : [])], lines: [] };
          return;
        case 'TextLine':
          if (page) line = { tokens: [], box: boxOf(a), id: a.ID ?? null };
          return;
        case 'String':
          line?.tokens.push({ kind: 'word', text: a.CONTENT ?? '', id: a.ID ?? null });
          return;
        case 'SP':
          line?.tokens.push({ kind: 'space' });
          return;
        case 'HYP':
          line?.tokens.push({ kind: 'hyphen', text: a.CONTENT ?? '-' });
          return;
      }
    },
    close(el) {
      switch (el) {
        case 'fileName':
          inFileName = false;
          return;
        case 'TextLine':
          if (line && page) {
            if (line.box) {
              page.maxX = Math.max(page.maxX, line.box[2]);
              page.maxY = Math.max(page.maxY, line.box[3]);
            }
            // A line outside a TextBlock (not valid ALTO, seen in the wild) is a block of its own.
            (block ?? (page.blocks[page.blocks.length] = { ids: [], lines: [] })).lines.push(line);
          }
          line = null;
          return;
        case 'TextBlock':
          if (block && page) page.blocks.push(block);
          block = null;
          return;
        case 'Page': {
          if (!page) return;
          const p = page;
          page = null;
          if (!p.builder.width || !p.builder.height) {
            p.builder.width = p.maxX;
            p.builder.height = p.maxY;
          }
          for (const b of ordered(p.blocks, refs)) {
            p.builder.startBlock();
            b.lines.forEach((l, i) => {
              const { text, ids } = lineText(l.tokens);
              // METS areas may begin at a TextBlock or TextLine ID as well as a String ID.
              const own: [string, number][] = [...(i === 0 ? b.ids.map((id): [string, number] => [id, 0]) : []), ...(l.id ? [[l.id, 0] as [string, number]] : [])];
              p.builder.addLine(text, l.box, options.keepIds ? [...own, ...ids] : []);
            });
          }
          pages.push(p.builder.build(name));
          return;
        }
      }
    },
    text(t) {
      if (inFileName && t.trim()) imageName = (imageName ?? '') + t.trim();
    },
  });
  return {
    write: (c) => reader.write(c),
    close: () => reader.close(),
    finish() {
      if (!sawAlto) throw new ImportFileError('bad-structure', name, 'ALTO without an <alto> root element');
      if (!sawPage) throw new ImportFileError('bad-structure', name, 'ALTO without a <Page> element');
      return pages;
    },
  };
}
