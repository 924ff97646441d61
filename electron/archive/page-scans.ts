// The archive's page images and line regions (migration 0007). Part of the archive (it writes
// SQL); called by sqlite-archive.ts inside the import transaction, so a page and its scan are
// stored together or not at all. Images are deduplicated by SHA-256.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Db } from './db.ts';

export const IMAGE_MIMES = ['image/png', 'image/jpeg', 'image/tiff', 'image/webp', 'image/gif'] as const;
/** Largest page image stored: a 600 dpi newspaper page as JPEG is 10-30 MB. */
export const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

const box = z.tuple([z.number().finite().nonnegative(), z.number().finite().nonnegative(), z.number().finite(), z.number().finite()]);
export const lineRegionSchema = z.object({ line: z.number().int().nonnegative(), box, text: z.string().max(10_000).optional() });
export const pageScanInputSchema = z.object({
  image: z
    .object({
      bytes: z.instanceof(Uint8Array).refine((b) => b.length > 0 && b.length <= MAX_IMAGE_BYTES, `an image must hold 1 byte to ${MAX_IMAGE_BYTES} bytes`),
      mime: z.enum(IMAGE_MIMES),
    })
    .nullable()
    .optional(),
  regions: z.object({ width: z.number().finite().nonnegative(), height: z.number().finite().nonnegative(), lines: z.array(lineRegionSchema).max(200_000) }).nullable().optional(),
  /** Where the regions came from: alto, hocr, page-xml, ocr (a scan OCR'd by Galley). */
  source: z.string().min(1).max(40),
});
export type PageScanInput = z.infer<typeof pageScanInputSchema>;
export type LineRegionRecord = z.infer<typeof lineRegionSchema>;

export interface PageScanRecord {
  pageId: number;
  image: { sha256: string; mime: string; size: number } | null;
  width: number;
  height: number;
  lines: LineRegionRecord[];
  source: string;
}

export function putPageScan(db: Db, pageId: number, scan: PageScanInput, at: string): void {
  let sha: string | null = null;
  if (scan.image) {
    sha = createHash('sha256').update(scan.image.bytes).digest('hex');
    db.stmt('pageImages.insert', 'INSERT OR IGNORE INTO page_images(sha256, mime, size, bytes) VALUES (?, ?, ?, ?)').run(
      sha,
      scan.image.mime,
      scan.image.bytes.length,
      Buffer.from(scan.image.bytes.buffer, scan.image.bytes.byteOffset, scan.image.bytes.byteLength),
    );
  }
  const previous = db.stmt('pageScans.image', 'SELECT image_sha256 AS sha FROM page_scans WHERE page_id = ?').get<{ sha: string | null }>(pageId);
  db.stmt(
    'pageScans.upsert',
    `INSERT INTO page_scans(page_id, image_sha256, width, height, regions_json, source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(page_id) DO UPDATE SET image_sha256 = coalesce(excluded.image_sha256, page_scans.image_sha256), width = excluded.width,
       height = excluded.height, regions_json = excluded.regions_json, source = excluded.source, updated_at = excluded.updated_at`,
  ).run(pageId, sha, scan.regions?.width ?? 0, scan.regions?.height ?? 0, JSON.stringify(scan.regions?.lines ?? []), scan.source, at);
  if (previous?.sha && sha && previous.sha !== sha) dropUnusedImage(db, previous.sha);
}

/** An image no page refers to any more is deleted (a re-imported page got a new scan). */
function dropUnusedImage(db: Db, sha: string): void {
  const used = db.stmt('pageScans.usesImage', 'SELECT 1 AS x FROM page_scans WHERE image_sha256 = ? LIMIT 1').get(sha);
  if (!used) db.stmt('pageImages.delete', 'DELETE FROM page_images WHERE sha256 = ?').run(sha);
}

export function getPageScan(db: Db, pageId: number): PageScanRecord | null {
  const row = db
    .stmt(
      'pageScans.get',
      `SELECT s.page_id, s.image_sha256, s.width, s.height, s.regions_json, s.source, i.mime, i.size
       FROM page_scans s LEFT JOIN page_images i ON i.sha256 = s.image_sha256 WHERE s.page_id = ?`,
    )
    .get<{ page_id: number; image_sha256: string | null; width: number; height: number; regions_json: string; source: string; mime: string | null; size: number | null }>(pageId);
  if (!row) return null;
  const lines = z.array(lineRegionSchema).safeParse(JSON.parse(row.regions_json));
  return {
    pageId: row.page_id,
    image: row.image_sha256 && row.mime ? { sha256: row.image_sha256, mime: row.mime, size: row.size ?? 0 } : null,
    width: row.width,
    height: row.height,
    lines: lines.success ? lines.data : [],
    source: row.source,
  };
}

export function getPageImage(db: Db, pageId: number): { mime: string; bytes: Buffer; sha256: string } | null {
  const row = db
    .stmt('pageImages.ofPage', 'SELECT i.mime, i.bytes, i.sha256 FROM page_scans s JOIN page_images i ON i.sha256 = s.image_sha256 WHERE s.page_id = ?')
    .get<{ mime: string; bytes: Buffer; sha256: string }>(pageId);
  return row ?? null;
}
