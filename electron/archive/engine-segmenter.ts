// The archive's default segmenter: the engine. Kept in its own module so that tests and bulk
// loads can pass a segmenter of their own.
import type { Segmentation } from '../../shared/segmentation.ts';
import { segmentPage } from '../../core/engine/index.ts';
import type { Profile } from '../../core/engine/model/profile.ts';

/** profile: a publication's learned profile (galley.profile/1) to adapt the model with. */
export type Segmenter = (text: string, options?: { pageNumber?: number; blockBoundaries?: number[]; profile?: Profile | null }) => Segmentation;

export const engineSegmenter: Segmenter = (text, options) => segmentPage(text, options);
