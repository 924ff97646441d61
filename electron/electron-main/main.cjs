// Electron's entry (package.json "main"). Registers tsx so the TypeScript main process runs from
// source, then loads it. Start with `npm start` (which builds the renderer and the preload first).
'use strict';
const { register } = require('tsx/esm/api');
register();
import('./main.ts').catch((error) => {
  console.error(error);
  process.exit(1);
});
