// One set of size limits for everything that crosses the HTTP/IPC boundary, so they agree with
// each other: a request that passes the zod schema always fits in a body the host accepts, and
// an upload the host accepts is a page file the importer accepts.

/** Largest page file the importer reads (same figure as electron/node MAX_PAGE_FILE_BYTES). */
export const MAX_PAGE_FILE_BYTES = 20 * 1024 * 1024;

/** Base64 of one page file at the limit (4 characters per 3 bytes, padded). */
export const MAX_UPLOAD_BASE64_CHARS = 4 * Math.ceil(MAX_PAGE_FILE_BYTES / 3);

/** Largest request body the HTTP host reads; a larger one is answered 413 without reading it. */
export const MAX_REQUEST_BODY_BYTES = 96 * 1024 * 1024;

/** An upload batch the renderer sends in one request: well under the body limit (JSON overhead). */
export const MAX_UPLOAD_BATCH_CHARS = MAX_REQUEST_BODY_BYTES - 4 * 1024 * 1024;

/** Longest header block, and the slowest a client may be sending headers or a body. */
export const MAX_HEADER_BYTES = 16 * 1024;
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 120_000;

/**
 * The largest export zip the browser host sends to the tab as a download (base64 in one answer);
 * a larger one stays in the export folder and the dialog says where.
 */
export const MAX_EXPORT_DOWNLOAD_BYTES = 64 * 1024 * 1024;
