// Export speed: an 8-page issue (the eight corpus pages as pages 1–8) in every format.
// - build: the pure writers (buildExport) alone;
// - export: exportIssue with the manifest, atomic folder write and a zip; goal under 1 s.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPORT_FORMATS, buildExport, exportIssue } from '../electron/export/index.ts';
import { PAGES_DIR, issueFrom } from '../test/export/fixture.ts';
import { fmtMs, time } from './timing.ts';
import type { BenchResult } from './types.ts';

const GOAL_MS = 1000;

export async function bench(): Promise<BenchResult[]> {
  const names = readdirSync(PAGES_DIR).filter((f) => f.endsWith('.txt')).sort().slice(0, 8);
  const issue = issueFrom(names);
  const items = issue.pages.reduce((n, p) => n + p.items.length, 0);
  const out = mkdtempSync(join(tmpdir(), 'galley-bench-export-'));
  try {
    const build = time(() => buildExport(issue), { warmup: 3, warmupMs: 0, samples: 11, minSampleMs: 0 });
    let files = 0;
    let bytes = 0;
    const exp = time(
      () => {
        const r = exportIssue(issue, { formats: [...EXPORT_FORMATS], outDir: out, zip: true });
        files = r.manifest.files.length + 1;
        bytes = r.manifest.files.reduce((s, f) => s + f.size, 0);
        return r;
      },
      { warmup: 2, warmupMs: 0, samples: 9, minSampleMs: 0 },
    );
    const met = exp.medianMs < GOAL_MS;
    return [
      {
        name: 'export.issue-8-pages',
        figures: {
          pages: issue.pages.length,
          items,
          files,
          bytes,
          buildMedianMs: build.medianMs,
          exportMedianMs: exp.medianMs,
          exportMinMs: exp.minMs,
        },
        summary: `8-page issue (${items} items, ${files} files, ${(bytes / 1024).toFixed(0)} KiB) in all formats + zip: ${fmtMs(exp.medianMs)} (writers alone ${fmtMs(build.medianMs)}; goal < ${GOAL_MS} ms: ${met ? 'met' : 'not met'})`,
        goal: { description: `export of an 8-page issue < ${GOAL_MS} ms`, met },
      },
    ];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
