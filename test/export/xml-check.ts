// Well-formedness checks for exported XML: fast-xml-parser's validator always, xmllint when the
// machine has it (Debian libxml2-utils); callers skip the xmllint part visibly when it is missing.
import { spawnSync } from 'node:child_process';
import { XMLValidator } from 'fast-xml-parser';

export const hasXmllint = spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).status === 0;

export function validatorError(xml: string): string | null {
  const r = XMLValidator.validate(xml);
  return r === true ? null : `${r.err.code} at ${r.err.line}:${r.err.col}: ${r.err.msg}`;
}

/** xmllint --noout on files; returns its stderr ('' when every file is well-formed). */
export function xmllintErrors(paths: string[]): string {
  const r = spawnSync('xmllint', ['--noout', ...paths], { encoding: 'utf8' });
  return r.status === 0 ? '' : r.stderr || `xmllint exited ${r.status}`;
}
