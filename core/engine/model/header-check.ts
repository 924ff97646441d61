// Checks of the weight file's and the profile's small headers, written out instead of with zod:
// the engine is loaded by every `galley segment` and import worker, and zod's module (~65 ms to
// compile at start-up) was there only for these few fields. Each check returns the first problem
// as "path: message" (as the zod schemas reported it), or null.

export type Problem = string | null;

type Check = (value: unknown, path: string) => Problem;

const at = (path: string, message: string): string => `${path || '(root)'}: ${message}`;

export const string = (min = 0): Check => (v, path) =>
  typeof v !== 'string' ? at(path, 'expected string') : v.length < min ? at(path, `must hold at least ${min} character`) : null;

export const number: Check = (v, path) => (typeof v !== 'number' || !Number.isFinite(v) ? at(path, 'expected number') : null);

export const int = (min = -Infinity): Check => (v, path) =>
  number(v, path) ?? (!Number.isInteger(v) ? at(path, 'expected an integer') : (v as number) < min ? at(path, `must be ${min} or more`) : null);

export const positive: Check = (v, path) => number(v, path) ?? ((v as number) <= 0 ? at(path, 'must be positive') : null);

export const literal = (...values: readonly unknown[]): Check => (v, path) =>
  values.includes(v) ? null : at(path, `expected ${values.map((x) => JSON.stringify(x)).join(' or ')}`);

export const array = (item: Check, length?: number): Check => (v, path) => {
  if (!Array.isArray(v)) return at(path, 'expected array');
  if (length !== undefined && v.length !== length) return at(path, `must hold exactly ${length} items`);
  for (let k = 0; k < v.length; k++) {
    const p = item(v[k], `${path}.${k}`);
    if (p) return p;
  }
  return null;
};

/** An object with exactly these keys (unknown keys refused, as zod's strictObject does). */
export function strictObject(value: unknown, shape: Readonly<Record<string, Check>>): Problem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return at('', 'expected object');
  for (const [key, check] of Object.entries(shape)) {
    const p = check((value as Record<string, unknown>)[key], key);
    if (p) return p;
  }
  const extra = Object.keys(value).filter((k) => !Object.hasOwn(shape, k));
  return extra.length ? at('', `unrecognized key${extra.length > 1 ? 's' : ''}: ${extra.map((k) => `"${k}"`).join(', ')}`) : null;
}
