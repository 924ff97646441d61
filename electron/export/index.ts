// Public entry of the export. buildExport and the writers are pure; exportIssue writes files.
export { buildExport, WRITERS } from '../../core/export/build.ts';
export type { BuiltExport } from '../../core/export/build.ts';
export { exportIssue, exportOptionsSchema, ExportError } from './export-issue.ts';
export { exportArchivedIssue, defaultExportDir, checkOutDir, EXPORT_DIR_SETTING } from './archive-export.ts';
export type { ExportOptions, ExportResult } from './export-issue.ts';
export { makeManifest, manifestSchema, sha256, MANIFEST_SCHEMA } from './manifest.ts';
export type { ExportManifest } from './manifest.ts';
export { safeName, issueFolderName } from '../../core/export/names.ts';
export { collectStories } from '../../core/export/stories.ts';
export type { ExportFile } from '../../core/export/formats/types.ts';
export { issueExportSchema, EXPORT_FORMATS, ISSUE_EXPORT_SCHEMA } from '../../shared/export.ts';
export type { IssueExport, ExportFormat, ExportItem } from '../../shared/export.ts';
