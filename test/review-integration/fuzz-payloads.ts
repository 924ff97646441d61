// Good payloads for the review channels (shared/ipc-review.ts), for the IPC validation fuzz in
// test/fuzz/ipc.fuzz.test.ts.
import fc from 'fast-check';
import type { ReviewChannel } from '../../shared/ipc-review.ts';

const tag = fc.stringMatching(/^[a-z\u4e00-\u4e10][a-z0-9\u4e00-\u4e10 ]{0,10}$/);
const tags = fc.array(tag, { maxLength: 4 });
const itemId = fc.integer({ min: 1, max: 50 });
const segment = fc.stringMatching(/^[a-z\u4e00-\u4e10]{1,6}$/);
const term = fc.record({
  type: fc.constantFrom('subject', 'person', 'place', 'organisation'),
  path: fc.array(segment, { minLength: 1, maxLength: 3 }),
  label: segment,
  aliases: fc.array(segment, { maxLength: 2 }),
});
const role = fc.constantFrom('editor', 'archivist', 'supervisor');
const profileId = fc.stringMatching(/^[a-z0-9-]{1,20}$/);

export const reviewGoodPayloads: { [C in ReviewChannel]: fc.Arbitrary<unknown> } = {
  'session.current': fc.constant({}),
  'session.selectProfile': fc.record({ profileId: fc.option(profileId) }),
  'profiles.list': fc.constant({}),
  'profiles.create': fc.record({ name: segment, role }),
  'profiles.update': fc.record({ id: profileId, name: segment, role }, { requiredKeys: ['id'] }),
  'profiles.remove': fc.record({ id: profileId }),
  'tags.setForItem': fc.record({ itemId, tags }),
  'tags.addToItems': fc.record({ itemIds: fc.array(itemId, { minLength: 1, maxLength: 5 }), add: fc.array(tag, { minLength: 1, maxLength: 3 }), remove: tags }),
  'tags.suggest': fc.record({ itemId }),
  'tags.list': fc.constant({}),
  'vocabulary.list': fc.constant({}),
  'vocabulary.upsert': fc.record({ term }),
  'vocabulary.remove': fc.record({ type: fc.constantFrom('subject', 'person', 'place', 'organisation'), path: fc.array(segment, { minLength: 1, maxLength: 3 }) }),
  'vocabulary.importCsv': fc.record({ csv: fc.string({ maxLength: 200 }), mode: fc.constantFrom('merge', 'replace') }),
  'vocabulary.exportCsv': fc.constant({}),
  'issues.items': fc.record({ issueId: itemId }),
  'issues.history': fc.record({ issueId: itemId }),
  'issues.approve': fc.record({ issueId: itemId }),
  'issues.reopen': fc.record({ issueId: itemId, reason: fc.string({ maxLength: 40 }) }),
  'issues.export': fc.record(
    {
      issueId: itemId,
      formats: fc.uniqueArray(fc.constantFrom('json', 'nitf', 'newsml', 'csv', 'markdown', 'txt'), { minLength: 1, maxLength: 6 }),
      zip: fc.boolean(),
      outDir: fc.constantFrom('/nonexistent-galley-fuzz/out', 'C:\\galley-fuzz'),
    },
    { requiredKeys: ['issueId'] },
  ),
  'export.folder': fc.constant({}),
  'export.chooseFolder': fc.constant({}),
  'history.forPage': fc.record({ pageId: itemId }),
  'history.forItem': fc.record({ itemId }),
  'history.restore': fc.record({ revisionId: itemId }),
  search: fc.record(
    { query: fc.string({ maxLength: 20 }), filters: fc.record({ tag, kind: fc.constantFrom('article', 'brief') }, { requiredKeys: [] }), limit: fc.integer({ min: 1, max: 100 }), offset: fc.integer({ min: 0, max: 50 }) },
    { requiredKeys: ['query'] },
  ),
  'tags.addToSearch': fc.record({ query: fc.string({ maxLength: 20 }), expected: fc.integer({ min: 1, max: 20 }), add: fc.array(tag, { minLength: 1, maxLength: 2 }) }),
};
