// The review channels of the handler table (shared/ipc-review.ts): profiles, session, tags,
// vocabulary, approval, export, history, search. Every data-changing handler resolves the acting
// profile (session.acting()) and checks its permission (assertAllowed, assertIssueEditable)
// before it touches the archive; the archive then keeps the issue lock as a second fence.
import { resolve } from 'node:path';
import type { ReviewChannel } from '../../shared/ipc-review.ts';
import { assertAllowed } from '../../shared/roles.ts';
import { assertIssueEditable } from '../../core/review/index.ts';
import { itemHistory, pageHistory } from '../../core/review/history-view.ts';
import { checkOutDir, defaultExportDir, exportArchivedIssue } from '../export/archive-export.ts';
import { HostError, type Handler, type HostContext } from './handlers.ts';
import type { ReviewSession } from './review-session.ts';

export type ReviewHandlerTable = { [C in ReviewChannel]: Handler<C> };

const CONTENT_ACTIONS = new Set(['import', 'reimport', 'save', 'restore', 'tag']);

export function createReviewHandlers(ctx: HostContext, session: ReviewSession): ReviewHandlerTable {
  const { archive } = ctx;
  const changed = () => ctx.emit('library.changed', {});
  /** The acting profile, refused unless it may do `action`. */
  const may = (action: Parameters<typeof assertAllowed>[1]) => {
    const who = session.acting();
    assertAllowed(who.profile, action);
    return who;
  };
  const editable = (issueId: number) => assertIssueEditable(archive.getIssue(issueId).state);
  /**
   * Where an export may be written: the configured export folder, or (Electron) a folder the main
   * process's own dialog returned. The renderer cannot name any other folder, and the answer is the
   * same whether or not the folder it named exists.
   */
  const exportFolder = (outDir: string | undefined): string => {
    const base = defaultExportDir(archive);
    if (outDir === undefined || resolve(outDir) === resolve(base)) return base;
    if (ctx.files?.folderAllowed(outDir)) return resolve(outDir);
    throw new HostError('bad-request', `Exports go to the export folder ${base}${ctx.showFolderDialog ? ' or a folder chosen with Choose…' : ''}; other folders are not accepted.`);
  };

  return {
    'session.current': () => session.describe(),
    'session.selectProfile': ({ profileId }) => {
      session.select(profileId);
      return session.describe();
    },

    'profiles.list': () => archive.listProfiles(),
    'profiles.create': ({ name, role }) => {
      const first = session.bootstrap();
      // Anyone may create the first profile (it becomes a supervisor); afterwards supervisors only.
      const actor = first ? { name } : may('profile.manage').actor;
      const profile = archive.createProfile({ name, role }, actor);
      if (first) session.select(profile.id);
      return profile;
    },
    'profiles.update': ({ id, name, role }) => {
      const { actor } = may('profile.manage');
      return archive.updateProfile(id, { ...(name !== undefined ? { name } : {}), ...(role !== undefined ? { role } : {}) }, actor);
    },
    'profiles.remove': ({ id }) => {
      const { actor } = may('profile.manage');
      archive.removeProfile(id, actor);
      return { ok: true as const };
    },

    'tags.setForItem': ({ itemId, tags }) => {
      const { actor } = may('item.tag');
      editable(archive.getItem(itemId).issueId);
      const result = archive.setItemTags(itemId, tags, actor);
      changed();
      return { itemId, ...result };
    },
    'tags.addToItems': ({ itemIds, add, remove }) => {
      const { actor } = may('item.tag');
      for (const id of new Set(itemIds)) editable(archive.getItem(id).issueId);
      const result = archive.changeItemTags(itemIds, add, remove, actor);
      changed();
      return result;
    },
    'tags.suggest': async ({ itemId }) => {
      const { item } = archive.getItem(itemId);
      // jieba (a native addon) loads only when suggestions are first asked for.
      const { suggestTags, matchVocabulary } = await import('../tagging/index.ts');
      const s = suggestTags(item);
      const have = new Set(item.tags);
      const fresh = (words: string[]) => words.filter((w) => !have.has(w));
      const text = [item.kicker, item.headline, item.subheadline, ...item.paragraphs].filter(Boolean).join('\n');
      return {
        itemId,
        keywords: fresh(s.keywords),
        people: fresh(s.people),
        places: fresh(s.places),
        organisations: fresh(s.organisations),
        vocabulary: matchVocabulary(archive.listVocabulary(), text).filter((t) => !have.has(t.label)),
        tags: item.tags,
      };
    },
    'tags.list': () => {
      const vocab = archive.listVocabulary();
      return archive.listTags().map((t) => ({ ...t, term: vocab.find((v) => v.label === t.name) ?? null }));
    },

    'vocabulary.list': () => archive.listVocabulary(),
    'vocabulary.upsert': ({ term }) => archive.upsertVocabulary(term, may('vocabulary.edit').actor),
    'vocabulary.remove': ({ type, path }) => ({ removed: archive.removeVocabulary(type, path, may('vocabulary.edit').actor) }),
    'vocabulary.importCsv': async ({ csv, mode }) => {
      const { actor } = may('vocabulary.edit');
      const { parseVocabularyCsv } = await import('../../core/tagging/vocabulary.ts');
      const parsed = parseVocabularyCsv(csv);
      // Replacing with a file that has bad rows would drop terms those rows meant to keep.
      if (mode === 'replace' && parsed.errors.length) return { added: 0, updated: 0, removed: 0, errors: parsed.errors };
      return { ...archive.importVocabulary(parsed.entries, mode, actor), errors: parsed.errors };
    },
    'vocabulary.exportCsv': async () => {
      const { serialiseVocabularyCsv } = await import('../../core/tagging/vocabulary.ts');
      return { csv: serialiseVocabularyCsv(archive.listVocabulary()), fileName: 'galley-vocabulary.csv' };
    },

    'issues.items': ({ issueId }) => archive.listIssueItems(issueId),
    'issues.history': ({ issueId }) => ({ issue: archive.getIssue(issueId), history: archive.listIssueHistory(issueId) }),
    'issues.approve': ({ issueId }) => {
      const { actor } = may('issue.approve');
      const issue = archive.issueEvent(issueId, { type: 'approve' }, actor);
      changed();
      return { issue };
    },
    'issues.reopen': ({ issueId, reason }) => {
      const { actor } = may('issue.reopen');
      const issue = archive.issueEvent(issueId, { type: 'reopen', reason }, actor);
      changed();
      return { issue };
    },
    'issues.export': ({ issueId, formats, zip, outDir }) => {
      const { profile } = may('issue.export');
      const result = exportArchivedIssue(archive, issueId, profile, { formats, zip, outDir: exportFolder(outDir) });
      changed();
      return { folderPath: result.folderPath, zipPath: result.zipPath, manifest: result.manifest, issue: result.issue };
    },
    'export.folder': () => ({ outDir: defaultExportDir(archive), canChoose: ctx.showFolderDialog !== undefined }),
    'export.chooseFolder': async () => {
      if (!ctx.showFolderDialog) throw new HostError('unavailable', 'no native folder dialog in this host; the export goes to the default folder');
      const chosen = await ctx.showFolderDialog(defaultExportDir(archive));
      if (chosen === null) return { outDir: null };
      const dir = checkOutDir(chosen);
      ctx.files?.allowFolder(dir); // issues.export accepts it from now on
      return { outDir: dir };
    },

    'history.forPage': ({ pageId }) => {
      const page = archive.getPage(pageId);
      return { revisions: pageHistory(archive.listRevisionDetails(pageId), page.revision) };
    },
    'history.forItem': ({ itemId }) => {
      const ref = archive.getItem(itemId);
      return { revisions: itemHistory(archive.listRevisionDetails(ref.pageId), itemId, archive.getPage(ref.pageId).revision) };
    },
    'history.restore': ({ revisionId }) => {
      const { actor } = may('revision.restore');
      const rev = archive.getRevision(revisionId);
      if (rev.entity !== 'page' || !CONTENT_ACTIONS.has(rev.action) || rev.pageRevision === null) {
        throw new HostError('bad-request', `revision ${revisionId} is not a version of a page that can be restored`);
      }
      editable(archive.getPage(rev.entityId).issueId);
      const result = archive.restoreRevision(rev.entityId, rev.pageRevision, actor);
      changed();
      return { pageId: rev.entityId, revision: result.revision };
    },

    search: ({ query, filters, limit, offset }) => archive.searchPage(query, filters, offset, limit),
    'tags.addToSearch': ({ query, filters, expected, add, remove }) => {
      const { actor } = may('item.tag');
      const ids = archive.searchAllIds(query, filters);
      // The user confirmed a count: if the matches changed since, say so instead of tagging a different set.
      if (ids.length !== expected) {
        throw new HostError('conflict', `The search now matches ${ids.length} items, not ${expected}; search again and confirm.`);
      }
      for (const issueId of new Set(ids.map((id) => archive.getItem(id).issueId))) editable(issueId);
      const result = archive.changeItemTags(ids, add, remove, actor);
      changed();
      return { ...result, matched: ids.length };
    },
  };
}
