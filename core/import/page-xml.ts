// PAGE XML (PcGts) read as a stream: TextRegion → TextLine → TextEquiv/Unicode (the lowest @index
// when there are several; the words' TextEquiv when the line has none; the region's own text when
// it has no lines), in ReadingOrder (RegionRefIndexed@index, nested groups expanded in place).
// Line boxes come from TextLine/Coords@points.
import { ImportFileError } from './errors.ts';
import { coord, joinWordsAt, PageBuilder, type Box, type ParsedPage } from './page-builder.ts';
import { createXmlReader, type XmlReader } from './sax.ts';

interface Owner {
  kind: 'region' | 'line' | 'word' | 'glyph';
  /** [index, text] of each TextEquiv directly inside. */
  equivs: [number, string][];
  box: Box | null;
  words: Owner[];
  lines: Owner[];
  id: string | null;
}

interface RoNode {
  index: number;
  ref: string | null;
  children: RoNode[];
}

function pointsBox(points: string | undefined): Box | null {
  if (!points) return null;
  const nums = points.split(/[\s,]+/).filter(Boolean).map(Number);
  if (nums.length < 4 || nums.some((n) => !Number.isFinite(n))) return null;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i + 1 < nums.length; i += 2) {
    x0 = Math.min(x0, nums[i]!);
    x1 = Math.max(x1, nums[i]!);
    y0 = Math.min(y0, nums[i + 1]!);
    y1 = Math.max(y1, nums[i + 1]!);
  }
  return [Math.max(0, x0), Math.max(0, y0), x1, y1];
}

const best = (o: Owner): string | null => {
  if (o.equivs.length === 0) return null;
  return [...o.equivs].sort((a, b) => a[0] - b[0])[0]![1];
};

function roRefs(node: RoNode): string[] {
  const out: string[] = [];
  for (const k of [...node.children].sort((a, b) => a.index - b.index)) {
    if (k.ref) out.push(k.ref);
    out.push(...roRefs(k));
  }
  return out;
}

export function pageXmlReader(name: string): XmlReader & { finish(): ParsedPage[] } {
  const pages: ParsedPage[] = [];
  let sawRoot = false;
  let sawPage = false;
  let builder: PageBuilder | null = null;
  let regions: Owner[] = [];
  const owners: Owner[] = [];
  let equiv: { index: number; text: string; inUnicode: boolean } | null = null;
  let ro: RoNode | null = null;
  const roStack: RoNode[] = [];

  const reader = createXmlReader(name, {
    open(el, a) {
      switch (el) {
        case 'PcGts':
          sawRoot = true;
          return;
        case 'Page':
          sawPage = true;
          builder = new PageBuilder();
          builder.width = coord(a.imageWidth) ?? 0;
          builder.height = coord(a.imageHeight) ?? 0;
          builder.imageName = a.imageFilename ?? null;
          regions = [];
          ro = null;
          return;
        case 'ReadingOrder':
          ro = { index: 0, ref: null, children: [] };
          roStack.length = 0;
          roStack.push(ro);
          return;
        case 'OrderedGroup':
        case 'UnorderedGroup':
        case 'OrderedGroupIndexed':
        case 'UnorderedGroupIndexed':
        case 'RegionRef':
        case 'RegionRefIndexed': {
          const parent = roStack[roStack.length - 1];
          if (!parent) return;
          const node: RoNode = { index: Number(a.index ?? parent.children.length), ref: a.regionRef ?? null, children: [] };
          if (!Number.isFinite(node.index)) node.index = parent.children.length;
          parent.children.push(node);
          roStack.push(node);
          return;
        }
        case 'TextRegion':
        case 'TextLine':
        case 'Word':
        case 'Glyph': {
          const kind = el === 'TextRegion' ? 'region' : el === 'TextLine' ? 'line' : el === 'Word' ? 'word' : 'glyph';
          const o: Owner = { kind, equivs: [], box: null, words: [], lines: [], id: a.id ?? null };
          const parent = owners[owners.length - 1];
          if (kind === 'region') regions.push(o);
          else if (kind === 'line' && parent?.kind === 'region') parent.lines.push(o);
          else if (kind === 'word' && parent?.kind === 'line') parent.words.push(o);
          owners.push(o);
          return;
        }
        case 'Coords': {
          const o = owners[owners.length - 1];
          if (o && !o.box) o.box = pointsBox(a.points);
          return;
        }
        case 'TextEquiv':
          equiv = { index: Number(a.index ?? 0) || 0, text: '', inUnicode: false };
          return;
        case 'Unicode':
          if (equiv) equiv.inUnicode = true;
          return;
      }
    },
    close(el) {
      switch (el) {
        case 'OrderedGroup':
        case 'UnorderedGroup':
        case 'OrderedGroupIndexed':
        case 'UnorderedGroupIndexed':
        case 'RegionRef':
        case 'RegionRefIndexed':
          roStack.pop();
          return;
        case 'ReadingOrder':
          roStack.length = 0;
          return;
        case 'TextRegion':
        case 'TextLine':
        case 'Word':
        case 'Glyph':
          owners.pop();
          return;
        case 'Unicode':
          if (equiv) equiv.inUnicode = false;
          return;
        case 'TextEquiv': {
          const o = owners[owners.length - 1];
          if (equiv && o) o.equivs.push([equiv.index, equiv.text]);
          equiv = null;
          return;
        }
        case 'Page': {
          if (!builder) return;
          const b: PageBuilder = builder;
          builder = null;
          let order = regions;
          const refs = ro ? roRefs(ro) : [];
          if (refs.length) {
            const byId = new Map(regions.filter((r) => r.id).map((r) => [r.id!, r]));
            const seen = new Set<Owner>();
            order = [];
            for (const ref of refs) {
              const r = byId.get(ref);
              if (r && !seen.has(r)) (seen.add(r), order.push(r));
            }
            for (const r of regions) if (!seen.has(r)) order.push(r);
          }
          let maxX = 0;
          let maxY = 0;
          for (const region of order) {
            b.startBlock();
            if (region.lines.length > 0) {
              for (const l of region.lines) {
                const text = best(l) ?? joinWordsAt(l.words.map((w) => best(w) ?? '')).text;
                if (l.box) (maxX = Math.max(maxX, l.box[2])), (maxY = Math.max(maxY, l.box[3]));
                b.addLine(text, l.box);
              }
            } else for (const t of (best(region) ?? '').split('\n')) b.addLine(t, null);
          }
          if (!b.width || !b.height) (b.width = maxX), (b.height = maxY);
          pages.push(b.build(name));
          return;
        }
      }
    },
    text(t) {
      if (equiv?.inUnicode) equiv.text += t;
    },
  });
  return {
    write: (c) => reader.write(c),
    close: () => reader.close(),
    finish() {
      if (!sawRoot) throw new ImportFileError('bad-structure', name, 'PAGE XML without a <PcGts> root element');
      if (!sawPage) throw new ImportFileError('bad-structure', name, 'PAGE XML without a <Page> element');
      return pages;
    },
  };
}
