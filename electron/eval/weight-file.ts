// Node reader of a line-role weight file named on a command line (galley eval --model,
// galley learning-curve --base): the model, or an error that names the file and what is wrong.
import { existsSync, readFileSync } from 'node:fs';
import { loadModel, type LineRoleModel } from '../../core/engine/model/index.ts';

export class WeightFileError extends Error {
  override readonly name = 'WeightFileError';
}

/** The weights in `path` (galley.line-roles/1 or /2); throws WeightFileError when missing or not a weight file. */
export function readWeightFile(path: string): LineRoleModel {
  if (!existsSync(path)) throw new WeightFileError(`${path}: no such model file`);
  try {
    return loadModel(JSON.parse(readFileSync(path, 'utf8')));
  } catch (e) {
    throw new WeightFileError(`${path}: not a line-role weight file (${(e as Error).message})`);
  }
}
