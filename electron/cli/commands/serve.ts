// `galley serve [--archive PATH | --db URL] [--port N] [--listen HOST:PORT [--tls-cert F --tls-key F |
// --insecure-http] [--server-name NAME,…]]`: the browser host (the workspace in a browser, on 127.0.0.1
// unless --listen says otherwise, behind a token printed in the URL). Runs until interrupted.
import { z } from 'zod';
import { tokenize, validate } from '../args.ts';
import { UsageError, type CliIO } from '../cli-io.ts';
import { DEFAULT_BROWSER_PORT, startBrowserHost } from '../../host/browser-host.ts';
import { defaultArchiveTarget } from '../../archive/default-path.ts';
import { languageForLocale } from '../../../shared/i18n.ts';
import { ListenError, parseListen, parseServerNames } from '../../host/listen.ts';
import { TlsError, loadTlsFiles } from '../../host/tls.ts';
import { TeamReachError } from '../../host/team-reach.ts';
import { archiveOptionsHelp } from '../archive-options-help.ts';

export const summary = 'Serve the proofing workspace to a browser (127.0.0.1, or the team with --listen HOST:PORT)';
export const usage = 'galley serve [--archive PATH | --db URL] [--port N] [--listen HOST:PORT] [--tls-cert FILE --tls-key FILE | --insecure-http] [--server-name NAME]';

const HELP = `Usage: ${usage}

Starts the workspace for a browser: the renderer and the app's API on 127.0.0.1 only. Open the
printed URL; it carries a random token kept for this archive, and requests without it are
refused. The address stays the same from one start to the next (port ${DEFAULT_BROWSER_PORT}, or the next
free one), so a tab left open reconnects after a restart.

Once any profile has a password (galley users), the workspace shows a login screen; each login
acts as its own user, and approve, reopen and export ask for the password again.

Options:
${archiveOptionsHelp(16, 'the archive database')}  --port N        the port (default: ${DEFAULT_BROWSER_PORT}, or the next free one)
  --listen HOST:PORT
                  where to listen (default 127.0.0.1). An address beyond this computer
                  (0.0.0.0, [::], a LAN address or name) needs an archive with accounts
                  and TLS; HOST alone keeps the port rule above, PORT alone means 127.0.0.1
  --tls-cert FILE --tls-key FILE
                  serve HTTPS with this PEM certificate (chain) and unencrypted PEM key;
                  the session cookie is then Secure
  --insecure-http beyond loopback without TLS: passwords cross the network in clear
                  (refused unless given)
  --server-name NAME[,NAME]
                  the DNS names the team types to reach the server (Host/Origin check);
                  on 0.0.0.0 the machine's addresses and host name are accepted anyway
  -h, --help      show this help
`;

const argsSchema = z
  .object({
    positionals: z.array(z.string()).max(0, { error: 'serve takes no FILE' }),
    flags: z.object({
      help: z.boolean().optional(),
      archive: z.string().optional(),
      listen: z.string().optional(),
      'tls-cert': z.string().optional(),
      'tls-key': z.string().optional(),
      'insecure-http': z.boolean().optional(),
      'server-name': z.string().optional(),
      port: z.coerce
        .number({ error: 'must be a whole number' })
        .int({ error: 'must be a whole number' })
        .min(1, { error: 'must be 1 to 65535' })
        .max(65535, { error: 'must be 1 to 65535' })
        .optional(),
    }),
  });

export async function run(args: string[], io: CliIO, signal?: AbortSignal): Promise<number> {
  const parsed = validate(
    argsSchema,
    tokenize(args, { archive: 'string', port: 'string', listen: 'string', 'tls-cert': 'string', 'tls-key': 'string', 'insecure-http': 'boolean', 'server-name': 'string' }, usage),
    usage,
  );
  if (parsed.flags.help) {
    io.stdout(HELP);
    return 0;
  }
  const f = parsed.flags;
  // The refusals below are sentences of the i18n tables, in the terminal's language.
  const language = languageForLocale(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG);
  let host;
  try {
    const listen = f.listen !== undefined ? parseListen(f.listen, language) : undefined;
    if (listen && f.port !== undefined && listen.port !== undefined && listen.port !== f.port) {
      throw new UsageError(`--port ${f.port} and --listen ${f.listen} name different ports: give one`);
    }
    const tls = loadTlsFiles(f['tls-cert'], f['tls-key'], language) ?? undefined;
    host = await startBrowserHost({
      archivePath: f.archive ?? defaultArchiveTarget(),
      ...(f.port !== undefined ? { port: f.port } : {}),
      ...(listen ? { listen } : {}),
      ...(tls ? { tls } : {}),
      insecureHttp: f['insecure-http'] === true,
      serverNames: parseServerNames(f['server-name'], language),
      language,
      log: (line) => io.stderr(line + '\n'),
    });
  } catch (e) {
    if (e instanceof ListenError || e instanceof TlsError || e instanceof TeamReachError) {
      io.stderr(`galley serve: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
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
