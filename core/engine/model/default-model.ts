// The committed weights (resources/model/), read once on first use. Imported as JSON
// (committed-weights.ts), so the engine stays platform-free: the main process, the browser host and
// a renderer worker load it alike; the Node build reads the file at run time instead, and wraps
// the pre-unpacked binary it made from it (binary-file.ts) when that is there.
import { committedBinary, committedWeights } from './committed-weights.ts';
import { loadBinaryModel } from './binary-file.ts';
import { loadModel } from './model-file.ts';
import type { LineRoleModel } from './weights.ts';

/** File name of the committed weights, relative to resources/model/. */
export const DEFAULT_MODEL_FILE = 'line-roles-v1.json';

let cached: LineRoleModel | null = null;

export function defaultModel(): LineRoleModel {
  cached ??= load();
  return cached;
}

function load(): LineRoleModel {
  const binary = committedBinary();
  if (binary) {
    try {
      // The rows by name (training on top, profiles) come from the JSON file, read only then.
      return loadBinaryModel(binary, () => loadModel(committedWeights()).rows);
    } catch {
      // A damaged or foreign binary is only a cache of the JSON file: the file itself is checked below.
    }
  }
  return loadModel(committedWeights());
}
