// Facts read off a page's own text that the engine's segmentation does not carry.

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Parses 12, １２, 十二, 二十四 … (up to 99). Returns null for anything else. */
export function parseNumber(raw: string): number | null {
  const ascii = raw.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (/^\d+$/.test(ascii)) return Number(ascii);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(raw);
  if (!m || raw === '') return null;
  if (!m[2]) return m[1] && !m[3] ? (CN_DIGITS[m[1]] ?? null) : null;
  const tens = m[1] ? (CN_DIGITS[m[1]] ?? 0) : 1;
  const ones = m[3] ? (CN_DIGITS[m[3]] ?? 0) : 0;
  return tens * 10 + ones;
}

const RUNNING_HEAD = /第\s*([0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})\s*版/;

/**
 * The page number a page states in its running head ("第2版", "第 02 版", "第二版"),
 * looked for in the first and last few lines only, so that a jump line in the body
 * ("转第6版") does not count.
 */
export function pageNumberFromText(text: string): number | null {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  const candidates = [...lines.slice(0, 6), ...lines.slice(-3)];
  for (const line of candidates) {
    if (line.length > 40) continue;
    if (/[转接续见]\s*第/.test(line)) continue;
    const m = RUNNING_HEAD.exec(line);
    if (m?.[1]) {
      const n = parseNumber(m[1]);
      if (n !== null && n > 0) return n;
    }
  }
  return null;
}
