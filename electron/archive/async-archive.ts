// The archive's asynchronous interface: every method of Archive (archive-api.ts) returning a
// Promise, so an implementation may run elsewhere — the SQLite archive in its worker thread
// (worker/client.ts), a PostgreSQL archive over the network — and callers do not change.
// `inProcess` wraps an archive opened on this thread (tests, tools that need one quickly).
import type { Archive } from './archive-api.ts';

type Method = (...args: never[]) => unknown;
type MethodKeys = { [K in keyof Archive]-?: NonNullable<Archive[K]> extends Method ? K : never }[keyof Archive];

/** Archive with every method asynchronous (optional methods stay optional). */
export type AsyncArchive = {
  readonly path: string;
  readonly readOnly?: boolean;
} & {
  [K in Exclude<MethodKeys, 'close'>]: NonNullable<Archive[K]> extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
} & {
  close(): Promise<void>;
};

/**
 * Either archive: callers that `await` every call work with both, so they move to the worker
 * archive without another change (an awaited plain value is the value).
 */
export type AnyArchive = Archive | AsyncArchive;

/** The names of the archive's methods, for proxies that forward them. */
export const ARCHIVE_METHODS = [
  'importPage', 'importPages', 'importFiles', 'getPageScan', 'getPageImage',
  'listPublications', 'listIssues', 'libraryTree', 'listIssuesOfYear', 'getIssue', 'findIssue', 'getIssueMasthead', 'issueEvent', 'listIssueHistory', 'stats', 'changeMarker',
  'listSyncConflicts', 'resolveSyncConflict',
  'listPages', 'getPage', 'getPageJson', 'savePage', 'editPage', 'setPageState', 'restoreRevision', 'getStory',
  'listRevisions', 'listRevisionDetails', 'getRevision',
  'search', 'searchAllIds', 'searchPage',
  'listProfiles', 'getProfile', 'findProfile', 'createProfile', 'updateProfile', 'removeProfile', 'getSetting', 'setSetting',
  'listAccounts', 'profileCredentials', 'setProfilePassword', 'setProfileDisabled',
  'getItem', 'listIssueItems', 'setItemTags', 'changeItemTags', 'listTags',
  'listVocabulary', 'upsertVocabulary', 'removeVocabulary', 'importVocabulary',
  'issueForExport',
  'getPublicationProfile', 'listPublicationProfiles', 'publicationProfileJson', 'publicationProfileForPage',
] as const satisfies readonly Exclude<MethodKeys, 'close'>[];

export type ArchiveMethod = (typeof ARCHIVE_METHODS)[number];

// Every method of the interface is listed above (a new one that is not fails to compile here).
type Missing = Exclude<Exclude<MethodKeys, 'close'>, ArchiveMethod>;
const everyMethodListed: [Missing] extends [never] ? true : Missing = true;
void everyMethodListed;

/**
 * An archive on this thread behind the asynchronous interface. A call still runs synchronously
 * (its result or error arrives as a settled promise), so tests keep their speed and ordering.
 */
export function inProcess<A extends Archive>(archive: A): AsyncArchive & { readonly sync: A } {
  const out: Record<string, unknown> = {
    path: archive.path,
    readOnly: archive.readOnly === true,
    sync: archive,
    close: async () => archive.close(),
  };
  for (const name of ARCHIVE_METHODS) {
    const fn = archive[name] as ((...args: unknown[]) => unknown) | undefined;
    if (typeof fn !== 'function') continue;
    out[name] = (...args: unknown[]) => {
      try {
        return Promise.resolve(fn.apply(archive, args));
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }
  return out as AsyncArchive & { readonly sync: A };
}
