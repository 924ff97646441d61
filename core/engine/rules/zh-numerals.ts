// Chinese numerals as printed in page numbers and dates ("第六版", "今日十二版", "二〇二一年").

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Parses Arabic or Chinese numerals ("6", "六", "十六", "二十", "一百零五", "二〇二一"); null if not a number. */
export function parseNumeral(text: string): number | null {
  const s = text.trim();
  if (/^\d+$/.test(s)) return Number(s);
  if (/^[０-９]+$/.test(s)) return Number(s.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)));
  if (!s || ![...s].every((c) => c in DIGITS || c in UNITS)) return null;
  // Digit-by-digit form ("二〇二一") has no unit characters.
  if (![...s].some((c) => c in UNITS)) return Number([...s].map((c) => DIGITS[c]).join(''));
  let total = 0;
  let digit: number | null = null;
  for (const c of s) {
    const unit = UNITS[c];
    if (unit !== undefined) {
      total += (digit ?? 1) * unit;
      digit = null;
    } else {
      digit = DIGITS[c] ?? 0;
    }
  }
  return total + (digit ?? 0);
}
