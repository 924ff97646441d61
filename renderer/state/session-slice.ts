// The open page: its editing session with undo history, structural changes derived by the
// engine, autosave, and the page's state. A split, merge or moved start is painted at once from
// the local engine on the main thread (local-engine.ts, optimistic-change.ts: the changed window,
// derived in the keystroke's task); until it has loaded, from the engine worker's preview, which
// also previews a pause in typing. The host's engine.derive (with the publication's profile)
// stays the authority: its items replace a preview that differs in the same undo step (the same
// items repaint nothing), a refusal rolls the change back, and a save waits for the host's items,
// so the archive stores the host's. Results for a doc that changed meanwhile are dropped (stale).
import type { PageState, StoredItem } from '../../shared/domain.ts';
import type { Item } from '../../shared/segmentation.ts';
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
  redo as redoHistory,
  replacePresent,
  setField as setDocField,
  undo as undoHistory,
  type History,
  type PageDoc,
  type StructurePlan,
  type TextChange,
} from '../model/page-model.ts';
import { confirmed } from '../model/doubts.ts';
import { applyEdit, linkedMapper, pin, pinned } from '../model/edit-links.ts';
import { itemChangeOps } from '../../core/edit/index.ts';
import { itemIdsMapper, sendEdits } from './page-save.ts';
import { PREVIEW_PAGE_ITEMS, previewItems, previewWindow, sameStructure } from '../model/preview-window.ts';
import { isExpectedAnswer, isRefusal, messageOf, reasonOf, type SliceContext } from './slice.ts';
import type { PreviewProfile } from '../engine/messages.ts';
import type { PageSession, SessionActions, SessionState } from './session-types.ts';
import { hostAgrees, optimisticDoc, warmSample, withoutPresent } from './optimistic-change.ts';
import { refuseSplit } from './page-limit.ts';

export type { PageSession, SaveState, SessionActions, SessionState } from './session-types.ts';

export function createSessionSlice(ctx: SliceContext): SessionState & SessionActions {
  const { api, options, set, get, fail } = ctx;
  const engine = options.engine ?? null;
  const local = options.localEngine ?? null;
  const afterPaint = options.afterPaint ?? (() => Promise.resolve());
  const saveDelay = options.saveDelayMs ?? 400;
  const diskFullRetryMs = options.diskFullRetryMs ?? 5_000;
  const rederiveDelay = options.rederiveDelayMs ?? 350;
  const previewDelay = options.previewDelayMs ?? 120;
  const now = options.now ?? (() => Date.now());
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let rederiveTimer: ReturnType<typeof setTimeout> | null = null;
  let previewTimer: ReturnType<typeof setTimeout> | null = null;
  let saving: Promise<void> | null = null;
  let refused: number | null = null;
  // Host derivations run one after another; a save waits while any is queued or running.
  let queue: Promise<unknown> = Promise.resolve();
  let hostPending = 0;
  /**
   * A structural change waiting for its first items. Typing meanwhile is collected and replayed on
   * top of the change; any other edit meanwhile (undo, a field) makes the change run again.
   */
  let inflight: { changes: TextChange[]; clean: boolean; dropped: boolean } | null = null;
  /** Bumped whenever the host's items go in: a worker preview asked for before then is stale. */
  let hostGeneration = 0;
  /** Docs holding items from the worker that the host's have not replaced yet (and docs edited from them). */
  const previewDocs = new WeakSet<PageDoc>();
  /** A save of the present would store worker items while the host's are still coming. */
  const awaitingHost = () => {
    const present = session()?.history.present;
    return !!present && previewDocs.has(present) && (hostPending > 0 || rederiveTimer !== null);
  };

  const session = () => get().session;
  /** Every copy of the page through `map` (memoised: same doc in, same doc out, so "unsaved" keeps its meaning). */
  const remapDocs = (s: PageSession, map: (d: PageDoc) => PageDoc, revision: number): PageSession => {
    if (previewDocs.has(s.history.present)) previewDocs.add(map(s.history.present));
    const h = s.history;
    return { ...s, revision, savedDoc: pinned(map(s.savedDoc)), history: { ...h, past: h.past.map(map), present: map(h.present), future: h.future.map(map) } };
  };
  const touched = () => {
    if (inflight) inflight.clean = false;
  };

  const updateSession = (fn: (s: PageSession) => PageSession) => {
    const s = session();
    if (s) set({ session: fn(s) });
  };

  /** Back where the archive is (an undo right after a change): nothing waits to be saved. */
  const settledWithoutSave = (s: PageSession | null): boolean => {
    if (!s || s.history.present !== s.savedDoc) return false;
    if (get().saveState === 'pending') set({ saveState: 'saved' });
    return true;
  };

  const scheduleSave = () => {
    const s = session();
    if (!s || settledWithoutSave(s)) return;
    if (get().saveState !== 'saving' && get().saveState !== 'pending') set({ saveState: 'pending' });
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      saveTimer = null;
      // The archive stores the host's items: wait while they are still coming.
      if (awaitingHost()) scheduleSave();
      else void doSave();
    }, saveDelay);
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
    if (!s || settledWithoutSave(s)) return;
    const doc = s.history.present;
    const pageId = s.pageId;
    set({ saveState: 'saving' });
    saving = (async () => {
      try {
        const { revision, itemIds } = await sendEdits(api, pageId, s.revision, s.savedDoc, doc, opts);
        const cur = session();
        if (cur && cur.pageId === pageId) {
          const ids = itemIdsMapper(doc, itemIds);
          set({ session: ids ? remapDocs({ ...cur, savedDoc: doc }, ids, revision) : { ...cur, revision, savedDoc: doc } });
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
          // Someone else saved the page meanwhile: ask the editor (conflict-slice.ts), never drop the edit.
          if (reasonOf(e)?.reason === 'revision-conflict') get().onSaveConflict(pageId, doc);
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
        await get().reloadIssuePages(issueId);
      }
    } catch {
      // Not allowed to change the state (an archivist): the save itself went through.
    }
  };

  const record = (doc: PageDoc, key: string | null = null, selected?: number) => {
    if (key !== 'text') touched();
    const before = session()?.history.present;
    if (before && previewDocs.has(before)) previewDocs.add(doc);
    updateSession((s) => ({
      ...s,
      history: commit(s.history, doc, key, now()),
      selected: selected ?? Math.min(s.selected, Math.max(0, doc.items.length - 1)),
    }));
    scheduleSave();
  };

  /** The worker's items for a plan: the changed spans derived with their neighbours (preview-window.ts). */
  const previewStructure = async (doc: PageDoc, plan: StructurePlan): Promise<Item[] | null> => {
    const win = engine ? previewWindow(doc, plan) : null;
    const items = win && engine ? await engine.derive(win.text, win.starts, win.kinds).catch(() => null) : null;
    return win && items ? previewItems(doc, plan, win, items) : null;
  };

  /** The host's items for a plan (the page's publication profile applies). */
  const hostDerive = async (doc: PageDoc, plan: StructurePlan, pageId: number): Promise<Item[]> =>
    (await api.invoke('engine.derive', { text: doc.text, starts: plan.starts, kinds: plan.kinds, pageId })).items;

  /**
   * Puts derived items into the present without an undo step, if it still has the text and split
   * points they were derived for (`basis`); field edits made meanwhile are kept (applyDerived).
   * A worker preview also needs no host items to have gone in since it was asked for.
   */
  const applyIfCurrent = (pageId: number, basis: PageDoc, items: readonly Item[], previewOf: number | null = null): boolean => {
    const cur = session();
    if (!cur || cur.pageId !== pageId || !sameStructure(cur.history.present, basis)) return false;
    if (previewOf !== null && previewOf !== hostGeneration) return false;
    if (previewOf === null) hostGeneration++;
    const present = cur.history.present;
    const next = applyDerived(present, planRederive(present), items);
    if (previewOf !== null) previewDocs.add(next);
    set({ session: { ...cur, history: replacePresent(cur.history, next) } });
    return true;
  };

  /** Runs `work` after the host derivations before it; a save waits until it is done. */
  const enqueueHost = (work: () => Promise<void>): Promise<void> => {
    hostPending++;
    const run = async () => {
      try {
        await work();
      } finally {
        hostPending--;
      }
    };
    const p = queue.then(run, run);
    queue = p;
    return p;
  };

  /**
   * The change painted now from the local engine (one undo step, in the keystroke's task), then the
   * host's items: the same → no repaint; different → they replace it (no undo step); refused → it
   * is rolled back and the refusal shown. Null: no local answer now, or a change waiting for its
   * first items is ahead (then it queues behind that the slower way, as before).
   */
  const optimistic = (planFor: (doc: PageDoc) => StructurePlan | null, reveal: boolean): Promise<void> | null => {
    const s = session();
    if (!local || !s || inflight) return null;
    const doc = s.history.present;
    const plan = planFor(doc);
    const next = plan ? optimisticDoc(doc, plan, local) : null;
    if (!plan || !next) return null;
    // A text edit still waiting for re-derivation is folded into this change (the host derives it).
    clearRederive();
    previewDocs.add(next);
    const revealSeq = reveal ? s.revealSeq + 1 : s.revealSeq;
    set({ session: { ...s, history: commit(s.history, next, null, now()), selected: plan.focus, revealSeq }, busy: get().busy + 1, saveState: get().saveState === 'saving' ? 'saving' : 'pending' });
    scheduleSave(); // finds it pending: one store update (each runs every selector) in the keystroke's task
    return enqueueHost(async () => {
      try {
        // The host's request (the whole page as JSON) is built after the frame that shows the change.
        await afterPaint();
        const items = await hostDerive(doc, plan, s.pageId).catch((e: unknown) => {
          if (isRefusal(e) || isExpectedAnswer(e)) rollBack(s.pageId, next);
          fail(e);
          return null;
        });
        if (!items) return;
        const cur = session();
        if (cur && cur.pageId === s.pageId && sameStructure(cur.history.present, next) && hostAgrees(doc, plan, next, items)) {
          hostGeneration++; // what is shown is the host's reading: no repaint, and it may be saved
          previewDocs.delete(cur.history.present);
          scheduleSave();
        } else if (applyIfCurrent(s.pageId, next, items)) scheduleSave();
      } finally {
        set({ busy: get().busy - 1 });
      }
    });
  };

  /** Takes back an optimistic change the host refused, if nothing was done on top of it (no redo step). */
  const rollBack = (pageId: number, next: PageDoc) => {
    const cur = session();
    if (!cur || cur.pageId !== pageId || cur.history.present !== next) return;
    const history = withoutPresent(cur.history);
    set({ session: { ...cur, history, selected: Math.min(cur.selected, Math.max(0, history.present.items.length - 1)) } });
    scheduleSave();
  };

  /** reveal: move the editor to the focused item (for moves; a split or merge happens at the cursor). */
  const structural = (planFor: (doc: PageDoc) => StructurePlan | null, reveal = false): Promise<void> =>
    optimistic(planFor, reveal) ??
    enqueueHost(async () => {
      const s = session();
      if (!s) return;
      // A text edit still waiting for re-derivation is folded into this change.
      clearRederive();
      const doc = s.history.present;
      const plan = planFor(doc);
      if (!plan) return;
      set({ busy: get().busy + 1 });
      inflight = { changes: [], clean: true, dropped: false };
      try {
        // The worker's request goes first: building the host's (the whole page's text as JSON) would
        // otherwise delay the preview that paints the change.
        const preview = previewStructure(doc, plan);
        const host = hostDerive(doc, plan, s.pageId);
        const hostDone = host.then(
          (items) => ({ from: 'host' as const, items }),
          (error: unknown) => ({ from: 'failed' as const, error }),
        );
        // The worker's preview usually comes first; if the host is quicker, its items are shown at once.
        let first = await Promise.race([preview.then((items) => ({ from: 'worker' as const, items })), hostDone]);
        // No preview (stale, no worker): wait for the host; a host that fails still leaves the preview.
        if (first.from === 'worker' && !first.items) first = await hostDone;
        if (first.from === 'failed') {
          const items = await preview;
          if (items) first = { from: 'worker', items };
        }
        if (first.from === 'failed' || !first.items) {
          inflight = null;
          if (first.from === 'failed') fail(first.error);
          return;
        }
        if (first.from === 'host') hostGeneration++;
        const basis = commitStructure(s.pageId, doc, plan, first.items, reveal, planFor, first.from === 'worker');
        if (first.from === 'host' || !basis) return;
        const outcome = await hostDone;
        if (outcome.from === 'failed') fail(outcome.error);
        else if (applyIfCurrent(s.pageId, basis, outcome.items)) scheduleSave();
      } finally {
        inflight = null;
        set({ busy: get().busy - 1 });
      }
    });

  /**
   * The change's first items become one undo step. Returns the change on the text it was derived
   * for (what the host's items fit), or null when the page moved on (reloaded, or undone or edited
   * meanwhile: then the change runs again on the page as it is now).
   */
  const commitStructure = (
    pageId: number,
    doc: PageDoc,
    plan: StructurePlan,
    items: readonly Item[],
    reveal: boolean,
    planFor: (doc: PageDoc) => StructurePlan | null,
    fromWorker: boolean,
  ): PageDoc | null => {
    const cur = session();
    const pending = inflight;
    inflight = null;
    if (!cur || cur.pageId !== pageId || pending?.dropped) return null;
    const derived = applyDerived(doc, plan, items);
    let next = derived;
    if (cur.history.present !== doc) {
      if (!pending?.clean) {
        void structural(planFor, reveal);
        return null;
      }
      // Typed meanwhile: the change applies to the text as typed, then the page derives again.
      next = applyTextChanges(next, pending.changes);
      scheduleRederive();
    }
    if (fromWorker) previewDocs.add(next);
    // One state change (one render) for the change, its selection and the reveal.
    set({
      session: {
        ...cur,
        history: commit(cur.history, next, null, now()),
        selected: plan.focus,
        revealSeq: reveal ? cur.revealSeq + 1 : cur.revealSeq,
      },
    });
    scheduleSave();
    return derived;
  };

  const clearRederive = () => {
    if (rederiveTimer) clearTimeout(rederiveTimer);
    if (previewTimer) clearTimeout(previewTimer);
    rederiveTimer = previewTimer = null;
  };

  /** After typing: the worker previews soon, the host derives after a longer pause. */
  const scheduleRederive = () => {
    clearRederive();
    if (engine) previewTimer = setTimeout(() => void previewRederive(), previewDelay);
    rederiveTimer = setTimeout(() => {
      rederiveTimer = null;
      void hostRederive();
    }, rederiveDelay);
  };

  /** The host derives the page as it is when its turn comes. */
  const hostRederive = () =>
    enqueueHost(async () => {
      const s = session();
      if (!s) return;
      const doc = s.history.present;
      try {
        const items = await hostDerive(doc, planRederive(doc), s.pageId);
        if (applyIfCurrent(s.pageId, doc, items)) scheduleSave();
      } catch (e) {
        fail(e);
      }
    });

  const previewRederive = async () => {
    previewTimer = null;
    const s = session();
    if (!engine || !s || inflight || s.history.present.items.length > PREVIEW_PAGE_ITEMS) return;
    const doc = s.history.present;
    const plan = planRederive(doc);
    const asked = hostGeneration;
    const items = await engine.derive(doc.text, plan.starts, plan.kinds).catch(() => null);
    // Null: a newer request replaced this one; a changed doc: typing went on; host items went in
    // meanwhile: they win. Either way the preview is stale.
    if (items) applyIfCurrent(s.pageId, doc, items, asked);
  };

  const load = async (pageId: number, openOptions?: { quiet?: boolean; keepSelection?: boolean }): Promise<void> => {
    set({ loadingPage: true });
    // The worker loads the model while the page is fetched, and takes the page's publication profile.
    engine?.warm();
    // The page's publication profile, for the worker and the local engine alike (what the host applies).
    const profile = engine?.useProfile || local ? api.invoke('engine.profile', { pageId }).then((a) => a.profile, () => null) : Promise.resolve(null);
    const previewProfile = profile.then((p): PreviewProfile | Promise<PreviewProfile> => {
      local?.useProfile(p);
      return engine?.useProfile ? engine.useProfile(p) : null;
    });
    try {
      const rec = await api.invoke('page.get', { pageId });
      const doc: PageDoc = { text: rec.text, items: rec.items };
      pin(doc);
      if (!get().expandedIssues.includes(rec.issueId)) await get().loadIssuePages(rec.issueId);
      if (inflight) inflight.dropped = true;
      const prev = session();
      const keep = openOptions?.keepSelection && prev?.pageId === rec.id ? prev : null;
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
          selected: keep ? Math.min(keep.selected, Math.max(0, doc.items.length - 1)) : 0,
          revealSeq: keep ? keep.revealSeq : 0,
          model: rec.model ?? null,
          previewProfile: await previewProfile,
        },
        saveState: 'saved',
        saveError: null,
        saveErrorReason: null,
      });
      // Loaded once, when the thread is idle after the page painted (local-engine.ts).
      void local?.load(warmSample(doc));
    } catch (e) {
      if (!openOptions?.quiet) fail(e);
    } finally {
      set({ loadingPage: false });
    }
  };

  /** Saves what is unsaved once the host has derived it (a closing page cannot wait). */
  const flush = async (opts?: { keepalive?: boolean }) => {
    if (!opts?.keepalive && awaitingHost()) {
      if (rederiveTimer) {
        // Typing just paused: derive on the host now rather than after the pause.
        clearRederive();
        void hostRederive();
      }
      while (awaitingHost()) await queue;
    }
    await doSave(opts);
  };

  const stepHistory = (step: (h: History) => History, has: (h: History) => boolean) => {
    const s = session();
    if (!s || !has(s.history)) return;
    touched();
    clearRederive();
    const history = step(s.history);
    set({ session: { ...s, history, selected: Math.min(s.selected, Math.max(0, history.present.items.length - 1)) } });
    // A doc whose host items were still coming when it was left gets them now.
    if (hostPending > 0) scheduleRederive();
    scheduleSave();
  };

  return {
    session: null,
    loadingPage: false,
    saveState: 'saved',
    saveError: null,
    saveErrorReason: null,
    busy: 0,

    async openPage(pageId, openOptions) {
      await flush();
      await load(pageId, openOptions);
    },

    split: (offset) => refuseSplit(session()?.history.present.items.length ?? 0, fail) ?? structural((doc) => planSplit(doc, offset)),
    mergeItem: (index) => structural((doc) => planMerge(doc, index)),
    async mergeAtLine(offset) {
      const s = session();
      if (!s) return false;
      const index = s.history.present.items.findIndex((it) => it.start === offset);
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
      record(applyEdit(s.history.present, itemChangeOps(index, item, confirmed(item))), null, index);
    },

    editText(changes) {
      const s = session();
      if (!s || changes.length === 0) return;
      inflight?.changes.push(...changes);
      record(applyTextChanges(s.history.present, changes), 'text');
      scheduleRederive();
    },

    undo() {
      stepHistory(undoHistory, (h) => h.past.length > 0);
    },

    redo() {
      stepHistory(redoHistory, (h) => h.future.length > 0);
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
      await flush();
      try {
        await api.invoke('page.setState', { pageId: s.pageId, state });
        updateSession((x) => ({ ...x, state }));
        await get().refreshLibrary();
      } catch (e) {
        fail(e);
      }
    },

    flushSave: (opts) => flush(opts),

    async reloadPage() {
      const s = session();
      if (!s) return;
      await flush();
      await load(s.pageId, { keepSelection: true });
    },

    applyItemTags(itemId, tags, revision) {
      const s = session();
      if (!s) return;
      touched();
      const map = linkedMapper((doc) => {
        const i = doc.items.findIndex((it) => it.id === itemId);
        return i < 0 ? doc : { ...doc, items: doc.items.map((it, k) => (k === i ? { ...it, tags } : it)) };
      });
      set({ session: remapDocs(s, map, Math.max(s.revision, revision)) });
    },

    pageScan: (pageId) => api.invoke('page.scan', { pageId }),
  };
}
