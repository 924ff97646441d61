// A card's form field is shown as text (a focusable element with the field's role and label, the
// same look) until it is focused or clicked, and only then becomes the real input, textarea or
// select in its place. Why: Chromium's autofill agent re-reads every form control of the page after
// a split mounts a card (~10 controls a card), a task of forced layouts that cost 28–36 ms of CPU
// per split, sometimes before the split's frame. With the fields as text a page holds at most the
// one control being edited.
import { useLayoutEffect, useRef, useState, type FocusEvent, type MouseEvent, type RefObject } from 'react';

/** How the field was entered: by a click (the caret goes where the pointer is) or by the keyboard. */
interface Entry {
  /** The caret's offset in the value under the pointer; null when entered by the keyboard. */
  caret: number | null;
  pointer: boolean;
}

/**
 * The offset in `el`'s text under a point, or null when the point is not on its text (an empty
 * field shows its placeholder from CSS, so it has no text node).
 */
export function caretOffsetAt(el: HTMLElement, x: number, y: number): number | null {
  const doc = el.ownerDocument;
  const pos = typeof doc.caretPositionFromPoint === 'function' ? doc.caretPositionFromPoint(x, y) : null;
  if (pos) return el.contains(pos.offsetNode) && pos.offsetNode.nodeType === Node.TEXT_NODE ? pos.offset : null;
  const range = typeof doc.caretRangeFromPoint === 'function' ? doc.caretRangeFromPoint(x, y) : null;
  if (range && el.contains(range.startContainer) && range.startContainer.nodeType === Node.TEXT_NODE) return range.startOffset;
  return null;
}

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** Places the caret (or opens the list) the way entering the real control would have. */
function enter(control: Control, how: Entry): void {
  control.focus({ preventScroll: true });
  if (control instanceof HTMLSelectElement) {
    // A click on a select opens its list; showPicker needs the click's user activation, which
    // this layout effect still runs inside.
    if (how.pointer) {
      try {
        control.showPicker();
      } catch {
        // No picker (headless, or no activation left): the select is focused, arrows still work.
      }
    }
    return;
  }
  if (how.pointer) {
    // Where the click was, or after the text when it was beside it.
    const at = how.caret ?? control.value.length;
    control.setSelectionRange(at, at);
  } else if (control instanceof HTMLInputElement) {
    // Tab into a text input selects its text (the browser's own behaviour for a real input)...
    control.select();
  } else {
    // ...and into a textarea puts the caret at its start.
    control.setSelectionRange(0, 0);
  }
}

export interface LiveField<E extends Control> {
  /** Whether the real control is shown (it is focused, or was until a blur that leaves it). */
  live: boolean;
  /** The real control's ref. */
  ref: RefObject<E | null>;
  /** Props for the text stand-in: focusable, entered by click or focus. */
  standIn: {
    tabIndex: number;
    onMouseDown: (e: MouseEvent<HTMLElement>) => void;
    onFocus: (e: FocusEvent<HTMLElement>) => void;
  };
  /** Enters the field as a click does, the caret after the text (a click on the field's label). */
  enterByPointer: () => void;
  /** For the real control's blur: back to text, unless the window lost focus (it comes back to the control). */
  leave: () => void;
}

export function useLiveField<E extends Control>(disabled = false): LiveField<E> {
  const [live, setLive] = useState(false);
  const entry = useRef<Entry | null>(null);
  const ref = useRef<E | null>(null);
  useLayoutEffect(() => {
    const how = entry.current;
    entry.current = null;
    if (live && how && ref.current) enter(ref.current, how);
  }, [live]);
  const start = (how: Entry) => {
    if (disabled) return;
    entry.current = how;
    setLive(true);
  };
  return {
    live,
    ref,
    standIn: {
      tabIndex: disabled ? -1 : 0,
      onMouseDown: (e) => {
        if (e.button !== 0 || disabled) return;
        // The control takes the focus in its place; focusing the stand-in first would enter it twice.
        e.preventDefault();
        start({ caret: caretOffsetAt(e.currentTarget, e.clientX, e.clientY), pointer: true });
      },
      onFocus: () => start({ caret: null, pointer: false }),
    },
    enterByPointer: () => start({ caret: null, pointer: true }),
    leave: () => {
      if (typeof document !== 'undefined' && !document.hasFocus()) return;
      setLive(false);
    },
  };
}
