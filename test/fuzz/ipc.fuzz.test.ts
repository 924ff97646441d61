// Fuzzing the IPC/HTTP payload validation: for every channel in shared/ipc.ts, generated good
// payloads pass its zod schema and reach the handler through dispatch() (the handler table's
// validation entry point, shared by the Electron IPC transport and the HTTP host); generated bad
// payloads (wrong types, missing or extra keys, arbitrary values) are refused by the schema with
// a 'bad-request' and a message, and the handler never runs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type HandlerTable } from '../../electron/host/handlers.ts';
import { CHANNELS, channels, ITEM_KINDS_FOR_TESTS, type Channel } from './ipc-fixtures.ts';
import { fakeDerive } from '../renderer/fake-engine.ts';
import { memoryArchive } from '../host/memory-archive.ts';
import { check, FUZZ_RUNS, record, type FuzzTally } from './fuzz-kit.ts';
import { reviewGoodPayloads } from '../review-integration/fuzz-payloads.ts';
import { inProcess } from '../../electron/archive/async-archive.ts';

const storedItem = fc.record({
  kind: fc.constantFrom(...ITEM_KINDS_FOR_TESTS),
  start: fc.nat({ max: 10_000 }),
  end: fc.nat({ max: 10_000 }),
  kicker: fc.option(fc.string({ maxLength: 20 })),
  headline: fc.option(fc.string({ maxLength: 40 })),
  subheadline: fc.option(fc.string({ maxLength: 20 })),
  series: fc.option(fc.string({ maxLength: 20 })),
  byline: fc.option(fc.string({ maxLength: 20 })),
  contributors: fc.array(fc.record({ name: fc.string({ minLength: 1, maxLength: 8 }), role: fc.constantFrom('reporter', 'photographer', 'editor') }), { maxLength: 3 }),
  paragraphs: fc.array(fc.string({ maxLength: 60 }), { maxLength: 4 }),
  continuedOn: fc.option(fc.integer({ min: 1, max: 99 })),
  continuedFrom: fc.option(fc.integer({ min: 1, max: 99 })),
  flags: fc.constant([]),
  editedFields: fc.uniqueArray(fc.constantFrom('kind', 'headline', 'byline', 'paragraphs'), { maxLength: 3 }),
  tags: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
});
const derive = fc
  .string({ maxLength: 400 })
  .chain((text) =>
    fc.uniqueArray(fc.integer({ min: 0, max: text.length }), { maxLength: 8 }).chain((s) => {
      const starts = [...s].sort((a, b) => a - b);
      return fc.record({
        text: fc.constant(text),
        starts: fc.constant(starts),
        kinds: fc.tuple(...starts.map(() => fc.option(fc.constantFrom(...ITEM_KINDS_FOR_TESTS)))),
      });
    }),
  );
const relName = fc
  .array(fc.stringMatching(/^[A-Za-z0-9_\-\u4e00-\u4e10. ]{1,12}$/).filter((p) => p !== '.' && p !== '..' && p.trim() !== ''), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join('/'));

/** Good payloads per channel. */
const good: { [C in Channel]: fc.Arbitrary<unknown> } = {
  'app.info': fc.constant({}),
  'app.setLanguage': fc.record({ language: fc.constantFrom('en', 'zh-CN') }),
  // Open archive… (shared/contract/archives.ts): an id of the host's list, the desktop dialog, or a PostgreSQL URL.
  'archives.known': fc.constant({}),
  'archives.open': fc.oneof(
    fc.record({ target: fc.record({ known: fc.stringMatching(/^[0-9a-f]{16}$/) }) }),
    fc.record({ target: fc.constant({ browse: true }) }),
    fc.record({ target: fc.record({ postgres: fc.stringMatching(/^[a-z]{1,8}@[a-z]{1,8}\/[a-z]{1,8}$/).map((s) => `postgresql://${s}`) }), password: fc.string({ maxLength: 30 }) }),
  ),
  'library.tree': fc.constant({}),
  'library.pages': fc.record({ issueId: fc.integer() }),
  'library.issues': fc.record({ publicationId: fc.integer({ min: 1 }), year: fc.option(fc.integer({ min: 1900, max: 2100 })), limit: fc.integer({ min: 1, max: 500 }) }),
  'library.issue': fc.record({ issueId: fc.integer({ min: 1 }) }),
  'page.get': fc.record({ pageId: fc.integer({ min: 1 }) }),
  'page.scan': fc.record({ pageId: fc.integer({ min: 1 }) }),
  'import.cancel': fc.constant({}),
  'page.setState': fc.record({ pageId: fc.integer({ min: 1, max: 5 }), state: fc.constantFrom('imported', 'in-progress', 'proofed') }),
  'page.edit': fc.record({
    pageId: fc.integer({ min: 1, max: 5 }),
    baseRevision: fc.nat({ max: 3 }),
    ops: fc.array(
      fc.oneof(
        fc.record({ op: fc.constant('text'), at: fc.nat({ max: 40 }), remove: fc.string({ maxLength: 4 }), insert: fc.string({ maxLength: 20 }) }),
        fc.record({ op: fc.constant('merge'), index: fc.integer({ min: 1, max: 4 }), start: fc.nat({ max: 40 }) }),
        fc.record({ op: fc.constant('field'), index: fc.nat({ max: 4 }), name: fc.constant('headline'), from: fc.option(fc.string({ maxLength: 10 })), to: fc.option(fc.string({ maxLength: 10 })) }),
        fc.record({ op: fc.constant('split'), at: fc.nat({ max: 40 }), item: storedItem }),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  }),
  'engine.derive': derive,
  'engine.profile': fc.record({ pageId: fc.integer({ min: 1 }) }),
  'import.handles': fc.record({ handles: fc.array(fc.stringMatching(/^[A-Za-z0-9_-]{22}$/), { minLength: 1, maxLength: 5 }) }),
  'import.files': fc.record({
    files: fc.array(fc.record({ name: relName, data: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('base64')) }), { minLength: 1, maxLength: 3 }),
  }),
  'import.dialog': fc.constant({}),
  'sample.open': fc.constant({}),
  ...reviewGoodPayloads,
  // Passwords in the app (shared/contract/accounts.ts).
  'replica.conflicts': fc.record({ all: fc.boolean() }, { requiredKeys: [] }),
  'replica.resolveConflict': fc.record({ id: fc.stringMatching(/^[a-z0-9-]{1,36}$/), choice: fc.constantFrom('mine', 'server', 'both') }),
  'accounts.self': fc.constant({}),
  'accounts.list': fc.constant({}),
  'accounts.changeOwn': fc.record({ oldPassword: fc.string({ minLength: 1, maxLength: 30 }), newPassword: fc.string({ maxLength: 30 }) }, { requiredKeys: ['newPassword'] }),
  'accounts.clearOwn': fc.record({ oldPassword: fc.string({ minLength: 1, maxLength: 30 }) }),
  'accounts.setPassword': fc.record({ id: fc.stringMatching(/^[a-z0-9-]{1,20}$/), newPassword: fc.string({ maxLength: 30 }) }),
  'accounts.setDisabled': fc.record({ id: fc.stringMatching(/^[a-z0-9-]{1,20}$/), disabled: fc.boolean() }),
  'accounts.create': fc.record({ name: fc.stringMatching(/^[a-z\u4e00-\u4e10]{1,6}$/), role: fc.constantFrom('editor', 'archivist', 'supervisor'), newPassword: fc.string({ maxLength: 30 }) }),
};

/** Bad payloads: mutations of a good one, and arbitrary values. Some may happen to be valid; those are skipped. */
function bad(channel: Channel): fc.Arbitrary<unknown> {
  const base = good[channel];
  const anything = fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true });
  const weird = fc.oneof(anything, fc.constantFrom(NaN, Infinity, -1, 0, 1.5, '', '1', null, true, [], {}, 2 ** 53, -(2 ** 31), '__proto__', 'x'.repeat(5000)));
  return fc.oneof(
    anything,
    base.chain((g) => fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), weird).map(([k, v]) => ({ ...(g as object), [k]: v }))),
    base.chain((g) => {
      const keys = Object.keys(g as object);
      if (!keys.length) return fc.constant([g] as unknown);
      return fc.constantFrom(...keys).map((k) => {
        const copy = { ...(g as Record<string, unknown>) };
        delete copy[k];
        return copy;
      });
    }),
    base.chain((g) => {
      const keys = Object.keys(g as object);
      if (!keys.length) return fc.constant('not an object' as unknown);
      return fc.tuple(fc.constantFrom(...keys), weird).map(([k, v]) => ({ ...(g as object), [k]: v }));
    }),
    // Deep: a bad value inside the first array element (items, files, starts).
    base.chain((g) => {
      const rec = g as Record<string, unknown>;
      const arrKey = Object.keys(rec).find((k) => Array.isArray(rec[k]) && (rec[k] as unknown[]).length > 0);
      if (!arrKey) return fc.constant(null as unknown);
      return weird.map((v) => ({ ...rec, [arrKey]: [v, ...(rec[arrKey] as unknown[]).slice(1)] }));
    }),
  );
}

describe('IPC payload validation fuzz', () => {
  it(`accepts good and refuses bad payloads on every channel (${FUZZ_RUNS} each way per channel)`, { timeout: 600_000 }, async () => {
    const archive = memoryArchive();
    for (let i = 0; i < 3; i++) archive.importPage({ sourceName: `p${i}.txt`, text: `标题${i}\n正文\n`, encoding: 'UTF-8' }, { name: 't' });
    const calls = new Map<string, number>();
    const real = createHandlers({
      archive: inProcess(archive),
      engine: { deriveItems: fakeDerive },
      importer: {
        importPaths: async (paths) => ({ outcomes: paths.map((p) => ({ source: p, status: 'skipped' as const })), cancelled: false }),
        importUploads: async (files) => ({ outcomes: files.map((f) => ({ source: f.relativePath, status: 'skipped' as const })), cancelled: false }),
      },
      host: 'electron',
      version: 'fuzz',
      actor: { name: 'fuzz' },
      emit: () => {},
      showOpenDialog: async () => [],
      setLanguage: () => {},
    });
    const table = Object.fromEntries(
      CHANNELS.map((c) => [
        c,
        (req: unknown) => {
          calls.set(c, (calls.get(c) ?? 0) + 1);
          return (real[c] as (r: unknown) => unknown)(req);
        },
      ]),
    ) as unknown as HandlerTable;

    const tallies: FuzzTally[] = [];
    const failures: string[] = [];
    for (const channel of CHANNELS) {
      const schema = channels[channel].request;
      // Good payloads: collected synchronously, then dispatched (dispatch is async).
      const goods: unknown[] = [];
      const runs = channel === 'import.files' ? Math.min(FUZZ_RUNS, 300) : FUZZ_RUNS;
      const g = check(`${channel}:good`, good[channel], (v) => {
        const r = schema.safeParse(v);
        if (!r.success) throw new Error(`a good payload was refused: ${r.error.issues[0]?.message}`);
        goods.push(v);
      }, runs);
      let reached = 0;
      for (const v of goods) {
        const before = calls.get(channel) ?? 0;
        const result = await dispatch(table, channel, v);
        if ((calls.get(channel) ?? 0) === before) failures.push(`${channel}: good payload did not reach the handler: ${JSON.stringify(v).slice(0, 200)} -> ${JSON.stringify(result)}`);
        else reached++;
      }
      tallies.push({ ...g, reachedHandler: reached });

      const bads: unknown[] = [];
      let skippedValid = 0;
      const b = check(`${channel}:bad`, bad(channel), (v) => {
        if (schema.safeParse(v ?? {}).success) {
          skippedValid++;
          return;
        }
        bads.push(v);
      });
      let refused = 0;
      for (const v of bads) {
        const before = calls.get(channel) ?? 0;
        let result;
        try {
          result = await dispatch(table, channel, v);
        } catch (e) {
          failures.push(`${channel}: dispatch threw ${(e as Error).message}`);
          continue;
        }
        if (result.ok || result.code !== 'bad-request' || !result.message) failures.push(`${channel}: bad payload not refused: ${JSON.stringify(result).slice(0, 200)}`);
        else if ((calls.get(channel) ?? 0) !== before) failures.push(`${channel}: handler ran for a bad payload`);
        else refused++;
      }
      tallies.push({ ...b, refused, skippedBecauseValid: skippedValid });
    }
    record('fuzz-ipc', tallies.map((t) => ({ ...t, failures: t.failures + failures.filter((f) => f.startsWith(t.target.split(':')[0]!)).length })), {
      channels: CHANNELS.length,
      failureMessages: failures.slice(0, 20),
    });
    expect(failures.slice(0, 10)).toEqual([]);
    for (const t of tallies) expect(t.counterexample ?? null, t.target).toBeNull();
  });
});
