// Contract of passwords in the app (issue 13 §2): a user changes their own password (the old one
// asked), a supervisor sets another user's password, adds users with one, and disables or enables
// them. Handlers: electron/host/handlers/accounts.ts; the actor always comes from the session.
//   accounts.self        {} → {hasPassword, mustSet, login}: what the profile screen offers
//   accounts.list        {} → Account[]   (supervisor: who has a password, who is disabled)
//   accounts.changeOwn   {oldPassword?, newPassword} → ok  (old one required once there is one)
//   accounts.clearOwn    {oldPassword} → ok  (a local archive's profile; not on a team login)
//   accounts.setPassword {id, newPassword, password} → Account  (supervisor, someone else's)
//   accounts.setDisabled {id, disabled, password} → Account  (supervisor, not oneself)
//   accounts.create      {name, role, newPassword, password} → Profile  (supervisor)
// `password` is the acting supervisor's, asked again (renderer/api/auth.ts PASSWORD_CHANNELS);
// new passwords follow electron/accounts/password.ts (8–256 characters, not blank).
import { z } from 'zod';
import { profileSchema, roleSchema } from '../roles.ts';
import { passwordField, profileNameSchema } from './profiles.ts';

const ok = z.object({ ok: z.literal(true) });
const id = z.string().min(1).max(100);
/** Shape only; the length rule is checked in the service so its refusal can be worded. */
const newPassword = z.string().max(1000);

export const accountSchema = profileSchema.extend({ hasPassword: z.boolean(), disabled: z.boolean() });
export type AccountView = z.infer<typeof accountSchema>;

export const accountChannels = {
  'accounts.self': {
    request: z.object({}).strict(),
    response: z.object({
      /** The acting profile has a password. */
      hasPassword: z.boolean(),
      /** A supervisor without one on an archive whose supervisors use passwords (must set one to act). */
      mustSet: z.boolean(),
      /** A team-server login: the password cannot be cleared here. */
      login: z.boolean(),
    }),
  },
  'accounts.list': { request: z.object({}).strict(), response: z.array(accountSchema) },
  'accounts.changeOwn': { request: z.object({ oldPassword: passwordField, newPassword }).strict(), response: ok },
  'accounts.clearOwn': { request: z.object({ oldPassword: z.string().min(1).max(256) }).strict(), response: ok },
  'accounts.setPassword': { request: z.object({ id, newPassword, password: passwordField }).strict(), response: accountSchema },
  'accounts.setDisabled': { request: z.object({ id, disabled: z.boolean(), password: passwordField }).strict(), response: accountSchema },
  'accounts.create': {
    request: z.object({ name: profileNameSchema, role: roleSchema, newPassword, password: passwordField }).strict(),
    response: profileSchema,
  },
} as const;
