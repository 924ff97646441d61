// The controlled vocabulary: hierarchical subjects, and the people, places and organisations
// the archive tags with. Kept as CSV (type,path,label,aliases) so archivists can edit it in a
// spreadsheet and share it between archives. Pure: no Node import.
import { z } from 'zod';
import { csvDocument, CsvSyntaxError, parseCsv } from '../export/csv.ts';

export const VOCABULARY_TYPES = ['subject', 'person', 'place', 'organisation'] as const;
export const vocabularyTypeSchema = z.enum(VOCABULARY_TYPES);
export type VocabularyType = z.infer<typeof vocabularyTypeSchema>;

/** Path segments are separated by '/' in the CSV: "经济/产业/园区". */
export const PATH_SEPARATOR = '/';
/** Aliases are separated by '|' in the CSV: "衡阳市|雁城". */
export const ALIAS_SEPARATOR = '|';
export const VOCABULARY_HEADER = ['type', 'path', 'label', 'aliases'] as const;

const segment = z
  .string()
  .trim()
  .min(1, 'empty path segment')
  .refine((s) => !s.includes(PATH_SEPARATOR), 'path segment contains /');

export const vocabularyEntrySchema = z.object({
  type: vocabularyTypeSchema,
  /** Where the term sits in its hierarchy, root first; the last segment is its key. */
  path: z.array(segment).min(1, 'empty path'),
  label: z.string().trim().min(1, 'empty label'),
  aliases: z.array(z.string().trim().min(1).refine((s) => !s.includes(ALIAS_SEPARATOR), 'alias contains |')),
});
export type VocabularyEntry = z.infer<typeof vocabularyEntrySchema>;

export interface VocabularyRowError {
  /** 1-based line of the CSV record (the header is line 1). */
  line: number;
  /** English, for the CLI and logs; the UI words the row by `code` and `details`. */
  message: string;
  code: 'csv-syntax' | 'header' | 'fields' | 'unknown-type' | 'invalid-field' | 'duplicate' | 'no-parent';
  details: Record<string, string | number>;
}

export interface ParsedVocabulary {
  entries: VocabularyEntry[];
  errors: VocabularyRowError[];
}

const key = (type: string, path: readonly string[]) => `${type}\u0000${path.join(PATH_SEPARATOR)}`;

/** Reads vocabulary CSV; good rows are kept and every bad row is reported with its line. */
export function parseVocabularyCsv(text: string): ParsedVocabulary {
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) return { entries: [], errors: [{ line: e.line, message: e.message.replace(/^line \d+: /, ''), code: 'csv-syntax', details: {} }] };
    throw e;
  }
  const errors: VocabularyRowError[] = [];
  const [header, ...rows] = records;
  if (!header || header.fields.map((f) => f.trim().toLowerCase()).join(',') !== VOCABULARY_HEADER.join(',')) {
    return { entries: [], errors: [{ line: header?.line ?? 1, message: `the first line must be the header ${VOCABULARY_HEADER.join(',')}`, code: 'header', details: { header: VOCABULARY_HEADER.join(',') } }] };
  }
  const entries: VocabularyEntry[] = [];
  const lines = new Map<string, number>();
  for (const { line, fields } of rows) {
    if (fields.length !== VOCABULARY_HEADER.length) {
      errors.push({ line, message: `expected ${VOCABULARY_HEADER.length} fields, found ${fields.length}`, code: 'fields', details: { expected: VOCABULARY_HEADER.length, found: fields.length } });
      continue;
    }
    const [type, path, label, aliases] = fields as [string, string, string, string];
    const parsed = vocabularyEntrySchema.safeParse({
      type: type.trim(),
      path: path.split(PATH_SEPARATOR),
      label,
      aliases: aliases.trim() ? aliases.split(ALIAS_SEPARATOR) : [],
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = String(issue.path[0] ?? '');
      errors.push(
        field === 'type'
          ? { line, message: `unknown type "${type}" (expected ${VOCABULARY_TYPES.join(', ')})`, code: 'unknown-type', details: { type } }
          : { line, message: `${field}: ${issue.message}`, code: 'invalid-field', details: { field, detail: issue.message } },
      );
      continue;
    }
    const k = key(parsed.data.type, parsed.data.path);
    if (lines.has(k)) {
      errors.push({
        line,
        message: `duplicate ${parsed.data.type} ${parsed.data.path.join(PATH_SEPARATOR)} (first on line ${lines.get(k)})`,
        code: 'duplicate',
        details: { type: parsed.data.type, path: parsed.data.path.join(PATH_SEPARATOR), line: lines.get(k)! },
      });
      continue;
    }
    lines.set(k, line);
    entries.push(parsed.data);
  }
  // Parents may come after their children in a hand-edited file, so check once all rows are in.
  const kept: VocabularyEntry[] = [];
  for (const e of entries) {
    const parent = e.path.slice(0, -1);
    if (parent.length && !lines.has(key(e.type, parent))) {
      errors.push({
        line: lines.get(key(e.type, e.path))!,
        message: `parent ${e.type} ${parent.join(PATH_SEPARATOR)} is not defined`,
        code: 'no-parent',
        details: { type: e.type, path: parent.join(PATH_SEPARATOR) },
      });
    } else {
      kept.push(e);
    }
  }
  errors.sort((a, b) => a.line - b.line);
  return { entries: kept, errors };
}

/** Writes vocabulary CSV (UTF-8 BOM, CRLF), parents before children, for parseVocabularyCsv. */
export function serialiseVocabularyCsv(entries: readonly VocabularyEntry[]): string {
  const valid = z.array(vocabularyEntrySchema).parse(entries);
  const sorted = [...valid].sort(
    (a, b) => VOCABULARY_TYPES.indexOf(a.type) - VOCABULARY_TYPES.indexOf(b.type) || comparePaths(a.path, b.path),
  );
  return csvDocument([[...VOCABULARY_HEADER], ...sorted.map((e) => [e.type, e.path.join(PATH_SEPARATOR), e.label, e.aliases.join(ALIAS_SEPARATOR)])]);
}

function comparePaths(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  }
  return a.length - b.length;
}

/** Maps a word to its vocabulary entry by label or alias (衡阳市 → 衡阳), within one type. */
export function lookupTerm(entries: readonly VocabularyEntry[], type: VocabularyType, word: string): VocabularyEntry | null {
  return entries.find((e) => e.type === type && (e.label === word || e.aliases.includes(word) || e.path.at(-1) === word)) ?? null;
}

/** Vocabulary entries whose label or an alias occurs in the text (the controlled tags to offer). */
export function matchVocabulary(entries: readonly VocabularyEntry[], text: string): VocabularyEntry[] {
  return entries.filter((e) => [e.label, ...e.aliases].some((w) => w && text.includes(w)));
}
