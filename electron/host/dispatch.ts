// The one way into the handler table, for the Electron IPC host, the HTTP host and the command
// line: validates the channel and request against the contract (shared/ipc.ts), runs the handler,
// validates the response, and turns every failure into the one AppError the transports carry.
import { channels, isChannel } from '../../shared/ipc.ts';
import { AppError, type AppErrorData } from '../../shared/app-error.ts';
import { toAppError } from './app-errors.ts';
import type { HandlerTable } from './service/context.ts';
import { JsonAnswer } from './service/json-answer.ts';
import { isWirePage, pageOfWire } from '../../shared/page-wire.ts';

/** An answer: the value, or an AppError as data (`{ ok: false, code, reason, details, message }`). */
export type DispatchResult = { ok: true; value: unknown } | ({ ok: false } & AppErrorData);

export const failure = (e: AppError): DispatchResult => ({ ok: false, ...e.toData() });

/** An answer for a transport that sends JSON text: a pre-serialised value stays text. */
export type WireResult = DispatchResult | { ok: true; json: string };

export async function dispatch(table: HandlerTable, channel: string, request: unknown): Promise<DispatchResult> {
  const result = await dispatchWire(table, channel, request);
  if (!('json' in result)) return result;
  try {
    return { ok: true, value: parseChecked(channel, result.json) };
  } catch (e) {
    return failure(toAppError(e));
  }
}

/** A pre-serialised answer as a value, checked against the contract as every other answer is. */
function parseChecked(channel: string, json: string): unknown {
  const raw: unknown = JSON.parse(json);
  // page.get's lean wire form (shared/page-wire.ts) is read back into the page record first.
  const value = isWirePage(raw) ? pageOfWire(raw) : raw;
  return isChannel(channel) ? channels[channel].response.parse(value) : value;
}

/** dispatch() for the HTTP host: a JsonAnswer comes back as its text, to be sent as it is. */
export async function dispatchWire(table: HandlerTable, channel: string, request: unknown): Promise<WireResult> {
  if (!isChannel(channel)) return failure(new AppError('not-found', 'unknown-channel', `unknown channel ${channel}`, { channel: channel.slice(0, 100) }));
  const spec = channels[channel];
  const parsed = spec.request.safeParse(request ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return failure(new AppError('bad-request', 'invalid-request', issues, { detail: issues }));
  }
  try {
    const handler = table[channel] as (r: unknown) => unknown;
    const value = await handler(parsed.data);
    if (value instanceof JsonAnswer) return { ok: true, json: value.json };
    return { ok: true, value: spec.response.parse(value) };
  } catch (e) {
    return failure(toAppError(e));
  }
}
