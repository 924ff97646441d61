// json: the whole IssueExport as it is; issueExportSchema.parse reads it back unchanged.
import type { FormatWriter } from './types.ts';
import { utf8 } from './types.ts';

export const writeJson: FormatWriter = (issue) => [{ path: 'json/issue.json', bytes: utf8(JSON.stringify(issue, null, 2) + '\n') }];
