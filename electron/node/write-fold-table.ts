// Regenerates core/search/fold-table.ts from the opencc-js dictionaries:
//   npx tsx electron/node/write-fold-table.ts > core/search/fold-table.ts
// (test/archive/fold.test.ts fails when the committed table is out of date.)
import { foldTableSource } from '../../core/search/fold-chars.ts';

process.stdout.write(foldTableSource());
