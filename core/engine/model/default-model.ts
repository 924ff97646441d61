// The committed weights (resources/model/), read once on first use. Imported as JSON
// (committed-weights.ts), so the engine stays platform-free: the main process, the browser host and
// a renderer worker load it alike; the Node build reads the file at run time instead.
import { committedWeights } from './committed-weights.ts';
import { loadModel } from './model-file.ts';
import type { LineRoleModel } from './weights.ts';

/** File name of the committed weights, relative to resources/model/. */
export const DEFAULT_MODEL_FILE = 'line-roles-v1.json';

let cached: LineRoleModel | null = null;

export function defaultModel(): LineRoleModel {
  cached ??= loadModel(committedWeights());
  return cached;
}
