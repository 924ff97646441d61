// DIDL deliveries (MPEG-21 DIDL as the KB writes it for Delpher newspapers): one issue Item whose
// metadata Component holds dc:title and dc:date, then one Item per page whose Components are
// named by a role Statement ("alto", "image/preservation", "metadata" with ddd:nativePageNumber),
// with the page's articles as Items below it (their zoning areas, in the ALTO's pixel space, are
// where each article lies on the page). KB's Resources point to its resolver (an http URL)
// and name the delivered file in dcx:filename, so a file is found by its local `ref`, else by
// that filename. A DIDL without role Statements is read the simple way: every local XML Resource
// is a page, in document order. Read as a stream like every XML file.
import { ImportFileError } from './errors.ts';
import { isoDate, type Delivery, type DeliveryArticle, type DeliveryPage } from './mets.ts';
import type { Box } from './page-builder.ts';
import { createXmlReader, readXmlString } from './sax.ts';

interface Resource {
  ref: string | null;
  filename: string | null;
  mime: string;
}
interface Component {
  role: string | null;
  resources: Resource[];
}
interface Item {
  role: string | null;
  components: Component[];
  nativePage: number | null;
  articleId: string | null;
  subject: string | null;
  title: string | null;
  areas: Box[];
  /** The articles found below this Item (for a page Item: its articles). */
  articles: DeliveryArticle[];
}

/** KB's dc:subject of an article, as the METS types prepare.ts knows (artikel is an article). */
const TYPE_OF_SUBJECT: Record<string, string> = {
  artikel: 'article',
  advertentie: 'advertisement',
  familiebericht: 'notice',
  'illustratie met onderschrift': 'illustration',
};

const isUrl = (v: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(v) && !/^file:/i.test(v);
/** The file a Resource stands for inside the delivery: its local ref, else the file KB names. */
const fileOf = (r: Resource): string | null => (r.ref && !isUrl(r.ref) ? r.ref : r.filename);
const positive = (v: string): number | null => (/^\s*\d{1,4}\s*$/.test(v) && Number(v) > 0 ? Number(v) : null);
const isText = (r: Resource): boolean => {
  const f = fileOf(r);
  return !!f && (/\.xml$/i.test(f) || /alto/i.test(r.mime));
};

// KB gives each article's own text a component of role "ocr" (`*_articletext.xml`); those are
// not pages, so only an Item that is not an article, with an ALTO component, is a page.
const TEXT_ROLE = /^(alto|fulltext)$/i;
const IMAGE_ROLES = ['image/preservation', 'image', 'image/access'];

function pageOf(item: Item, order: number): DeliveryPage | null {
  const role = (c: Component): string => (c.role ?? '').trim().toLowerCase();
  if (/^article\b/i.test((item.role ?? '').trim())) return null;
  const texts = item.components.filter((c) => TEXT_ROLE.test(role(c))).flatMap((c) => c.resources.filter(isText).map(fileOf));
  if (texts.length === 0) return null;
  let image: string | null = null;
  for (const r of IMAGE_ROLES) {
    const c = item.components.find((x) => role(x) === r);
    const f = c?.resources.map(fileOf).find((x) => x);
    if (f) {
      image = f;
      break;
    }
  }
  const fromRole = /^page\s+(\d{1,4})$/i.exec((item.role ?? '').trim());
  return {
    order,
    pageNumber: item.nativePage ?? (fromRole ? positive(fromRole[1]!) : null),
    textHref: texts[0]!,
    altTextHrefs: texts.slice(1) as string[],
    imageHref: image,
    articles: item.articles,
  };
}

export function parseDidl(raw: string, name: string): Delivery {
  const items: Item[] = [];
  const pages: DeliveryPage[] = [];
  const loose: Resource[] = [];
  let component: Component | null = null;
  let title: string | null = null;
  let date: string | null = null;
  let capture: 'title' | 'date' | 'role' | 'page' | 'subject' | 'articleTitle' | null = null;
  let buf = '';
  let sawRoot = false;
  const reader = createXmlReader(name, {
    open(el, a) {
      if (el === 'DIDL') sawRoot = true;
      else if (el === 'Item') items.push({ role: null, components: [], nativePage: null, articleId: a.article_id ?? a.identifier ?? null, subject: null, title: null, areas: [], articles: [] });
      else if (el === 'Component') component = { role: null, resources: [] };
      else if (el === 'Statement' && a.type === 'role') (capture = 'role'), (buf = '');
      else if (el === 'nativePageNumber' && items.length > 0) (capture = 'page'), (buf = '');
      else if (el === 'subject' && items.length > 1) (capture = 'subject'), (buf = '');
      else if (el === 'title' && items.length > 1 && items[items.length - 1]!.title === null) (capture = 'articleTitle'), (buf = '');
      else if (el === 'area' && items.length > 1) {
        const [x, y, w, h] = [a.hpos, a.vpos, a.width, a.height].map((v) => Number(v));
        if ([x, y, w, h].every((v) => Number.isFinite(v) && v! >= 0) && w! > 0 && h! > 0) items[items.length - 1]!.areas.push([x!, y!, x! + w!, y! + h!]);
      }
      // The facts sit in the issue Item; titles further down belong to articles.
      else if (el === 'title' && title === null && items.length <= 1) (capture = 'title'), (buf = '');
      else if ((el === 'date' || el === 'issued') && date === null && items.length <= 1) (capture = 'date'), (buf = '');
      else if (el === 'Resource') {
        const r: Resource = { ref: a.ref ?? null, filename: a.filename ?? null, mime: a.mimeType ?? '' };
        if (component) (component as Component).resources.push(r);
        if (fileOf(r) && isText(r)) loose.push(r);
      }
    },
    close(el) {
      if (capture === 'role' && el === 'Statement') {
        const v = buf.trim() || null;
        if (component) (component as Component).role = v;
        else if (items.length > 0) items[items.length - 1]!.role = v;
        capture = null;
      } else if (capture === 'page' && el === 'nativePageNumber') {
        items[items.length - 1]!.nativePage = positive(buf);
        capture = null;
      } else if (capture === 'subject' && el === 'subject') {
        items[items.length - 1]!.subject = buf.trim().toLowerCase() || null;
        capture = null;
      } else if (capture === 'articleTitle' && el === 'title') {
        items[items.length - 1]!.title = buf.trim() || null;
        capture = null;
      } else if (capture === 'title' && el === 'title') {
        title = buf.trim() || null;
        capture = null;
      } else if (capture === 'date' && (el === 'date' || el === 'issued')) {
        // A year range ("1813-1814") is no issue date; a later date element may still give one.
        date = isoDate(buf.trim() || null);
        capture = null;
      } else if (el === 'Component' && component) {
        if (items.length > 0) items[items.length - 1]!.components.push(component);
        component = null;
      } else if (el === 'Item') {
        const item = items.pop()!;
        const page = pageOf(item, pages.length + 1);
        if (page) pages.push(page);
        else if (item.areas.length > 0 && items.length > 0) {
          // An article with areas on its parent: the page's article (KB nests each page's
          // articles in the page Item; the issue-level copies land on the issue, which is no page).
          const type = TYPE_OF_SUBJECT[item.subject ?? ''] ?? 'article';
          items[items.length - 1]!.articles.push({ id: item.articleId ?? `article-${items[items.length - 1]!.articles.length + 1}`, type, label: item.title, begins: [], areas: item.areas });
        }
      }
    },
    text(t) {
      if (capture) buf += t;
    },
  });
  readXmlString(raw, reader);
  if (!sawRoot) throw new ImportFileError('bad-structure', name, 'DIDL without a <DIDL> root element');
  if (pages.length > 0) return { kind: 'didl', title, date, pages };
  // No page Items with a text role: the simple form, every local XML Resource a page.
  const simple = loose.map((r, i): DeliveryPage => ({ order: i + 1, pageNumber: null, textHref: fileOf(r), altTextHrefs: [], imageHref: null, articles: [] }));
  return { kind: 'didl', title, date, pages: simple };
}
