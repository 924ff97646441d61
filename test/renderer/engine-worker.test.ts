// The renderer's engine worker: its handler derives exactly what the engine derives (the host's
// rules and model), refuses what the host refuses, and the client sends one request at a time with
// the newest winning (a request overtaken before it ran is answered null and never sent).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveItems, segmentPage } from '../../core/engine/index.ts';
import { handleEngineRequest } from '../../renderer/engine/handler.ts';
import { createPreviewEngine, type WorkerLike } from '../../renderer/engine/client.ts';
import type { EngineRequest } from '../../renderer/engine/messages.ts';
import { fakeDerive } from './fake-engine.ts';

const PAGE = readFileSync(join(import.meta.dirname, '../../resources/pages/dongling-daily-2024-08-01-p1.txt'), 'utf8');

describe('engine worker handler', () => {
  it('derives the same items as the engine for the same split points', () => {
    const seg = segmentPage(PAGE);
    const starts = seg.items.map((i) => i.start);
    const kinds = seg.items.map(() => null);
    const res = handleEngineRequest({ type: 'derive', id: 3, request: { text: PAGE, starts, kinds } });
    expect(res).toEqual({ id: 3, ok: true, items: deriveItems(PAGE, starts, kinds) });
  });

  it('refuses malformed requests and split points the host refuses', () => {
    expect(handleEngineRequest({ type: 'derive', id: 1, request: { text: 'a', starts: [0], kinds: [] } })).toMatchObject({ id: 1, ok: false });
    expect(handleEngineRequest({ type: 'derive', id: 2, request: { text: 'ab\ncd', starts: [3, 3], kinds: [null, null] } })).toEqual({ id: 2, ok: false, message: 'starts must increase' });
    expect(handleEngineRequest({ type: 'derive', id: 4, request: { text: 'ab', starts: [9], kinds: [null] } })).toEqual({ id: 4, ok: false, message: 'start beyond the text' });
    expect(handleEngineRequest({ type: 'nope', id: 5 })).toMatchObject({ id: 5, ok: false });
    expect(handleEngineRequest(null)).toMatchObject({ id: 0, ok: false });
    expect(handleEngineRequest({ type: 'warm', id: 6 })).toEqual({ id: 6, ok: true });
  });
});

/** A worker that answers only when told to (with the test stand-in for the engine's items). */
function fakeWorker() {
  const sent: EngineRequest[] = [];
  const w: WorkerLike & { answer(): void; crash(): void } = {
    onmessage: null,
    onerror: null,
    postMessage(m) {
      sent.push(m);
    },
    terminate() {},
    answer() {
      const m = sent.shift();
      if (m?.type === 'derive') w.onmessage?.({ data: { id: m.id, ok: true, items: fakeDerive(m.request.text, m.request.starts, m.request.kinds) } });
      else if (m) w.onmessage?.({ data: { id: m.id, ok: true } });
    },
    crash() {
      w.onerror?.(new Error('failed to load'));
    },
  };
  return { w, sent };
}

describe('preview engine client', () => {
  const text = 'A\nb\nC\nd';

  it('sends one request at a time; the newest waiting request wins, older ones answer null', async () => {
    const { w, sent } = fakeWorker();
    const engine = createPreviewEngine(() => w);
    const first = engine.derive(text, [0], [null]);
    const second = engine.derive(text, [0, 4], [null, null]);
    const third = engine.derive(text, [0, 2], [null, null]);
    expect(sent).toHaveLength(1);
    expect(await second).toBeNull();
    w.answer();
    expect((await first)!.map((i) => i.start)).toEqual([0]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: 'derive', request: { starts: [0, 2] } });
    w.answer();
    expect((await third)!.map((i) => i.start)).toEqual([0, 2]);
  });

  it('gives no previews once the worker fails, without throwing', async () => {
    const { w } = fakeWorker();
    const engine = createPreviewEngine(() => w);
    const pending = engine.derive(text, [0], [null]);
    w.crash();
    expect(await pending).toBeNull();
    expect(await engine.derive(text, [0], [null])).toBeNull();
    const throwing = createPreviewEngine(() => {
      throw new Error('no Worker here');
    });
    expect(await throwing.derive(text, [0], [null])).toBeNull();
  });

  it('ignores answers that are not for the request in flight', async () => {
    const { w } = fakeWorker();
    const engine = createPreviewEngine(() => w);
    const p = engine.derive(text, [0], [null]);
    w.onmessage?.({ data: { id: 999, ok: true, items: [] } });
    w.onmessage?.({ data: 'garbage' });
    w.answer();
    expect(await p).not.toBeNull();
  });
});
