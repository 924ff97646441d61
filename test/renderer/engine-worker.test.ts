// The renderer's engine worker: its handler derives exactly what the engine derives (the host's
// rules and model), refuses what the host refuses, and the client sends one request at a time with
// the newest winning (a request overtaken before it ran is answered null and never sent).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveItems, segmentPage } from '../../core/engine/index.ts';
import { createEngineHandler, handleEngineRequest } from '../../renderer/engine/handler.ts';
import { defaultModel } from '../../core/engine/model/default-model.ts';
import type { Profile } from '../../core/engine/model/profile.ts';
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
    expect(res).toEqual({ id: 3, ok: true, items: deriveItems(PAGE, starts, kinds), profile: null });
  });

  it("previews with the page's publication profile as the host does, and says which; null goes back to the base model", () => {
    const handle = createEngineHandler();
    const base = defaultModel();
    // Deltas strong enough to change the reading: the host would derive with them too (load-backend.ts).
    const transitions = [...base.transitions].flatMap((_, k) => [k, k % 5 === 0 ? 40 : -40]);
    const profile: Profile = { schema: 'galley.profile/1', publication: '东陵日报', baseVersion: base.version, featureSetHash: base.featureSetHash, pages: 3, transitions, rows: {} };
    const seg = segmentPage(PAGE);
    const starts = seg.items.slice(0, 4).map((i) => i.start);
    const kinds = starts.map(() => null);
    const withProfile = deriveItems(PAGE, starts, kinds, { profile });
    expect(withProfile).not.toEqual(deriveItems(PAGE, starts, kinds));

    expect(handle({ type: 'profile', id: 1, profile })).toEqual({ id: 1, ok: true, profile: { publication: '东陵日报', pages: 3 } });
    expect(handle({ type: 'derive', id: 2, request: { text: PAGE, starts, kinds } })).toEqual({ id: 2, ok: true, items: withProfile, profile: { publication: '东陵日报', pages: 3 } });
    // A profile over other weights is not applied; a malformed one is refused; null is the base model.
    expect(handle({ type: 'profile', id: 3, profile: { ...profile, baseVersion: 'v0' } })).toEqual({ id: 3, ok: true, profile: null });
    expect(handle({ type: 'profile', id: 4, profile: { schema: 'nope' } })).toMatchObject({ id: 4, ok: false });
    expect(handle({ type: 'derive', id: 5, request: { text: PAGE, starts, kinds } })).toEqual({ id: 5, ok: true, items: deriveItems(PAGE, starts, kinds), profile: null });
  });

  it('previews with the base model when the profile’s trial set it aside, and says so with the trial’s mean scores', () => {
    const handle = createEngineHandler();
    const base = defaultModel();
    const transitions = [...base.transitions].flatMap((_, k) => [k, k % 5 === 0 ? 40 : -40]);
    const worse: Profile = {
      schema: 'galley.profile/1', publication: '东陵日报', baseVersion: base.version, featureSetHash: base.featureSetHash, pages: 3, transitions, rows: {},
      trial: { pages: 2, profileScore: 1.5, baseScore: 1.8 },
    };
    const seg = segmentPage(PAGE);
    const starts = seg.items.slice(0, 4).map((i) => i.start);
    const kinds = starts.map(() => null);
    const setAside = { publication: '东陵日报', pages: 3, setAside: { pages: 2, profile: 0.75, base: 0.9 } };
    expect(handle({ type: 'profile', id: 1, profile: worse })).toEqual({ id: 1, ok: true, profile: setAside });
    expect(handle({ type: 'derive', id: 2, request: { text: PAGE, starts, kinds } })).toEqual({ id: 2, ok: true, items: deriveItems(PAGE, starts, kinds), profile: setAside });
    // The same profile with a trial record better than the base model's is used, and named plainly.
    const better = { ...worse, trial: { pages: 2, profileScore: 1.85, baseScore: 1.8 } };
    expect(handle({ type: 'profile', id: 3, profile: better })).toEqual({ id: 3, ok: true, profile: { publication: '东陵日报', pages: 3 } });
    expect(handle({ type: 'derive', id: 4, request: { text: PAGE, starts, kinds } })).toEqual({ id: 4, ok: true, items: deriveItems(PAGE, starts, kinds, { profile: better }), profile: { publication: '东陵日报', pages: 3 } });
    // Learned from one page the base model read well, untried: previewed with the base model, saying it awaits its trial.
    const untried: Profile = { ...worse, pages: 1, trial: undefined, firstPageBaseScore: 0.91234 };
    delete untried.trial;
    const awaiting = { publication: '东陵日报', pages: 1, awaitingTrial: { base: 0.912 } };
    expect(handle({ type: 'profile', id: 5, profile: untried })).toEqual({ id: 5, ok: true, profile: awaiting });
    expect(handle({ type: 'derive', id: 6, request: { text: PAGE, starts, kinds } })).toEqual({ id: 6, ok: true, items: deriveItems(PAGE, starts, kinds), profile: awaiting });
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
      else if (m?.type === 'profile') w.onmessage?.({ data: { id: m.id, ok: true, profile: m.profile ? { publication: 'P', pages: 1 } : null } });
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

  it('hands a profile to the worker past the derive queue, in order, and resolves with what it took', async () => {
    const { w, sent } = fakeWorker();
    const engine = createPreviewEngine(() => w);
    const pending = engine.derive(text, [0], [null]);
    const took = engine.useProfile!({ schema: 'galley.profile/1' });
    // Sent at once behind the derive in flight: every later derive uses it.
    expect(sent.map((m) => m.type)).toEqual(['derive', 'profile']);
    w.answer();
    w.answer();
    expect(await pending).not.toBeNull();
    expect(await took).toEqual({ publication: 'P', pages: 1 });
    const cleared = engine.useProfile!(null);
    w.answer();
    expect(await cleared).toBeNull();
    const lost = engine.useProfile!({});
    w.crash();
    expect(await lost).toBeNull();
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
