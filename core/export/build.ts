// Pure assembly of an export: validated issue + formats → the issue folder's name and files.
import { EXPORT_FORMATS, exportFormatSchema, issueExportSchema, type ExportFormat, type IssueExport } from '../../shared/export.ts';
import { applyBylineContributors } from './byline.ts';
import { z } from 'zod';
import { assertSafeRelativePath, issueFolderName } from './names.ts';
import { writeCsv } from './formats/csv.ts';
import { writeJson } from './formats/json.ts';
import { writeMarkdown } from './formats/markdown.ts';
import { writeNewsml } from './formats/newsml.ts';
import { writeNitf } from './formats/nitf.ts';
import { writeTxt } from './formats/txt.ts';
import type { ExportFile, FormatWriter } from './formats/types.ts';

export const WRITERS: Record<ExportFormat, FormatWriter> = {
  json: writeJson,
  nitf: writeNitf,
  newsml: writeNewsml,
  csv: writeCsv,
  markdown: writeMarkdown,
  txt: writeTxt,
};

export interface BuiltExport {
  issue: IssueExport;
  /** PUB_YYYY-MM-DD_NNNN */
  folder: string;
  formats: ExportFormat[];
  /** Paths relative to the folder, posix separators, every segment checked safe. */
  files: ExportFile[];
}

export function buildExport(input: unknown, formats: readonly ExportFormat[] = EXPORT_FORMATS): BuiltExport {
  // Contributors follow hand-edited bylines (byline.ts), in every format.
  const issue = applyBylineContributors(issueExportSchema.parse(input));
  // Deduplicated, in the canonical order, so the same request always yields the same files.
  const wanted = new Set(z.array(exportFormatSchema).min(1, 'choose at least one export format').parse(formats));
  const chosen = EXPORT_FORMATS.filter((f) => wanted.has(f));
  const folder = issueFolderName(issue);
  const files = chosen.flatMap((f) => WRITERS[f](issue, folder));
  const seen = new Set<string>();
  for (const f of files) {
    assertSafeRelativePath(f.path);
    if (f.path === 'manifest.json' || seen.has(f.path)) throw new Error(`duplicate export path ${f.path}`);
    seen.add(f.path);
  }
  assertSafeRelativePath(folder);
  return { issue, folder, formats: chosen, files };
}
