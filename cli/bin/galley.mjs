#!/usr/bin/env node
// The `galley` command. Runs the compiled CLI in dist/node (scripts/build.mjs, run by `npm install`);
// when any source changed since that build, it is rebuilt first (about a second), so a stale
// build never runs and a fresh clone needs no build step of its own. Sources that do not compile
// run through tsx instead (see entryUrl).
import { entryUrl } from '../../scripts/build-state.mjs';

const { main } = await import(await entryUrl('galley'));
process.exitCode = await main(process.argv.slice(2));
