// Left pane: the raw OCR text in Monaco, with split rules, kind-labelled gutter markers, tinted
// item spans and engine flags as markers. Talks to the store directly (no React re-render per
// keystroke): store -> editor through a subscription, editor -> store through actions.
import { useContext, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoredItem } from '../../shared/domain.ts';
import type { ItemKind } from '../../shared/segmentation.ts';
import { ITEM_KINDS } from '../../shared/segmentation.ts';
import { diffText, itemIndexAt, ROLES, type PageDoc, type Role, type TextChange } from '../model/page-model.ts';
import { StoreContext } from '../state/context.ts';
import { isLocked } from '../../core/review/issue-state.ts';
import { deskStore } from '../state/desk.ts';
import { deniedKey } from '../messages.ts';
import { commandSpec, type CommandId } from '../../shared/commands.ts';
import { monacoKeybindings } from './keybindings.ts';
import { focusTargets } from '../focus.ts';
import { flagText } from '../flags.ts';
import { doubtOf, percent } from '../model/doubts.ts';
import { EDITOR_FONT, monaco } from './monaco.ts';
import { firstSpanEndingAtOrAfter, itemLineSpans, lineCount, sameFlagArrays } from './span-lines.ts';
import { cardNumber } from '../components/card-labels.ts';
import { SpanDecorations, type WantedSpan } from './span-decorations.ts';

const ROLE_KEYS: Record<Role, number> = {
  kicker: monaco.KeyCode.KeyK,
  headline: monaco.KeyCode.KeyH,
  subheadline: monaco.KeyCode.KeyS,
  series: monaco.KeyCode.KeyE,
  byline: monaco.KeyCode.KeyB,
  caption: monaco.KeyCode.KeyC,
};
const DIGITS = [
  monaco.KeyCode.Digit1,
  monaco.KeyCode.Digit2,
  monaco.KeyCode.Digit3,
  monaco.KeyCode.Digit4,
  monaco.KeyCode.Digit5,
  monaco.KeyCode.Digit6,
  monaco.KeyCode.Digit7,
];

/** Lines up to which the text wraps by measured width (exact for CJK); longer pages wrap by character widths. */
export const ADVANCED_WRAP_UP_TO = 3000;

/** Items up to which each split gets a labelled rule above its line. */
export const ZONES_UP_TO = 400;

/** Items above which the span decorations cover only the lines in view and WINDOW_MARGIN_LINES either side. */
export const WINDOWED_FROM = ZONES_UP_TO;
const WINDOW_MARGIN_LINES = 300;

export function RawTextEditor() {
  const store = useContext(StoreContext)!;
  const { t, i18n } = useTranslation();
  const hostRef = useRef<HTMLDivElement>(null);
  const tRef = useRef(t);
  tRef.current = t;

  useEffect(() => {
    const host = hostRef.current!;
    const editor = monaco.editor.create(host, {
      value: '',
      language: 'plaintext',
      fontFamily: EDITOR_FONT,
      fontSize: 14,
      lineHeight: 22,
      wordWrap: 'on',
      // 'advanced' measures the rendered text: 'simple' assumes every character is as wide as a
      // Latin one, so a line of CJK ran past the pane's edge and half a character was cut off.
      wrappingStrategy: 'advanced',
      // Tab moves the focus on (keyboard users are not trapped, and OCR text never gets a tab).
      tabFocusMode: true,
      lineNumbers: 'on',
      glyphMargin: true,
      minimap: { enabled: false },
      automaticLayout: true,
      scrollBeyondLastLine: false,
      renderLineHighlight: 'line',
      unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false, nonBasicASCII: false },
      occurrencesHighlight: 'off',
      selectionHighlight: false,
      links: false,
      contextmenu: true,
      fixedOverflowWidgets: true,
      ariaLabel: tRef.current('page.rawText'),
    });
    focusTargets.editor = () => editor.focus();
    focusTargets.gotoLine = (line) => {
      const m = editor.getModel();
      if (!m) return;
      const n = Math.min(Math.max(1, line), m.getLineCount());
      editor.setPosition({ lineNumber: n, column: 1 });
      editor.revealLineInCenter(n, monaco.editor.ScrollType.Immediate);
      editor.focus();
    };
    // Only profiles allowed to save text and segmentation get an editable pane; the host refuses
    // the others anyway, but a pane that accepts typing and then refuses it is worse.
    const applyReadOnly = () => {
      const st = store.getState();
      const issueState = st.issues.find((i) => i.id === st.session?.issueId)?.state;
      const locked = issueState !== undefined && isLocked(issueState);
      const denied = deniedKey(st.who, 'page.save') !== null;
      const readOnly = locked || denied;
      if (editor.getOption(monaco.editor.EditorOption.readOnly) !== readOnly) editor.updateOptions({ readOnly });
    };
    focusTargets.editorAction = (id) => {
      editor.focus();
      void editor.getAction(id)?.run();
    };
    const spans = new SpanDecorations((remove, add) => editor.deltaDecorations(remove, add));
    const selectedDecorations = editor.createDecorationsCollection();
    let pageId: number | null = null;
    let shownDoc: PageDoc | null = null;
    let shownSelected = -1;
    let shownReveal = -1;
    let shownLanguage = '';
    let suppress = 0;
    // The text the model holds, kept as it changes: comparing it with the doc's is a pointer check
    // where model.getValue() built a copy of the whole page on every store change.
    let modelText = '';

    const doc = () => store.getState().session?.history.present ?? null;
    const offsetAtCursor = () => {
      const model = editor.getModel();
      const pos = editor.getPosition();
      return model && pos ? model.getOffsetAt(pos) : 0;
    };
    const lineStartAtCursor = () => {
      const model = editor.getModel();
      const pos = editor.getPosition();
      return model && pos ? model.getOffsetAt({ lineNumber: pos.lineNumber, column: 1 }) : 0;
    };
    const itemAtCursor = () => {
      const d = doc();
      return d ? itemIndexAt(d.items, offsetAtCursor()) : -1;
    };

    const render = () => {
      const state = store.getState();
      const session = state.session;
      const model = editor.getModel();
      if (!session) {
        if (model) {
          editor.setModel(null);
          model.dispose();
        }
        pageId = null;
        shownDoc = null;
        return;
      }
      const d = session.history.present;
      if (session.pageId !== pageId || !model) {
        pageId = session.pageId;
        // Measured wrapping costs a DOM measurement per line up front (seconds at 30,000 lines):
        // huge pages wrap by character widths instead (full-width CJK counted as two columns).
        const strategy = lineCount(d.text) <= ADVANCED_WRAP_UP_TO ? 'advanced' : 'simple';
        if (editor.getOption(monaco.editor.EditorOption.wrappingStrategy) !== strategy) {
          // Detached first: a new strategy re-wraps every line of the attached model, the page
          // being left (~225 ms for a 30,000-line page), only to drop it the moment after.
          suppress++;
          if (model) editor.setModel(null);
          suppress--;
          editor.updateOptions({ wrappingStrategy: strategy });
        }
        const next = monaco.editor.createModel(d.text, 'plaintext');
        next.setEOL(monaco.editor.EndOfLineSequence.LF);
        modelText = next.getValue();
        suppress++;
        editor.setModel(next);
        suppress--;
        // The page left is dropped after the new one is painted (disposing a big model took ~50 ms).
        if (model) requestAnimationFrame(() => setTimeout(() => model.dispose(), 0));
        spans.forget();
        spansText = null;
        zones.clear();
        zoneText = '';
        shownFlags = '';
        shownFlagArrays = [];
        shownDoc = null;
        shownSelected = -1;
      }
      const m = editor.getModel()!;
      if (modelText !== d.text) {
        // Undo/redo or another external change: apply the difference, not a whole new value.
        const c = diffText(modelText, d.text);
        if (c) {
          const a = m.getPositionAt(c.offset);
          const b = m.getPositionAt(c.offset + c.length);
          suppress++;
          m.applyEdits([{ range: new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column), text: c.text }]);
          suppress--;
        }
        modelText = m.getValue();
      }
      const language = i18n.language;
      if (d !== shownDoc || session.selected !== shownSelected || language !== shownLanguage) {
        paint(m, d, session.selected, d !== shownDoc || language !== shownLanguage);
        shownDoc = d;
        shownSelected = session.selected;
        shownLanguage = language;
      }
      if (session.revealSeq !== shownReveal) {
        shownReveal = session.revealSeq;
        const item = d.items[session.selected];
        if (item && session.revealSeq > 0) {
          const start = m.getPositionAt(item.start);
          const end = m.getPositionAt(Math.max(item.start, item.end - 1));
          editor.revealRangeInCenterIfOutsideViewport(new monaco.Range(start.lineNumber, 1, end.lineNumber, 1), monaco.editor.ScrollType.Immediate);
          const cur = offsetAtCursor();
          if (itemIndexAt(d.items, cur) !== session.selected) {
            suppress++;
            editor.setPosition(start);
            suppress--;
          }
        }
      }
    };

    /** The labelled rule at each start line, with what its label shows (to skip unchanged ones). */
    const zones = new Map<number, { id: string; node: HTMLElement; label: HTMLElement; item?: StoredItem; index?: number; selected?: boolean; language?: string }>();
    let zoneText = '';
    let zoneLineCount = 0;
    let shownFlags = '';
    let shownFlagArrays: readonly StoredItem['flags'][] = [];
    let flagsText = '';
    const paintZones = (d: PageDoc, selected: number, starts: number[]) => {
      const tt = tRef.current;
      const m = editor.getModel();
      if (!m) return;
      // View zones (the labelled rules): kept by start line; only added/removed where splits
      // changed, relabelled in place otherwise. Rebuilt from scratch after a text edit.
      const lineCount = m.getLineCount();
      if (d.text !== zoneText || lineCount !== zoneLineCount) {
        zoneText = d.text;
        zoneLineCount = lineCount;
        editor.changeViewZones((acc) => {
          for (const z of zones.values()) acc.removeZone(z.id);
        });
        zones.clear();
      }
      // A labelled rule (view zone) per item costs layout for every item of the page: a page of
      // thousands of items keeps only the split rule and gutter marker (decorations, drawn lazily).
      const wanted = new Set(d.items.length <= ZONES_UP_TO ? starts : []);
      const stale = [...zones.entries()].filter(([line]) => !wanted.has(line));
      const missing = [...wanted].filter((line) => !zones.has(line));
      if (stale.length || missing.length) {
        editor.changeViewZones((acc) => {
          for (const [line, z] of stale) {
            acc.removeZone(z.id);
            zones.delete(line);
          }
          for (const line of missing) {
            const node = document.createElement('div');
            const label = document.createElement('span');
            label.className = 'split-zone-label';
            node.appendChild(label);
            zones.set(line, { id: acc.addZone({ afterLineNumber: line - 1, heightInPx: 20, domNode: node, suppressMouseDown: true }), node, label });
          }
        });
      }
      if (zones.size === 0) return;
      const language = i18n.language;
      d.items.forEach((item, i) => {
        const z = zones.get(starts[i]!);
        if (!z) return;
        // A zone showing this very item at this place, selection and language is left alone: a
        // split relabels the zones whose item or number changed, not every zone of the page.
        const isSelected = i === selected;
        if (z.item === item && z.index === i && z.selected === isSelected && z.language === language) return;
        z.item = item;
        z.index = i;
        z.selected = isSelected;
        z.language = language;
        const doubt = doubtOf(item);
        const doubtful = doubt.split !== null || doubt.titles !== null;
        const cls = `split-zone kind-${item.kind}${i === selected ? ' selected' : ''}${doubt.split !== null ? ' doubt-split' : ''}${doubt.titles !== null ? ' doubt-titles' : ''}`;
        if (z.node.className !== cls) z.node.className = cls;
        z.node.dataset.kind = item.kind;
        if (doubtful) z.node.dataset.doubt = '1';
        else delete z.node.dataset.doubt;
        const doubtText = [
          doubt.split !== null ? tt('doubt.badgeSplit', { pct: percent(doubt.split) }) : null,
          doubt.titles !== null ? tt('doubt.badgeTitles', { pct: percent(doubt.titles) }) : null,
        ].filter(Boolean).join(' · ');
        const text = `${tt(`kind.${item.kind}`)} · ${cardNumber(tt, language, i + 1)}${doubtful ? ` · ? ${doubtText}` : ''}`;
        z.node.title = doubtful ? [doubt.split !== null ? tt('doubt.split', { pct: percent(doubt.split) }) : '', doubt.titles !== null ? tt('doubt.titles', { pct: percent(doubt.titles) }) : ''].filter(Boolean).join('\n') : '';
        if (z.label.textContent !== text) z.label.textContent = text;
      });
    };
    // Item spans (rules, tints, gutter markers) are rebuilt when the doc or the language changes;
    // the selected item's highlight is a collection of its own, so moving the cursor between
    // items of a 10,000-item page touches two decorations, not 20,000.
    let spanLines: [number, number][] = [];
    let spansKey: PageDoc | null = null;
    let spansLanguage = '';
    const paintSelection = (selected: number) => {
      const span = spanLines[selected];
      selectedDecorations.set(
        span
          ? [{ range: new monaco.Range(span[0], 1, span[1], 1), options: { isWholeLine: true, className: 'span-tint selected', linesDecorationsClassName: 'span-selected-bar' } }]
          : [],
      );
    };
    // The item spans' decorations (rule, tint, gutter marker: two per item). A big page gets them
    // only for the lines in view and a margin, redone as it scrolls: 20,000 decorations cost Monaco
    // ~250 ms per change on a 10,000-item page, a few hundred cost nothing.
    let spanDoc: PageDoc | null = null;
    // Kept per item and changed by delta (span-decorations.ts): a split leaves the rules of the
    // items after it as they are; a text edit or another language redoes them all.
    let spansText: string | null = null;
    let spansShownLanguage = '';
    let windowFrom = 0;
    let windowTo = -1;
    const paintSpans = (d: PageDoc, force: boolean) => {
      const tt = tRef.current;
      const kindLabels = new Map<string, [string, string]>();
      const labelsOf = (kind: string): [string, string] => {
        let l = kindLabels.get(kind);
        if (!l) {
          const k = tt(`kind.${kind}`);
          l = [k, tt('editor.dragMarker', { kind: k })];
          kindLabels.set(kind, l);
        }
        return l;
      };
      let first = 0;
      let last = d.items.length - 1;
      if (d.items.length > WINDOWED_FROM) {
        const visible = editor.getVisibleRanges();
        const top = visible[0]?.startLineNumber ?? 1;
        const bottom = visible[visible.length - 1]?.endLineNumber ?? top;
        if (!force && top >= windowFrom && bottom <= windowTo) return;
        windowFrom = Math.max(1, top - WINDOW_MARGIN_LINES);
        windowTo = bottom + WINDOW_MARGIN_LINES;
        first = Math.max(0, firstSpanEndingAtOrAfter(spanLines, windowFrom));
        last = first;
        while (last + 1 < spanLines.length && spanLines[last + 1]![0] <= windowTo) last++;
      }
      const wanted: WantedSpan[] = [];
      const language = i18n.language;
      for (let i = first; i <= last && i < d.items.length; i++) {
        const item = d.items[i]!;
        const [startLine, endLine] = spanLines[i]!;
        wanted.push({
          item,
          ruleKey: `${i > 0}:${startLine}`,
          rule: () => {
            const [kindLabel, dragLabel] = labelsOf(item.kind);
            // A doubtful split: tinted rule and a "?" gutter marker whose tooltip gives the confidence.
            const doubt = doubtOf(item);
            const doubtNote = [
              doubt.split !== null ? tt('doubt.split', { pct: percent(doubt.split) }) : null,
              doubt.titles !== null ? tt('doubt.titles', { pct: percent(doubt.titles) }) : null,
            ].filter(Boolean).join('\n\n');
            const doubtCls = `${doubt.split !== null ? ' doubt-split' : ''}${doubt.titles !== null ? ' doubt-titles' : ''}`;
            return {
              range: new monaco.Range(startLine, 1, startLine, 1),
              options: {
                isWholeLine: true,
                className: `split-rule kind-${item.kind}${doubtCls}`,
                glyphMarginClassName: `split-glyph kind-${item.kind}${i > 0 ? ' draggable' : ''}${doubtCls}`,
                glyphMarginHoverMessage: { value: [i > 0 ? dragLabel : kindLabel, doubtNote].filter(Boolean).join('\n\n') },
                stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
              },
            };
          },
          // The tints alternate: a split changes the parity of every later item, so only its tint.
          tintKey: `${i % 2}:${startLine}:${endLine}`,
          tint: () => ({
            range: new monaco.Range(startLine, 1, endLine, 1),
            options: {
              isWholeLine: true,
              className: `span-tint kind-${item.kind} alt-${i % 2}`,
              linesDecorationsClassName: `span-bar kind-${item.kind}`,
            },
          }),
        });
      }
      spanDoc = d;
      spans.show(wanted, d.text !== spansText || language !== spansShownLanguage);
      spansText = d.text;
      spansShownLanguage = language;
    };
    const paint = (m: monaco.editor.ITextModel, d: PageDoc, selected: number, docChanged: boolean) => {
      if (spansKey === d && spansLanguage === i18n.language) {
        paintSelection(selected);
        paintZones(d, selected, spanLines.map((l) => l[0]));
        return;
      }
      const tt = tRef.current;
      spansKey = d;
      spansLanguage = i18n.language;
      // Lines from one sweep over the text (item starts ascend), not a model lookup per item.
      spanLines = itemLineSpans(d.text, d.items);
      const starts = spanLines.map((l) => l[0]);
      paintSpans(d, true);
      paintSelection(selected);
      paintZones(d, selected, starts);
      if (!docChanged) return;
      // The same flag arrays as last time (items a change did not touch keep theirs) need no
      // JSON of every item's flags to tell that nothing changed.
      if (d.text === flagsText && sameFlagArrays(d.items, shownFlagArrays)) return;
      shownFlagArrays = d.items.map((it) => it.flags);
      const flagsKey = JSON.stringify(shownFlagArrays);
      if (flagsKey === shownFlags && d.text === flagsText) return;
      shownFlags = flagsKey;
      flagsText = d.text;
      const markers: monaco.editor.IMarkerData[] = [];
      for (const item of d.items) {
        for (const f of item.flags) {
          const a = m.getPositionAt(f.start);
          const b = m.getPositionAt(Math.max(f.end, f.start + 1));
          markers.push({
            severity: monaco.MarkerSeverity.Warning,
            message: flagText(tt, f, d.text),
            startLineNumber: a.lineNumber,
            startColumn: a.column,
            endLineNumber: b.lineNumber,
            endColumn: b.column,
            source: 'Galley',
          });
        }
      }
      monaco.editor.setModelMarkers(m, 'galley', markers);
    };

    const disposables: monaco.IDisposable[] = [];
    disposables.push(
      // A big page's span decorations follow the view (paintSpans keeps a margin, so most scrolls do nothing).
      editor.onDidScrollChange(() => {
        if (spanDoc && spanDoc.items.length > WINDOWED_FROM) paintSpans(spanDoc, false);
      }),
      editor.onDidChangeModelContent((e) => {
        if (suppress > 0) return;
        const now = editor.getModel()!.getValue();
        modelText = now;
        const d = doc();
        if (!d) return;
        let changes: TextChange[] = [];
        const c0 = e.changes[0];
        if (e.changes.length === 1 && c0) {
          const single = { offset: c0.rangeOffset, length: c0.rangeLength, text: c0.text };
          if (d.text.slice(0, single.offset) + single.text + d.text.slice(single.offset + single.length) === now) changes = [single];
        }
        if (changes.length === 0) {
          const diff = diffText(d.text, now);
          if (diff) changes = [diff];
        }
        store.getState().editText(changes);
      }),
      editor.onDidChangeCursorPosition((e) => {
        host.dataset.cursorLine = String(e.position.lineNumber);
        deskStore.setState({ cursor: { line: e.position.lineNumber, col: e.position.column }, hint: null });
        if (suppress > 0) return;
        const i = itemAtCursor();
        if (i >= 0) store.getState().select(i, false);
      }),
    );

    // Gutter drag: press on an item's marker, release on the line it should start at.
    let dragging = -1;
    disposables.push(
      editor.onMouseDown((e) => {
        const type = e.target.type;
        if (type !== monaco.editor.MouseTargetType.GUTTER_GLYPH_MARGIN && type !== monaco.editor.MouseTargetType.GUTTER_LINE_DECORATIONS) return;
        const d = doc();
        const m = editor.getModel();
        const line = e.target.position?.lineNumber;
        if (!d || !m || !line) return;
        const at = m.getOffsetAt({ lineNumber: line, column: 1 });
        const idx = d.items.findIndex((it) => it.start === at);
        if (idx > 0) {
          dragging = idx;
          host.classList.add('dragging-split');
        }
      }),
      editor.onMouseUp((e) => {
        if (dragging < 0) return;
        const idx = dragging;
        dragging = -1;
        host.classList.remove('dragging-split');
        const line = e.target.position?.lineNumber;
        const m = editor.getModel();
        if (!line || !m) return;
        void store.getState().moveStartTo(idx, m.getOffsetAt({ lineNumber: line, column: 1 }));
      }),
    );

    const keys = (id: CommandId) => monacoKeybindings(commandSpec(id).keys);
    let actions: monaco.IDisposable[] = [];
    const registerActions = () => {
      for (const a of actions) a.dispose();
      const tt = tRef.current;
      const s = () => store.getState();
      actions = [
        editor.addAction({
          id: 'galley.split',
          label: tt('editor.splitHere'),
          keybindings: keys('split'),
          contextMenuGroupId: '1_galley',
          contextMenuOrder: 1,
          precondition: '!editorReadonly',
          run: () => void s().split(lineStartAtCursor()),
        }),
        editor.addAction({
          id: 'galley.merge',
          label: tt('editor.mergePrev'),
          // Ctrl+Backspace merges the item under the cursor into the one above, from any of its
          // lines, and never deletes a word: a merge key that edits the OCR text is a trap.
          keybindings: keys('merge'),
          contextMenuGroupId: '1_galley',
          contextMenuOrder: 2,
          precondition: '!editorReadonly',
          run: () => {
            const i = itemAtCursor();
            if (i > 0) void s().mergeItem(i);
            else deskStore.setState({ hint: 'desk.merge.notFirstLine' });
          },
        }),
        editor.addAction({
          id: 'galley.moveUp',
          label: `${tt('help.move')} ↑`,
          keybindings: keys('moveUp'),
          precondition: '!editorReadonly',
          run: () => void s().moveStart(itemAtCursor(), -1),
        }),
        editor.addAction({
          id: 'galley.moveDown',
          label: `${tt('help.move')} ↓`,
          keybindings: keys('moveDown'),
          precondition: '!editorReadonly',
          run: () => void s().moveStart(itemAtCursor(), 1),
        }),
        editor.addAction({
          id: 'galley.undo',
          label: tt('toolbar.undo'),
          keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyZ],
          run: () => s().undo(),
        }),
        editor.addAction({
          id: 'galley.redo',
          label: tt('toolbar.redo'),
          keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.KeyZ, monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyY],
          run: () => s().redo(),
        }),
        ...ITEM_KINDS.map((kind: ItemKind, k) =>
          editor.addAction({
            id: `galley.kind.${kind}`,
            label: `${tt('field.kind')}: ${tt(`kind.${kind}`)}`,
            keybindings: [monaco.KeyMod.Alt | DIGITS[k]!],
            run: () => {
              const i = itemAtCursor();
              if (i >= 0) s().setField(i, 'kind', kind);
            },
          }),
        ),
        ...ROLES.map((role, k) =>
          editor.addAction({
            id: `galley.role.${role}`,
            label: tt('editor.assignTo', { role: tt(role === 'caption' ? 'field.caption' : `field.${role}`) }),
            keybindings: [monaco.KeyMod.Alt | ROLE_KEYS[role]],
            contextMenuGroupId: '2_roles',
            contextMenuOrder: k,
            run: () => s().assignRole(lineStartAtCursor(), role),
          }),
        ),
      ];
    };
    registerActions();
    i18n.on('languageChanged', registerActions);

    const unsubscribe = store.subscribe(() => {
      render();
      applyReadOnly();
    });
    render();
    applyReadOnly();
    const onLang = () => render();
    i18n.on('languageChanged', onLang);

    return () => {
      unsubscribe();
      i18n.off('languageChanged', registerActions);
      i18n.off('languageChanged', onLang);
      for (const a of actions) a.dispose();
      for (const d of disposables) d.dispose();
      const m = editor.getModel();
      editor.dispose();
      m?.dispose();
      delete focusTargets.editor;
      delete focusTargets.editorAction;
      delete focusTargets.gotoLine;
    };
  }, [store, i18n]);

  return <div ref={hostRef} className="raw-editor" data-testid="raw-editor" aria-label={t('page.rawText')} />;
}
