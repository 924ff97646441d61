// Runs Doyensec's electronegativity scanner programmatically over one folder and prints its
// findings as JSON on stdout (one object: { checks, errors, issues }). Run as a child process by
// electronegativity.test.ts. The scanner fetches translations and Electron release data over the
// network; `got` is replaced here by a stub that fails at once, so no traffic leaves the machine
// (the scanner then uses its bundled English strings and its bundled release list).
'use strict';
const Module = require('node:module');
const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'got') {
    const refuse = () => Promise.reject(new Error('network disabled in tests'));
    return Object.assign(refuse, { get: refuse, default: refuse });
  }
  return originalLoad.call(this, request, parent, isMain);
};
const originalLog = console.log;
console.log = (...args) => process.stderr.write(args.join(' ') + '\n');

const input = process.argv[2];
if (!input) {
  process.stderr.write('usage: electronegativity-run.cjs FOLDER\n');
  process.exit(2);
}
const run = require('@doyensec/electronegativity');
(run.default ?? run)({ input, isRelative: true, electronVersionOverride: process.argv[3] }, false)
  .then((result) => {
    const issues = result.issues.map((i) => ({
      id: i.id,
      file: i.file,
      line: i.location?.line ?? null,
      column: i.location?.column ?? null,
      severity: i.severity?.name ?? String(i.severity?.value ?? ''),
      confidence: i.confidence?.name ?? String(i.confidence?.value ?? ''),
      manualReview: i.manualReview === true,
      description: i.description,
    }));
    originalLog(JSON.stringify({ checks: result.globalChecks + result.atomicChecks, errors: result.errors, issues }));
  })
  .catch((e) => {
    process.stderr.write(`electronegativity failed: ${e && e.stack ? e.stack : e}\n`);
    process.exit(1);
  });
