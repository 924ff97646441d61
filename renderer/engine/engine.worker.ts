// Entry of the engine worker (a module worker: vite bundles it and core/engine, with the model's
// weights, as a chunk of its own, fetched only when the first page opens).
import { handleEngineRequest } from './handler.ts';

interface WorkerScope {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: unknown): void;
}

const scope = self as unknown as WorkerScope;
scope.onmessage = (event) => scope.postMessage(handleEngineRequest(event.data));
