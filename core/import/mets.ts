// METS deliveries (DIDL: didl.ts): a folder whose METS file describes one issue. From the METS:
// the page order (physical structMap), each page's text file (the fileGrp that holds full text
// wins: FULLTEXT/ALTO/TEXT/OCR) and image, the page number (ORDERLABEL, else the page file's
// PHYSICAL_IMG_NR), the title and date (MODS in the dmdSec), and the articles of the
// logical structMap with the ALTO IDs where each begins on each page (direct areas, or via
// structLink to physical page areas). Read as a stream like every XML file.
import { createXmlReader, readXmlString } from './sax.ts';
import { ImportFileError } from './errors.ts';
import type { Box } from './page-builder.ts';

export interface DeliveryArticle {
  id: string;
  /** METS div TYPE, lower case (article, advertisement, illustration, …). */
  type: string;
  label: string | null;
  /** ALTO element IDs (String, TextLine or TextBlock) where the article has text on this page. */
  begins: string[];
  /**
   * Where the article lies on this page's image, when the delivery gives areas instead of IDs
   * (KB DIDL zoning, in the ALTO's pixel space): it begins at the first line inside one of them.
   */
  areas?: Box[];
}

export interface DeliveryPage {
  order: number;
  pageNumber: number | null;
  /** Relative to the METS file's folder. */
  textHref: string | null;
  /** Other text files offered for the page (tried in turn when textHref is missing). */
  altTextHrefs: string[];
  imageHref: string | null;
  articles: DeliveryArticle[];
}

export interface Delivery {
  kind: 'mets' | 'didl';
  title: string | null;
  date: string | null;
  pages: DeliveryPage[];
}

interface FileRec {
  href: string;
  mime: string;
  use: string;
}
interface Div {
  id: string | null;
  type: string;
  label: string | null;
  order: number | null;
  orderLabel: string | null;
  dmdId: string | null;
  fptrs: string[];
  areas: { fileId: string; begin: string | null }[];
  children: Div[];
}

const TEXT_USE = /full\s*text|alto|^text|ocr/i;
const IMAGE_USE = /image|master|default|max|presentation|min|thumb/i;

/**
 * An ISO date from MODS dateIssued or DIDL dc:date (1811-01-27, 18110127). A bare year, and a
 * range of years such as KB's dcterms:issued "1813-1814", are not an issue date.
 */
export function isoDate(v: string | null): string | null {
  if (!v) return null;
  const m = /^(\d{4})-?(\d{2})-?(\d{2})(?!\d)/.exec(v.trim());
  if (!m) return null;
  const [month, day] = [Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

const positive = (v: string | null): number | null => (v && /^\s*\d{1,4}\s*$/.test(v) && Number(v) > 0 ? Number(v) : null);

const NON_ARTICLE = new Set(['issue', 'newspaper', 'volume', 'year', 'month', 'day', 'monograph', 'physsequence', 'page', 'pagearea', 'binding', 'cover_front', 'cover_back', 'title_page', 'header']);

export function parseMets(raw: string, name: string): Delivery {
  const dmd = new Map<string, { title: string | null; date: string | null }>();
  const files = new Map<string, FileRec>();
  const roots: { type: string; div: Div }[] = [];
  const links = new Map<string, string[]>();
  let sawMets = false;
  let curDmd: { id: string; title: string | null; date: string | null } | null = null;
  let capture: 'title' | 'date' | null = null;
  let capText = '';
  let depthInRelated = 0;
  const uses: string[] = [];
  let curFile: (FileRec & { id: string }) | null = null;
  let structType: string | null = null;
  const divs: Div[] = [];
  let inFptr = false;
  const grpLoc = new Map<string, string>();
  let inGrp = false;

  const reader = createXmlReader(name, {
    open(el, a) {
      switch (el) {
        case 'mets':
          sawMets = true;
          return;
        case 'dmdSec':
          curDmd = { id: a.ID ?? '', title: null, date: null };
          return;
        case 'relatedItem':
          if (curDmd) depthInRelated++;
          return;
        case 'title':
          if (curDmd && !depthInRelated && curDmd.title === null) (capture = 'title'), (capText = '');
          return;
        case 'dateIssued':
          if (curDmd && !depthInRelated && curDmd.date === null) (capture = 'date'), (capText = '');
          return;
        case 'fileGrp':
          uses.push(a.USE ?? '');
          return;
        case 'file':
          curFile = { id: a.ID ?? '', href: '', mime: a.MIMETYPE ?? '', use: uses.filter(Boolean).pop() ?? '' };
          return;
        case 'FLocat':
          if (curFile && !curFile.href) curFile.href = a.href ?? '';
          return;
        case 'structMap':
          structType = (a.TYPE ?? '').toLowerCase();
          return;
        case 'div': {
          if (!structType) return;
          const div: Div = {
            id: a.ID ?? null,
            type: (a.TYPE ?? '').toLowerCase(),
            label: a.LABEL ?? null,
            order: positive(a.ORDER ?? null),
            orderLabel: a.ORDERLABEL ?? null,
            dmdId: a.DMDID ?? null,
            fptrs: [],
            areas: [],
            children: [],
          };
          const parent = divs[divs.length - 1];
          if (parent) parent.children.push(div);
          else roots.push({ type: structType, div });
          divs.push(div);
          return;
        }
        case 'fptr': {
          const d = divs[divs.length - 1];
          if (d && a.FILEID) d.fptrs.push(a.FILEID);
          inFptr = true;
          return;
        }
        case 'area': {
          const d = divs[divs.length - 1];
          if (d && inFptr && a.FILEID) d.areas.push({ fileId: a.FILEID, begin: a.BEGIN ?? null });
          return;
        }
        case 'smLink':
          if (a.from && a.to) links.set(a.from, [...(links.get(a.from) ?? []), a.to]);
          return;
        case 'smLinkGrp':
          inGrp = true;
          grpLoc.clear();
          return;
        case 'smLocatorLink':
          if (inGrp && a.label && a.href) grpLoc.set(a.label, a.href.replace(/^#/, ''));
          return;
        case 'smArcLink': {
          const from = a.from ? grpLoc.get(a.from) : undefined;
          const to = a.to ? grpLoc.get(a.to) : undefined;
          if (from && to) links.set(from, [...(links.get(from) ?? []), to]);
          return;
        }
      }
    },
    close(el) {
      switch (el) {
        case 'dmdSec':
          if (curDmd) dmd.set(curDmd.id, { title: curDmd.title, date: curDmd.date });
          curDmd = null;
          return;
        case 'relatedItem':
          if (curDmd) depthInRelated--;
          return;
        case 'title':
        case 'dateIssued':
          if (curDmd && capture) {
            const v = capText.replace(/\s+/g, ' ').trim() || null;
            if (capture === 'title') curDmd.title = v;
            else curDmd.date = v;
          }
          capture = null;
          return;
        case 'fileGrp':
          uses.pop();
          return;
        case 'file':
          if (curFile?.id && curFile.href) files.set(curFile.id, curFile);
          curFile = null;
          return;
        case 'structMap':
          structType = null;
          return;
        case 'div':
          if (structType) divs.pop();
          return;
        case 'fptr':
          inFptr = false;
          return;
        case 'smLinkGrp':
          inGrp = false;
          return;
      }
    },
    text(t) {
      if (capture) capText += t;
    },
  });
  readXmlString(raw, reader);
  if (!sawMets) throw new ImportFileError('bad-structure', name, 'METS without a <mets> root element');

  const all = (d: Div): Div[] => [d, ...d.children.flatMap(all)];
  const physical = roots.filter((r) => r.type === 'physical').flatMap((r) => all(r.div));
  const logical = roots.filter((r) => r.type === 'logical').flatMap((r) => all(r.div));
  const pageDivs = physical.filter((d) => d.type === 'page');
  const areaById = new Map(physical.filter((d) => d.id).map((d) => [d.id!, d]));

  // The descriptive metadata: the dmdSec of the top logical (or physical) div, else the first.
  const topDmd = [...logical, ...physical].find((d) => d.dmdId && dmd.has(d.dmdId.split(/\s+/)[0]!))?.dmdId?.split(/\s+/)[0];
  const meta = (topDmd ? dmd.get(topDmd) : undefined) ?? [...dmd.values()][0] ?? { title: null, date: null };

  const textFileOf = (fileIds: string[]): string[] => {
    const recs = fileIds.map((id) => files.get(id)).filter((f): f is FileRec => !!f && !/^image\//.test(f.mime));
    const ranked = [...recs.filter((f) => TEXT_USE.test(f.use)), ...recs.filter((f) => !TEXT_USE.test(f.use))];
    return ranked.map((f) => f.href);
  };

  // Articles: each logical div that is not a container, with its areas (direct, or through links).
  const articles: { div: Div; areas: { fileId: string; begin: string | null }[] }[] = [];
  for (const d of logical) {
    if (NON_ARTICLE.has(d.type) || !d.id) continue;
    const areas = [...d.areas];
    for (const target of links.get(d.id) ?? []) {
      const p = areaById.get(target);
      if (p && p.type !== 'page') for (const sub of all(p)) areas.push(...sub.areas);
    }
    if (areas.some((a) => a.begin)) articles.push({ div: d, areas });
  }

  const pages: DeliveryPage[] = pageDivs.map((d, i) => {
    const fileIds = [...d.fptrs, ...d.children.flatMap(all).flatMap((c) => c.areas.map((a) => a.fileId))];
    const texts = [...new Set(textFileOf(fileIds))];
    const image = fileIds.map((id) => files.get(id)).find((f) => f && (/^image\//.test(f.mime) || IMAGE_USE.test(f.use)));
    const myFiles = new Set(fileIds);
    const pageArticles: DeliveryArticle[] = [];
    for (const art of articles) {
      const begins = art.areas.filter((a) => a.begin && myFiles.has(a.fileId) && !/^image\//.test(files.get(a.fileId)?.mime ?? '')).map((a) => a.begin!);
      if (begins.length) pageArticles.push({ id: art.div.id!, type: art.div.type, label: art.div.label, begins });
    }
    return {
      order: d.order ?? i + 1,
      pageNumber: positive(d.orderLabel),
      textHref: texts[0] ?? null,
      altTextHrefs: texts.slice(1),
      imageHref: image?.href ?? null,
      articles: pageArticles,
    };
  });
  pages.sort((a, b) => a.order - b.order);
  return { kind: 'mets', title: meta.title, date: isoDate(meta.date), pages };
}
