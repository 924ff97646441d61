// `galley serve [--archive PATH | --db URL] [--port N]`: the browser host (the workspace in a browser, on
// 127.0.0.1 only, behind a per-run token printed in the URL). Runs until interrupted.
import { z } from 'zod';
import { tokenize, validate } from '../args.ts';
import type { CliIO } from '../cli-io.ts';
import { DEFAULT_BROWSER_PORT, defaultArchivePath, startBrowserHost } from '../../host/browser-host.ts';
import { defaultArchiveTarget } from '../../archive/default-path.ts';

export const summary = 'Serve the proofing workspace to a browser on 127.0.0.1';
export const usage = 'galley serve [--archive PATH | --db URL] [--port N]';

const HELP = `Usage: ${usage}

Starts the workspace for a browser: the renderer and the app's API on 127.0.0.1 only. Open the
printed URL; it carries a random token kept for this archive, and requests without it are
refused. The address stays the same from one start to the next (port ${DEFAULT_BROWSER_PORT}, or the next
free one), so a tab left open reconnects after a restart.

Once any profile has a password (galley users), the workspace shows a login screen; each login
acts as its own user, and approve, reopen and export ask for the password again.

Options:
  --archive PATH  the archive database (default: ${defaultArchivePath()})
  --db URL        a team archive on PostgreSQL (postgresql://…) instead; GALLEY_DB names either
  --port N        the port (default: ${DEFAULT_BROWSER_PORT}, or the next free one)
  -h, --help      show this help
`;

const argsSchema = z
  .object({
    positionals: z.array(z.string()).max(0, { error: 'serve takes no FILE' }),
    flags: z.object({
      help: z.boolean().optional(),
      archive: z.string().optional(),
      port: z.coerce
        .number({ error: 'must be a whole number' })
        .int({ error: 'must be a whole number' })
        .min(1, { error: 'must be 1 to 65535' })
        .max(65535, { error: 'must be 1 to 65535' })
        .optional(),
    }),
  });

export async function run(args: string[], io: CliIO, signal?: AbortSignal): Promise<number> {
  const parsed = validate(argsSchema, tokenize(args, { archive: 'string', port: 'string' }, usage), usage);
  if (parsed.flags.help) {
    io.stdout(HELP);
    return 0;
  }
  const host = await startBrowserHost({
    archivePath: parsed.flags.archive ?? defaultArchiveTarget(),
    ...(parsed.flags.port !== undefined ? { port: parsed.flags.port } : {}),
    log: (line) => io.stderr(line + '\n'),
  });
  io.stdout(`Galley is serving ${host.archivePath}\nOpen ${host.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
  await host.close();
  return 0;
}
