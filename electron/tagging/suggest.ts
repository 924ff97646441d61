// Tag suggestions for one item: TF-IDF keywords plus people, places and organisations from
// jieba's part-of-speech tags (nr, ns, nt), corrected by the name patterns in person-names.ts.
// Suggestions only: an archivist accepts or rejects each one, so recall matters more than
// precision, but obvious noise (reporters, numbers, generic words) is kept out.
import { z } from 'zod';
import { contributorSchema } from '../../shared/segmentation.ts';
import { extractKeywords, tagWords } from './jieba.ts';
import { findPersonNames, nameAt } from '../../core/tagging/person-names.ts';
import type { TaggedWord } from '@node-rs/jieba';

export const tagInputSchema = z.object({
  kicker: z.string().nullable().default(null),
  headline: z.string().nullable().default(null),
  subheadline: z.string().nullable().default(null),
  paragraphs: z.array(z.string()).default([]),
  contributors: z.array(contributorSchema).default([]),
  byline: z.string().nullable().default(null),
});
export type TagInput = z.input<typeof tagInputSchema>;

export interface TagSuggestions {
  keywords: string[];
  people: string[];
  places: string[];
  organisations: string[];
}

export const suggestOptionsSchema = z.object({
  maxKeywords: z.number().int().positive().default(10),
  maxPerList: z.number().int().positive().default(12),
});
export type SuggestOptions = z.input<typeof suggestOptionsSchema>;

/** jieba tags words like 城市 and 园区 as places; they are not proper names. */
const GENERIC_PLACES = new Set(['城市', '城乡', '农村', '乡村', '社区', '园区', '地方', '国家', '全国', '全省', '全市', '中央', '基层', '城区', '郊区', '市区', '省会', '新建']);
/** Dictionary "places" that are abstract nouns (满意度, 多维度, 稳定性). */
const NOT_PLACE_ENDING = /[度性化率感]$/;

function writtenAsName(text: string, word: string): boolean {
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) if (nameAt(text, i) === word) return true;
  return false;
}

/** Organisation name endings, for names jieba cuts into pieces (联东 + 集团). */
const ORG_SUFFIX = /(集团|公司|大学|学院|医院|银行|委员会|管委会|协会|促进会|研究院|研究所|中学|小学|政府|法院|检察院|合作社|基金会|联合会|商会|日报社|电视台|出版社)$/;
/** Parts of speech that may begin or continue an organisation name. */
const ORG_PART = new Set(['ns', 'nz', 'nt', 'nr', 'j', 'n', 'vn', 'eng', 'x', 'nrt', 'nrfg']);
const PROPER = new Set(['ns', 'nz', 'nt', 'nr', 'j', 'eng', 'nrt', 'nrfg']);
const KEYWORD_POS = ['n', 'nr', 'nrfg', 'nrt', 'ns', 'nt', 'nz', 'vn', 'v', 'j', 'l', 'eng'];

const count = (text: string, word: string): number => (word ? text.split(word).length - 1 : 0);

class Tally {
  private readonly counts = new Map<string, { n: number; first: number }>();
  private order = 0;
  add(word: string, n = 1): void {
    const c = this.counts.get(word);
    if (c) c.n += n;
    else this.counts.set(word, { n, first: this.order++ });
  }
  delete(word: string): void {
    this.counts.delete(word);
  }
  has(word: string): boolean {
    return this.counts.has(word);
  }
  keys(): string[] {
    return [...this.counts.keys()];
  }
  /** Most frequent first; ties in order of first appearance. */
  ranked(limit: number): string[] {
    return [...this.counts.entries()]
      .sort((a, b) => b[1].n - a[1].n || a[1].first - b[1].first)
      .slice(0, limit)
      .map(([w]) => w);
  }
}

/** Organisations: jieba's nt words, and runs of name parts that end in an organisation word. */
function organisations(words: TaggedWord[], out: Tally): void {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.tag === 'nt' && [...w.word].length >= 2) out.add(w.word);
    if (!ORG_SUFFIX.test(w.word)) continue;
    // Walk back over at most four name parts; the run needs a proper noun to be a name.
    let start = i;
    while (start > 0 && i - start < 4 && ORG_PART.has(words[start - 1]!.tag) && !/[\s，。、,.]/.test(words[start - 1]!.word)) start--;
    // The name starts at its first proper noun: 改扩建中小学 is an action, 南华大学 a name.
    while (start < i && !PROPER.has(words[start]!.tag)) start++;
    if (start < i) out.add(words.slice(start, i + 1).map((x) => x.word).join(''));
  }
}

/** Drops a shorter word whose every occurrence lies inside a longer one (秦国 inside 秦国文). */
function onlyInside(text: string, word: string, longer: Iterable<string>): boolean {
  let inside = 0;
  for (const l of longer) if (l !== word && l.includes(word)) inside += count(text, l) * count(l, word);
  return inside > 0 && inside >= count(text, word);
}

export function suggestTags(item: TagInput, options: SuggestOptions = {}): TagSuggestions {
  const it = tagInputSchema.parse(item);
  const opts = suggestOptionsSchema.parse(options);
  const text = [it.kicker, it.headline, it.subheadline, ...it.paragraphs].filter((s): s is string => !!s).join('\n');
  if (!text.trim()) return { keywords: [], people: [], places: [], organisations: [] };

  // A reporter's name is who wrote the story, not what it is about.
  const contributors = new Set(it.contributors.map((c) => c.name));
  const words = tagWords(text);

  const people = new Tally();
  for (const [name, n] of findPersonNames(text)) people.add(name, n);
  for (const w of words) {
    // jieba's dictionary tags many common words nr (蓝图, 高新区, 阳奉阴违); keep only words that
    // are written like a name somewhere in the text: surname first, then a boundary or a verb.
    if ((w.tag === 'nr' || w.tag === 'nrfg' || w.tag === 'nrt') && writtenAsName(text, w.word)) people.add(w.word);
  }
  for (const c of contributors) people.delete(c);
  // A name the patterns found wins over the dictionary's shorter cut (秦国文 over 秦国).
  for (const p of people.keys()) if (onlyInside(text, p, people.keys())) people.delete(p);

  const places = new Tally();
  for (const w of words) {
    if (w.tag !== 'ns' || [...w.word].length < 2 || GENERIC_PLACES.has(w.word) || NOT_PLACE_ENDING.test(w.word)) continue;
    // 苏州市 and 苏州 are one place; the short form is the one people search for.
    const stem = /^(.{2,})[市省]$/u.exec(w.word)?.[1];
    places.add(stem ?? w.word);
  }

  const orgs = new Tally();
  organisations(words, orgs);

  const entities = [...people.keys(), ...places.keys(), ...orgs.keys()];
  for (const t of [places, orgs]) for (const w of t.keys()) if (onlyInside(text, w, [...people.keys(), ...orgs.keys()]) || people.has(w)) t.delete(w);

  // Keywords: TF-IDF over the item, without numbers, reporters, fragments of names, or words
  // already suggested as a person, place or organisation.
  const taken = new Set(entities);
  const keywords: string[] = [];
  for (const { keyword } of extractKeywords(text, opts.maxKeywords * 3, KEYWORD_POS)) {
    if (keywords.length >= opts.maxKeywords) break;
    if ([...keyword].length < 2 || /^[\d\p{P}\p{S}a-zA-Z]+$/u.test(keyword)) continue;
    if (contributors.has(keyword) || taken.has(keyword) || onlyInside(text, keyword, entities)) continue;
    keywords.push(keyword);
  }

  return {
    keywords,
    people: people.ranked(opts.maxPerList),
    places: places.ranked(opts.maxPerList),
    organisations: orgs.ranked(opts.maxPerList),
  };
}
