// An item card's editable fields: a text field (input or textarea) and the kind. Each is shown as
// text with its field's role and label until it is clicked or focused, then becomes the real
// control in place (live-field.ts says why); editing is as before: type, Enter (Ctrl+Enter in a
// textarea) or leaving the field commits, Escape reverts.
import { useRef, useState, type KeyboardEvent } from 'react';
import type { ItemKind } from '../../shared/segmentation.ts';
import { useLiveField } from './live-field.ts';
import './card-fields.css';

/** A textarea's rows for a value: one per line, 2 to 12 (the text stand-in takes the same height). */
export function textRows(value: string): number {
  return Math.min(12, Math.max(2, value.split('\n').length));
}

export function CardField(props: {
  value: string;
  field: string;
  label: string;
  multiline?: boolean;
  inputMode?: 'numeric';
  edited: boolean;
  placeholder?: string;
  validate?: (v: string) => string | null;
  onCommit: (v: string) => void;
}) {
  const [draft, setDraft] = useState(props.value);
  const [base, setBase] = useState(props.value);
  const [error, setError] = useState<string | null>(null);
  const control = useLiveField<HTMLInputElement & HTMLTextAreaElement>();
  // Escape's blur must not commit: its handler still sees the draft from before the revert.
  const reverting = useRef(false);
  if (base !== props.value) {
    // The stored value changed (undo, re-derivation): show it (derived state, no extra commit).
    setBase(props.value);
    setDraft(props.value);
  }
  const commit = () => {
    if (draft === props.value) return;
    const err = props.validate?.(draft) ?? null;
    setError(err);
    if (!err) props.onCommit(draft);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (e.key === 'Escape') {
      reverting.current = true;
      setDraft(props.value);
      setError(null);
      e.currentTarget.blur();
      e.stopPropagation();
    } else if (e.key === 'Enter' && (!props.multiline || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      commit();
    }
  };
  const rows = textRows(draft);
  const common = {
    'data-field': props.field,
    'aria-label': props.label,
    'aria-invalid': error ? true : undefined,
  };
  let shown;
  if (control.live) {
    const live = {
      ...common,
      ref: control.ref,
      value: draft,
      placeholder: props.placeholder,
      onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
      onBlur: () => {
        if (!reverting.current) commit();
        reverting.current = false;
        control.leave();
      },
      onKeyDown: onKey,
    };
    shown = props.multiline ? <textarea {...live} rows={rows} /> : <input {...live} inputMode={props.inputMode} />;
  } else {
    // The value as text: the same box, font and wrapping as the control; an empty value shows the
    // placeholder from CSS, so the element's text is always exactly the value.
    shown = (
      <span
        {...common}
        {...control.standIn}
        role="textbox"
        aria-multiline={props.multiline ? true : undefined}
        aria-placeholder={props.placeholder}
        data-placeholder={props.placeholder}
        className={`field-text${props.multiline ? ' multiline' : ''}`}
        style={props.multiline ? { height: `calc(${rows} * 1.6em + 6px)` } : undefined}
      >
        {draft}
      </span>
    );
  }
  return (
    <label
      className={`field field-${props.field}${props.edited ? ' edited' : ''}`}
      // A click on the label enters the field, as a label's click focuses its control.
      onMouseDown={(e) => {
        if (!control.live && e.target === e.currentTarget.firstChild) {
          e.preventDefault();
          control.enterByPointer();
        }
      }}
    >
      <span className="field-label">{props.label}</span>
      {shown}
      {error && <span className="field-error">{error}</span>}
    </label>
  );
}

/** The item's kind: a select while focused, its label as text otherwise. */
export function KindField(props: {
  kind: ItemKind;
  edited: boolean;
  label: string;
  kinds: readonly (readonly [ItemKind, string])[];
  onChange: (kind: ItemKind) => void;
}) {
  const control = useLiveField<HTMLSelectElement>();
  const className = `kind-select kind-${props.kind}${props.edited ? ' edited' : ''}`;
  if (!control.live) {
    const label = props.kinds.find(([k]) => k === props.kind)?.[1] ?? props.kind;
    return (
      <span {...control.standIn} className={className} role="combobox" aria-label={props.label} aria-haspopup="listbox" aria-expanded={false} data-field="kind">
        {label}
      </span>
    );
  }
  return (
    <select
      ref={control.ref}
      className={className}
      aria-label={props.label}
      data-field="kind"
      value={props.kind}
      onChange={(e) => props.onChange(e.target.value as ItemKind)}
      onBlur={control.leave}
    >
      {props.kinds.map(([k, label]) => (
        <option key={k} value={k}>
          {label}
        </option>
      ))}
    </select>
  );
}
