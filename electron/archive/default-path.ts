// Where the archive lives when nobody says otherwise: one file in the user's data folder.
//   Linux/BSD: $XDG_DATA_HOME/Galley/archive.sqlite, else ~/.local/share/Galley/archive.sqlite
//   macOS:     ~/Library/Application Support/Galley/archive.sqlite
//   Windows:   %APPDATA%\Galley\archive.sqlite
// GALLEY_ARCHIVE overrides all of them (the CLI's --archive and the app's setting override that).
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const ARCHIVE_FILE_NAME = 'archive.sqlite';

/**
 * The archive to open when neither the command line nor the host names one: GALLEY_DB (a
 * postgresql:// URL of a team archive, or a file), else the default file below.
 */
export function defaultArchiveTarget(env: Record<string, string | undefined> = process.env): string {
  return env.GALLEY_DB?.trim() || defaultArchivePath(env);
}

export function defaultArchivePath(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const override = env.GALLEY_ARCHIVE?.trim();
  if (override) return override;
  if (platform === 'win32') {
    const base = env.APPDATA?.trim() || win32.join(home, 'AppData', 'Roaming');
    return win32.join(base, 'Galley', ARCHIVE_FILE_NAME);
  }
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', 'Galley', ARCHIVE_FILE_NAME);
  const xdg = env.XDG_DATA_HOME?.trim();
  const base = xdg && posix.isAbsolute(xdg) ? xdg : posix.join(home, '.local', 'share');
  return posix.join(base, 'Galley', ARCHIVE_FILE_NAME);
}

/**
 * Where earlier Galley versions put their default archive: `galley serve` / `npm start` used
 * ~/.galley/archive.db, and the Electron host used its userData folder (Electron's `userData` is
 * ~/.config/Galley on Linux, ~/Library/Application Support/Galley on macOS, %APPDATA%\Galley on
 * Windows). They are looked for only when the default archive does not exist yet.
 */
export function legacyArchivePaths(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string[] {
  const paths = [posix.join(home, '.galley', 'archive.db')];
  if (platform === 'win32') {
    const base = env.APPDATA?.trim() || win32.join(home, 'AppData', 'Roaming');
    return [win32.join(home, '.galley', 'archive.db'), win32.join(base, 'Galley', 'archive.db')];
  }
  if (platform === 'darwin') paths.push(posix.join(home, 'Library', 'Application Support', 'Galley', 'archive.db'));
  else {
    const xdg = env.XDG_CONFIG_HOME?.trim();
    paths.push(posix.join(xdg && posix.isAbsolute(xdg) ? xdg : posix.join(home, '.config'), 'Galley', 'archive.db'));
  }
  return paths;
}
