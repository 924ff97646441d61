// 0007: the scan beside the text. Page images live IN the archive, deduplicated by SHA-256
// (page_images), so one file still holds everything: backups, restores, crash safety and the
// browser host need nothing beside it. page_scans ties a page to its image and keeps the line
// regions (boxes on the scan, in the coordinate space width × height) taken from the hOCR, ALTO
// or PAGE coordinates, with each line's text so the workspace can re-find a line after edits.
import type { Migration } from './types.ts';

export const migration: Migration = {
  version: 7,
  name: 'page-images',
  up(db) {
    db.exec(`
      CREATE TABLE page_images (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        mime TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg', 'image/tiff', 'image/webp', 'image/gif')),
        size INTEGER NOT NULL CHECK (size > 0),
        bytes BLOB NOT NULL
      );
      CREATE TABLE page_scans (
        page_id INTEGER PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE,
        image_sha256 TEXT REFERENCES page_images(sha256),
        width REAL NOT NULL DEFAULT 0,
        height REAL NOT NULL DEFAULT 0,
        regions_json TEXT NOT NULL DEFAULT '[]',
        source TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX page_scans_image ON page_scans(image_sha256);
    `);
  },
};
