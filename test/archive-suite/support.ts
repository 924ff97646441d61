// The shared archive suite's fixtures: the suites are written against the AsyncArchive interface
// only, and each runner (sqlite.test.ts, postgres.test.ts) says how to open a fresh, empty archive.
import type { ImportPageInput } from '../../electron/archive/archive-api.ts';
import type { AsyncArchive } from '../../electron/archive/async-archive.ts';
import type { Segmenter } from '../../electron/archive/engine-segmenter.ts';
import { fakeSegment } from '../archive/fake-segmenter.ts';

export interface SuiteOpenOptions {
  /** The segmenter (the test one, fake-segmenter.ts, when absent). */
  segment?: Segmenter;
}

/** Opens a fresh, empty archive; the runner closes it after the test. */
export type OpenSuiteArchive = (options?: SuiteOpenOptions) => Promise<AsyncArchive>;

export const quiet = { warn: () => {} };
export const imp = { name: 'import' };
export const editor = { name: 'editor' };
export const supervisor = { name: 'boss', profileId: 'p-boss', role: 'supervisor' as const };

/** A page whose segmentation comes with it (the engine is not the point of these tests). */
export const page = (sourceName: string, text: string, extra: Partial<ImportPageInput> = {}): ImportPageInput => ({
  sourceName,
  text,
  encoding: 'UTF-8',
  segmentation: fakeSegment(text, {}),
  ...extra,
});

export { frontPage, innerPage } from '../archive/helpers.ts';

/** The PNG signature and a few bytes: the archive stores images as they come. */
export const PNG_BYTES = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
export const JPEG_BYTES = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
