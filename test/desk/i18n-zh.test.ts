// Issue 14: the zh-CN tables hold Chinese with full-width punctuation, and nothing English that
// a Chinese user would see (the e2e desk test scans the running zh-CN UI the same way).
import { describe, expect, it } from 'vitest';
import { STRINGS } from '../../shared/i18n.ts';
import { asciiPunctuationIn, englishIn, flatStrings } from '../../renderer/i18n-check.ts';

describe('zh-CN strings', () => {
  const zh = flatStrings(STRINGS['zh-CN']);
  const en = new Map(flatStrings(STRINGS.en));

  it('the checks catch what they are for', () => {
    expect(asciiPunctuationIn('导入完成:导入 3,未变 0')).toEqual([':', ',']);
    expect(asciiPunctuationIn('保存失败：{{message}}')).toEqual([]);
    expect(asciiPunctuationIn('按 Ctrl+Enter 拆分')).toEqual([]);
    expect(englishIn('出错了：Something went wrong')).toEqual(['Something', 'went', 'wrong']);
    expect(englishIn('按 Ctrl+Enter 拆分 OCR 原文，Galley 校对')).toEqual([]);
    // Literals a user types stay as typed; the words and punctuation around them are still checked.
    expect(asciiPunctuationIn('--listen 0.0.0.0:4870、[::]:4870：地址 postgresql://用户:密码@主机:5432/库')).toEqual([]);
    expect(englishIn('请提供 --tls-cert 文件，PEM 格式（-----BEGIN CERTIFICATE-----）')).toEqual([]);
    expect(asciiPunctuationIn('请写成 主机:端口')).toEqual([':']);
    expect(englishIn('--listen 地址 is wrong')).toEqual(['wrong']);
  });

  it('use full-width punctuation', () => {
    const bad = zh.filter(([, v]) => asciiPunctuationIn(v).length > 0).map(([k, v]) => `${k}: ${v}`);
    expect(bad).toEqual([]);
  });

  it('are translated (no English words, no string left as in English)', () => {
    const bad = zh.filter(([k, v]) => englishIn(v).length > 0 || (v === en.get(k) && /[A-Za-z]{3,}/.test(v) && englishIn(v).length > 0)).map(([k, v]) => `${k}: ${v}`);
    expect(bad).toEqual([]);
  });
});

describe('host messages in the UI language', () => {
  it('words validation answers from the host, and import errors name the file once', async () => {
    const { importFailureText } = await import('../../renderer/host-wording.ts');
    const { localizeHostMessage } = await import('../../renderer/messages.ts');
    const zh = (k: string, o: Record<string, unknown> = {}) => {
      let v: unknown = STRINGS['zh-CN'];
      for (const p of k.split('.')) v = (v as Record<string, unknown>)[p];
      return String(v).replace(/\{\{(\w+)\}\}/g, (_, n: string) => String(o[n]));
    };
    // Worded by the AppError's reason and details, whatever the English message says.
    expect(localizeHostMessage(zh, 'any English', { code: 'bad-request', reason: 'last-supervisor', details: { name: '王主编' } })).toBe('王主编 是最后一位主管：请先让另一人成为主管。');
    expect(localizeHostMessage(zh, 'something else')).toBe('something else');
    expect(importFailureText('empty.txt', 'empty.txt: empty.txt: file is empty')).toBe('file is empty');
    expect(importFailureText('in/empty.txt', 'empty.txt: file is empty')).toBe('file is empty');
  });
});
