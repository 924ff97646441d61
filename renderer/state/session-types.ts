// The open page's session as the store holds it (state and actions of session-slice.ts).
import type { EditableField, PageRecord, PageState } from '../../shared/domain.ts';
import type { PageScan } from '../../shared/scan.ts';
import type { Masthead } from '../../shared/segmentation.ts';
import type { FieldValue, History, PageDoc, Role, TextChange } from '../model/page-model.ts';
import type { HostReason } from './slice.ts';
import type { PreviewProfile } from '../engine/messages.ts';

export type SaveState = 'saved' | 'pending' | 'saving' | 'error';

export interface PageSession {
  pageId: number;
  issueId: number;
  pageNumber: number | null;
  sourceName: string;
  state: PageState;
  masthead: Masthead | null;
  /** Revision of the archive copy the next save starts from. */
  revision: number;
  history: History;
  /** The doc the archive holds (as far as we know). */
  savedDoc: PageDoc;
  selected: number;
  /** Bumped when the editor should reveal the selected item's span. */
  revealSeq: number;
  /** Which model (and publication profile) segmented the page; null for pages stored before the model. */
  model: PageRecord['model'] | null;
  previewProfile?: PreviewProfile; // the worker's publication profile (engine.profile); null: base model
}

export interface SessionState {
  session: PageSession | null;
  loadingPage: boolean;
  saveState: SaveState;
  saveError: string | null;
  /** The code of the last save failure (disk full, read-only…), for wording it (renderer/messages.ts). */
  saveErrorReason: HostReason | null;
  /** Number of structural changes waiting for the host's engine. */
  busy: number;
}

export interface SessionActions {
  /** quiet: a failure (e.g. a remembered page that is gone) is not reported. */
  openPage(pageId: number, options?: { quiet?: boolean }): Promise<void>;
  split(offset: number): Promise<void>;
  mergeItem(index: number): Promise<void>;
  /** Merge the item starting on the line at `offset` into the previous one; false when not an item's first line. */
  mergeAtLine(offset: number): Promise<boolean>;
  moveStart(index: number, deltaLines: number): Promise<void>;
  moveStartTo(index: number, offset: number): Promise<void>;
  setField<F extends EditableField>(index: number, field: F, value: FieldValue<F>): void;
  assignRole(offset: number, role: Role): void;
  /** The editor confirms item `index`'s split and titles: it is no longer a doubt (one undo step). */
  confirmItem(index: number): void;
  editText(changes: TextChange[]): void;
  undo(): void;
  redo(): void;
  select(index: number, reveal: boolean): void;
  setPageState(state: PageState): Promise<void>;
  /** Saves now what is unsaved (after the host's engine has derived it, unless the page is closing). */
  flushSave(options?: { keepalive?: boolean }): Promise<void>;
  /** Loads the open page again from the archive (after a restore or tagging elsewhere); unsaved changes are saved first. */
  reloadPage(): Promise<void>;
  /** An item's tags changed in the archive (one new page revision): update every copy without an undo step. */
  applyItemTags(itemId: number, tags: string[], revision: number): void;
  /** The page's scan with its line boxes, or null when it has none; throws when the host fails. */
  pageScan(pageId: number): Promise<PageScan | null>;
}
