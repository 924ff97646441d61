// Regenerates core/engine/rules/zh-fold-table.ts from the opencc-js dictionaries:
//   npx tsx electron/node/write-engine-fold-table.ts > core/engine/rules/zh-fold-table.ts
// (test/engine/zh-fold.test.ts fails when the committed table is out of date.)
import { charFoldTableSource } from '../../core/search/fold-chars.ts';

process.stdout.write(charFoldTableSource());
