// Types of build-state.mjs for the TypeScript code that asks whether the build is current.
export const ROOT: string;
export const NODE_OUT: string;
export const BUILD_STATE: string;
export const ENTRIES: Readonly<Record<string, string>>;
export function fingerprint(paths: string[]): Record<string, string>;
export function staleReason(): string | null;
export function entryUrl(name: string): Promise<string>;
