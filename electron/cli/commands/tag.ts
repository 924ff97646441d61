// `galley tag ITEM TAG... --as NAME [--remove] [--archive PATH | --db URL]`
import { z } from 'zod';
import { archiveOptionsHelp } from '../archive-options-help.ts';
import { tokenize, validate } from '../args.ts';
import type { CliIO } from '../cli-io.ts';
import { openService } from '../service.ts';

export const summary = 'Add tags to an item, or remove them with --remove (archivists and supervisors)';
export const usage = 'galley tag ITEM TAG... --as NAME [--remove] [--archive PATH | --db URL]';

const HELP = `Usage: ${usage}

Adds each TAG to item ITEM (its id, as galley search prints it: #ID), or removes them with
--remove. Tags are searchable (galley search WORD, or --tag TAG).

  --as NAME        an archivist's or supervisor's profile
  --remove         remove the tags instead
${archiveOptionsHelp(17)}`;

const argsSchema = z
  .object({
    positionals: z.array(z.string()),
    flags: z.object({
      help: z.boolean().optional(),
      remove: z.boolean().optional(),
      as: z.string().min(1).optional(),
      archive: z.string().min(1).optional(),
    }),
  })
  .refine((a) => a.flags.help || (a.positionals.length >= 2 && /^#?\d+$/.test(a.positionals[0]!)), { error: 'give ITEM (a number) and at least one TAG' });

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = validate(argsSchema, tokenize(args, { remove: 'boolean', as: 'string', archive: 'string' }, usage), usage);
  if (parsed.flags.help) {
    io.stdout(HELP);
    return 0;
  }
  const service = await openService(io, { archive: parsed.flags.archive, as: parsed.flags.as });
  try {
    const itemId = Number(parsed.positionals[0]!.replace('#', ''));
    const tags = parsed.positionals.slice(1);
    const remove = parsed.flags.remove === true;
    await service.call('tags.addToItems', { itemIds: [itemId], add: remove ? [] : tags, remove: remove ? tags : [] });
    io.stdout(`#${itemId}: ${(await service.archive.getItem(itemId)).item.tags.join(', ') || '(no tags)'}\n`);
    return 0;
  } finally {
    await service.close();
  }
}
