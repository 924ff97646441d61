// DIDL deliveries (MPEG-21 DIDL as the KB writes it for Delpher newspapers): one issue Item whose
// metadata Component holds dc:title and dc:date, then one Item per page whose Components are
// named by a role Statement ("alto", "image/preservation", "metadata" with ddd:nativePageNumber),
// with the page's articles as Items below it. KB's Resources point to its resolver (an http URL)
// and name the delivered file in dcx:filename, so a file is found by its local `ref`, else by
// that filename. A DIDL without role Statements is read the simple way: every local XML Resource
// is a page, in document order. Read as a stream like every XML file.
import { ImportFileError } from './errors.ts';
import { isoDate, type Delivery, type DeliveryPage } from './mets.ts';
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
}

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
    articles: [],
  };
}

export function parseDidl(raw: string, name: string): Delivery {
  const items: Item[] = [];
  const pages: DeliveryPage[] = [];
  const loose: Resource[] = [];
  let component: Component | null = null;
  let title: string | null = null;
  let date: string | null = null;
  let capture: 'title' | 'date' | 'role' | 'page' | null = null;
  let buf = '';
  let sawRoot = false;
  const reader = createXmlReader(name, {
    open(el, a) {
      if (el === 'DIDL') sawRoot = true;
      else if (el === 'Item') items.push({ role: null, components: [], nativePage: null });
      else if (el === 'Component') component = { role: null, resources: [] };
      else if (el === 'Statement' && a.type === 'role') (capture = 'role'), (buf = '');
      else if (el === 'nativePageNumber' && items.length > 0) (capture = 'page'), (buf = '');
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
