// The one jieba instance. @node-rs/jieba is a napi addon with its dictionary and IDF table shipped
// in the package (dict.txt, idf.txt read from node_modules), so it works offline; it must run in
// Node (Electron main or the host), never in the renderer. Loading the dictionary takes ~0.3 s,
// so it happens once, on first use.
import { Jieba, TfIdf, type TaggedWord } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict';

let instance: { jieba: Jieba; tfidf: TfIdf } | null = null;

function load(): { jieba: Jieba; tfidf: TfIdf } {
  instance ??= { jieba: Jieba.withDict(dict), tfidf: TfIdf.withDict(idf) };
  return instance;
}

/** Words with their part-of-speech tags (ICTCLAS set: nr person, ns place, nt organisation…). */
export function tagWords(text: string): TaggedWord[] {
  return load().jieba.tag(text, true);
}

/** TF-IDF keywords, best first, restricted to the given parts of speech. */
export function extractKeywords(text: string, topK: number, allowedPos: string[]): { keyword: string; weight: number }[] {
  const { jieba, tfidf } = load();
  return tfidf.extractKeywords(jieba, text, topK, allowedPos);
}
