// Host failures worded in the UI language by their code and reason (shared/app-error.ts): the
// English `message` is never shown for a failure the UI knows and never read to find out what the
// failure is — the sentence comes from the i18n tables, its values from `details`. A reason the UI
// does not know yet still gets a sentence by its code.
import { ACTION_NAMES, type Action } from '../shared/roles.ts';
import type { Session } from '../shared/ipc-review.ts';
import { ISSUE_STATES } from '../shared/domain.ts';
import { EDIT_REFUSALS } from '../shared/edit-ops.ts';

type T = (key: string, options?: Record<string, unknown>) => string;

/** The machine-readable part of a host failure: an AppError's code, reason and details. */
export interface HostReasonLike {
  code: string;
  reason?: string | null;
  /** The issue's state a refusal names (older form of details.state). */
  state?: string | null;
  details?: Readonly<Record<string, unknown>> | null;
}

/** Reasons worded by a sentence of another table; all others are `errors.<camelCase reason>`. */
const REASON_KEYS: Record<string, string> = {
  'not-proofed': 'issue.notProofed',
  'not-approved': 'issue.notApproved',
  'not-locked': 'issue.notLocked',
  'reason-required': 'issue.reasonHint',
  'no-profile': 'perm.noProfile',
  'disk-full': 'security.diskFull',
  'read-only': 'security.readOnly',
  'handle-expired': 'security.handleExpired',
  'export-folder': 'security.exportFolder',
  'import-busy': 'import.busy',
  'search-changed': 'desk.err.searchChanged',
  'last-supervisor': 'desk.err.lastSupervisor',
  'last-supervisor-remove': 'desk.err.lastSupervisorRemove',
  'page-too-long': 'desk.err.tooLong',
  'page-too-many-items': 'desk.err.tooManyItems',
  'sample-missing': 'desk.err.sampleMissing',
  'sample-failed': 'desk.err.sampleFailed',
  // Open archive… (shared/i18n-archives.ts).
  'switch-unavailable': 'archives.err.switchUnavailable',
  'switch-team-server': 'archives.err.switchTeamServer',
  'switch-unknown': 'archives.err.switchUnknown',
  'switch-failed': 'archives.err.switchFailed',
  'switch-same': 'archives.err.switchSame',
  'switch-busy': 'archives.err.switchBusy',
  'archive-switched': 'archives.err.switched',
  // Accounts (shared/i18n-accounts.ts).
  'wrong-credentials': 'accounts.err.wrongCredentials',
  'login-required': 'accounts.err.loginRequired',
  'rate-limited': 'accounts.err.rateLimited',
  'account-disabled': 'accounts.err.accountDisabled',
  'password-required': 'accounts.err.passwordRequired',
  'wrong-password': 'accounts.err.wrongPassword',
  'password-not-set': 'accounts.err.passwordNotSet',
  'logged-in': 'accounts.err.loggedIn',
  'password-too-short': 'accounts.err.passwordTooShort',
  'password-too-long': 'accounts.err.passwordTooLong',
  'password-blank': 'accounts.err.passwordBlank',
  'own-password': 'accounts.err.ownPassword',
  'self-disable': 'accounts.err.selfDisable',
  'no-password': 'accounts.err.noPassword',
  'logged-in-clear': 'accounts.err.loggedInClear',
};

/** Reasons with a sentence in the `errors` table (shared/i18n-errors.ts). */
const ERROR_TABLE_REASONS = new Set([
  'invalid-request',
  'unknown-channel',
  'not-found',
  'revision-conflict',
  'invalid-input',
  'export-folder-unusable',
  'invalid-response',
  'profile-missing',
  'handles-desktop-only',
  'bad-file-name',
  'no-dialog',
  'starts-not-increasing',
  'start-beyond-text',
  'not-restorable',
  'malformed-error',
  'library-year',
  'library-limit',
  'library-cursor',
  ...EDIT_REFUSALS,
]);

const CODES_WORDED = new Set(['bad-request', 'not-found', 'conflict', 'unavailable', 'internal', 'no-profile', 'forbidden', 'refused', 'disk-full', 'read-only', 'damaged', 'offline', 'unauthorized']);

const camel = (reason: string) => reason.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const isStateWord = (s: unknown): s is string => typeof s === 'string' && (ISSUE_STATES as readonly string[]).includes(s);

/** Details as interpolation values: counts with thousands separators, as the host used to write them. */
function values(details: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) out[k] = typeof v === 'number' ? v.toLocaleString('en') : (v ?? '');
  return out;
}

/** The damaged row (details part, id, page, revision) in words. */
function damagedWhat(t: T, d: Readonly<Record<string, unknown>>): string {
  const { part, id, page, revision } = values(d);
  if (part === 'revision') return page && revision ? t('security.damagedRevision', { revision, page }) : t('security.damagedLogEntry', { id });
  if (part === 'page') return t('security.damagedPage', { page: id });
  if (part === 'item-set') {
    return d.expected === null || d.expected === undefined
      ? t('security.damagedItemSetMissing', { page, found: values(d).found })
      : t('security.damagedItemSet', { page, expected: values(d).expected, found: values(d).found });
  }
  return t('security.damagedItem', { id, page });
}

/** A failure worded by its code and reason, or null when neither is one the UI knows. */
export function localizeHostReason(t: T, r: HostReasonLike | null | undefined): string | null {
  if (!r) return null;
  const details = r.details ?? {};
  const reason = r.reason ?? '';
  const state = details.state ?? r.state;
  if (r.code === 'damaged') return t('security.damaged', { what: damagedWhat(t, details), path: typeof details.path === 'string' ? details.path : '' });
  if (r.code === 'forbidden' && (ACTION_NAMES as readonly string[]).includes(reason)) return t(`perm.${reason}`);
  if (reason === 'issue-locked') return isStateWord(state) ? t('issue.locked', { state: t(`state.${state}`) }) : null;
  const key = REASON_KEYS[reason] ?? (ERROR_TABLE_REASONS.has(reason) ? `errors.${camel(reason)}` : null);
  if (key) return t(key, values(details));
  if (r.code === 'no-profile' || r.code === 'disk-full' || r.code === 'read-only') return t(REASON_KEYS[r.code]!);
  return null;
}

/**
 * What to show for a failure. With its code (a host's AppError) the words come from the tables:
 * by reason, else by code — an unexpected failure of the host shows its own one-line detail,
 * which no table can word. Without a code (a local failure) the text is shown as it is.
 */
export function localizeHostMessage(t: T, message: string, reason?: HostReasonLike | null): string {
  const byReason = localizeHostReason(t, reason);
  if (byReason !== null) return byReason;
  if (!reason) return message;
  const detail = reason.details?.detail;
  if (reason.code === 'internal' && typeof detail === 'string' && detail) return detail;
  if (CODES_WORDED.has(reason.code)) return t(`errors.byCode.${reason.code}`);
  return message;
}

/** Import failure codes with a sentence (shared/i18n-errors.ts importFile). */
const IMPORT_FILE_CODES = new Set(['not-found', 'is-directory', 'not-a-file', 'unreadable', 'too-large', 'empty', 'binary', 'undecodable', 'unsupported', 'xml-doctype', 'xml-malformed', 'no-text', 'bad-structure', 'not-a-page', 'ocr']);

/**
 * One file's import failure, worded by its typed code (the outcome's errorCode) with the
 * importer's own detail as the value; without a known code, the text as the importer wrote it.
 */
export function localizeImportFailure(t: T, code: string | null | undefined, detail: string): string {
  return code && IMPORT_FILE_CODES.has(code) ? t(`errors.importFile.${code}`, { detail }) : detail;
}

/** Why the acting profile may not do `action` (an i18n key), or null when it may. */
export function deniedKey(who: Session | null, action: Action): string | null {
  if (!who) return 'perm.noProfile';
  if (who.allowed.includes(action)) return null;
  return who.profile ? `perm.${action}` : 'perm.noProfile';
}
