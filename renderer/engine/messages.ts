// What the renderer and its engine worker say to each other. The worker's requests are checked
// with the same schema as the host's `engine.derive` channel (limits included), its answers with
// the same response schema, so a preview can never carry what the host would refuse.
import { z } from 'zod';
import { channels } from '../../shared/ipc.ts';

const deriveChannel = channels['engine.derive'];

/** A profile's trial record in means: the overall score of the profile and of the base model on the proofed pages it was tried on. */
export const profileTrialSummarySchema = z
  .object({ pages: z.number().int().positive(), profile: z.number().min(0).max(1), base: z.number().min(0).max(1) })
  .strict();

/**
 * The publication profile the worker was given (null: none, the base model alone). With `setAside`
 * the profile is not used — its trial record is no better than the base model's — and with
 * `awaitingTrial` it is not used yet — learned from one page the base model already read well
 * (its score there given) — and in both the worker previews with the base model, as the host segments.
 */
export const previewProfileSchema = z
  .object({
    publication: z.string(),
    pages: z.number().int().nonnegative(),
    setAside: profileTrialSummarySchema.optional(),
    awaitingTrial: z.object({ base: z.number().min(0).max(1) }).strict().optional(),
  })
  .strict()
  .nullable();
export type PreviewProfile = z.infer<typeof previewProfileSchema>;

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
      profile: previewProfileSchema.optional(),
    })
    .strict(),
  z.object({ id: z.number().int().nonnegative(), ok: z.literal(false), message: z.string() }).strict(),
]);
export type EngineResponse = z.infer<typeof engineResponseSchema>;
