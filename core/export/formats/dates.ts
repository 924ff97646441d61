/** NITF/ISO 8601 basic form of a calendar date: 2021-10-29 → 20211029T000000. */
export const nitfDate = (date: string): string => `${date.replace(/-/g, '')}T000000`;

/** A human heading for the issue: "衡阳日报 2021-10-29 第17980号". */
export function issueTitle(publication: string, date: string | null, issueNumber: number | null): string {
  return [publication, date ?? '', issueNumber === null ? '' : `第${issueNumber}号`].filter(Boolean).join(' ');
}
