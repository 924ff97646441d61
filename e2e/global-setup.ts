// Builds the renderer once before the end-to-end tests (skipped when the build is fresh).
import { ensureRendererBuilt } from '../electron/host/build-renderer.ts';

export default async function setup(): Promise<void> {
  await ensureRendererBuilt((line) => console.log(line));
}
