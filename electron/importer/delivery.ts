// Walking a delivery folder: a folder holding a METS (or DIDL) file is one issue. Its page files
// come out in the METS page order with the delivery's facts; the METS file itself, checksum
// manifests and files the METS does not name come out as skipped, each with its reason. Paths in
// the METS are resolved inside the delivery folder only (a reference that leaves it is ignored).
import { open, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { parseDidl } from '../../core/import/didl.ts';
import { parseMets, type Delivery } from '../../core/import/mets.ts';
import { rootElement } from './formats.ts';
import type { DeliveryFacts } from './prepare.ts';

export interface DeliveryEntry {
  path: string;
  display: string;
  folders: string[];
  explicit: false;
  delivery?: DeliveryFacts;
  skip?: string;
}

const METS_NAME = /(^|[_-])mets\.xml$|^mets.*\.xml$|didl.*\.xml$|\.didl$/i;
const MAX_METS_BYTES = 64 * 1024 * 1024;

async function head(path: string): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, 4096, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
}

/** The delivery described by a METS/DIDL file among `names` in `dir`, or null. */
export async function findDelivery(dir: string, names: string[]): Promise<{ file: string; delivery: Delivery } | null> {
  for (const name of names.filter((n) => METS_NAME.test(n))) {
    const path = join(dir, name);
    try {
      const info = await stat(path);
      if (!info.isFile() || info.size > MAX_METS_BYTES) continue;
      const root = rootElement(await head(path));
      if (root !== 'mets' && root !== 'DIDL') continue;
      const raw = await readFile(path, 'utf8');
      const delivery = root === 'mets' ? parseMets(raw, name) : parseDidl(raw, name);
      if (delivery.pages.some((p) => p.textHref)) return { file: name, delivery };
    } catch {
      // A METS that cannot be read is imported (and reported) like any other file.
    }
  }
  return null;
}

/** A METS href (relative path or file: URL) inside `dir`, or null when it points elsewhere. */
function inside(dir: string, href: string | null): string | null {
  if (!href || /^[a-z][a-z0-9+.-]*:\/\//i.test(href.replace(/^file:\/\//i, ''))) return null;
  let rel = href.replace(/^file:\/\//i, '');
  try {
    rel = decodeURIComponent(rel);
  } catch {
    return null;
  }
  const abs = resolve(dir, rel);
  return abs.startsWith(dir + sep) ? abs : null;
}

const exists = async (p: string | null): Promise<boolean> => !!p && (await stat(p).then((s) => s.isFile()).catch(() => false));

/**
 * The entries of a delivery folder: the page files in delivery order, then everything else in
 * the folder's subtree (`others`, absolute paths) as skipped.
 */
export async function deliveryEntries(
  dir: string,
  found: { file: string; delivery: Delivery },
  displayOf: (abs: string) => string,
  folders: string[],
  others: string[],
): Promise<DeliveryEntry[]> {
  const { delivery } = found;
  const used = new Set<string>();
  const out: DeliveryEntry[] = [];
  const metsPath = join(dir, found.file);
  used.add(metsPath);
  for (const page of delivery.pages) {
    let textPath: string | null = null;
    for (const href of [page.textHref, ...page.altTextHrefs]) {
      const p = inside(dir, href);
      if (await exists(p)) {
        textPath = p;
        break;
      }
    }
    if (!textPath) continue;
    const imagePath = inside(dir, page.imageHref);
    used.add(textPath);
    if (imagePath) used.add(imagePath);
    out.push({
      path: textPath,
      display: displayOf(textPath),
      folders,
      explicit: false,
      delivery: {
        source: displayOf(metsPath),
        title: delivery.title,
        date: delivery.date,
        pageNumber: page.pageNumber,
        order: page.order,
        articles: page.articles,
        imagePath: (await exists(imagePath)) ? imagePath : null,
      },
    });
  }
  const what = `${delivery.kind.toUpperCase()} delivery${delivery.title ? ` "${delivery.title}"` : ''}${delivery.date ? ` of ${delivery.date}` : ''}`;
  out.push({ path: metsPath, display: displayOf(metsPath), folders, explicit: false, skip: `${what}: ${out.length} page file(s) imported from it` });
  for (const other of others) {
    if (used.has(other)) continue;
    out.push({ path: other, display: displayOf(other), folders, explicit: false, skip: `not a page of the ${delivery.kind.toUpperCase()} delivery ${relative(dir, metsPath)}` });
  }
  return out;
}

const hidden = (name: string): boolean => name.startsWith('.') || name === 'Thumbs.db' || name === 'desktop.ini';

/** Every file below `dir` (absolute paths, name order), hidden files left out. */
export async function listSubtree(dir: string): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  const out: string[] = [];
  const entries = (await readdir(dir, { withFileTypes: true })).filter((d) => !hidden(d.name));
  entries.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  for (const d of entries) {
    const full = join(dir, d.name);
    if (d.isDirectory()) out.push(...(await listSubtree(full)));
    else if (d.isFile()) out.push(full);
  }
  return out;
}
