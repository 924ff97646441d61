// Types of build.mjs.
export function buildNode(): Promise<{ files: number; inputs: number; ms: number }>;
export function buildErrorText(error: unknown): string;
