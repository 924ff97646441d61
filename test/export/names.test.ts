import { describe, expect, it } from 'vitest';
import { assertSafeRelativePath, issueFolderName, isSafeSegment, numberedName, safeName } from '../../core/export/names.ts';

describe('safeName', () => {
  it.each([
    ['../../etc/passwd', 'etc-passwd'],
    ['a/b\\c:d', 'a-b-c-d'],
    ['..', 'untitled'],
    ['.hidden', 'hidden'],
    ['   ', 'untitled'],
    ['C:\\Windows\\System32', 'C-Windows-System32'],
    ['秦国文率队赴苏州考察学习 吴庆文会见', '秦国文率队赴苏州考察学习-吴庆文会见'],
    ['“规”出乡村新面貌', '规-出乡村新面貌'],
    ['tab\tnew\nline\u0000nul', 'tab-new-line-nul'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['trailing dots...', 'trailing-dots'],
    ['<script>alert(1)</script>', 'script-alert-1-script'],
  ])('%j → %j', (raw, want) => {
    expect(safeName(raw)).toBe(want);
    expect(isSafeSegment(safeName(raw))).toBe(true);
  });
  it('cuts long names by code points without splitting surrogate pairs', () => {
    const long = '𠀀'.repeat(100);
    const name = safeName(long);
    expect([...name]).toHaveLength(40);
    expect(name).toBe('𠀀'.repeat(40));
  });
  it('makes every random string a safe segment', () => {
    const alphabet = ['.', '/', '\\', ':', '\u0000', ' ', '-', 'a', '中', '\n', '*', '?', '"', '<', '|', '𠀀', '\uD800'];
    for (let n = 0; n < 2000; n++) {
      let s = '';
      for (let k = 0; k < 1 + (n % 12); k++) s += alphabet[(n * 7 + k * 13 + ((n * k) % 5)) % alphabet.length];
      const out = safeName(s);
      expect(isSafeSegment(out), JSON.stringify([s, out])).toBe(true);
      expect(out === '.' || out === '..').toBe(false);
    }
  });
});

describe('paths', () => {
  it('refuses unsafe relative paths', () => {
    for (const p of ['../x', 'a/../b', '/etc/passwd', 'a//b', 'a\\b', 'C:x', '.x', 'x.']) {
      expect(() => assertSafeRelativePath(p), p).toThrow(/unsafe/);
    }
    expect(() => assertSafeRelativePath('nitf/0001-标题.xml')).not.toThrow();
  });
  it('names issue folders PUB_YYYY-MM-DD_NNNN', () => {
    const base = { title: '衡阳日报', titleLatin: 'HENGYANG DAILY', serial: null, code: null };
    const issue = { date: '2021-10-29', issueNumber: 17980, pageCount: 8, state: 'approved' as const, masthead: null };
    expect(issueFolderName({ publication: base, issue })).toBe('HENGYANG-DAILY_2021-10-29_17980');
    expect(issueFolderName({ publication: { ...base, code: 'HYRB' }, issue: { ...issue, issueNumber: 12 } })).toBe('HYRB_2021-10-29_0012');
    expect(issueFolderName({ publication: { ...base, titleLatin: null, code: '../..' }, issue: { ...issue, date: null, issueNumber: null } })).toBe(
      'ISSUE_undated_0000',
    );
    expect(numberedName(3, null, 'brief')).toBe('0003-brief');
  });
});
