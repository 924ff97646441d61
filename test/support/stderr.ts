// A command's stderr, less the archive's slow-query lines. The archive logs every query over 50 ms by
// design (electron/archive/db.ts), and a loaded CI machine makes some; a test that wants a command
// to print no error must not fail on those, and must still fail on anything else.
const SLOW_QUERY = /^\[archive\] slow query [\w.]+: [\d.]+ ms$/;

/** The stderr lines that are not slow-query reports (empty when the command printed no error). */
export function stderrBesidesSlowQueries(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line !== '' && !SLOW_QUERY.test(line));
}
