// Where the archive lives when nobody says otherwise: one file in the user's data folder.
//   Linux/BSD: $XDG_DATA_HOME/Galley/archive.sqlite, else ~/.local/share/Galley/archive.sqlite
//   macOS:     ~/Library/Application Support/Galley/archive.sqlite
//   Windows:   %APPDATA%\Galley\archive.sqlite
// GALLEY_ARCHIVE overrides all of them (the CLI's --archive and the app's setting override that).
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const ARCHIVE_FILE_NAME = 'archive.sqlite';

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
