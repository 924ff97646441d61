// Chinese personal names that the dictionary splits. jieba knows few officials' names and cuts
// 秦国文 into 秦国 (a place: the Qin state) + 文, so names are also found from how papers write
// them: right after a title (市委书记秦国文, 代市长吴庆文), in lists after 领导 or a title
// (沈觅、潘国强), and before a speech verb (秦国文说, 秦国文指出). Pure: no jieba.
import { surnameAt } from '../engine/rules/zh-surnames.ts';

/** Characters that end a name's run: they are grammar, not given names. */
const NOT_IN_GIVEN_NAME = new Set([...'的了在是和与及等说出到对也就都而为将把被从向于以这那之其一二三四五六七八九十百千万市县区省镇乡村']);

/** Titles and words after which a name follows directly. Longest first so 副市长 wins over 市长. */
const TITLES = [
  '总书记', '副书记', '书记', '代市长', '副市长', '市长', '副县长', '县长', '副区长', '区长', '副省长', '省长',
  '副主席', '主席', '副主任', '主任', '副局长', '局长', '副部长', '部长', '处长', '科长', '所长', '站长', '队长', '校长', '院长',
  '副教授', '教授', '董事长', '总经理', '经理', '总裁', '副会长', '会长', '秘书长', '委员', '记者', '通讯员', '领导', '村民',
  '同志', '老师', '医生', '负责人', '代表', '厂长', '社长', '总编辑', '编辑', '主编', '专家', '警官', '民警', '法官', '检察官',
].sort((a, b) => b.length - a.length);

/** What may follow a name: punctuation, the end, or these words. */
const FOLLOWERS = [
  '说', '指出', '强调', '表示', '认为', '介绍', '要求', '希望', '率', '一行', '出席', '会见', '参加', '主持', '讲话', '调研', '考察',
  '带队', '同志', '等', '和', '与', '及', '在', '到', '来', '对', '是', '也', '还', '就', '代表', '先生', '女士', '分别', '一同', '陪同',
  '告诉', '称', '坦言', '透露', '看望', '慰问', '宣布', '作', '向', '为', '的',
  // Some papers put the title after the name: 习近平总书记, 秦国文书记.
  ...TITLES,
];
const BOUNDARY = /^$|^[\s，。、；：,.;:!?！？）)（(“”"'‘’《》【】—…·]/;

const CJK = /^[\u4e00-\u9fff]$/;

const followsWell = (rest: string): boolean => BOUNDARY.test(rest) || FOLLOWERS.some((f) => rest.startsWith(f));

/**
 * The name starting at `i`, if one does: surname + one or two given-name characters, followed by
 * a boundary or a FOLLOWERS word. Three characters are tried first (most Chinese names).
 */
export function nameAt(text: string, i: number): string | null {
  const sl = surnameAt(text, i);
  if (!sl) return null;
  for (const given of [2, 1]) {
    const end = i + sl + given;
    let ok = end <= text.length;
    for (let k = i + sl; ok && k < end; k++) ok = CJK.test(text[k]!) && !NOT_IN_GIVEN_NAME.has(text[k]!);
    if (ok && followsWell(text.slice(end))) return text.slice(i, end);
  }
  return null;
}

/** Names found after titles, in 、-lists after them, and before speech verbs; with their counts. */
export function findPersonNames(text: string): Map<string, number> {
  const found = new Map<string, number>();
  const add = (n: string) => found.set(n, (found.get(n) ?? 0) + 1);
  for (let i = 0; i < text.length; i++) {
    const title = TITLES.find((t) => text.startsWith(t, i));
    if (!title) continue;
    let j = i + title.length;
    // A list: 领导沈觅、潘国强参加 — keep reading names while they are joined by 、 or 和.
    for (;;) {
      const name = nameAt(text, j);
      if (!name) break;
      add(name);
      j += name.length;
      if (text[j] === '、' || text[j] === '和') j++;
      else break;
    }
    i = j - 1 > i ? j - 1 : i;
  }
  // 秦国文说 / 。秦国文指出: a name opening a clause before a speech verb.
  const speech = /(?:^|[，。；：、,;:\s“])([\u4e00-\u9fff]{2,4}?)(?=说|指出|强调|表示|认为|介绍)/gu;
  for (const m of text.matchAll(speech)) {
    const at = m.index + m[0].length - m[1]!.length;
    const name = nameAt(text, at);
    if (name && name === m[1]) add(name);
  }
  return found;
}

export const startsWithSurname = (word: string): boolean => surnameAt(word, 0) > 0;
