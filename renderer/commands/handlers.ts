// What each command of the registry (shared/commands.ts) does in the renderer, and when it is
// enabled. The menu bar, the Electron menu (through the `menu` event), the window's key listener
// and the toolbar buttons all run commands through `runCommand`, so a command behaves the same
// however it is invoked. A test checks every registry entry has a handler here.
import type { CommandId } from '../../shared/commands.ts';
import type { GalleyApi, Language } from '../../shared/ipc.ts';
import { focusTargets } from '../focus.ts';
import { deniedKey } from '../messages.ts';
import type { Store } from '../state/store.ts';
import { deskStore } from '../state/desk.ts';
import { confirmSelected, goToDoubt, selectedIsDoubt } from '../state/doubt-actions.ts';

export interface CommandContext {
  store: Store;
  api: GalleyApi;
  /** Opens the host's file picker (native dialog or the hidden file input). */
  startImport(): void;
  /** Opens the host's folder picker: every page file in the folder and below is imported. */
  startImportFolder(): void;
  /** Opens the bundled sample issue. */
  openSample(): void;
  t(key: string, options?: Record<string, unknown>): string;
}

export interface CommandHandler {
  run(ctx: CommandContext): void;
  /** Greyed out in menus when false (the host still checks every write). */
  enabled?(ctx: CommandContext): boolean;
}

const hasPage = (ctx: CommandContext) => ctx.store.getState().session !== null;
/** Whether the acting profile may change the text and segmentation (page.save). */
export const canEditText = (ctx: Pick<CommandContext, 'store'>) => deniedKey(ctx.store.getState().who, 'page.save') === null;

function stepPage(ctx: CommandContext, delta: number): void {
  const st = ctx.store.getState();
  const session = st.session;
  if (!session) return;
  const pages = st.pages[session.issueId] ?? [];
  const i = pages.findIndex((p) => p.id === session.pageId);
  const next = pages[i + delta];
  if (next) {
    void st.openPage(next.id);
    return;
  }
  // Past the issue's last (first) page: the next (previous) issue of the same publication.
  void st.openAdjacentIssue(delta);
}

// The editor owns the cursor: these run as its actions, at the cursor (which Monaco keeps while blurred).
const editorAction = (id: 'galley.split' | 'galley.merge' | 'galley.moveUp' | 'galley.moveDown') => () => focusTargets.editorAction?.(id);
const editable = (ctx: CommandContext) => hasPage(ctx) && canEditText(ctx);

export const HANDLERS: Partial<Record<CommandId, CommandHandler>> = {
  import: { run: (ctx) => ctx.startImport() },
  importFolder: { run: (ctx) => ctx.startImportFolder() },
  sample: { run: (ctx) => ctx.openSample() },
  openArchive: { run: (ctx) => void ctx.store.getState().showArchiveDialog() },
  export: {
    run: (ctx) => {
      const st = ctx.store.getState();
      const issueId = st.session?.issueId ?? st.expandedIssues.at(-1);
      if (issueId === undefined) return st.reportError(new Error(ctx.t('issue.noOpen')));
      ctx.store.getState().openDialog({ type: 'export', issueId });
    },
  },
  undo: { run: (ctx) => ctx.store.getState().undo(), enabled: (ctx) => (ctx.store.getState().session?.history.past.length ?? 0) > 0 },
  redo: { run: (ctx) => ctx.store.getState().redo(), enabled: (ctx) => (ctx.store.getState().session?.history.future.length ?? 0) > 0 },
  split: { run: editorAction('galley.split'), enabled: editable },
  merge: { run: editorAction('galley.merge'), enabled: editable },
  moveUp: { run: editorAction('galley.moveUp'), enabled: editable },
  moveDown: { run: editorAction('galley.moveDown'), enabled: editable },
  gotoLine: { run: () => deskStore.setState({ gotoOpen: true }), enabled: hasPage },
  nextPage: { run: (ctx) => stepPage(ctx, 1), enabled: hasPage },
  prevPage: { run: (ctx) => stepPage(ctx, -1), enabled: hasPage },
  nextDoubt: { run: (ctx) => void goToDoubt(ctx.store, 1), enabled: hasPage },
  prevDoubt: { run: (ctx) => void goToDoubt(ctx.store, -1), enabled: hasPage },
  confirmDoubt: { run: (ctx) => confirmSelected(ctx.store), enabled: (ctx) => editable(ctx) && selectedIsDoubt(ctx.store) },
  focusLibrary: { run: () => focusTargets.library?.() },
  focusEditor: { run: () => focusTargets.editor?.(), enabled: hasPage },
  focusCards: { run: () => focusTargets.cards?.(), enabled: hasPage },
  proofed: {
    run: (ctx) => {
      const st = ctx.store.getState();
      if (st.session) void st.setPageState(st.session.state === 'proofed' ? 'in-progress' : 'proofed');
    },
    enabled: hasPage,
  },
  search: { run: (ctx) => ctx.store.getState().openDialog({ type: 'search' }) },
  vocabulary: {
    run: (ctx) => ctx.store.getState().openDialog({ type: 'vocabulary' }),
    enabled: (ctx) => deniedKey(ctx.store.getState().who, 'vocabulary.edit') === null,
  },
  profiles: { run: (ctx) => ctx.store.getState().openDialog({ type: 'profiles' }) },
  'language:en': { run: (ctx) => ctx.store.getState().setLanguage('en') },
  'language:zh-CN': { run: (ctx) => ctx.store.getState().setLanguage('zh-CN') },
  toggleLanguage: {
    run: (ctx) => {
      const st = ctx.store.getState();
      st.setLanguage((st.language === 'en' ? 'zh-CN' : 'en') as Language);
    },
  },
  help: { run: (ctx) => ctx.store.getState().setHelp(!ctx.store.getState().helpOpen) },
  tour: { run: () => deskStore.setState({ tourStep: 0 }) },
};

export function isEnabled(id: CommandId, ctx: CommandContext): boolean {
  const h = HANDLERS[id];
  return !!h && (h.enabled?.(ctx) ?? true);
}

/** Runs a command if it is enabled; returns whether it ran. */
export function runCommand(id: CommandId, ctx: CommandContext): boolean {
  const h = HANDLERS[id];
  if (!h || !(h.enabled?.(ctx) ?? true)) return false;
  h.run(ctx);
  return true;
}
