// A worker thread of the import pool: decodes, parses and segments one file at a time with the
// importer's own parseFile and the archive's default segmenter, so the writer thread only writes.
// The segmentation goes along with each page as ImportPageInput.engineSegmentation: the archive
// validates it, uses it where it would have run the engine, and still applies a publication's
// learned profile on top.
import { parentPort } from 'node:worker_threads';
import { engineSegmenter } from '../../archive/engine-segmenter.ts';
import { normalizeNewlines } from '../../../core/engine/index.ts';
import { storedSearchDoc } from '../../../core/search/search-doc.ts';
import { ImportFileError } from '../../../core/import/errors.ts';
import { PageFileError } from '../../node/page-file-error.ts';
import { parseFile } from '../index.ts';
import type { ParseReply, ParseRequest } from './protocol.ts';

function handle(request: ParseRequest): ParseReply {
  try {
    const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
    const { format, inputs } = parseFile(request.entry, bytes);
    for (const input of inputs) {
      // The same text and options the archive would segment with (prepareImport).
      const seg = engineSegmenter(normalizeNewlines(input.text), {
        ...(input.pageNumberHint ? { pageNumber: input.pageNumberHint } : {}),
        ...(input.blockBoundaries ? { blockBoundaries: input.blockBoundaries } : {}),
      });
      input.engineSegmentation = seg;
      // The items' search index text, folded here rather than on the writer thread (an import stores
      // items without tags; the archive folds again where a profile changes the items).
      input.engineSearchDocs = seg.items.map((item) => storedSearchDoc({ ...item, tags: [] }));
    }
    return { id: request.id, ok: true, format, inputs };
  } catch (error) {
    const message = error instanceof Error ? error.message || error.name : String(error);
    // The importer's code travels along: it decides between 'skipped' and 'failed'.
    if (error instanceof ImportFileError) return { id: request.id, ok: false, message, code: error.code, file: error.file, ...(error.missing ? { missing: error.missing } : {}) };
    if (error instanceof PageFileError) return { id: request.id, ok: false, message, pageFileCode: error.code, file: error.file };
    return { id: request.id, ok: false, message };
  }
}

if (!parentPort) throw new Error('the import worker runs only as a worker thread');
const port = parentPort;
port.on('message', (request: ParseRequest) => port.postMessage(handle(request)));
