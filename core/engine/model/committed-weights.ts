// The committed weights (resources/model/), as the parsed JSON. This module is only the JSON
// import: the Node build (scripts/build.mjs) replaces it with one that reads the same file with
// readFileSync on first use, so a command that loads the engine but never runs the model (or runs
// it once) does not compile 2 MB of JavaScript literals: JSON.parse of the file costs a fraction of
// that. Vite (the renderer's engine worker) and the tests use this module as it is. Either way the
// result goes through loadModel, which checks the header and every array's checksum.
import weights from '../../../resources/model/line-roles-v1.json' with { type: 'json' };

export function committedWeights(): unknown {
  return weights;
}

/**
 * The same weights pre-unpacked (binary-file.ts), where the platform has them: the Node build
 * writes them beside its code and its copy of this module reads them. Here (Vite, the tests,
 * sources run through tsx) there is none, and the JSON is hashed on first use (a few ms).
 */
export function committedBinary(): Uint8Array | null {
  return null;
}
