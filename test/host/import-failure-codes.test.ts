// An import failure travels with its typed code (the importer's FileResult → the contract's
// ImportOutcome.errorCode), and the import panel words it by that code in the UI language.
import { describe, expect, it } from 'vitest';
import { unimported } from '../../electron/importer/index.ts';
import { toOutcome } from '../../electron/host/load-backend.ts';
import { ImportFileError } from '../../core/import/errors.ts';
import { PageFileError } from '../../electron/node/page-file-error.ts';
import { importOutcomeSchema } from '../../shared/ipc.ts';
import { localizeImportFailure } from '../../renderer/messages.ts';
import { STRINGS } from '../../shared/i18n.ts';

const tIn = (lng: 'en' | 'zh-CN') => (key: string, o: Record<string, unknown> = {}) => {
  let v: unknown = STRINGS[lng];
  for (const p of key.split('.')) v = (v as Record<string, unknown>)[p];
  return String(v).replace(/\{\{(\w+)\}\}/g, (_, n: string) => String(o[n]));
};

describe('import failures by code', () => {
  it('carries the code from the importer to the contract and words it in either language', () => {
    const entry = { display: 'empty.txt', path: '/in/empty.txt', explicit: true };
    const empty = toOutcome(unimported(entry, new PageFileError('empty', 'empty.txt', 'file is empty (0 bytes)')));
    expect(importOutcomeSchema.parse(empty)).toMatchObject({ status: 'failed', errorCode: 'empty', error: 'empty.txt: file is empty (0 bytes)' });
    expect(localizeImportFailure(tIn('zh-CN'), empty.errorCode, 'file is empty (0 bytes)')).toBe('文件是空的。');
    expect(localizeImportFailure(tIn('en'), empty.errorCode, 'file is empty (0 bytes)')).toBe('The file is empty.');

    const odd = toOutcome(unimported(entry, new ImportFileError('unsupported', 'p.doc', 'unsupported file type .doc')));
    expect(odd.errorCode).toBe('unsupported');
    expect(localizeImportFailure(tIn('zh-CN'), odd.errorCode, 'unsupported file type .doc')).toBe('无法导入此类文件：unsupported file type .doc');

    // A failure without a typed code is shown as the importer wrote it.
    const other = toOutcome(unimported(entry, new Error('disk on fire')));
    expect(other.errorCode).toBeUndefined();
    expect(localizeImportFailure(tIn('zh-CN'), other.errorCode, 'disk on fire')).toBe('disk on fire');
  });

  it('has a sentence in both languages for every code the importer can give', async () => {
    const { PAGE_FILE_ERROR_CODES } = await import('../../electron/node/page-file-error.ts');
    const { IMPORT_ERROR_CODES } = await import('../../core/import/errors.ts');
    for (const code of [...PAGE_FILE_ERROR_CODES, ...IMPORT_ERROR_CODES]) {
      for (const lng of ['en', 'zh-CN'] as const) expect(localizeImportFailure(tIn(lng), code, 'D'), `${lng} ${code}`).not.toBe('D');
    }
  });
});
