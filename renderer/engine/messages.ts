// What the renderer and its engine worker say to each other. The worker's requests are checked
// with the same schema as the host's `engine.derive` channel (limits included), its answers with
// the same response schema, so a preview can never carry what the host would refuse.
import { z } from 'zod';
import { channels } from '../../shared/ipc.ts';

const deriveChannel = channels['engine.derive'];

/** Which publication profile the worker segments with (null: the base model alone). */
export const profileInUseSchema = z.object({ publication: z.string(), pages: z.number().int().nonnegative() }).strict().nullable();
export type ProfileInUse = z.infer<typeof profileInUseSchema>;

export const engineRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('derive'), id: z.number().int().nonnegative(), request: deriveChannel.request }).strict(),
  // Loads the learned model ahead of the first derive (a page was opened).
  z.object({ type: z.literal('warm'), id: z.number().int().nonnegative() }).strict(),
  // The page's publication profile as the host's engine.profile gave it (checked in the worker).
  z.object({ type: z.literal('profile'), id: z.number().int().nonnegative(), profile: z.unknown() }).strict(),
]);
export type EngineRequest = z.input<typeof engineRequestSchema>;

export const engineResponseSchema = z.discriminatedUnion('ok', [
  z
    .object({
      id: z.number().int().nonnegative(),
      ok: z.literal(true),
      items: deriveChannel.response.shape.items.optional(),
      /** The profile the items were derived with (answers to derive and profile). */
      profile: profileInUseSchema.optional(),
    })
    .strict(),
  z.object({ id: z.number().int().nonnegative(), ok: z.literal(false), message: z.string() }).strict(),
]);
export type EngineResponse = z.infer<typeof engineResponseSchema>;
