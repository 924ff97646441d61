// Host messages that are not refusals by code (validation of profiles, search, import, page size)
// worded in the UI language, so the Chinese UI never shows an English sentence from the host.
// Unknown messages fall through unchanged (localizeHostMessage keeps them as written).

type T = (key: string, options?: Record<string, unknown>) => string;

const PATTERNS: [RegExp, (t: T, m: RegExpExecArray) => string][] = [
  [/^(.+) is the last supervisor; make someone else a supervisor first/, (t, m) => t('desk.err.lastSupervisor', { name: m[1] })],
  [/^(.+) is the last supervisor and cannot be removed/, (t, m) => t('desk.err.lastSupervisorRemove', { name: m[1] })],
  [/^An import is already running\.?$/, (t) => t('import.busy')],
  [/^The search now matches (\d+) items, not (\d+)/, (t, m) => t('desk.err.searchChanged', { now: m[1], was: m[2] })],
  [/too big to proof: the page has ([\d,]+) items; a page may have at most ([\d,]+)/, (t, m) => t('desk.err.tooManyItems', { items: m[1], max: m[2] })],
  [/too big to proof: the page has ([\d,]+) characters of text; a page may have at most ([\d,]+)/, (t, m) => t('desk.err.tooLong', { chars: m[1], max: m[2] })],
  [/^the sample issue is missing from this installation/, (t) => t('desk.err.sampleMissing')],
  [/^the sample issue could not be imported/, (t) => t('desk.err.sampleFailed')],
  [/^(?:.+: )?file is empty$/, (t) => t('desk.err.emptyFile')],
];

export function wordHostMessage(t: T, message: string): string | null {
  for (const [re, word] of PATTERNS) {
    const m = re.exec(message);
    if (m) return word(t, m);
  }
  return null;
}

/** An import failure without the file name repeated ("empty.txt: empty.txt: file is empty"). */
export function importFailureText(source: string, error: string): string {
  let e = error.trim();
  const base = source.split(/[\\/]/).pop() ?? source;
  for (const name of [source, base]) {
    while (e.startsWith(`${name}: `)) e = e.slice(name.length + 2);
  }
  return e;
}
