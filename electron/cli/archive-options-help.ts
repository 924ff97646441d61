// The two help lines every archive command prints for choosing its archive, in one place so that
// the default path and the GALLEY_DB rule read the same in every `--help`. `column` is where the
// command's option descriptions start (each command aligns its own list).
import { defaultArchivePath } from '../archive/default-path.ts';

export function archiveOptionsHelp(column: number, what = 'the archive file'): string {
  const option = (name: string, text: string) => `  ${name.padEnd(column)}${text}\n`;
  return (
    option('--archive PATH', `${what} (default: ${defaultArchivePath()})`) +
    option('--db URL', 'a team archive on PostgreSQL (postgresql://…) instead; GALLEY_DB names either')
  );
}
