// Who may change what. Platform-free: the archive, the hosts and the renderer all read this one
// table, so a button the UI greys out and a request the host refuses can never disagree.
import { z } from 'zod';

export const ROLES = ['editor', 'archivist', 'supervisor'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const profileSchema = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1),
  role: roleSchema,
});
export type Profile = z.infer<typeof profileSchema>;

interface ActionRule {
  /** Completes "Only a supervisor can …": a verb phrase with its object. */
  readonly does: string;
  readonly roles: readonly Role[];
}

/**
 * Every data-changing action and the roles allowed to do it.
 * - Editors proof: they change text, segmentation and item metadata and mark pages proofed.
 * - Archivists describe: they tag and keep the vocabulary, and may fix metadata (a wrong byline
 *   found while tagging), but do not re-segment pages.
 * - Supervisors can do everything, and they alone approve, reopen, export and manage profiles.
 */
export const ACTIONS = {
  'page.save': { does: 'change the text or segmentation of a page', roles: ['editor', 'supervisor'] },
  'item.editMetadata': { does: "change an item's headline, byline or other metadata", roles: ['editor', 'archivist', 'supervisor'] },
  'page.setState': { does: 'change the proofing state of a page', roles: ['editor', 'supervisor'] },
  'item.tag': { does: 'tag an item', roles: ['archivist', 'supervisor'] },
  'vocabulary.edit': { does: 'edit the vocabulary', roles: ['archivist', 'supervisor'] },
  'import.run': { does: 'import pages', roles: ['editor', 'archivist', 'supervisor'] },
  'revision.restore': { does: 'restore an earlier revision of a page', roles: ['editor', 'supervisor'] },
  'issue.approve': { does: 'approve an issue', roles: ['supervisor'] },
  'issue.reopen': { does: 'reopen an issue', roles: ['supervisor'] },
  'issue.export': { does: 'export an issue', roles: ['supervisor'] },
  'profile.manage': { does: 'manage profiles', roles: ['supervisor'] },
  // Switching the host to another archive moves everyone working in it (issue 13 §6).
  'archive.switch': { does: 'open another archive in this host', roles: ['supervisor'] },
} as const satisfies Record<string, ActionRule>;

export type Action = keyof typeof ACTIONS;
export const ACTION_NAMES = Object.keys(ACTIONS) as Action[];
export const actionSchema = z.enum(ACTION_NAMES as [Action, ...Action[]]);

export function isAllowed(role: Role, action: Action): boolean {
  return (ACTIONS[action].roles as readonly Role[]).includes(role);
}

/** The actions a role may do (for greying out controls). */
export function allowedActions(role: Role): Action[] {
  return ACTION_NAMES.filter((a) => isAllowed(role, a));
}

const article = (role: Role): string => (role === 'editor' || role === 'archivist' ? `an ${role}` : `a ${role}`);

function listRoles(roles: readonly Role[]): string {
  const named = roles.map(article);
  return named.length <= 2 ? named.join(' or ') : `${named.slice(0, -1).join(', ')} or ${named.at(-1)}`;
}

/** Refused for lack of a role; `code` lets hosts map it to HTTP 403 / an IPC error without parsing text. */
export class ForbiddenError extends Error {
  readonly code = 'forbidden' as const;
  constructor(
    readonly action: Action,
    readonly profile: Profile,
  ) {
    const rule = ACTIONS[action];
    super(`Only ${listRoles(rule.roles)} can ${rule.does}; ${profile.name} is ${article(profile.role)}.`);
    this.name = 'ForbiddenError';
  }
}

export function assertAllowed(profile: Profile, action: Action): void {
  const p = profileSchema.parse(profile);
  if (!isAllowed(p.role, actionSchema.parse(action))) throw new ForbiddenError(action, p);
}
