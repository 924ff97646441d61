// Application state (zustand, vanilla so it can be tested without React): the library, the open
// page session with its undo history, autosave, and the import in progress.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { IssueSummary, PageRecord, PageState, PageSummary, PublicationSummary, StoredItem } from '../../shared/domain.ts';
import type { Drop, GalleyApi, ImportProgress, ImportReport, Language } from '../../shared/ipc.ts';
import type { Masthead } from '../../shared/segmentation.ts';
import {
  applyDerived,
  applyTextChanges,
  assignRole,
  commit,
  itemIndexAt,
  newHistory,
  planMerge,
  planMoveStart,
  planMoveStartTo,
  planRederive,
  planSplit,
  provisionalItems,
  redo as redoHistory,
  replacePresent,
  setField as setDocField,
  undo as undoHistory,
  type FieldValue,
  type History,
  type PageDoc,
  type Role,
  type StructurePlan,
  type TextChange,
} from '../model/page-model.ts';
import type { EditableField } from '../../shared/domain.ts';
import { confirmed } from '../model/doubts.ts';

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
}

export interface AppState {
  language: Language;
  publications: PublicationSummary[];
  issues: IssueSummary[];
  pages: Record<number, PageSummary[]>;
  expandedPublications: number[];
  expandedIssues: number[];
  session: PageSession | null;
  loadingPage: boolean;
  saveState: SaveState;
  saveError: string | null;
  /** The code of the last save failure (disk full, read-only…), for wording it (renderer/messages.ts). */
  saveErrorReason: HostReason | null;
  importProgress: ImportProgress | null;
  importReport: ImportReport | null;
  importError: string | null;
  helpOpen: boolean;
  error: string | null;
  /** How to word `error`: a failure, or a refusal by the host (permission, approved issue). */
  errorKey: 'generic' | 'refused' | 'notice';
  /** The host's code for a refusal (the Action, or the state machine's code) and the issue state it names. */
  errorReason: HostReason | null;
  /** Number of structural changes waiting for the engine. */
  busy: number;
}

export interface Actions {
  setLanguage(language: Language): void;
  refreshLibrary(): Promise<void>;
  togglePublication(id: number): void;
  toggleIssue(id: number): Promise<void>;
  /** Alt+PageDown past an issue's last page: the first page of the next issue (delta 1), or the last of the previous (-1). */
  openAdjacentIssue(delta: number): Promise<void>;
  /** Imports the bundled sample issue if needed and opens its first page. */
  openSample(): Promise<void>;
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
  importDrop(drop: Drop): Promise<void>;
  importDialog(): Promise<void>;
  onImportProgress(p: ImportProgress): void;
  dismissImport(): void;
  setHelp(open: boolean): void;
  flushSave(options?: { keepalive?: boolean }): Promise<void>;
  dismissError(): void;
  /** Reports a failed call (a host refusal is worded as one). */
  reportError(e: unknown): void;
  /** Loads the open page again from the archive (after a restore or tagging elsewhere); unsaved changes are saved first. */
  reloadPage(): Promise<void>;
  /** An item's tags changed in the archive (one new page revision): update every copy without an undo step. */
  applyItemTags(itemId: number, tags: string[], revision: number): void;
}

export type Store = StoreApi<AppState & Actions>;

export interface StoreOptions {
  api: GalleyApi;
  language: Language;
  saveDelayMs?: number;
  diskFullRetryMs?: number;
  rederiveDelayMs?: number;
  now?: () => number;
  onLanguage?: (language: Language) => void;
}

/** What a host refusal says by code, for wording it in the UI language (renderer/messages.ts). */
export interface HostReason {
  code: string;
  reason: string | null;
  state: string | null;
  /** The AppError's details: the values its sentence names (shared/app-error.ts). */
  details: Readonly<Record<string, unknown>> | null;
}

function reasonOf(e: unknown): HostReason | null {
  const x = e as { code?: unknown; reason?: unknown; state?: unknown; details?: unknown } | null;
  if (!x || typeof x !== 'object' || typeof x.code !== 'string') return null;
  const details = x.details && typeof x.details === 'object' ? (x.details as Record<string, unknown>) : null;
  return { code: x.code, reason: typeof x.reason === 'string' ? x.reason : null, state: typeof x.state === 'string' ? x.state : null, details };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The host refused (role or issue state): retrying the same change cannot succeed. */
/** The host answered as designed (not a failure): a conflict, a bad request, something not found. */
function isExpectedAnswer(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'conflict' || code === 'bad-request' || code === 'not-found';
}
function isRefusal(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'refused' || code === 'forbidden' || code === 'no-profile';
}

export function createAppStore(options: StoreOptions): Store {
  const { api } = options;
  const saveDelay = options.saveDelayMs ?? 400;
  const diskFullRetryMs = options.diskFullRetryMs ?? 5_000;
  const rederiveDelay = options.rederiveDelayMs ?? 350;
  const now = options.now ?? (() => Date.now());
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let rederiveTimer: ReturnType<typeof setTimeout> | null = null;
  let saving: Promise<void> | null = null;
  let refused: number | null = null;
  // Structural changes run one after another.
  let queue: Promise<unknown> = Promise.resolve();

  const store = createStore<AppState & Actions>()((set, get) => {
    const session = () => get().session;

    const updateSession = (fn: (s: PageSession) => PageSession) => {
      const s = session();
      if (s) set({ session: fn(s) });
    };

    // A refusal or an expected answer (a conflict, a bad request, something gone) is worded as what
    // it is; "Something went wrong" is kept for real failures.
    const fail = (e: unknown) =>
      set({ error: messageOf(e), errorKey: isRefusal(e) ? 'refused' : isExpectedAnswer(e) ? 'notice' : 'generic', errorReason: reasonOf(e) });

    const scheduleSave = () => {
      const s = session();
      if (!s) return;
      if (s.history.present === s.savedDoc) return;
      if (get().saveState !== 'saving') set({ saveState: 'pending' });
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = setTimeout(() => void doSave(), saveDelay);
    };

    const doSave = async (opts?: { keepalive?: boolean }): Promise<void> => {
      if (saveTimer) {
        clearTimeout(saveTimer);
        saveTimer = null;
      }
      if (saving) {
        await saving;
        if (session()?.history.present !== session()?.savedDoc) return doSave(opts);
        return;
      }
      const s = session();
      if (!s || s.history.present === s.savedDoc) return;
      const doc = s.history.present;
      const pageId = s.pageId;
      set({ saveState: 'saving' });
      saving = (async () => {
        try {
          const { revision } = await api.invoke(
            'page.save',
            { pageId, baseRevision: s.revision, text: doc.text, items: doc.items as StoredItem[] },
            opts,
          );
          const cur = session();
          if (cur && cur.pageId === pageId) {
            set({ session: { ...cur, revision, savedDoc: doc } });
            set({ saveState: cur.history.present === doc ? 'saved' : 'pending', saveError: null });
          }
          void afterSave(pageId, s.issueId, s.state, doc.items.length !== s.savedDoc.items.length);
        } catch (e) {
          if (isRefusal(e)) {
            // Refused for good (approved issue, role): show why and put the archive's copy back.
            refused = pageId;
            fail(e);
          } else {
            set({ saveState: 'error', saveError: messageOf(e), saveErrorReason: reasonOf(e) });
            // A full disk may be freed meanwhile: try again until it saves (the edit stays in the tab).
            if (reasonOf(e)?.code === 'disk-full' && !saveTimer) saveTimer = setTimeout(() => void doSave(), diskFullRetryMs);
          }
        } finally {
          saving = null;
        }
      })();
      await saving;
      if (refused === pageId) {
        refused = null;
        if (session()?.pageId === pageId) await load(pageId, { quiet: true, keepSelection: true });
        return;
      }
      const after = session();
      if (after && after.pageId === pageId && after.history.present !== after.savedDoc && get().saveState !== 'error') scheduleSave();
    };

    /**
     * The library follows the page: the first saved edit moves an imported page to in progress
     * (as proofing has started), and a changed item count shows without a reload.
     */
    const afterSave = async (pageId: number, issueId: number, state: PageState, countChanged: boolean) => {
      try {
        if (state === 'imported') {
          await api.invoke('page.setState', { pageId, state: 'in-progress' });
          const cur = session();
          if (cur && cur.pageId === pageId) set({ session: { ...cur, state: 'in-progress' } });
          await get().refreshLibrary();
        } else if (countChanged) {
          const pages = await api.invoke('library.pages', { issueId });
          set({ pages: { ...get().pages, [issueId]: pages } });
        }
      } catch {
        // Not allowed to change the state (an archivist): the save itself went through.
      }
    };

    const record = (doc: PageDoc, key: string | null = null, selected?: number) => {
      updateSession((s) => ({
        ...s,
        history: commit(s.history, doc, key, now()),
        selected: selected ?? Math.min(s.selected, Math.max(0, doc.items.length - 1)),
      }));
      scheduleSave();
    };

    const derive = async (doc: PageDoc, plan: StructurePlan): Promise<PageDoc> => {
      const pageId = session()?.pageId;
      const { items } = await api.invoke('engine.derive', { text: doc.text, starts: plan.starts, kinds: plan.kinds, ...(pageId !== undefined ? { pageId } : {}) });
      return applyDerived(doc, plan, items);
    };

    /** reveal: move the editor to the focused item (for moves; a split or merge happens at the cursor). */
    const structural = (planFor: (doc: PageDoc) => StructurePlan | null, reveal = false): Promise<void> => {
      const run = async () => {
        const s = session();
        if (!s) return;
        // A text edit still waiting for re-derivation is folded into this change.
        if (rederiveTimer) {
          clearTimeout(rederiveTimer);
          rederiveTimer = null;
        }
        const doc = s.history.present;
        const plan = planFor(doc);
        if (!plan) return;
        // Show the change at once with provisional items; the engine's items replace them
        // (in the same undo step) as soon as they arrive.
        const provisional = applyDerived(doc, plan, provisionalItems(doc, plan));
        // One state change (one render) for the change, its selection and the reveal.
        set({
          session: {
            ...s,
            history: commit(s.history, provisional, null, now()),
            selected: plan.focus,
            revealSeq: reveal ? s.revealSeq + 1 : s.revealSeq,
          },
          busy: get().busy + 1,
        });
        scheduleSave();
        try {
          const derived = await derive(doc, plan);
          const cur = session();
          if (!cur || cur.pageId !== s.pageId) return;
          if (cur.history.present === provisional) {
            set({ session: { ...cur, history: replacePresent(cur.history, { text: provisional.text, items: derived.items }) } });
            scheduleSave();
          } else {
            // Changed meanwhile (typing): derive the current doc again.
            scheduleRederive();
          }
        } catch (e) {
          fail(e);
        } finally {
          set({ busy: get().busy - 1 });
        }
      };
      const p = queue.then(run, run);
      queue = p;
      return p;
    };

    const scheduleRederive = () => {
      if (rederiveTimer) clearTimeout(rederiveTimer);
      rederiveTimer = setTimeout(() => {
        rederiveTimer = null;
        const run = async () => {
          const s = session();
          if (!s) return;
          const doc = s.history.present;
          try {
            const next = await derive(doc, planRederive(doc));
            const cur = session();
            if (!cur || cur.pageId !== s.pageId || cur.history.present !== doc) return;
            set({ session: { ...cur, history: replacePresent(cur.history, next) } });
            scheduleSave();
          } catch (e) {
            fail(e);
          }
        };
        queue = queue.then(run, run);
      }, rederiveDelay);
    };

    const load = async (pageId: number, openOptions?: { quiet?: boolean; keepSelection?: boolean }): Promise<void> => {
      set({ loadingPage: true });
      try {
        const rec = await api.invoke('page.get', { pageId });
        const doc: PageDoc = { text: rec.text, items: rec.items };
        if (!get().expandedIssues.includes(rec.issueId)) {
          const pages = await api.invoke('library.pages', { issueId: rec.issueId });
          set({ expandedIssues: [...get().expandedIssues, rec.issueId], pages: { ...get().pages, [rec.issueId]: pages } });
        }
        set({
          session: {
            pageId: rec.id,
            issueId: rec.issueId,
            pageNumber: rec.pageNumber,
            sourceName: rec.sourceName,
            state: rec.state,
            masthead: rec.masthead,
            revision: rec.revision,
            history: newHistory(doc),
            savedDoc: doc,
            selected: openOptions?.keepSelection && session()?.pageId === rec.id ? Math.min(session()!.selected, Math.max(0, doc.items.length - 1)) : 0,
            revealSeq: openOptions?.keepSelection && session()?.pageId === rec.id ? session()!.revealSeq : 0,
            model: rec.model ?? null,
          },
          saveState: 'saved',
          saveError: null,
          saveErrorReason: null,
        });
      } catch (e) {
        if (!openOptions?.quiet) fail(e);
      } finally {
        set({ loadingPage: false });
      }
    };

    return {
      language: options.language,
      publications: [],
      issues: [],
      pages: {},
      expandedPublications: [],
      expandedIssues: [],
      session: null,
      loadingPage: false,
      saveState: 'saved',
      saveError: null,
      saveErrorReason: null,
      importProgress: null,
      importReport: null,
      importError: null,
      helpOpen: false,
      error: null,
      errorKey: 'generic',
      errorReason: null,
      busy: 0,

      setLanguage(language) {
        set({ language });
        options.onLanguage?.(language);
      },

      async refreshLibrary() {
        try {
          const { publications, issues } = await api.invoke('library.tree', {});
          const expandedIssues = get().expandedIssues.filter((id) => issues.some((i) => i.id === id));
          const pages: Record<number, PageSummary[]> = {};
          await Promise.all(expandedIssues.map(async (id) => (pages[id] = await api.invoke('library.pages', { issueId: id }))));
          // A first library with a single publication opens it.
          const expandedPublications =
            get().expandedPublications.length === 0 && publications.length > 0 ? publications.map((p) => p.id) : get().expandedPublications;
          set({ publications, issues, pages, expandedIssues, expandedPublications });
        } catch (e) {
          fail(e);
        }
      },

      togglePublication(id) {
        const open = get().expandedPublications;
        set({ expandedPublications: open.includes(id) ? open.filter((x) => x !== id) : [...open, id] });
      },

      async toggleIssue(id) {
        const open = get().expandedIssues;
        if (open.includes(id)) {
          set({ expandedIssues: open.filter((x) => x !== id) });
          return;
        }
        const pages = await api.invoke('library.pages', { issueId: id });
        set({ expandedIssues: [...get().expandedIssues, id], pages: { ...get().pages, [id]: pages } });
      },

      async openPage(pageId, openOptions) {
        await doSave();
        await load(pageId, openOptions);
      },

      async openAdjacentIssue(delta) {
        const s = session();
        if (!s) return;
        const { issues } = get();
        const cur = issues.find((i) => i.id === s.issueId);
        if (!cur) return;
        // The library's order within the publication (newest first in the tree): "next" is the
        // following issue in time, whatever order the list is in.
        const same = issues.filter((i) => i.publicationId === cur.publicationId).sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.id - b.id);
        const next = same[same.indexOf(cur) + delta];
        if (!next) return;
        try {
          const pages = await api.invoke('library.pages', { issueId: next.id });
          const target = delta > 0 ? pages[0] : pages.at(-1);
          if (!get().expandedIssues.includes(next.id)) set({ expandedIssues: [...get().expandedIssues, next.id], pages: { ...get().pages, [next.id]: pages } });
          if (target) await get().openPage(target.id);
        } catch (e) {
          fail(e);
        }
      },

      async openSample() {
        try {
          await doSave();
          const { pageId } = await api.invoke('sample.open', {});
          await get().refreshLibrary();
          await load(pageId);
        } catch (e) {
          fail(e);
        }
      },

      split: (offset) => structural((doc) => planSplit(doc, offset)),
      mergeItem: (index) => structural((doc) => planMerge(doc, index)),
      async mergeAtLine(offset) {
        const s = session();
        if (!s) return false;
        const items = s.history.present.items;
        const index = items.findIndex((it) => it.start === offset);
        if (index <= 0) return false;
        await structural((doc) => planMerge(doc, doc.items.findIndex((it) => it.start === offset)));
        return true;
      },
      moveStart: (index, delta) => structural((doc) => planMoveStart(doc, index, delta), true),
      moveStartTo: (index, offset) => structural((doc) => planMoveStartTo(doc, index, offset), true),

      setField(index, field, value) {
        const s = session();
        if (!s) return;
        const next = setDocField(s.history.present, index, field, value);
        if (next !== s.history.present) record(next, null, index);
      },

      assignRole(offset, role) {
        const s = session();
        if (!s) return;
        const next = assignRole(s.history.present, offset, role);
        if (next !== s.history.present) record(next, null, itemIndexAt(next.items, offset));
      },

      confirmItem(index) {
        const s = session();
        const item = s?.history.present.items[index];
        if (!s || !item?.confidence) return;
        const items = s.history.present.items.slice();
        items[index] = confirmed(item);
        record({ text: s.history.present.text, items }, null, index);
      },

      editText(changes) {
        const s = session();
        if (!s || changes.length === 0) return;
        record(applyTextChanges(s.history.present, changes), 'text');
        scheduleRederive();
      },

      undo() {
        const s = session();
        if (!s || s.history.past.length === 0) return;
        if (rederiveTimer) {
          clearTimeout(rederiveTimer);
          rederiveTimer = null;
        }
        const history = undoHistory(s.history);
        set({ session: { ...s, history, selected: Math.min(s.selected, Math.max(0, history.present.items.length - 1)) } });
        scheduleSave();
      },

      redo() {
        const s = session();
        if (!s || s.history.future.length === 0) return;
        const history = redoHistory(s.history);
        set({ session: { ...s, history, selected: Math.min(s.selected, Math.max(0, history.present.items.length - 1)) } });
        scheduleSave();
      },

      select(index, reveal) {
        const s = session();
        if (!s) return;
        if (s.selected === index && !reveal) return;
        set({ session: { ...s, selected: index, revealSeq: reveal ? s.revealSeq + 1 : s.revealSeq } });
      },

      async setPageState(state) {
        const s = session();
        if (!s) return;
        await doSave();
        try {
          await api.invoke('page.setState', { pageId: s.pageId, state });
          updateSession((x) => ({ ...x, state }));
          await get().refreshLibrary();
        } catch (e) {
          fail(e);
        }
      },

      async importDrop(drop) {
        set({ importProgress: { done: 0, total: drop.items.length, current: null, errors: [], finished: false }, importReport: null, importError: null });
        try {
          const report = await api.importDropped(drop);
          set({ importReport: report });
        } catch (e) {
          set({ importError: messageOf(e) });
        }
        await get().refreshLibrary();
      },

      async importDialog() {
        try {
          const report = await api.invoke('import.dialog', {});
          if (report) set({ importReport: report });
        } catch (e) {
          set({ importError: messageOf(e) });
        }
        await get().refreshLibrary();
      },

      onImportProgress(p) {
        set({ importProgress: p });
      },

      dismissImport() {
        set({ importProgress: null, importReport: null, importError: null });
      },

      setHelp(open) {
        set({ helpOpen: open });
      },

      flushSave: (opts) => doSave(opts),

      dismissError() {
        set({ error: null, errorKey: 'generic', errorReason: null });
      },

      reportError(e) {
        fail(e);
      },

      async reloadPage() {
        const s = session();
        if (!s) return;
        await doSave();
        await load(s.pageId, { keepSelection: true });
      },

      applyItemTags(itemId, tags, revision) {
        const s = session();
        if (!s) return;
        // Same doc in, same doc out, so "unsaved" (present !== savedDoc) keeps its meaning.
        const seen = new Map<PageDoc, PageDoc>();
        const map = (doc: PageDoc): PageDoc => {
          let out = seen.get(doc);
          if (!out) {
            const i = doc.items.findIndex((it) => it.id === itemId);
            out = i < 0 ? doc : { ...doc, items: doc.items.map((it, k) => (k === i ? { ...it, tags } : it)) };
            seen.set(doc, out);
          }
          return out;
        };
        set({
          session: {
            ...s,
            revision: Math.max(s.revision, revision),
            savedDoc: map(s.savedDoc),
            history: { ...s.history, past: s.history.past.map(map), present: map(s.history.present), future: s.history.future.map(map) },
          },
        });
      },
    };
  });
  return store;
}

/** The doc of the open page, or null. */
export function presentDoc(state: AppState): PageDoc | null {
  return state.session?.history.present ?? null;
}
