// The model's label space: every line role, either opening an item ("start") or inside one.
// Decoding roles and item boundaries jointly keeps them consistent: an item starts exactly where a
// start label was decoded, and its title roles are the roles decoded on its header lines.
import { LINE_ROLES, type LineRole } from './line-roles.ts';

export const LABEL_COUNT = LINE_ROLES.length * 2;

export const labelOf = (role: LineRole, start: boolean): number => LINE_ROLES.indexOf(role) * 2 + (start ? 0 : 1);
export const roleOf = (label: number): LineRole => LINE_ROLES[label >> 1]!;
export const isStart = (label: number): boolean => (label & 1) === 0;
export const labelName = (label: number): string => `${roleOf(label)}${isStart(label) ? '+' : ''}`;

/** Roles that are display lines of an item's header. */
export const TITLE_ROLES: ReadonlySet<LineRole> = new Set<LineRole>(['kicker', 'headline', 'subheadline', 'series']);
