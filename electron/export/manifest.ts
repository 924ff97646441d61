// manifest.json: every file of the export with its size and SHA-256, so a receiving archive can
// check a copy is complete and unaltered without trusting the transport.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { exportManifestSchema } from '../../shared/contract/issues.ts';
import type { BuiltExport } from '../../core/export/build.ts';

export const MANIFEST_SCHEMA = 'galley.export-manifest/1' as const;

// The contract's manifest (what the hosts send the renderer), held to this writer's exact schema
// name and to real SHA-256 digests when a manifest is written or read back from a folder.
export const manifestSchema = exportManifestSchema.extend({
  schema: z.literal(MANIFEST_SCHEMA),
  files: z.array(z.object({ path: z.string(), size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});
export type ExportManifest = z.infer<typeof manifestSchema>;

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function makeManifest(built: BuiltExport): ExportManifest {
  const { issue } = built;
  return {
    schema: MANIFEST_SCHEMA,
    folder: built.folder,
    exportedAt: issue.exportedAt,
    publication: issue.publication.title,
    date: issue.issue.date,
    issueNumber: issue.issue.issueNumber,
    state: issue.issue.state,
    formats: built.formats,
    files: built.files.map((f) => ({ path: f.path, size: f.bytes.byteLength, sha256: sha256(f.bytes) })),
  };
}
