// The engine worker's one job: derive items for split points with exactly the engine's rules
// (core/engine, the learned model included), off the renderer's main thread. Kept apart from the
// worker's entry so it runs in a unit test under Node as well. The page's publication profile,
// once given, adapts the model as it does on the host (engine.derive with a pageId).
import { deriveItems } from '../../core/engine/index.ts';
import { defaultModel } from '../../core/engine/model/default-model.ts';
import { parseProfile, profileState, type Profile } from '../../core/engine/model/profile.ts';
import { engineRequestSchema, type EngineResponse, type PreviewProfile } from './messages.ts';

/** A handler with its own profile (the worker has one; tests make several). */
export function createEngineHandler(): (message: unknown) => EngineResponse {
  let profile: Profile | null = null;
  // A profile not in use (no better than the base model on its trial, or untried after one page the base
  // model read well) previews with the base model, as the host segments; the answer says so, with the
  // record behind it, so the editor sees why.
  const previewProfile = (): PreviewProfile => {
    if (!profile || profile.pages === 0) return null;
    const described = { publication: profile.publication, pages: profile.pages };
    const state = profileState(profile);
    const trial = profile.trial;
    if (state === 'awaiting-trial') return { ...described, awaitingTrial: { base: round3(profile.firstPageBaseScore ?? 0) } };
    if (state === 'in-use' || !trial) return described;
    return { ...described, setAside: { pages: trial.pages, profile: round3(trial.profileScore / trial.pages), base: round3(trial.baseScore / trial.pages) } };
  };

  return (message) => {
    const id = typeof (message as { id?: unknown } | null)?.id === 'number' ? (message as { id: number }).id : 0;
    const parsed = engineRequestSchema.safeParse(message);
    if (!parsed.success) return { id, ok: false, message: `bad engine request: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
    const req = parsed.data;
    try {
      if (req.type === 'warm') {
        defaultModel();
        return { id: req.id, ok: true };
      }
      if (req.type === 'profile') {
        const next = req.profile === null ? null : parseProfile(req.profile);
        // The host hands out only profiles over the base model it runs; a worker built with
        // other weights previews with the base model rather than misapply the deltas.
        const base = defaultModel();
        profile = next && next.baseVersion === base.version && next.featureSetHash === base.featureSetHash ? next : null;
        return { id: req.id, ok: true, profile: previewProfile() };
      }
      const { text, starts, kinds } = req.request;
      // The host refuses these too (electron/host/handlers.ts); the preview must not differ.
      for (let i = 1; i < starts.length; i++) if (starts[i]! <= starts[i - 1]!) return { id: req.id, ok: false, message: 'starts must increase' };
      if (starts.some((s) => s > text.length)) return { id: req.id, ok: false, message: 'start beyond the text' };
      const items = profile ? deriveItems(text, starts, kinds, { profile }) : deriveItems(text, starts, kinds);
      return { id: req.id, ok: true, items, profile: previewProfile() };
    } catch (e) {
      if (req.type === 'profile') profile = null;
      return { id: req.id, ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  };
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** The worker's handler. */
export const handleEngineRequest = createEngineHandler();
