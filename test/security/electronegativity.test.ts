// Electron hardening: Doyensec's electronegativity scanner over electron/. Every finding must be
// listed, with an explanation, in docs/electronegativity-findings.md (matched by check id and
// file); anything else fails the test. The scanner runs in a child process with its network
// fetches stubbed (see electronegativity-run.cjs).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { recordFigures } from '../reliability/figures.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Finding {
  id: string;
  file: string;
  line: number | null;
  severity: string;
  confidence: string;
  manualReview: boolean;
  description: string;
}

/** Rows of the findings table: `| CHECK_ID | file | explanation |`. */
export function acceptedFindings(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of markdown.split('\n')) {
    const m = /^\|\s*([A-Z0-9_]+)\s*\|\s*([^|]+?)\s*\|\s*(.+?)\s*\|\s*$/.exec(line);
    if (m && m[3]!.length >= 40) out.set(`${m[1]} ${m[2]}`, m[3]!);
  }
  return out;
}

describe('electronegativity', () => {
  it('finds nothing in electron/ that docs/electronegativity-findings.md does not explain', { timeout: 120_000 }, async () => {
    const electronVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'test', 'security', 'electronegativity-run.cjs'), join(ROOT, 'electron'), electronVersion], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, LANG: 'en-US' },
    });
    const result = JSON.parse(stdout) as { checks: number; errors: { file: string; message: string; tolerable: boolean }[]; issues: Finding[] };
    const accepted = acceptedFindings(readFileSync(join(ROOT, 'docs', 'electronegativity-findings.md'), 'utf8'));
    const unexplained = result.issues.filter((i) => !accepted.has(`${i.id} ${i.file}`));
    recordFigures('electronegativity', {
      electronVersion,
      checks: result.checks,
      findings: result.issues.length,
      explained: result.issues.length - unexplained.length,
      unexplained: unexplained.length,
      byCheck: result.issues.map((i) => `${i.id} ${i.file}:${i.line ?? '-'} (${i.severity}/${i.confidence}${i.manualReview ? ', manual review' : ''})`),
      parseErrors: result.errors.length,
    });
    expect(result.checks).toBeGreaterThan(30);
    expect(result.errors.filter((e) => !e.tolerable)).toEqual([]);
    expect(unexplained.map((i) => `${i.id} in ${i.file}:${i.line}: ${i.description}`)).toEqual([]);
  });
});
