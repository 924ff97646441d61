// `npm start`: runs the compiled host (dist/node/start.js, from electron/start.ts), rebuilding it
// first when any source changed since the last build.
import { entryUrl } from './build-state.mjs';

await import(await entryUrl('start'));
