// 0017: the search index and the items stop holding copies of the page text (issue 15, the lean
// archive).
//
// 1. items_fts becomes a contentless FTS5 table (content='', contentless_delete=1): the index
//    alone, with no search_docs table beside it holding the folded text a second time. The
//    archive writes an item's folded, padded text straight into the index (../page-rows.ts) and
//    checks substrings against the item's own text at search time (../search-text.ts). Deleting
//    an item deletes its index row (the trigger below). The index keeps its tokenizer, detail and
//    column order, so ranking (bm25 8/1/4/4) and the one- and two-character vocabulary lookups do
//    not change. The new index is filled from search_docs as it stands (already folded and padded),
//    so no live code is needed; items still listed in search_refold are finished on open as before.
// 2. items.paragraphs_json refers to the page's imported text instead of copying it
//    (../paragraph-refs.ts: a paragraph is an array of [offset, length] pieces and literal text).
//    Only rows that are sound are rewritten: a page whose row checksum (0009) or item set (0014)
//    does not match keeps every item as it is, and so does an item whose own checksum does not
//    match, so `galley verify` still names the damage instead of the rewrite sealing it. The rows
//    rewritten get new checksums from 0009's trigger, and their page's item set is sealed again.
//
// Frozen: the encoder, the base text rule, the checksum digests and columns are copied as they
// were when this was written.
import { createHash } from 'node:crypto';
import type { Migration } from './types.ts';
import { itemSetDigest } from './0014-item-sets.ts';

const CHECKSUM_FUNCTION = 'galley_sha256';
const PAGE_COLUMNS = ['raw_text', 'text', 'masthead_json'] as const;
const ITEM_COLUMNS = [
  'page_id', 'ord', 'kind', 'start_offset', 'end_offset', 'kicker', 'headline', 'subheadline', 'series', 'byline',
  'paragraphs_json', 'continued_on', 'continued_from', 'flags_json', 'edited_fields_json',
] as const;
const digest = (values: unknown[]): string => createHash('sha256').update(JSON.stringify(values)).digest('hex');
const EMPTY_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const MIN_PIECE = 4;
const SLACK = 4096;

function baseText(page: { raw_text: string; text: string; content_hash: string }): string {
  if (page.raw_text !== '') return page.raw_text;
  return page.content_hash === EMPTY_HASH ? '' : page.text;
}

function encodeParagraph(p: string, hay: string, from: number, cursor: { at: number }): string | (string | number)[] {
  const whole = p.length >= MIN_PIECE ? hay.indexOf(p, cursor.at) : -1;
  if (whole >= 0) {
    cursor.at = whole + p.length;
    return [from + whole, p.length];
  }
  const pieces: (string | number)[] = [];
  let literal = '';
  let i = 0;
  while (i < p.length) {
    const at = p.length - i >= MIN_PIECE ? hay.indexOf(p.slice(i, i + MIN_PIECE), cursor.at) : -1;
    if (at < 0) {
      literal += p[i];
      i++;
      continue;
    }
    let n = 0;
    while (i + n < p.length && at + n < hay.length && hay.charCodeAt(at + n) === p.charCodeAt(i + n)) n++;
    if (literal) pieces.push(literal);
    literal = '';
    pieces.push(from + at, n);
    cursor.at = at + n;
    i += n;
  }
  if (literal) pieces.push(literal);
  return pieces.length === 1 && typeof pieces[0] === 'string' ? pieces[0] : pieces;
}

function encodeParagraphs(paragraphs: readonly string[], base: string, start: number, end: number): string {
  if (base === '' || paragraphs.length === 0) return JSON.stringify(paragraphs);
  const from = Math.max(0, Math.min(start, base.length) - SLACK);
  const to = Math.min(base.length, Math.max(end, from) + SLACK);
  const hay = base.slice(from, to);
  const cursor = { at: 0 };
  return JSON.stringify(paragraphs.map((p) => encodeParagraph(p, hay, from, cursor)));
}

type ItemRow = Record<(typeof ITEM_COLUMNS)[number], unknown> & { id: number; checksum: string | null; paragraphs_json: string; start_offset: number; end_offset: number };
type PageRow = { id: number; checksum: string | null; content_hash: string; raw_text: string; text: string; masthead_json: string | null };

export const migration: Migration = {
  version: 17,
  name: 'lean-search-items',
  up(db) {
    db.function(CHECKSUM_FUNCTION, { deterministic: true, varargs: true }, (...values: unknown[]) => digest(values));
    db.exec(`
      DROP TRIGGER IF EXISTS search_docs_ai;
      DROP TRIGGER IF EXISTS search_docs_ad;
      DROP TRIGGER IF EXISTS search_docs_au;
      DROP TABLE IF EXISTS items_fts_vocab;
      DROP TABLE IF EXISTS items_fts;
      CREATE VIRTUAL TABLE items_fts USING fts5(
        headline, body, people, tags,
        content = '', contentless_delete = 1,
        tokenize = 'trigram', detail = column
      );
      CREATE VIRTUAL TABLE items_fts_vocab USING fts5vocab(items_fts, 'row');
      INSERT INTO items_fts(rowid, headline, body, people, tags)
        SELECT d.item_id, d.headline, d.body, d.people, d.tags FROM search_docs d JOIN items i ON i.id = d.item_id;
      DROP TABLE IF EXISTS search_pending;
      DROP TABLE search_docs;
      CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
        DELETE FROM items_fts WHERE rowid = old.id;
      END;`);

    // Paragraphs as references, a batch of pages at a time (a decade does not fit in memory).
    const pages = db.prepare(`SELECT id, checksum, content_hash, raw_text, text, masthead_json FROM pages WHERE id > ? ORDER BY id LIMIT 200`);
    const items = db.prepare(`SELECT id, checksum, ${ITEM_COLUMNS.join(', ')} FROM items WHERE page_id = ? ORDER BY ord, id`);
    const itemSet = db.prepare('SELECT item_count, checksum FROM item_sets WHERE page_id = ?');
    const update = db.prepare('UPDATE items SET paragraphs_json = ? WHERE id = ?');
    const checksums = db.prepare('SELECT id, checksum FROM items WHERE page_id = ? ORDER BY ord, id');
    const seal = db.prepare('UPDATE item_sets SET checksum = ? WHERE page_id = ?');
    for (let after = 0, batch = pages.all(after) as PageRow[]; batch.length > 0; batch = pages.all(after) as PageRow[]) {
      for (const page of batch) {
        if (page.checksum !== digest(PAGE_COLUMNS.map((c) => page[c] ?? null))) continue;
        const rows = items.all(page.id) as ItemRow[];
        const set = itemSet.get(page.id) as { item_count: number; checksum: string } | undefined;
        if (!set || set.item_count !== rows.length || set.checksum !== itemSetDigest(rows)) continue;
        const base = baseText(page);
        let changed = false;
        for (const r of rows) {
          if (r.checksum !== digest(ITEM_COLUMNS.map((c) => r[c] ?? null))) continue;
          const paragraphs = JSON.parse(r.paragraphs_json) as unknown;
          if (!Array.isArray(paragraphs) || !paragraphs.every((p) => typeof p === 'string')) continue;
          const lean = encodeParagraphs(paragraphs as string[], base, r.start_offset, r.end_offset);
          if (lean.length >= r.paragraphs_json.length) continue;
          update.run(lean, r.id);
          changed = true;
        }
        if (changed) seal.run(itemSetDigest(checksums.all(page.id) as { id: number; checksum: string | null }[]), page.id);
      }
      after = batch[batch.length - 1]!.id;
    }
  },
};
