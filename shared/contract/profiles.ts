// Contract of who is working: the session and the archive's profiles (shared/ipc.ts merges every
// domain's channels into one table). Permissions and the bootstrap rule: see shared/ipc-review.ts.
import { z } from 'zod';
import { actionSchema, profileSchema, roleSchema } from '../roles.ts';

const empty = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });

export const profileNameSchema = z.string().trim().min(1, 'empty name').max(80, 'name longer than 80 characters');

/**
 * The acting user's password, asked again for approve, reopen, export and profile management,
 * and the chosen profile's for session.selectProfile, whenever that profile has one (issue 13 §2;
 * checked in the service layer, electron/accounts/guard.ts). Never stored or echoed back.
 */
export const passwordField = z.string().min(1).max(256).optional();

export const sessionSchema = z.object({
  /** The profile acting now; null when none is selected (writes are then refused). */
  profile: profileSchema.nullable(),
  profiles: z.array(profileSchema),
  /** What the acting profile may do (for greying out controls; the host checks again). */
  allowed: z.array(actionSchema),
  /** No profile exists yet: the UI should offer to create the first (supervisor) profile. */
  bootstrap: z.boolean(),
  /** A team-server login: the session acts for its logged-in profile only (no switching). */
  login: z.boolean().optional(),
});
export type Session = z.infer<typeof sessionSchema>;

export const profileChannels = {
  'session.current': { request: empty, response: sessionSchema },
  'session.selectProfile': { request: z.object({ profileId: z.string().min(1).max(100).nullable(), password: passwordField }).strict(), response: sessionSchema },

  'profiles.list': { request: empty, response: z.array(profileSchema) },
  'profiles.create': { request: z.object({ name: profileNameSchema, role: roleSchema, password: passwordField }).strict(), response: profileSchema },
  'profiles.update': {
    request: z.object({ id: z.string().min(1).max(100), name: profileNameSchema.optional(), role: roleSchema.optional(), password: passwordField }).strict(),
    response: profileSchema,
  },
  'profiles.remove': { request: z.object({ id: z.string().min(1).max(100), password: passwordField }).strict(), response: ok },
} as const;
