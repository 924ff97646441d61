// 0006: a covering index for the library's issue list. Counting an issue's proofed pages read
// every page row, and a page row carries its whole text (overflow pages), so listing 2,500
// issues took hundreds of milliseconds; (issue_id, state) answers both counts from the index.
import type { Migration } from './types.ts';

export const migration: Migration = {
  version: 6,
  name: 'page-state-index',
  up(db) {
    db.exec(`CREATE INDEX pages_issue_state ON pages(issue_id, state);`);
  },
};
