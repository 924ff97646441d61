// Import failures as the importer reports them per file: the file name is shown beside the error,
// so the error need not repeat it.

/** An import failure without the file name repeated ("empty.txt: empty.txt: file is empty"). */
export function importFailureText(source: string, error: string): string {
  let e = error.trim();
  const base = source.split(/[\\/]/).pop() ?? source;
  for (const name of [source, base]) {
    while (e.startsWith(`${name}: `)) e = e.slice(name.length + 2);
  }
  return e;
}
