// `npm start`: the desktop app when Electron's binary is installed, else (saying so in one line)
// the browser host with its URL printed. Builds the renderer first when no fresh build exists.
// Options: --archive PATH, --port N (browser host).
import { spawn } from 'node:child_process';
import { ensureRendererBuilt, ROOT } from './host/build-renderer.ts';
import { startBrowserHost } from './host/browser-host.ts';
import { electronBinary } from './electron-main/binary.ts';
import { buildPreload } from './electron-main/build-preload.ts';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const log = (line: string) => console.error(line);
const archive = argValue('archive');
const port = argValue('port');
const binary = electronBinary();

if (binary) {
  await ensureRendererBuilt(log);
  await buildPreload();
  const child = spawn(binary, [ROOT, ...(archive ? ['--archive', archive] : [])], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log("Electron's binary is not installed on this machine; starting the browser host instead.");
  const host = await startBrowserHost({
    ...(archive ? { archivePath: archive } : {}),
    ...(port ? { port: Number(port) } : {}),
    log,
  });
  console.log(`Galley is serving ${host.archivePath}`);
  console.log(`Open ${host.url}`);
  const stop = () => {
    void host.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
