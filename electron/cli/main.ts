// Entry of the `galley` command line (cli/bin/galley.mjs, `npm run galley --`, `npm run eval`).
//
// Commands live in ./commands/, one module each exporting run(args, io). They are imported lazily
// from the table below, so a missing or broken command cannot take the others down, and startup
// only loads what the invoked command needs. To add a command: write commands/NAME.ts and add a row.
import { realpathSync } from 'node:fs';
import { version } from './version.ts';
import { pathToFileURL } from 'node:url';
import { isPageFileError } from '../node/page-file-error.ts';
import { adoptLegacyArchiveAndReport } from '../archive/adopt-legacy.ts';
import { processIO, UsageError, type CliIO } from './cli-io.ts';

export interface CommandModule {
  run(args: string[], io: CliIO): Promise<number>;
}

export interface CommandEntry {
  summary: string;
  load(): Promise<CommandModule>;
}

export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  segment: { summary: 'Segment one page file into masthead and items', load: () => import('./commands/segment.ts') },
  eval: { summary: 'Score the segmentation engine against the gold annotations (--splits: the model held out)', load: () => import('./commands/eval.ts') },
  train: { summary: 'Train the line-role model from the built corpus and the annotated pages', load: () => import('./commands/train.ts') },
  import: { summary: 'Import page files and folders (text, ALTO, hOCR, PAGE XML) into the archive', load: () => import('./commands/import.ts') },
  search: { summary: 'Search the archive (headlines, bodies, contributors, tags)', load: () => import('./commands/search.ts') },
  serve: { summary: 'Serve the proofing workspace to a browser (127.0.0.1, or the team with --listen HOST:PORT)', load: () => import('./commands/serve.ts') },
  backup: { summary: 'Copy the archive to a backup file (safe while Galley is running)', load: () => import('./commands/backup.ts') },
  restore: { summary: 'Replace the archive with a backup (the current archive is kept aside)', load: () => import('./commands/restore.ts') },
  verify: { summary: 'Check every row of the archive against its checksum (read-only)', load: () => import('./commands/verify.ts') },
  export: { summary: 'Export an approved issue (json, nitf, newsml, csv, markdown, txt) with a SHA-256 manifest', load: () => import('./commands/export.ts') },
  profiles: { summary: 'List or add profiles (editor, archivist, supervisor)', load: () => import('./commands/profiles.ts') },
  users: { summary: 'Accounts: add a user with a password, list, change a password, disable', load: () => import('./commands/users.ts') },
  state: { summary: 'Set the state of a page or of every page of an issue (imported, in-progress, proofed)', load: () => import('./commands/state.ts') },
  approve: { summary: 'Approve a proofed issue (supervisors)', load: () => import('./commands/approve.ts') },
  reopen: { summary: 'Reopen an approved issue with a reason (supervisors)', load: () => import('./commands/reopen.ts') },
  tag: { summary: 'Tag an item (archivists, supervisors)', load: () => import('./commands/tag.ts') },
  checkout: { summary: 'Copy issues to a local SQLite archive to work offline (galley sync sends the work back)', load: () => import('./commands/checkout.ts') },
  sync: { summary: 'Send offline work on a checked-out replica back to the server; list conflicts', load: () => import('./commands/sync.ts') },
  learn: { summary: 'Learn a publication profile from hand-annotated pages (galley.gold/1)', load: () => import('./commands/learn.ts') },
  'learning-curve': { summary: 'Learning curve of publication profiles: the score on page k+1 after learning from k pages', load: () => import('./commands/learning-curve.ts') },
  'build-corpus': { summary: 'Build the training corpus (laid-out pages with gold and line roles, optional real OCR)', load: () => import('./commands/build-corpus.ts') },
  // Planned, each as commands/<name>.ts: import, search, serve, export, backup.
};

function helpText(commands: Readonly<Record<string, CommandEntry>>): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const rows = Object.entries(commands).map(([name, entry]) => `  ${name.padEnd(width)}  ${entry.summary}`);
  return [
    'Usage: galley COMMAND [ARGS...]',
    '',
    'Commands:',
    ...rows,
    '',
    'Options:',
    '  -h, --help     show this help (galley help COMMAND, or galley COMMAND --help, for a command)',
    '  -V, --version  print the version',
    '',
  ].join('\n');
}

export { version };

/** `commands` is replaceable for tests (e.g. a command whose module fails to load). */
export async function main(
  argv: string[],
  io: CliIO = processIO(),
  commands: Readonly<Record<string, CommandEntry>> = COMMANDS,
): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined) {
      io.stderr(helpText(commands));
      return 1;
    }
    if (first === '-h' || first === '--help' || (first === 'help' && rest.length === 0)) {
      io.stdout(helpText(commands));
      return 0;
    }
    if (first === '-V' || first === '--version' || first === 'version') {
      io.stdout(`galley ${version()}\n`);
      return 0;
    }
    // `galley help segment` is `galley segment --help`.
    const [name, args] = first === 'help' ? [rest[0] ?? '', ['--help']] : [first, rest];
    if (name.startsWith('-')) throw new UsageError(`unknown option ${name} (run galley --help)`);
    const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!entry) throw new UsageError(`unknown command '${name}' (commands: ${Object.keys(commands).join(', ')})`);

    let command: CommandModule;
    try {
      command = await entry.load();
    } catch (error) {
      io.stderr(`galley: the ${name} command is unavailable: ${oneLine(error)}\n`);
      return 1;
    }
    return await command.run(args, io);
  } catch (error) {
    io.stderr(`galley: ${oneLine(error)}\n`);
    return 1;
  }
}

/** Any thrown value as one line, never a stack trace. */
function oneLine(error: unknown): string {
  const message =
    error instanceof UsageError || isPageFileError(error)
      ? error.message
      : error instanceof Error
        ? error.message || error.name
        : String(error);
  return message.replace(/\s*\n\s*/g, ' ').trim() || 'unknown error';
}

/** True when this file is the process entry (`tsx electron/cli/main.ts ...`), not an import. */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return pathToFileURL(realpathSync(entry)).href === import.meta.url;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  // Only a real run looks for an archive an earlier version left at an old default path.
  if (!process.argv.includes('--archive')) adoptLegacyArchiveAndReport((line) => process.stderr.write(line));
  process.exitCode = await main(process.argv.slice(2));
}
