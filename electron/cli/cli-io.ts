// The CLI's only window on the outside world. Commands write through a CliIO so tests can capture
// output, and nothing but main.ts touches process.stdout/stderr.

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stdout is a terminal (commands may choose a friendlier format). */
  isTTY: boolean;
}

/** Thrown for bad command lines; main() prints it as one line and exits 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

let stdoutClosed = false;
let pipeGuardInstalled = false;

export function processIO(): CliIO {
  if (!pipeGuardInstalled) {
    pipeGuardInstalled = true;
    // `galley segment x --json | head` closes the pipe early: stop writing instead of crashing with EPIPE.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') stdoutClosed = true;
    });
  }
  return {
    stdout: (text) => {
      if (!stdoutClosed) process.stdout.write(text);
    },
    stderr: (text) => {
      process.stderr.write(text);
    },
    isTTY: process.stdout.isTTY === true,
  };
}

/** Memory-backed CliIO for tests and for embedding commands. */
export function captureIO(isTTY = false): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    isTTY,
    out: () => out,
    err: () => err,
  };
}
