// The engine worker's one job: derive items for split points with exactly the engine's rules
// (core/engine, the learned model included), off the renderer's main thread. Kept apart from the
// worker's entry so it runs in a unit test under Node as well.
import { deriveItems } from '../../core/engine/index.ts';
import { defaultModel } from '../../core/engine/model/default-model.ts';
import { engineRequestSchema, type EngineResponse } from './messages.ts';

export function handleEngineRequest(message: unknown): EngineResponse {
  const id = typeof (message as { id?: unknown } | null)?.id === 'number' ? (message as { id: number }).id : 0;
  const parsed = engineRequestSchema.safeParse(message);
  if (!parsed.success) return { id, ok: false, message: `bad engine request: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  const req = parsed.data;
  try {
    if (req.type === 'warm') {
      defaultModel();
      return { id: req.id, ok: true };
    }
    const { text, starts, kinds } = req.request;
    // The host refuses these too (electron/host/handlers.ts); the preview must not differ.
    for (let i = 1; i < starts.length; i++) if (starts[i]! <= starts[i - 1]!) return { id: req.id, ok: false, message: 'starts must increase' };
    if (starts.some((s) => s > text.length)) return { id: req.id, ok: false, message: 'start beyond the text' };
    return { id: req.id, ok: true, items: deriveItems(text, starts, kinds) };
  } catch (e) {
    return { id: req.id, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
