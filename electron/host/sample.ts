// First run: the bundled sample issue (resources/sample-issue/, several pages with the kind of OCR
// faults the engine gets wrong). Opening it imports the folder once; after that the same pages
// are found again (by their archive source names), so repeated clicks never duplicate the issue.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../shared/app-error.ts';
import type { AsyncArchive } from '../archive/async-archive.ts';
import type { ImporterAdapter, ImportRunOptions } from './backend.ts';

export const SAMPLE_DIR = fileURLToPath(new URL('../../resources/sample-issue/', import.meta.url));

/** Marks the sample's publication title (in its masthead). */
export const SAMPLE_TITLE = '示例日报';

async function findSamplePage(archive: AsyncArchive): Promise<number | null> {
  const pub = (await archive.listPublications()).find((p) => p.title === SAMPLE_TITLE);
  if (!pub) return null;
  const issue = (await archive.listIssues(pub.id))[0];
  if (!issue) return null;
  return (await archive.listPages(issue.id))[0]?.id ?? null;
}

export async function openSample(
  archive: AsyncArchive,
  importer: ImporterAdapter,
  options: ImportRunOptions,
  dir = SAMPLE_DIR,
): Promise<{ pageId: number; imported: boolean }> {
  const found = await findSamplePage(archive);
  if (found !== null) return { pageId: found, imported: false };
  if (!existsSync(dir)) throw new AppError('internal', 'sample-missing', 'the sample issue is missing from this installation');
  const report = await importer.importPaths([dir], archive, options);
  const failed = report.outcomes.find((o) => o.status === 'failed');
  if (failed) throw new AppError('internal', 'sample-failed', `the sample issue could not be imported: ${failed.error ?? failed.source}`, { detail: failed.error ?? failed.source });
  const pageId = await findSamplePage(archive);
  if (pageId === null) throw new AppError('internal', 'sample-failed', 'the sample issue could not be imported', { detail: null });
  return { pageId, imported: true };
}
