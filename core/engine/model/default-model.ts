// The committed weights (resources/model/), read once on first use. Bundled as JSON, so the engine
// stays platform-free: the main process, the browser host and a renderer worker load it alike.
import weights from '../../../resources/model/line-roles-v1.json' with { type: 'json' };
import { loadModel } from './model-file.ts';
import type { LineRoleModel } from './weights.ts';

/** File name of the committed weights, relative to resources/model/. */
export const DEFAULT_MODEL_FILE = 'line-roles-v1.json';

let cached: LineRoleModel | null = null;

export function defaultModel(): LineRoleModel {
  cached ??= loadModel(weights);
  return cached;
}
