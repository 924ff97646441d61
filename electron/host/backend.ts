// Thin adapters between the hosts and the modules written alongside them (archive, importer,
// engine). Handlers only see these interfaces; the real modules are wired in load-backend.ts.
import type { Actor } from '../archive/archive-api.ts';
import type { AsyncArchive } from '../archive/async-archive.ts';
import type { ImportProgress, ImportReport } from '../../shared/ipc.ts';
import type { Item, ItemKind } from '../../shared/segmentation.ts';
import type { Profile } from '../../core/engine/model/profile.ts';

export interface EngineAdapter {
  /** profile: the page's publication profile, so re-derived items read titles as the page was segmented. */
  deriveItems(text: string, starts: number[], kinds: (ItemKind | null)[], profile?: Profile | null): Item[];
}

export interface ImportRunOptions {
  onProgress: (p: ImportProgress) => void;
  signal?: AbortSignal;
  /** Who imports (the session's profile); the adapter's own actor when absent. */
  actor?: Actor;
}

/** An uploaded file saved to disk: where it is, and the path the user dropped it under. */
export interface UploadedFile {
  path: string;
  /** "FOLDER/2021-10-29/p01.txt" or "p01.txt", with forward slashes. */
  relativePath: string;
}

export interface ImporterAdapter {
  importPaths(paths: string[], archive: AsyncArchive, options: ImportRunOptions): Promise<ImportReport>;
  /** Uploaded files, named and dated by the paths the user dropped them under (not the temp paths). */
  importUploads(files: UploadedFile[], archive: AsyncArchive, options: ImportRunOptions): Promise<ImportReport>;
}

export interface Backend {
  /** The archive behind its asynchronous interface: SQLite in its worker thread, or PostgreSQL. */
  archive: AsyncArchive;
  engine: EngineAdapter;
  importer: ImporterAdapter;
}
