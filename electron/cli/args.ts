// Small argument parser shared by the commands: split argv into flags and positionals (rejecting
// unknown flags), then let a zod schema validate and convert them. Errors are UsageErrors whose
// one-line message ends with the command's usage.
import { z } from 'zod';
import { usageError } from './tokenize.ts';

export { tokenize, usageError, type FlagKind, type RawArgs } from './tokenize.ts';

/**
 * Validate { positionals, flags } with zod; the first issue becomes the usage error's message.
 * Schemas put command-level checks (missing FILE) in refinements, whose message is used as-is.
 */
export function validate<T>(schema: z.ZodType<T>, value: unknown, usage: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  // Issues on a flag ({ flags: { page } }) are prefixed with the flag's name: "--page: must be 1 or more".
  const flag = issue?.path[0] === 'flags' ? issue.path[1] : undefined;
  const where = flag === undefined ? '' : `--${String(flag)}: `;
  throw usageError(`${where}${issue?.message ?? 'invalid arguments'}`, usage);
}
