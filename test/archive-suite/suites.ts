// Every suite of the shared archive suite; both runners register all of them.
import { editSuite } from './edit.suite.ts';
import { importSuite } from './import.suite.ts';
import { issuesSuite } from './issues.suite.ts';
import { librarySuite } from './library.suite.ts';
import { pagesSuite } from './pages.suite.ts';
import { pageWireSuite } from './page-wire.suite.ts';
import { reviewSuite } from './review.suite.ts';
import { searchSuite } from './search.suite.ts';
import { storiesExportSuite } from './stories-export.suite.ts';
import type { OpenSuiteArchive } from './support.ts';

export const SUITES: readonly ((open: OpenSuiteArchive) => void)[] = [importSuite, pagesSuite, editSuite, issuesSuite, librarySuite, storiesExportSuite, searchSuite, reviewSuite, pageWireSuite];
