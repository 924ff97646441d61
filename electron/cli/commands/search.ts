// `galley search QUERY [--archive PATH | --db URL] [--json] [--kind K] [--from DATE] [--to DATE]`
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { ITEM_KINDS } from '../../../shared/segmentation.ts';
import { PAGE_STATES } from '../../../shared/domain.ts';
import type { Req } from '../../../shared/ipc.ts';
import { defaultArchiveTarget } from '../../archive/default-path.ts';
import { archiveKind } from '../../archive/open-any.ts';
import { tokenize, validate } from '../args.ts';
import type { CliIO } from '../cli-io.ts';
import { openService } from '../service.ts';
import { archiveOptionsHelp } from '../archive-options-help.ts';

export const summary = 'Search the archive (headlines, bodies, contributors, tags)';
export const usage = 'galley search QUERY [--archive PATH | --db URL] [--json] [--kind K] [--from DATE] [--to DATE] [--tag T] [--state S] [--publication ID] [--limit N] [--offset N]';

const HELP = `Usage: ${usage}

Full-text search over headlines, bodies, contributors and tags. Chinese works as typed:
traditional and simplified characters find each other (衡陽 finds 衡阳); words of one or two
characters are found too. Several words separated by spaces must all match.

Options:
${archiveOptionsHelp(19)}  --json             print the hits as JSON
  --kind K           only items of this kind (${ITEM_KINDS.join(', ')})
  --from DATE        only issues on or after DATE (YYYY-MM-DD)
  --to DATE          only issues on or before DATE (YYYY-MM-DD)
  --tag T            only items tagged T
  --state S          only pages in this state (${PAGE_STATES.join(', ')})
  --publication ID   only this publication (its id)
  --limit N          at most N hits (default 20)
  --offset N         skip the first N hits (paging; the total is always printed)
  -h, --help         show this help
`;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' });
const argsSchema = z
  .object({
    positionals: z.array(z.string()),
    flags: z.object({
      help: z.boolean().optional(),
      json: z.boolean().optional(),
      archive: z.string().min(1).optional(),
      kind: z.enum(ITEM_KINDS, { error: `must be one of ${ITEM_KINDS.join(', ')}` }).optional(),
      from: date.optional(),
      to: date.optional(),
      tag: z.string().min(1).optional(),
      state: z.enum(PAGE_STATES, { error: `must be one of ${PAGE_STATES.join(', ')}` }).optional(),
      publication: z.coerce.number({ error: 'must be a whole number' }).int().positive({ error: 'must be 1 or more' }).optional(),
      limit: z.coerce.number({ error: 'must be a whole number' }).int().min(1, { error: 'must be 1 or more' }).max(1000, { error: 'must be at most 1000' }).optional(),
      offset: z.coerce.number({ error: 'must be a whole number' }).int().min(0, { error: 'must be 0 or more' }).max(1_000_000, { error: 'must be at most 1000000' }).optional(),
    }),
  })
  .refine((a) => a.flags.help || a.positionals.join(' ').trim().length > 0, { error: 'missing QUERY' });

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = validate(
    argsSchema,
    tokenize(
      args,
      { json: 'boolean', archive: 'string', kind: 'string', from: 'string', to: 'string', tag: 'string', state: 'string', publication: 'string', limit: 'string', offset: 'string' },
      usage,
    ),
    usage,
  );
  if (parsed.flags.help) {
    io.stdout(HELP);
    return 0;
  }
  const archivePath = parsed.flags.archive ?? defaultArchiveTarget();
  if (archiveKind(archivePath) === 'sqlite' && !existsSync(archivePath)) {
    io.stderr(`galley: no archive at ${archivePath} (import pages first: galley import PATH...)\n`);
    return 1;
  }
  const f = parsed.flags;
  const filters: NonNullable<Req<'search'>['filters']> = {
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.from ? { dateFrom: f.from } : {}),
    ...(f.to ? { dateTo: f.to } : {}),
    ...(f.tag ? { tag: f.tag } : {}),
    ...(f.state ? { state: f.state } : {}),
    ...(f.publication ? { publicationId: f.publication } : {}),
  };
  const query = parsed.positionals.join(' ');
  const service = await openService(io, { archive: archivePath, needsProfile: false });
  try {
    const t0 = performance.now();
    const offset = f.offset ?? 0;
    const { total, capped, hits } = await service.call('search', { query, filters, offset, limit: f.limit ?? 20 });
    const ms = performance.now() - t0;
    if (f.json) {
      io.stdout(JSON.stringify({ query, filters, ms: Math.round(ms * 10) / 10, total, capped, offset, hits }, null, 2) + '\n');
      return 0;
    }
    if (total === 0) {
      io.stdout(`No hits for “${query}”.\n`);
      return 0;
    }
    for (const h of hits) {
      const where = [h.publication, h.date ?? 'undated', h.pageNumber === null ? 'page ?' : `p.${h.pageNumber}`].join(' · ');
      io.stdout(`#${h.itemId}  ${where}  ${h.headline ?? '(no headline)'}\n    ${showSnippet(h.snippet, io.isTTY)}\n`);
    }
    const all = `${total.toLocaleString('en')}${capped ? '+' : ''}`;
    const shown = hits.length === 0 ? `none of ${all} hits shown (offset ${offset})` : hits.length === total ? `${all} hit${total === 1 ? '' : 's'}` : `hits ${offset + 1}–${offset + hits.length} of ${all}`;
    io.stdout(`${shown} in ${ms.toFixed(1)} ms${offset + hits.length < total ? ` (next: --offset ${offset + hits.length})` : ''}\n`);
    return 0;
  } finally {
    await service.close();
  }
}

/** The snippet's [[match]] markers as bold on a terminal, and as the plain text elsewhere (pipes, files). */
export function showSnippet(snippet: string, tty: boolean): string {
  return snippet.replace(/\[\[(.*?)\]\]/g, (_, m: string) => (tty ? `\u001b[1m${m}\u001b[22m` : m));
}
