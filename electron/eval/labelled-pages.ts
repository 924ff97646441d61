// Node loader: annotated pages (DIR/gold/*.json with their pages) as labelled pages for the model.
import { labelFromGold } from '../../core/engine/model/labels.ts';
import type { LabelledPage } from '../../core/engine/model/line-roles.ts';
import { loadCorpus, DEFAULT_RESOURCES_DIR } from './corpus.ts';

/** The source of an annotated page: its publication, from the id ("hengyang-daily-2021-10-29-p1" → "hengyang-daily"). */
export function sourceOfId(id: string): string {
  const m = /^(.*?)-\d{4}-\d{2}-\d{2}/.exec(id);
  return m ? m[1]! : id;
}

export function annotatedPages(dir: string = DEFAULT_RESOURCES_DIR): LabelledPage[] {
  return loadCorpus(dir).map((p) => labelFromGold(p.text, p.gold, sourceOfId(p.id), p.id));
}
