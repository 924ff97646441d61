#!/usr/bin/env node
// Runs the TypeScript CLI straight from source through tsx, so a fresh clone needs no build step.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
const entry = new URL('../../electron/cli/main.ts', import.meta.url);
const { main } = await import(fileURLToPath(entry));
process.exitCode = await main(process.argv.slice(2));
