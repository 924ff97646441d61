// Which permission each op needs (shared/roles.ts ACTIONS): the text and the segmentation are an
// editor's (page.save), an item's titles and credits may also be fixed by an archivist
// (item.editMetadata), tags are an archivist's (item.tag). A batch needs every action of its ops.
import type { EditOp } from '../../shared/edit-ops.ts';
import type { Action } from '../../shared/roles.ts';

export function actionForOp(op: EditOp): Action {
  switch (op.op) {
    case 'text':
    case 'split':
    case 'merge':
    case 'boundary':
    case 'kind':
    case 'paragraphs':
      return 'page.save';
    case 'tags':
      return 'item.tag';
    case 'field':
      // Flags are the engine's reading of the text: they change with it.
      return op.name === 'flags' ? 'page.save' : 'item.editMetadata';
  }
}

/** The actions a batch needs, each once, in the order first needed. */
export function actionsForOps(ops: readonly EditOp[]): Action[] {
  return [...new Set(ops.map(actionForOp))];
}
