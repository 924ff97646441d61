// Where the command line gets passwords: GALLEY_PASSWORD for the acting user's own password, a
// prompt without echo on a terminal, and for a new password (galley users add / passwd) the first
// line of stdin when stdin is not a terminal (scripts: `printf 'pw\n' | galley users add …`).
// A password is never echoed, printed, or put in an error message.
import { createInterface } from 'node:readline';
import { UsageError } from './cli-io.ts';

export interface PasswordInput {
  /** Whether a person can be asked (stdin and stderr are terminals). */
  readonly interactive: boolean;
  /** Asks on the terminal without echo. */
  prompt(question: string): Promise<string>;
  /** The first line of stdin (a pipe or file). */
  firstLine(): Promise<string>;
  /** GALLEY_PASSWORD, when set. */
  env(): string | undefined;
}

export function processPasswordInput(): PasswordInput {
  return {
    interactive: process.stdin.isTTY === true && process.stderr.isTTY === true,
    prompt: (question) =>
      new Promise((resolve, reject) => {
        const stdin = process.stdin;
        process.stderr.write(question);
        let value = '';
        stdin.setRawMode(true);
        stdin.resume();
        stdin.setEncoding('utf8');
        const done = (error?: Error) => {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          if (error) reject(error);
          else resolve(value);
        };
        const onData = (chunk: string) => {
          for (const ch of chunk) {
            if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
            if (ch === '\u0003') return done(new UsageError('cancelled'));
            if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
            else if (ch >= ' ') value += ch;
          }
        };
        stdin.on('data', onData);
      }),
    firstLine: () =>
      new Promise((resolve) => {
        const rl = createInterface({ input: process.stdin, terminal: false });
        let line: string | null = null;
        rl.on('line', (l) => {
          if (line === null) line = l;
          rl.close();
        });
        rl.on('close', () => resolve(line ?? ''));
      }),
    env: () => process.env.GALLEY_PASSWORD,
  };
}

/** The acting user's password: GALLEY_PASSWORD, else a prompt; refused when neither is possible. */
export async function ownPassword(input: PasswordInput, name: string): Promise<string> {
  const fromEnv = input.env();
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!input.interactive) throw new UsageError(`${name} has a password: set GALLEY_PASSWORD, or run on a terminal to be asked for it`);
  return input.prompt(`Password for ${name}: `);
}

/** A new password: the first line of stdin when it is not a terminal, else asked twice. */
export async function newPassword(input: PasswordInput, name: string): Promise<string> {
  if (!input.interactive) return (await input.firstLine()).replace(/\r$/, '');
  const first = await input.prompt(`New password for ${name}: `);
  const second = await input.prompt('Once more: ');
  if (first !== second) throw new UsageError('the two passwords differ; nothing was changed');
  return first;
}
