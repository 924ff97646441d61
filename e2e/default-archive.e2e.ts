// `galley import FILE` followed by `npm start` shows the page: the CLI and the app share one
// default archive (the platform's user-data folder), with no --archive anywhere.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, SAMPLE_PAGE, skipProfilePicker } from './support.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A user's environment with a fresh home and nothing that names an archive. */
function freshUserEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
  delete env.GALLEY_ARCHIVE;
  delete env.XDG_DATA_HOME;
  delete env.XDG_CONFIG_HOME;
  return env;
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`npm start printed no URL:\n${out}`)), 110_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\S*)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${out}`)));
  });
}

describe.skipIf(!hasChromium && !process.env.CI)('one default archive', () => {
  const home = mkdtempSync(join(tmpdir(), 'galley-home-'));
  let app: ChildProcess | undefined;
  afterAll(() => {
    if (app?.pid) process.kill(-app.pid, 'SIGTERM');
    rmSync(home, { recursive: true, force: true });
  });

  it('shows a page imported with the CLI in the app started with npm start', async () => {
    const env = freshUserEnv(home);
    const imported = spawnSync(join(ROOT, 'node_modules', '.bin', 'galley'), ['import', SAMPLE_PAGE], { env, encoding: 'utf8' });
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);

    const port = await freePort();
    app = spawn('npm', ['start', '--', '--port', String(port)], { cwd: ROOT, env, detached: true });
    const url = await waitForUrl(app);

    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(url);
      // The first start may build the renderer: allow for it before the profile question shows.
      await page.getByTestId('profile-picker').waitFor({ timeout: 60_000 });
      await skipProfilePicker(page);
      await expect.poll(() => page.getByTestId('library').innerText(), { timeout: 20_000 }).toContain('衡阳日报');
    } finally {
      await browser.close();
    }
  });
});
