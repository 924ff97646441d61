// One set of limits (shared/limits.ts) that agree with each other: what the importer accepts fits
// in an upload, an upload batch fits in a body the host reads, and every text the schemas accept
// fits in a body (so no valid request is ever answered 413).
import { describe, expect, it } from 'vitest';
import { MAX_PAGE_FILE_BYTES as IMPORTER_MAX } from '../../electron/node/read-page-file.ts';
import { MAX_PAGE_FILE_BYTES, MAX_REQUEST_BODY_BYTES, MAX_UPLOAD_BASE64_CHARS, MAX_UPLOAD_BATCH_CHARS } from '../../shared/limits.ts';
import { channels } from '../../shared/ipc.ts';

describe('limits', () => {
  it('agree with each other', () => {
    expect(MAX_PAGE_FILE_BYTES).toBe(IMPORTER_MAX);
    expect(MAX_UPLOAD_BASE64_CHARS).toBe(Buffer.alloc(MAX_PAGE_FILE_BYTES).toString('base64').length);
    expect(MAX_UPLOAD_BASE64_CHARS).toBeLessThan(MAX_UPLOAD_BATCH_CHARS);
    expect(MAX_UPLOAD_BATCH_CHARS).toBeLessThan(MAX_REQUEST_BODY_BYTES);
    // The largest page text a request carries whole (engine.derive; 4 MiB of UTF-16 units, at most 3 bytes each in UTF-8 JSON) fits.
    const text = channels['engine.derive'].request.shape.text;
    const max = (text as unknown as { maxLength: number | null }).maxLength!;
    expect(max * 3).toBeLessThan(MAX_REQUEST_BODY_BYTES);
  });
});
