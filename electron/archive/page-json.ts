// A page as the JSON text page.get answers with, made where the page is read (the archive's
// worker thread). Posting the record object to the host thread cost a structured clone of every
// item (~115 ms CPU for 10,000 items) and the host then serialised it again (~35 ms) on the thread
// that answers every other request; one string crosses the threads for the cost of a copy, and
// the HTTP host sends it as it is (electron/host/dispatch.ts, http-host.ts). The tab checks it on
// arrival (shared/page-record-check.ts), so it is validated once, where it crosses the network.
import type { PageRecord } from '../../shared/domain.ts';
import { wirePageOf } from '../../shared/page-wire.ts';

/** The page's JSON text and the two sizes the page size limit is checked on (shared/page-limits.ts). */
export interface PageJson {
  json: string;
  textChars: number;
  itemCount: number;
}

export function pageJson(page: PageRecord): PageJson {
  // The lean wire form (shared/page-wire.ts); SQLite builds it from its rows (page-lean.ts).
  return { json: wirePageOf(page), textChars: page.text.length, itemCount: page.items.length };
}
