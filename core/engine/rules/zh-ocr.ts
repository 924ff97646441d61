// Tolerance for what Tesseract really makes of Chinese page furniture: byline brackets read as
// book-title marks ("《记者 X》"), bullets read as characters ("国 本报记者 X", "口 沈家禾"), and
// the dash of a subtitle read as "-一". Length-preserving, like the fold it runs after, so offsets
// in the repaired line stay offsets in the printed line. Only forms that cannot be prose are repaired.

/** Cheap gate: a line without one of these characters has nothing to repair. */
const GATE = /[《〈国于口\-－]/;
/** Role words a byline opens with, after its bracket or bullet. */
const ROLE = '(?:本报|特约|见习|实习|首席|融媒体?|全媒体)?(?:记者|通讯员|评论员|摄影)';
/** "《记者 张三》" / "本报讯《记者 张三 通讯员 李四》…": a misread byline bracket. */
const BOOK_BYLINE = new RegExp(`[《〈](\\s*${ROLE}[^《〈》〉（）()]{1,40}?)[》〉)）]`, 'g');
const BOOK_OPEN = new RegExp(`^(\\s*)[《〈](?=\\s*${ROLE})`);
/** "国 本报记者 X" / "于 记者 X": a bullet ■ read as a character, followed by a space and a role word. */
const BULLET_AS_CHAR = new RegExp(`^([国于口])(\\s+)(?=${ROLE}|[\\u4e00-\\u9fff·]{2,4}$)`);
/** "-一全面贯彻…" / "－一…": the subtitle dash "——" read as a hyphen and the numeral one. */
const DASH = /^(\s*)[-－]一/;

export function repairOcr(line: string): string {
  if (!GATE.test(line)) return line;
  let s = line.replace(BOOK_BYLINE, (_m, inner: string) => `（${inner}）`).replace(BOOK_OPEN, '$1（');
  s = s.replace(BULLET_AS_CHAR, (_m, ch: string, space: string) => `${ch === '口' ? '□' : '■'}${space}`);
  s = s.replace(DASH, '$1——');
  return s;
}
