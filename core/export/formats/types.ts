import type { IssueExport } from '../../../shared/export.ts';

/** One output file: a posix path relative to the issue folder, and its bytes. */
export interface ExportFile {
  path: string;
  bytes: Uint8Array;
}

export type FormatWriter = (issue: IssueExport, folder: string) => ExportFile[];

const encoder = new TextEncoder();
export const utf8 = (s: string): Uint8Array => encoder.encode(s);
