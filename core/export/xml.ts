// A small XML writer. Hand-rolled rather than a builder library so element order (which the
// NITF and NewsML-G2 schemas fix) is explicit, and so escaping lives in one tested place.

/** Characters XML 1.0 forbids anywhere, even escaped (C0 controls, lone surrogates, U+FFFE/F). */
const ILLEGAL = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeText(s: string): string {
  return s.replace(ILLEGAL, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values also escape quotes and whitespace that attribute normalisation would flatten. */
export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

export type XmlAttrs = Record<string, string | number | null | undefined>;
export interface XmlElement {
  name: string;
  attrs?: XmlAttrs;
  children?: XmlChild[];
}
/** A string child is text; null/false children are skipped so optional parts read inline. */
export type XmlChild = XmlElement | string | null | undefined | false;

export function el(name: string, attrs: XmlAttrs = {}, ...children: XmlChild[]): XmlElement {
  return { name, attrs, children };
}

function renderAttrs(attrs: XmlAttrs = {}): string {
  return Object.entries(attrs)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join('');
}

function render(node: XmlElement, indent: string, out: string[]): void {
  const kids = (node.children ?? []).filter((c): c is XmlElement | string => c !== null && c !== undefined && c !== false);
  const open = `${indent}<${node.name}${renderAttrs(node.attrs)}`;
  if (kids.length === 0) {
    out.push(`${open}/>`);
  } else if (kids.every((k) => typeof k === 'string')) {
    out.push(`${open}>${kids.map((k) => escapeText(k as string)).join('')}</${node.name}>`);
  } else {
    // Mixed content is not indented: whitespace there would become part of the text.
    if (kids.some((k) => typeof k === 'string')) {
      out.push(`${open}>${kids.map((k) => (typeof k === 'string' ? escapeText(k) : inline(k))).join('')}</${node.name}>`);
      return;
    }
    out.push(`${open}>`);
    for (const k of kids) render(k as XmlElement, indent + '  ', out);
    out.push(`${indent}</${node.name}>`);
  }
}

function inline(node: XmlElement): string {
  const out: string[] = [];
  render(node, '', out);
  return out.join('');
}

export function xmlDocument(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  render(root, '', out);
  return out.join('\n') + '\n';
}
