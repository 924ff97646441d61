// iconv-lite and chardet, loaded on first use. Most pages are UTF-8, which the platform's
// TextDecoder reads; the two libraries (and iconv-lite's code tables) are needed only for UTF-16,
// GB18030 and Big5, and compiling them cost every `galley segment` of a UTF-8 page ~30 ms of its
// start-up. Loaded with Node's require, so the build leaves them in node_modules, out of its chunks.
import { createRequire } from 'node:module';
import type Iconv from 'iconv-lite';
import type * as Chardet from 'chardet';

const load = createRequire(import.meta.url);

let iconvLib: typeof Iconv | undefined;
let chardetLib: typeof Chardet | undefined;

export function iconv(): typeof Iconv {
  return (iconvLib ??= load('iconv-lite') as typeof Iconv);
}

export function chardet(): typeof Chardet {
  return (chardetLib ??= load('chardet') as typeof Chardet);
}
