// Contributors named once each: the same name in the same role is one contributor (a byline
// repeated by OCR, or read both above the text and at its end); the first mention is kept.
export function uniqueContributors<T extends { name: string; role: string }>(list: readonly T[]): T[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const key = `${c.name}/${c.role}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
