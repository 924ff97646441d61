// Node loader: annotated pages (DIR/gold/*.json with their pages) as labelled pages for the model.
import { labelFromGold } from '../../core/engine/model/labels.ts';
import type { LabelledPage } from '../../core/engine/model/line-roles.ts';
import { loadCorpus, DEFAULT_RESOURCES_DIR } from './corpus.ts';
import { relaidId, relayoutAnnotated, type NamedLayout } from '../training/gold-relayout.ts';

/** The annotated pages as real OCR read them, a folder inside an annotated folder (galley build-corpus --annotated-ocr). */
export const ANNOTATED_OCR_DIR = 'annotated-ocr';

/** The source of an annotated page: its publication, from the id ("hengyang-daily-2021-10-29-p1" → "hengyang-daily"). */
export function sourceOfId(id: string): string {
  const m = /^(.*?)-\d{4}-\d{2}-\d{2}/.exec(id);
  return m ? m[1]! : id;
}

export function annotatedPages(dir: string = DEFAULT_RESOURCES_DIR): LabelledPage[] {
  return loadCorpus(dir).map((p) => labelFromGold(p.text, p.gold, sourceOfId(p.id), p.id));
}

/** Every annotated page laid out again in each of `layouts` (ids "<id>--<layout>"), labelled from its gold. */
export function annotatedPagesInLayouts(layouts: readonly NamedLayout[], dir: string = DEFAULT_RESOURCES_DIR): LabelledPage[] {
  return loadCorpus(dir).flatMap((p) =>
    layouts.map(({ name, layout }) => {
      const relaid = relayoutAnnotated(p.text, p.gold, layout);
      return labelFromGold(relaid.text, relaid.gold, sourceOfId(p.id), relaidId(p.id, name));
    }),
  );
}
