// The review channels (profiles, session, tags, vocabulary, issue approval and export, history,
// search), merged into `channels` in shared/ipc.ts. Same rules as every channel: the host
// validates the request with zod before the handler runs and the response before it leaves.
//
// Permissions are enforced in the service layer (electron/host/service/session.ts: may(action)),
// never only in the UI: every data-changing channel resolves the session's profile first. A
// failure is the one AppError (shared/app-error.ts), sent as { ok: false, code, reason, details,
// message } (HTTP status in brackets):
//   'no-profile' (401)  no profile selected while the archive has profiles — ask who is working;
//   'forbidden'  (403)  the profile's role may not do this; reason: the Action ('issue.approve');
//   'refused'    (409)  the issue state does not allow it; reason: the state machine's code
//                       ('issue-locked', 'not-proofed', 'not-approved', 'not-locked',
//                       'reason-required'), details.state the issue's state;
//   'bad-request', 'not-found', 'conflict' (stale page revision), 'unavailable', 'internal', each
//   with its reason. The UI words every failure by code and reason, never by `message`.
// Bootstrap: while an archive has no profile at all, the session acts as an implicit *editor*
// named after the OS user (proofing works out of the box); the first profile created becomes a
// supervisor whatever role was asked for, and is selected.
//
// Channels:
//   session.current        {} → Session: the selected profile (or null), all profiles, the
//                          actions the profile may do (grey out the rest), bootstrap flag.
//   session.selectProfile  {profileId | null} → Session. The host remembers the last profile in
//                          the archive's settings table and selects it again at the next start.
//   profiles.list          {} → Profile[]
//   profiles.create        {name, role} → Profile  (supervisor; anyone while there is none)
//   profiles.update        {id, name?, role?} → Profile  (supervisor; the last supervisor stays one)
//   profiles.remove        {id} → ok  (supervisor; never the last supervisor)
//   tags.setForItem        {itemId, tags} → the item's tags after (archivist/supervisor; item card)
//   tags.addToItems        {itemIds, add, remove} → per-page revisions (bulk, from search
//                          results or an issue's item list; one transaction)
//   tags.suggest           {itemId} → keywords, people, places, organisations proposed from the
//                          item's text, plus vocabulary terms found in it; accepting one is a
//                          tags.setForItem / tags.addToItems call with that word (or term label).
//   tags.list              {} → every tag in use with its item count and vocabulary term (filters)
//   vocabulary.list        {} → VocabularyTerm[]  (type, path root-first, label, aliases)
//   vocabulary.upsert      {term} → VocabularyTerm  (archivist/supervisor; key = type + path)
//   vocabulary.remove      {type, path} → {removed}  (refused while the term has children)
//   vocabulary.importCsv   {csv, mode: merge|replace} → counts + line-numbered errors
//   vocabulary.exportCsv   {} → {csv, fileName}  (type,path,label,aliases; UTF-8 BOM, CRLF)
//   issues.items           {issueId} → the issue's items (id, page, kind, headline, tags)
//   issues.history         {issueId} → the issue and its state history (who, when, from → to, reason)
//   issues.approve         {issueId} → issue  (supervisor; only a proofed issue)
//   issues.reopen          {issueId, reason} → issue  (supervisor; reason required)
//   issues.export          {issueId, formats, zip, outDir?} → {folderPath, zipPath, manifest, issue}
//                          (supervisor; approved/exported issues only). outDir: absolute; when
//                          omitted, the default export folder (export.folder).
//   export.folder          {} → {outDir, canChoose}: the default export folder (setting, else
//                          ~/Galley Exports); canChoose when export.chooseFolder has a native dialog.
//   export.chooseFolder    {} → {outDir | null}: Electron's native folder dialog (null = cancelled);
//                          'unavailable' in the browser host (use export.folder's outDir there).
//   history.forPage        {pageId} → revisions of the page and its items, newest first, each with
//                          who/when/what and a unified diff of a readable rendering of the page.
//   history.forItem        {itemId} → the revisions that changed this item, diffs of the item only.
//   history.restore        {revisionId} → {pageId, revision}: puts the page back as it was after
//                          that revision, as a new revision (editor/supervisor; not when approved).
//   search                 {query, filters, limit} → hits; an empty query with a tag filter lists
//                          the items with that tag. Tags are part of the searchable text.
//
// The channels live by domain in shared/contract/ (profiles, tags, issues, history, search); this
// module keeps the review channels' names together for the modules that import them from here.
import { profileChannels } from './contract/profiles.ts';
import { tagChannels } from './contract/tags.ts';
import { issueChannels } from './contract/issues.ts';
import { historyChannels } from './contract/history.ts';
import { searchChannels } from './contract/search.ts';

export * from './contract/profiles.ts';
export * from './contract/tags.ts';
export * from './contract/issues.ts';
export * from './contract/history.ts';
export * from './contract/search.ts';

export const reviewChannels = {
  ...profileChannels,
  ...tagChannels,
  ...issueChannels,
  ...historyChannels,
  ...searchChannels,
} as const;

export type ReviewChannel = keyof typeof reviewChannels;
