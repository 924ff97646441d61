// Splitting argv into flags and positionals, with no schema library: commands whose start-up
// matters (galley segment) check their few flags by hand and never load zod. args.ts adds the
// zod validation the other commands use.
import { UsageError } from './cli-io.ts';

export type FlagKind = 'boolean' | 'string';

export interface RawArgs {
  positionals: string[];
  flags: Record<string, string | boolean>;
}

/**
 * `--name`, `--name=value`, `--name value` (string flags), `-h`/`--help`, and `--` to end options.
 * Flag names in `spec` are written without dashes.
 */
export function tokenize(args: readonly string[], spec: Readonly<Record<string, FlagKind>>, usage: string): RawArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | boolean> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') {
      flags.help = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const given = arg.startsWith('--') ? arg.slice(2, eq === -1 ? undefined : eq) : '';
    // --user NAME is the accounts' spelling of --as NAME (issue 13), wherever --as is accepted, and
    // --db URL names a team archive (PostgreSQL) wherever --archive PATH is accepted.
    const name = given === 'user' && spec.as ? 'as' : given === 'db' && spec.archive ? 'archive' : given;
    const kind = name ? spec[name] : undefined;
    if (!kind) throw usageError(`unknown option ${eq === -1 ? arg : arg.slice(0, eq)}`, usage);
    if (kind === 'boolean') {
      if (eq !== -1) throw usageError(`option --${name} takes no value`, usage);
      flags[name] = true;
    } else {
      const value = eq !== -1 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined || value === '') throw usageError(`option --${name} needs a value`, usage);
      flags[name] = value;
    }
  }
  return { positionals, flags };
}

export function usageError(message: string, usage: string): UsageError {
  return new UsageError(`${message} (usage: ${usage})`);
}
