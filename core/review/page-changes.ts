// What a page save actually changes, as permission actions. The archive's savePage takes the
// whole page (text + items), so the same call carries an editor's re-segmentation, an
// archivist's tags or a metadata fix; the permission check must look at the difference.
import { z } from 'zod';
import { storedItemSchema, type IssueState, type StoredItem } from '../../shared/domain.ts';
import { assertAllowed, profileSchema, type Action, type Profile } from '../../shared/roles.ts';
import { assertIssueEditable } from './issue-state.ts';

export const pageContentSchema = z.object({ text: z.string(), items: z.array(storedItemSchema) });
export type PageContent = z.input<typeof pageContentSchema>;

/** Item fields that describe an item without changing where it is or what it says. */
const METADATA_FIELDS = ['kicker', 'headline', 'subheadline', 'series', 'byline', 'contributors', 'continuedOn', 'continuedFrom'] as const;
/** Fields that are the page's segmentation or text. */
const STRUCTURE_FIELDS = ['kind', 'start', 'end', 'paragraphs'] as const;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const tagKey = (tags: readonly string[]): string => JSON.stringify([...new Set(tags)].sort());

/** The actions a save from `before` to `after` needs, in ACTIONS order, without duplicates. */
export function actionsForPageSave(before: PageContent, after: PageContent): Action[] {
  const b = pageContentSchema.parse(before);
  const a = pageContentSchema.parse(after);
  const needed = new Set<Action>();
  const structureChanged =
    b.text !== a.text ||
    b.items.length !== a.items.length ||
    b.items.some((item, i) => STRUCTURE_FIELDS.some((f) => !same(item[f], a.items[i]![f])));
  if (structureChanged) needed.add('page.save');
  // With the same item list, compare item by item; after a re-segmentation the editor's
  // page.save already covers metadata that moved with the items.
  if (!structureChanged && b.items.some((item, i) => METADATA_FIELDS.some((f) => !same(item[f], a.items[i]![f])))) {
    needed.add('item.editMetadata');
  }
  if (tagsChanged(b.items, a.items)) needed.add('item.tag');
  return [...needed];
}

/** Tags are compared by item id where items have one (they survive re-segmentation), else by position. */
function tagsChanged(before: StoredItem[], after: StoredItem[]): boolean {
  const byId = (items: StoredItem[]) => new Map(items.filter((i) => i.id !== undefined).map((i) => [i.id, tagKey(i.tags)]));
  const bIds = byId(before);
  const aIds = byId(after);
  for (const [id, tags] of aIds) if (bIds.has(id) ? bIds.get(id) !== tags : tags !== '[]') return true;
  for (const [id, tags] of bIds) if (!aIds.has(id) && tags !== '[]') return true;
  // Items without ids (new since the last save): only tags actually present count.
  const unnamed = (items: StoredItem[]) =>
    items.filter((i) => i.id === undefined && i.tags.length > 0).map((i) => tagKey(i.tags));
  return !same(unnamed(before), unnamed(after));
}

/** Throws unless `profile` may make this save on an issue in `issueState`. */
export function assertPageSaveAllowed(profile: Profile, issueState: IssueState, before: PageContent, after: PageContent): Action[] {
  const p = profileSchema.parse(profile);
  const actions = actionsForPageSave(before, after);
  if (actions.length) assertIssueEditable(issueState);
  for (const action of actions) assertAllowed(p, action);
  return actions;
}
