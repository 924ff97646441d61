// The import matrix (VS Code style: lower layers never import upper ones). Checked by
// `npm run lint:layers` and by test/host/layers.test.ts inside `npm test`; the same test proves that
// every forbidden arrow below is caught, on a throwaway tree.
//
//   shared/    the typed contract            → shared only
//   core/      platform-free engine, review, → core, shared; no Node built-ins, no native or UI packages
//              import parsing, export writers, search folding
//   renderer/  the browser (React)           → renderer, core, shared; no Node, never electron/
//   electron/  Node and the Electron main process, itself layered:
//     node, archive                          (lowest: never import the folders above them)
//     importer, export, tagging, eval, training
//     host                                   (the HTTP and IPC entry points)
//     electron-main, cli, start.ts           (top)
const NODE_ONLY_PACKAGES = '(electron|better-sqlite3|@node-rs|pg|pg-[a-z]+|iconv-lite|jschardet|playwright-core|tsx|vite|esbuild)';
const UI_PACKAGES = '(react|react-dom|react-i18next|monaco-editor|@monaco-editor|zustand|@tanstack)';

/** A rule forbidding imports from the folder `from` into any of the folders `to`. */
const forbid = (name, comment, from, to) => ({ name, comment, severity: 'error', from: { path: from }, to: { path: to } });
/** A rule forbidding Node built-ins (node:fs, path, …) in the folder `from`. */
const forbidNodeBuiltins = (name, comment, from) => ({ name, comment, severity: 'error', from: { path: from }, to: { dependencyTypes: ['core'] } });

module.exports = {
  forbidden: [
    forbid('shared-is-the-bottom', 'shared/ is the contract: it imports nothing of the project but itself.', '^shared/', '^(core|renderer|electron)/'),
    forbidNodeBuiltins('shared-has-no-platform', 'shared/ runs in every host: no Node built-ins, no native or UI packages.', '^shared/'),
    forbid('shared-no-packages-but-zod', 'shared/ may use zod and nothing else from npm.', '^shared/', `node_modules/(?!zod/)`),
    forbid('core-below-hosts', 'core/ is platform-free: it never imports a host or the UI.', '^core/', '^(renderer|electron)/'),
    forbidNodeBuiltins('core-has-no-node', 'core/ runs in a Web Worker and in Node alike: no Node built-ins.', '^core/'),
    forbid('core-no-platform-packages', 'core/ uses no native, Node-only or UI package.', '^core/', `node_modules/${NODE_ONLY_PACKAGES}/`),
    forbid('core-no-ui-packages', 'core/ uses no UI package.', '^core/', `node_modules/${UI_PACKAGES}/`),
    forbid('renderer-not-electron', 'The renderer reaches the main process only through the IPC/HTTP contract.', '^renderer/', '^electron/'),
    forbidNodeBuiltins('renderer-has-no-node', 'The renderer is a browser page: no Node built-ins.', '^renderer/'),
    // vite is allowed for its client types (renderer/vite-env.d.ts).
    forbid('renderer-no-node-packages', 'The renderer uses no Node-only package.', '^renderer/', `node_modules/${NODE_ONLY_PACKAGES.replace('|vite', '')}/`),
    forbid('electron-not-renderer', 'The main process never imports the UI.', '^electron/', '^renderer/'),
    forbid('electron-no-ui-packages', 'The main process uses no UI package.', '^electron/', `node_modules/${UI_PACKAGES}/`),
    forbid('node-helpers-are-lowest', 'electron/node/ holds Node helpers used by everything above.', '^electron/node/', '^electron/(?!node/)'),
    forbid('archive-below-its-users', 'The archive never imports the importer, export, hosts or tools.', '^electron/archive/', '^electron/(importer|export|tagging|eval|training|host|electron-main|cli|start)'),
    forbid('services-below-hosts', 'Import, export, tagging, evaluation, training and accounts never import a host.', '^electron/(importer|export|tagging|eval|training|accounts)/', '^electron/(host|electron-main|cli|start)'),
    {
      name: 'host-no-circular',
      comment: 'The service layer is a tree: the table imports the domain handlers, they import the service context and session, never each other or the table.',
      severity: 'error',
      from: { path: '^electron/host/' },
      to: { path: '^electron/host/', circular: true },
    },
    forbid('host-below-entry-points', 'The host layer never imports the Electron main process, the CLI or the launcher.', '^electron/host/', '^electron/(electron-main|cli|start)'),
    forbid('electron-main-not-cli', 'The Electron main process never imports the CLI.', '^electron/electron-main/', '^electron/(cli|start)'),
    forbid('cli-not-electron-main', 'The CLI never imports the Electron main process.', '^electron/cli/', '^electron/electron-main/'),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.test\\.ts$|^dist/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
