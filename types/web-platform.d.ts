// The few Web-platform globals that core/ and shared/ may use because every host has them:
// browsers, Web Workers, Node ≥ 20 and Electron. Declared minimally here so that tsconfig.core.json
// can leave out both the DOM and Node libraries; the renderer and Node configs use the full ones.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
/** A file handed over by the platform (a drop, an input); only its identity travels in the contract. */
declare class File {
  readonly name: string;
  readonly size: number;
  readonly type: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}
