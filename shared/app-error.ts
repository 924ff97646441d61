// The one error of the application: what services throw, what IPC and HTTP carry unchanged, and
// what the renderer words in the UI language by `code` and `reason` (renderer/messages.ts) — never
// by reading `message`, which is an English line for logs and the command line only.
//
//   code     the kind of failure; decides the HTTP status and how the UI frames it
//   reason   the specific cause, a stable token the UI has a sentence for (REASONS below, an
//            Action for 'forbidden', a state-machine code for 'refused')
//   details  the values the sentence names (a count, a state, a folder), never free text to parse
import { z } from 'zod';

export const APP_ERROR_CODES = [
  'bad-request',
  'not-found',
  'conflict',
  'unavailable',
  'internal',
  'no-profile',
  'forbidden',
  'refused',
  'disk-full',
  'read-only',
  'damaged',
  // Only the renderer's transport raises these two (the host is gone or does not know the tab).
  'offline',
  'unauthorized',
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

const detailValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const appErrorDetailsSchema = z.record(z.string(), detailValue);
export type AppErrorDetails = z.infer<typeof appErrorDetailsSchema>;

/** An AppError as it travels: the failure half of every IPC and HTTP answer. */
export const appErrorSchema = z.object({
  code: z.enum(APP_ERROR_CODES),
  reason: z.string().min(1).max(100),
  details: appErrorDetailsSchema,
  /** English, for logs and the CLI; the UI never shows or parses it. */
  message: z.string(),
});
export type AppErrorData = z.infer<typeof appErrorSchema>;

/** The failure answer of a channel: `{ ok: false, code, reason, details, message }`. */
export const failureSchema = appErrorSchema.extend({ ok: z.literal(false) });

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: AppErrorCode,
    readonly reason: string,
    message: string,
    readonly details: AppErrorDetails = {},
  ) {
    super(message);
  }

  toData(): AppErrorData {
    return { code: this.code, reason: this.reason, details: { ...this.details }, message: this.message };
  }

  /** An AppError from its transported form; a malformed one becomes an 'internal' error. */
  static fromData(data: unknown): AppError {
    const parsed = appErrorSchema.safeParse(data);
    if (!parsed.success) return new AppError('internal', 'malformed-error', 'the host answered with a malformed error');
    const d = parsed.data;
    return new AppError(d.code, d.reason, d.message, d.details);
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
