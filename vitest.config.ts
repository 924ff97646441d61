// Two projects under one `vitest run`: unit tests (test/**) and the Playwright end-to-end tests
// against the browser host in Debian Chromium (e2e/**/*.e2e.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'core/**/*.test.ts', 'electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.ts'],
          environment: 'node',
          // Vitest's default on a 2-core machine is one worker, and the e2e files (run alone, after
          // these) cannot overlap: two unit files at once keep CI well under 20 minutes. Two files
          // on two cores make a test slower, not wrong, so the per-test ceiling is raised to match.
          maxWorkers: 2,
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          environment: 'node',
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // expect.poll waits for the UI to settle after a host call. Its default (1 s) is too short
          // when the unit project runs beside it on a loaded 2-core CI machine: a page-state change
          // then fails a test that is only slow. 15 s is a ceiling, not a wait.
          expect: { poll: { timeout: 15_000, interval: 50 } },
        },
      },
    ],
  },
});
