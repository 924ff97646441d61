// File and folder names for exports. Headlines become file names, so nothing in the data may
// reach the file system unfiltered: a name keeps letters, digits, '-', '_' and inner dots only,
// which rules out separators, drive colons, '..' segments, hidden files and control characters.
import type { IssueExport } from '../../shared/export.ts';

/** Device names Windows refuses as file names whatever the extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

/** A single safe path segment made from arbitrary text, at most `max` code points. */
export function safeName(raw: string, fallback = 'untitled', max = 40): string {
  const cleaned = raw
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}\p{M}._-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  // Cut by code points so a surrogate pair is never split.
  const cut = [...cleaned].slice(0, max).join('').replace(/[-.]+$/g, '');
  const name = cut || fallback;
  return WINDOWS_RESERVED.test(name) ? `_${name}` : name;
}

/** True when `segment` is what safeName could have produced (checked again before writing). */
export function isSafeSegment(segment: string): boolean {
  return segment.length > 0 && /^[\p{L}\p{N}\p{M}_][\p{L}\p{N}\p{M}._-]*$/u.test(segment) && !/[.]$/.test(segment) && !WINDOWS_RESERVED.test(segment);
}

/** A relative posix path every segment of which is safe; anything else is a bug upstream. */
export function assertSafeRelativePath(path: string): void {
  const segments = path.split('/');
  if (!segments.every(isSafeSegment)) throw new Error(`unsafe export path: ${JSON.stringify(path)}`);
}

/** PUB_YYYY-MM-DD_NNNN: the issue's folder, sortable by publication, then date, then number. */
export function issueFolderName(issue: Pick<IssueExport, 'publication' | 'issue'>): string {
  const p = issue.publication;
  const code = safeName(p.code ?? p.titleLatin ?? p.title, 'ISSUE', 32);
  const date = issue.issue.date ?? 'undated';
  const num = issue.issue.issueNumber === null ? '0000' : String(Math.abs(issue.issue.issueNumber)).padStart(4, '0');
  return `${code}_${date}_${num}`;
}

/** 0001-headline: a sequence number keeps names unique and in reading order. */
export function numberedName(seq: number, title: string | null, fallback: string): string {
  return `${String(seq).padStart(4, '0')}-${safeName(title ?? '', fallback)}`;
}
