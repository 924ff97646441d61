// Electron's entry (package.json "main"). Loads the compiled main process (dist/node, built from
// electron/electron-main/main.ts by scripts/build.mjs, rebuilt first when a source changed).
// Start with `npm start` (which builds the renderer and the preload first).
'use strict';
const { pathToFileURL } = require('node:url');
const { join } = require('node:path');

import(pathToFileURL(join(__dirname, '..', '..', 'scripts', 'build-state.mjs')).href)
  .then(({ entryUrl }) => entryUrl('electron-main'))
  .then((entry) => import(entry))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
