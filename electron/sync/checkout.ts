// `galley checkout`: copies issues from a server archive (PostgreSQL or SQLite) to a laptop's
// SQLite archive: the acting user's and the team's profiles (names and roles, never passwords),
// the vocabulary, and each issue's pages with their exact items, tags and states. Everything is
// read from the server first, then written in ONE local transaction together with the replica
// rows (replica-store.ts), so a half-copied issue never exists.
import type { IssueSummary, PageRecord } from '../../shared/domain.ts';
import type { Actor } from '../archive/archive-api.ts';
import type { SqliteArchive } from '../archive/sqlite-archive.ts';
import { copyNewPage, SyncError } from './local-copy.ts';
import { ReplicaStore } from './replica-store.ts';
import { actingProfile, localActor, type SyncServer } from './server.ts';

export interface CheckoutReport {
  issues: { originIssueId: number; localIssueId: number; pages: number; items: number }[];
  profilesAdded: number;
  vocabularyAdded: number;
}

const ROLE_ORDER = { supervisor: 0, archivist: 1, editor: 2 } as const;

export async function checkout(
  server: SyncServer,
  local: SqliteArchive,
  issueRefs: readonly string[],
  source: string,
  now: () => string = () => new Date().toISOString(),
): Promise<CheckoutReport> {
  const store = new ReplicaStore(local.db);
  const info = store.info();
  if (info && info.source !== source) throw new SyncError(`${local.path} is a replica of ${info.source}, not of ${source}; check out into another file`);
  const who = await actingProfile(server);

  const issues: IssueSummary[] = [];
  for (const ref of issueRefs) {
    const issue = await server.archive.findIssue(ref);
    if (!issue) throw new SyncError(`no issue ${ref} on ${source} (give an issue id, or PUBLICATION:YYYY-MM-DD)`);
    if (store.localIssueOf(issue.id) !== null) throw new SyncError(`issue ${ref} is already checked out in ${local.path}; galley sync brings it up to date`);
    if (issues.some((i) => i.id === issue.id)) continue;
    issues.push(issue);
  }
  const titles = new Map((await server.archive.listPublications()).map((p) => [p.id, p.title]));
  const profiles = [...(await server.archive.listProfiles())].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
  const vocabulary = await server.archive.listVocabulary();
  // Read every page first (the server is asynchronous), then write each issue in one local transaction.
  const pagesOf = new Map<number, PageRecord[]>();
  for (const issue of issues) {
    const pages: PageRecord[] = [];
    for (const p of await server.archive.listPages(issue.id)) pages.push(await server.archive.getPage(p.id));
    pagesOf.set(issue.id, pages);
  }

  return store.tx(() => {
    store.setSource(source, now(), who.name);
    // Profiles by name and role (the first one here becomes a supervisor, as in any archive:
    // supervisors are copied first). Passwords stay on the server.
    let profilesAdded = 0;
    for (const p of profiles) {
      if (local.findProfile(p.name)) continue;
      local.createProfile({ name: p.name, role: p.role }, { name: who.name });
      profilesAdded++;
    }
    const actor: Actor = localActor(local, who);
    const vocabularyAdded = vocabulary.length > 0 ? local.importVocabulary(vocabulary, 'merge', actor).added : 0;
    const report: CheckoutReport = { issues: [], profilesAdded, vocabularyAdded };
    for (const issue of issues) {
      const title = titles.get(issue.publicationId);
      if (title === undefined) throw new SyncError(`issue ${issue.id} names publication ${issue.publicationId}, which ${source} does not list`);
      let localIssueId: number | null = null;
      let items = 0;
      const pages = pagesOf.get(issue.id) ?? [];
      for (const page of pages) {
        const copied = copyNewPage(local, page, issue, title, actor);
        if (localIssueId === null) {
          localIssueId = copied.localIssueId;
          store.putIssue(localIssueId, issue.id);
        } else if (copied.localIssueId !== localIssueId) {
          throw new SyncError(`page ${page.id} of issue ${issue.id} would join another local issue (${copied.localIssueId}, not ${localIssueId}); nothing was copied`);
        }
        store.putPage(copied.row);
        items += copied.row.items.length;
      }
      if (localIssueId === null) throw new SyncError(`issue ${issue.id} has no pages to check out`);
      report.issues.push({ originIssueId: issue.id, localIssueId, pages: pages.length, items });
    }
    return report;
  });
}
