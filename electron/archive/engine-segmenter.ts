// The archive's default segmenter: the engine. Kept in its own module so that tests and bulk
// loads can pass a segmenter of their own.
import type { Segmentation } from '../../shared/segmentation.ts';
import { segmentPage } from '../engine/index.ts';

export type Segmenter = (text: string, options?: { pageNumber?: number; blockBoundaries?: number[] }) => Segmentation;

export const engineSegmenter: Segmenter = (text, options) => segmentPage(text, options);
