// `galley export ISSUE --format FMT[,FMT] --out DIR [--zip] [--as NAME] [--archive PATH | --db URL] [--json]`
import { z } from 'zod';
import { EXPORT_FORMATS } from '../../../shared/export.ts';
import { archiveOptionsHelp } from '../archive-options-help.ts';
import { tokenize, validate } from '../args.ts';
import type { CliIO } from '../cli-io.ts';
import { issueRef } from '../review-cli.ts';
import { openService } from '../service.ts';

export const summary = 'Export an approved issue (json, nitf, newsml, csv, markdown, txt) with a SHA-256 manifest';
export const usage = 'galley export ISSUE --format FMT[,FMT...] --out DIR [--zip] [--as NAME] [--archive PATH | --db URL] [--json]';

const HELP = `Usage: ${usage}

Writes the issue as a folder PUB_YYYY-MM-DD_NNNN/ under DIR (and PUB_YYYY-MM-DD_NNNN.zip with
--zip), with manifest.json listing every file, its size and SHA-256. Only a supervisor can
export, and only an approved (or already exported) issue; the issue is then marked exported.

  ISSUE            an issue id, or PUBLICATION:YYYY-MM-DD (e.g. 衡阳日报:2021-10-29)
  --format FMT     one or more of ${EXPORT_FORMATS.join(', ')} (comma-separated), or all
  --out DIR        the folder to write into (made when missing)
  --zip            also write a zip of the issue folder
  --as NAME        the supervisor's profile
${archiveOptionsHelp(17)}  --json           print {folderPath, zipPath, manifest} as JSON
  -h, --help       show this help
`;

const formats = z
  .string()
  .transform((s) => (s.trim() === 'all' ? [...EXPORT_FORMATS] : s.split(',').map((f) => f.trim()).filter(Boolean)))
  .pipe(z.array(z.enum(EXPORT_FORMATS, { error: `must be one or more of ${EXPORT_FORMATS.join(', ')}, or all` })).min(1, { error: 'name at least one format' }));

const argsSchema = z
  .object({
    positionals: z.array(z.string()),
    flags: z.object({
      help: z.boolean().optional(),
      zip: z.boolean().optional(),
      json: z.boolean().optional(),
      format: formats.optional(),
      out: z.string().min(1).optional(),
      as: z.string().min(1).optional(),
      archive: z.string().min(1).optional(),
    }),
  })
  .refine((a) => a.flags.help || a.positionals.length === 1, { error: 'give exactly one ISSUE' })
  .refine((a) => a.flags.help || a.flags.format, { error: 'missing --format' })
  .refine((a) => a.flags.help || a.flags.out, { error: 'missing --out DIR' });

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = validate(
    argsSchema,
    tokenize(args, { zip: 'boolean', json: 'boolean', format: 'string', out: 'string', as: 'string', archive: 'string' }, usage),
    usage,
  );
  const f = parsed.flags;
  if (f.help) {
    io.stdout(HELP);
    return 0;
  }
  const service = await openService(io, { archive: f.archive, as: f.as });
  try {
    const issue = await issueRef(service.archive, parsed.positionals[0]!);
    const { resolve } = await import('node:path');
    const result = await service.call('issues.export', { issueId: issue.id, formats: f.format!, outDir: resolve(f.out!), zip: f.zip === true });
    if (f.json) {
      io.stdout(JSON.stringify({ folderPath: result.folderPath, zipPath: result.zipPath, manifest: result.manifest }, null, 2) + '\n');
    } else {
      io.stdout(`Exported ${result.manifest.files.length} files (${result.manifest.formats.join(', ')}) → ${result.folderPath}\n`);
      if (result.zipPath) io.stdout(`Zip → ${result.zipPath}\n`);
    }
    return 0;
  } finally {
    await service.close();
  }
}
