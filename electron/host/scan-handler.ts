// 'page.scan': the page's image and line regions for the scan pane. Reading a page needs no role
// beyond what 'page.get' needs; the bytes come from the archive (page-scans.ts), never from a path.
import type { AsyncArchive } from '../archive/async-archive.ts';
import type { PageScan } from '../../shared/scan.ts';

export async function pageScan(archive: AsyncArchive, pageId: number): Promise<PageScan | null> {
  await archive.getPage(pageId); // not-found for a page that does not exist
  const scan = (await archive.getPageScan?.(pageId)) ?? null;
  if (!scan) return null;
  const image = scan.image ? ((await archive.getPageImage?.(pageId)) ?? null) : null;
  return {
    image: image ? { mime: image.mime as NonNullable<PageScan['image']>['mime'], data: image.bytes.toString('base64'), sha256: image.sha256 } : null,
    width: scan.width,
    height: scan.height,
    lines: scan.lines,
    source: scan.source,
  };
}
