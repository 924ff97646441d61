// Traditional → simplified folding of a line for the rule pack and the model's features: the
// pack's keywords (bylines, credits, mastheads, jump lines) and the model's character n-grams then
// read a traditional page as they read a simplified one. It is a matching aid, not a converter: one
// character in, one character out, so offsets in the folded line are offsets in the original line.
// The table is every one-character fold of the opencc-js dictionaries (zh-fold-table.ts, generated),
// with the pack's own pairs over it where a character alone would stay (於, 計 fold in the pack's words).
// Full phrase conversion for search lives in core/search (opencc-js).
import { CHAR_FOLD_PAIRS } from './zh-fold-table.ts';

/** The pack's own pairs, written before the generated table; they win where the two differ. */
const PAIRS =
  '報报訊讯記记見见習习員员攝摄評评論论轉转編编輯辑責责華华電电聞闻號号農农曆历國国內内統统續续熱热線线廣广網网開开東东陽阳實实圖图' +
  '運运發发際际類类啟启聲声遺遗訂订閱阅戰战區区縣县鄉乡鎮镇長长會会議议時时間间頭头條条題题專专欄栏聯联訪访採采導导齊齐' +
  '讀读書书說说話话語语業业經经濟济產产銷销價价費费團团體体黨党務务員员幹干達达傳传廣广場场點点滿满應应對对從从將将為为這这' +
  '們们個个來来過过還还進进與与無无於于當当動动樣样變变現现辦办關关發发權权機机據据護护幫帮戲戏劇剧藝艺術术學学園园醫医療疗' +
  '衛卫環环視视聽听觀观親亲兒儿學学鳳凤週周禮礼陰阴曆历歲岁臺台灣湾門门島岛區区總总統统計计劃划賽赛獎奖' +
  '優优質质級级師师範范標标準准識识講讲話话寫写邊边舉举辭辞謝谢絡络註注冊册歷历號号訊讯攝摄綜综紹绍聞闻訪访錄录證证據据';

const TABLE = new Map<string, string>();
for (const pairs of [CHAR_FOLD_PAIRS, PAIRS]) for (let i = 0; i + 1 < pairs.length; i += 2) TABLE.set(pairs[i]!, pairs[i + 1]!);

/** Which UTF-16 code units the table folds: a flat lookup is far cheaper than a regex test per line. */
const FOLDABLE = new Uint8Array(0x10000);
for (const ch of TABLE.keys()) FOLDABLE[ch.charCodeAt(0)] = 1;

/** Folds the traditional characters the pack knows to simplified; other characters are kept. */
export function foldTraditional(line: string): string {
  let first = -1;
  for (let i = 0; i < line.length; i++) {
    if (FOLDABLE[line.charCodeAt(i)] === 1) {
      first = i;
      break;
    }
  }
  // Most lines of a simplified page have nothing to fold: return them as they are.
  if (first < 0) return line;
  let out = line.slice(0, first);
  for (let i = first; i < line.length; i++) {
    const ch = line[i]!;
    out += FOLDABLE[line.charCodeAt(i)] === 1 ? TABLE.get(ch)! : ch;
  }
  return out;
}
