// Starts the archive worker from the TypeScript sources (tests, `tsx`): registers tsx inside this
// thread first. The compiled build (dist/node/archive-worker.js) needs none of this.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./archive-worker.ts', import.meta.url).href);
