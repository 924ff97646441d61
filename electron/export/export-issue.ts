// Node side of the export: writes an issue folder (and optionally a zip) under outDir atomically.
// Files are written into a temporary folder inside outDir and renamed into place in one step,
// so a reader never sees a half-written export and a failed export leaves the old one intact.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { EXPORT_FORMATS, exportFormatSchema, issueExportSchema, type ExportFormat } from '../../shared/export.ts';
import { buildExport } from '../../core/export/build.ts';
import { makeManifest, type ExportManifest } from './manifest.ts';
import { utf8 } from '../../core/export/formats/types.ts';

export const exportOptionsSchema = z.object({
  formats: z.array(exportFormatSchema).min(1).default([...EXPORT_FORMATS]),
  outDir: z.string().min(1),
  zip: z.boolean().default(false),
  /** Exports are of approved issues; previews of unapproved ones must say so explicitly. */
  allowUnapproved: z.boolean().default(false),
});
export type ExportOptions = z.input<typeof exportOptionsSchema>;

export interface ExportResult {
  manifest: ExportManifest;
  /** Absolute path of the issue folder. */
  folderPath: string;
  /** Absolute path of FOLDER.zip beside it, when asked for. */
  zipPath: string | null;
}

export class ExportError extends Error {
  constructor(
    readonly code: 'not-approved' | 'unsafe-path',
    message: string,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

/** Joins under root and refuses anything that would land outside it (a second fence behind safeName). */
function inside(root: string, rel: string): string {
  const full = resolve(root, ...rel.split('/'));
  if (!full.startsWith(root + sep)) throw new ExportError('unsafe-path', `export path escapes the output folder: ${rel}`);
  return full;
}

export function exportIssue(input: unknown, options: ExportOptions): ExportResult {
  const opts = exportOptionsSchema.parse(options);
  const issue = issueExportSchema.parse(input);
  if (!opts.allowUnapproved && issue.issue.state !== 'approved' && issue.issue.state !== 'exported') {
    throw new ExportError('not-approved', `Only an approved issue can be exported; this one is ${issue.issue.state}.`);
  }
  const built = buildExport(issue, opts.formats as ExportFormat[]);
  const manifest = makeManifest(built);
  const manifestBytes = utf8(JSON.stringify(manifest, null, 2) + '\n');

  const outDir = resolve(opts.outDir);
  mkdirSync(outDir, { recursive: true });
  const folderPath = inside(outDir, built.folder);
  const tmp = mkdtempSync(join(outDir, '.galley-export-'));
  try {
    for (const f of built.files) {
      const target = inside(tmp, f.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, f.bytes);
    }
    writeFileSync(inside(tmp, 'manifest.json'), manifestBytes);

    let zipPath: string | null = null;
    if (opts.zip) {
      // The zip holds the folder itself, so unzipping anywhere recreates PUB_YYYY-MM-DD_NNNN/.
      const entries: Zippable = { [`${built.folder}/manifest.json`]: manifestBytes };
      for (const f of built.files) entries[`${built.folder}/${f.path}`] = f.bytes;
      zipPath = inside(outDir, `${built.folder}.zip`);
      const tmpZip = join(tmp, '.zip');
      writeFileSync(tmpZip, zipSync(entries, { level: 6, mtime: zipTime(issue.exportedAt) }));
      renameSync(tmpZip, zipPath);
    }

    // Replace an earlier export of the same issue: move it aside, move the new one in, drop the old.
    const old = existsSync(folderPath) ? join(tmp + '-old') : null;
    if (old) renameSync(folderPath, old);
    renameSync(tmp, folderPath);
    if (old) rmSync(old, { recursive: true, force: true });
    return { manifest, folderPath, zipPath };
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** Zip entry times from the export time, so the same export gives the same zip bytes. */
function zipTime(exportedAt: string): Date {
  const d = new Date(exportedAt);
  // DOS time starts in 1980; fflate refuses earlier dates.
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1980 ? new Date('1980-01-01T00:00:00Z') : d;
}
