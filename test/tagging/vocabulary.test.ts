import { describe, expect, it } from 'vitest';
import { lookupTerm, matchVocabulary, parseVocabularyCsv, serialiseVocabularyCsv, type VocabularyEntry } from '../../core/tagging/index.ts';

const entries: VocabularyEntry[] = [
  { type: 'subject', path: ['经济'], label: '经济', aliases: [] },
  { type: 'subject', path: ['经济', '产业园区'], label: '产业园区', aliases: ['工业园区', '园区'] },
  { type: 'subject', path: ['政治', '党建'], label: '党建, "从严治党"', aliases: ['全面从严治党'] },
  { type: 'subject', path: ['政治'], label: '政治', aliases: [] },
  { type: 'person', path: ['秦国文'], label: '秦国文', aliases: [] },
  { type: 'place', path: ['湖南', '衡阳'], label: '衡阳', aliases: ['衡阳市', '雁城'] },
  { type: 'place', path: ['湖南'], label: '湖南', aliases: ['湖南省'] },
  { type: 'organisation', path: ['苏州工业园区管委会'], label: '苏州工业园区管理委员会', aliases: ['苏州工业园区管委会'] },
];

describe('vocabulary CSV', () => {
  it('round-trips, parents first, with a BOM and the header', () => {
    const csv = serialiseVocabularyCsv(entries);
    expect(csv.startsWith('\uFEFFtype,path,label,aliases\r\n')).toBe(true);
    const back = parseVocabularyCsv(csv);
    expect(back.errors).toEqual([]);
    const sortKey = (e: VocabularyEntry) => `${e.type}:${e.path.join('/')}`;
    expect([...back.entries].sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual([...entries].sort((a, b) => sortKey(a).localeCompare(sortKey(b))));
    expect(serialiseVocabularyCsv(back.entries)).toBe(csv);
    // Parents are written before their children.
    const lines = csv.split('\r\n');
    expect(lines.findIndex((l) => l.startsWith('subject,政治,'))).toBeLessThan(lines.findIndex((l) => l.startsWith('subject,政治/党建,')));
  });

  it('reports bad rows by line number and keeps the good ones', () => {
    const csv = [
      'type,path,label,aliases', // 1
      'subject,经济,经济,', // 2
      'topic,体育,体育,', // 3 unknown type
      'place,,衡阳,', // 4 empty path
      'subject,经济//园区,园区,', // 5 empty segment
      'person,秦国文,,', // 6 empty label
      'subject,经济,经济重复,', // 7 duplicate
      'subject,"多行', // 8 quoted field spanning lines 8-9
      '说明",x,y,z', // 9 → 5 fields
      'place,湖南/衡阳,衡阳,衡阳市|雁城', // 10 parent missing
      'subject,文化,文化', // 11 too few fields
      'organisation,联东集团,联东集团,联东', // 12 fine
    ].join('\n');
    const r = parseVocabularyCsv(csv);
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8, 10, 11]);
    expect(r.errors[0]!.message).toMatch(/unknown type "topic"/);
    expect(r.errors.find((e) => e.line === 7)!.message).toMatch(/first on line 2/);
    expect(r.errors.find((e) => e.line === 10)!.message).toMatch(/parent place 湖南 is not defined/);
    // Each row also says its problem by code, for the UI to word in its language.
    expect(r.errors.map((e) => e.code)).toEqual(['unknown-type', 'invalid-field', 'invalid-field', 'invalid-field', 'duplicate', 'fields', 'no-parent', 'fields']);
    expect(r.entries.map((e) => e.label)).toEqual(['经济', '联东集团']);
  });

  it('refuses a file without the header, and unterminated quotes, with a line', () => {
    expect(parseVocabularyCsv('subject,经济,经济,\n').errors).toEqual([{ line: 1, message: 'the first line must be the header type,path,label,aliases', code: 'header', details: { header: 'type,path,label,aliases' } }]);
    expect(parseVocabularyCsv('type,path,label,aliases\nsubject,"open,x,y\n').errors[0]!.line).toBe(2);
  });

  it('maps words and text onto the vocabulary', () => {
    expect(lookupTerm(entries, 'place', '衡阳市')?.label).toBe('衡阳');
    expect(lookupTerm(entries, 'person', '衡阳')).toBeNull();
    expect(matchVocabulary(entries, '秦国文考察苏州工业园区管委会').map((e) => e.type)).toEqual(['subject', 'person', 'organisation']);
  });
});
