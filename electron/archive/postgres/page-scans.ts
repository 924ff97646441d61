// Page images and line regions on PostgreSQL (as ../page-scans.ts): written inside the import
// transaction, images deduplicated by SHA-256 and stored as bytea.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { lineRegionSchema, type PageScanInput, type PageScanRecord } from '../page-scans.ts';
import { isRowId, type PgContext, type PgQuery } from './context.ts';

export async function putPageScan(q: PgQuery, pageId: number, scan: PageScanInput, at: string): Promise<void> {
  let sha: string | null = null;
  if (scan.image) {
    sha = createHash('sha256').update(scan.image.bytes).digest('hex');
    await q.run('pageImages.insert', 'INSERT INTO page_images(sha256, mime, size, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING', [
      sha,
      scan.image.mime,
      scan.image.bytes.length,
      Buffer.from(scan.image.bytes.buffer, scan.image.bytes.byteOffset, scan.image.bytes.byteLength),
    ]);
  }
  const previous = await q.one<{ sha: string | null }>('pageScans.image', 'SELECT image_sha256 AS sha FROM page_scans WHERE page_id = $1', [pageId]);
  await q.run(
    'pageScans.upsert',
    `INSERT INTO page_scans(page_id, image_sha256, width, height, regions_json, source, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (page_id) DO UPDATE SET image_sha256 = coalesce(excluded.image_sha256, page_scans.image_sha256), width = excluded.width,
       height = excluded.height, regions_json = excluded.regions_json, source = excluded.source, updated_at = excluded.updated_at`,
    [pageId, sha, scan.regions?.width ?? 0, scan.regions?.height ?? 0, JSON.stringify(scan.regions?.lines ?? []), scan.source, at],
  );
  // An image no page refers to any more is deleted (a re-imported page got a new scan).
  if (previous?.sha && sha && previous.sha !== sha) {
    await q.run('pageImages.dropUnused', 'DELETE FROM page_images WHERE sha256 = $1 AND NOT EXISTS (SELECT 1 FROM page_scans WHERE image_sha256 = $1)', [previous.sha]);
  }
}

export function getPageScan(ctx: PgContext, pageId: number): Promise<PageScanRecord | null> {
  return ctx.read(async (q) => {
    if (!isRowId(pageId)) return null;
    const row = await q.one<{ page_id: number; image_sha256: string | null; width: number; height: number; regions_json: string; source: string; mime: string | null; size: number | null }>(
      'pageScans.get',
      `SELECT s.page_id, s.image_sha256, s.width, s.height, s.regions_json, s.source, i.mime, i.size
       FROM page_scans s LEFT JOIN page_images i ON i.sha256 = s.image_sha256 WHERE s.page_id = $1`,
      [pageId],
    );
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
  });
}

export function getPageImage(ctx: PgContext, pageId: number): Promise<{ mime: string; bytes: Buffer; sha256: string } | null> {
  return ctx.read(async (q) => {
    if (!isRowId(pageId)) return null;
    const row = await q.one<{ mime: string; bytes: Buffer; sha256: string }>(
      'pageImages.ofPage',
      'SELECT i.mime, i.bytes, i.sha256 FROM page_scans s JOIN page_images i ON i.sha256 = s.image_sha256 WHERE s.page_id = $1',
      [pageId],
    );
    return row ?? null;
  });
}
