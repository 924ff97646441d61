// The review channels (profiles, session, tags, vocabulary, issue approval and export, history,
// search), merged into `channels` in shared/ipc.ts. Same rules as every channel: the host
// validates the request with zod before the handler runs and the response before it leaves.
//
// Permissions are enforced in the main process (electron/host/handlers.ts), never only in the UI:
// every data-changing channel resolves the session's profile first. Errors come back as
// { ok: false, code, message } (HTTP status in brackets):
//   'no-profile' (401)  no profile selected while the archive has profiles — ask who is working;
//   'forbidden'  (403)  the profile's role may not do this (message: "Only a supervisor can …");
//   'refused'    (409)  the issue state does not allow it (approved issue, not proofed, no reason …);
//   both also carry `reason`: the Action refused ('issue.approve') for 'forbidden', the state
//   machine's code ('issue-locked', 'not-proofed', 'not-approved', 'not-locked', 'reason-required')
//   for 'refused', plus `state` (the issue's state) when it is known — the UI words them by code;
//   'bad-request', 'not-found', 'conflict' (stale page revision), 'unavailable', 'internal' as before.
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
import { z } from 'zod';
import { issueStateSchema, issueSummarySchema, pageStateSchema } from './domain.ts';
import { actionSchema, profileSchema, roleSchema } from './roles.ts';
import { itemKindSchema } from './segmentation.ts';
import { exportFormatSchema, EXPORT_FORMATS } from './export.ts';

const empty = z.object({}).strict();
const id = z.number().int().positive();
const ok = z.object({ ok: z.literal(true) });

/** A tag as typed: trimmed, one line, at most 100 characters. */
export const tagNameSchema = z
  .string()
  .trim()
  .min(1, 'empty tag')
  .max(100, 'tag longer than 100 characters')
  .refine((t) => !/[\r\n\t]/.test(t), 'tag contains a line break or tab');
const tagList = z.array(tagNameSchema).max(200);

export const profileNameSchema = z.string().trim().min(1, 'empty name').max(80, 'name longer than 80 characters');

export const sessionSchema = z.object({
  /** The profile acting now; null when none is selected (writes are then refused). */
  profile: profileSchema.nullable(),
  profiles: z.array(profileSchema),
  /** What the acting profile may do (for greying out controls; the host checks again). */
  allowed: z.array(actionSchema),
  /** No profile exists yet: the UI should offer to create the first (supervisor) profile. */
  bootstrap: z.boolean(),
});
export type Session = z.infer<typeof sessionSchema>;

// Mirrors core/tagging/vocabulary.ts (shared/ cannot import electron/).
export const VOCABULARY_TERM_TYPES = ['subject', 'person', 'place', 'organisation'] as const;
export const vocabularyTermTypeSchema = z.enum(VOCABULARY_TERM_TYPES);
const pathSegment = z.string().trim().min(1, 'empty path segment').max(100).refine((s) => !s.includes('/'), 'path segment contains /');
export const vocabularyTermSchema = z.object({
  type: vocabularyTermTypeSchema,
  /** Root first: ["经济", "产业园区"]. The last segment is the term's key within its parent. */
  path: z.array(pathSegment).min(1, 'empty path').max(20),
  label: z.string().trim().min(1, 'empty label').max(200),
  aliases: z.array(z.string().trim().min(1).max(200).refine((s) => !s.includes('|'), 'alias contains |')).max(50),
});
export type VocabularyTerm = z.infer<typeof vocabularyTermSchema>;

export const issueHistoryRowSchema = z.object({
  at: z.string(),
  profileId: z.string(),
  by: z.string(),
  role: roleSchema,
  event: z.enum(['pages-changed', 'approve', 'export', 'reopen']),
  from: issueStateSchema,
  to: issueStateSchema,
  reason: z.string().nullable(),
});
export type IssueHistoryRow = z.infer<typeof issueHistoryRowSchema>;

export const exportManifestSchema = z.object({
  schema: z.string(),
  folder: z.string(),
  exportedAt: z.string(),
  publication: z.string(),
  date: z.string().nullable(),
  issueNumber: z.number().int().nullable(),
  state: z.string(),
  formats: z.array(exportFormatSchema),
  files: z.array(z.object({ path: z.string(), size: z.number().int().nonnegative(), sha256: z.string() })),
});

/** A revision's summary as a code plus values, for the UI to word in its language. */
export const revisionSummarySchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('imported'), items: z.number().int() }),
  z.object({ code: z.literal('reimported'), items: z.number().int() }),
  z.object({ code: z.literal('state'), from: z.string().nullable(), to: z.string().nullable() }),
  /** One entry per item whose tags changed; item is null in an item's own history. */
  z.object({
    code: z.literal('tags'),
    changes: z.array(z.object({ item: z.number().int().nullable(), added: z.array(z.string()), removed: z.array(z.string()) })),
  }),
  z.object({ code: z.literal('restored'), from: z.number().int().nullable() }),
  z.object({ code: z.literal('saved'), text: z.boolean(), itemsChanged: z.number().int(), itemsRemoved: z.number().int() }),
  z.object({ code: z.literal('item-imported') }),
  z.object({ code: z.literal('item-created') }),
  z.object({ code: z.literal('item-removed') }),
  z.object({ code: z.literal('other'), action: z.string() }),
]);
export type RevisionSummary = z.infer<typeof revisionSummarySchema>;

export const revisionViewSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  /** Who, as written then (a profile's name, or the OS user before profiles existed). */
  actor: z.string(),
  profileId: z.string().nullable(),
  role: roleSchema.nullable(),
  entity: z.enum(['page', 'issue']),
  entityId: z.number().int(),
  /** import, reimport, save, tag, state, restore (pages); approve, reopen, export, state (issues). */
  action: z.string(),
  pageRevision: z.number().int().nullable(),
  /** One readable line: "Tags of item 12: + 衡阳", "State: in-progress → proofed". */
  summary: z.string(),
  /** The same summary as a code plus values (the UI words it; `summary` stays for the CLI). */
  summaryData: revisionSummarySchema,
  /** Unified diff (the `diff` package) of the readable rendering before → after; '' when none. */
  diff: z.string(),
  /** history.restore can put the page back to how it was after this revision. */
  restorable: z.boolean(),
});
export type RevisionView = z.infer<typeof revisionViewSchema>;

export const issueItemSchema = z.object({
  itemId: z.number().int(),
  pageId: z.number().int(),
  pageNumber: z.number().int().nullable(),
  kind: itemKindSchema,
  headline: z.string().nullable(),
  tags: z.array(z.string()),
});

export const searchFiltersSchema = z
  .object({
    publicationId: id.optional(),
    issueId: id.optional(),
    dateFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    dateTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    kind: itemKindSchema.optional(),
    tag: tagNameSchema.optional(),
    state: pageStateSchema.optional(),
  })
  .strict();

export const searchHitSchema = z.object({
  itemId: z.number().int(),
  pageId: z.number().int(),
  publication: z.string(),
  date: z.string().nullable(),
  pageNumber: z.number().int().nullable(),
  headline: z.string().nullable(),
  /** Matches wrapped in [[ and ]]. */
  snippet: z.string(),
  rank: z.number(),
  tags: z.array(z.string()),
});

const absolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p), 'must be an absolute path')
  .refine((p) => !p.includes('\u0000'), 'contains NUL');

export const reviewChannels = {
  'session.current': { request: empty, response: sessionSchema },
  'session.selectProfile': { request: z.object({ profileId: z.string().min(1).max(100).nullable() }).strict(), response: sessionSchema },

  'profiles.list': { request: empty, response: z.array(profileSchema) },
  'profiles.create': { request: z.object({ name: profileNameSchema, role: roleSchema }).strict(), response: profileSchema },
  'profiles.update': {
    request: z.object({ id: z.string().min(1).max(100), name: profileNameSchema.optional(), role: roleSchema.optional() }).strict(),
    response: profileSchema,
  },
  'profiles.remove': { request: z.object({ id: z.string().min(1).max(100) }).strict(), response: ok },

  'tags.setForItem': {
    request: z.object({ itemId: id, tags: tagList }).strict(),
    response: z.object({ itemId: z.number().int(), pageId: z.number().int(), revision: z.number().int(), tags: z.array(z.string()) }),
  },
  'tags.addToItems': {
    request: z
      .object({ itemIds: z.array(id).min(1).max(10_000), add: tagList.default([]), remove: tagList.default([]) })
      .strict()
      .refine((r) => r.add.length + r.remove.length > 0, 'nothing to add or remove'),
    response: z.object({
      /** Items whose tags changed. */
      changed: z.number().int().nonnegative(),
      pages: z.array(z.object({ pageId: z.number().int(), revision: z.number().int() })),
    }),
  },
  'tags.suggest': {
    request: z.object({ itemId: id }).strict(),
    response: z.object({
      itemId: z.number().int(),
      keywords: z.array(z.string()),
      people: z.array(z.string()),
      places: z.array(z.string()),
      organisations: z.array(z.string()),
      /** Controlled terms whose label or an alias occurs in the item. */
      vocabulary: z.array(vocabularyTermSchema),
      /** The item's tags now (suggestions already accepted are not repeated above). */
      tags: z.array(z.string()),
    }),
  },
  'tags.list': {
    request: empty,
    response: z.array(z.object({ name: z.string(), count: z.number().int(), term: vocabularyTermSchema.nullable() })),
  },

  'vocabulary.list': { request: empty, response: z.array(vocabularyTermSchema) },
  'vocabulary.upsert': { request: z.object({ term: vocabularyTermSchema }).strict(), response: vocabularyTermSchema },
  'vocabulary.remove': {
    request: z.object({ type: vocabularyTermTypeSchema, path: vocabularyTermSchema.shape.path }).strict(),
    response: z.object({ removed: z.number().int() }),
  },
  'vocabulary.importCsv': {
    request: z.object({ csv: z.string().max(16 * 1024 * 1024), mode: z.enum(['merge', 'replace']).default('merge') }).strict(),
    response: z.object({
      added: z.number().int(),
      updated: z.number().int(),
      removed: z.number().int(),
      /** Rows refused, by CSV line (1 = header); the good rows were imported. */
      errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
    }),
  },
  'vocabulary.exportCsv': { request: empty, response: z.object({ csv: z.string(), fileName: z.string() }) },

  'issues.items': { request: z.object({ issueId: id }).strict(), response: z.array(issueItemSchema) },
  'issues.history': {
    request: z.object({ issueId: id }).strict(),
    response: z.object({ issue: issueSummarySchema, history: z.array(issueHistoryRowSchema) }),
  },
  'issues.approve': { request: z.object({ issueId: id }).strict(), response: z.object({ issue: issueSummarySchema }) },
  'issues.reopen': {
    request: z.object({ issueId: id, reason: z.string().max(2000) }).strict(),
    response: z.object({ issue: issueSummarySchema }),
  },
  'issues.export': {
    request: z
      .object({
        issueId: id,
        formats: z.array(exportFormatSchema).min(1).max(EXPORT_FORMATS.length).default([...EXPORT_FORMATS]),
        zip: z.boolean().default(false),
        outDir: absolutePath.optional(),
      })
      .strict(),
    response: z.object({
      folderPath: z.string(),
      zipPath: z.string().nullable(),
      manifest: exportManifestSchema,
      issue: issueSummarySchema,
    }),
  },
  'export.folder': { request: empty, response: z.object({ outDir: z.string(), canChoose: z.boolean() }) },
  'export.chooseFolder': { request: empty, response: z.object({ outDir: z.string().nullable() }) },

  'history.forPage': { request: z.object({ pageId: id }).strict(), response: z.object({ revisions: z.array(revisionViewSchema) }) },
  'history.forItem': { request: z.object({ itemId: id }).strict(), response: z.object({ revisions: z.array(revisionViewSchema) }) },
  'history.restore': {
    request: z.object({ revisionId: id }).strict(),
    response: z.object({ pageId: z.number().int(), revision: z.number().int() }),
  },

  search: {
    request: z
      .object({
        query: z.string().max(1000),
        filters: searchFiltersSchema.default({}),
        limit: z.number().int().min(1).max(1000).default(50),
        /** Paging: hits from this position of the full, ordered result. */
        offset: z.number().int().min(0).max(1_000_000).default(0),
      })
      .strict(),
    /** total: every match (counted up to 100,000; capped says the count stopped there). */
    response: z.object({ hits: z.array(searchHitSchema), total: z.number().int().nonnegative(), capped: z.boolean() }),
  },
  /** Bulk tagging of every match of a search (not just the page shown); `expected` is the count the user confirmed. */
  'tags.addToSearch': {
    request: z
      .object({
        query: z.string().max(1000),
        filters: searchFiltersSchema.default({}),
        expected: z.number().int().min(1).max(100_000),
        add: tagList.default([]),
        remove: tagList.default([]),
      })
      .strict()
      .refine((r) => r.add.length + r.remove.length > 0, 'nothing to add or remove'),
    response: z.object({
      changed: z.number().int().nonnegative(),
      matched: z.number().int().nonnegative(),
      pages: z.array(z.object({ pageId: z.number().int(), revision: z.number().int() })),
    }),
  },
} as const;

export type ReviewChannel = keyof typeof reviewChannels;
