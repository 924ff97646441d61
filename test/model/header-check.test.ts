// The weight file's and the profile's headers are checked without zod (header-check.ts), so the
// engine loads no schema library; every field is still checked, with a message naming it.
import { describe, expect, it } from 'vitest';
import committed from '../../resources/model/line-roles-v1.json' with { type: 'json' };
import { loadModel, parseProfile, ModelFileError, PROFILE_SCHEMA } from '../../core/engine/model/index.ts';
import { array, int, literal, number, positive, string, strictObject } from '../../core/engine/model/header-check.ts';

const file = committed as unknown as Record<string, unknown>;

describe('the weight file header', () => {
  it('names the field that is wrong', () => {
    const bad = (patch: Record<string, unknown>): string => {
      try {
        loadModel({ ...file, ...patch });
      } catch (e) {
        expect(e).toBeInstanceOf(ModelFileError);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(bad({ version: '' })).toBe('not a galley.line-roles/2 weight file: version: must hold at least 1 character');
    expect(bad({ seed: 1.5 })).toBe('not a galley.line-roles/2 weight file: seed: expected an integer');
    expect(bad({ epochs: -1 })).toBe('not a galley.line-roles/2 weight file: epochs: must be 0 or more');
    expect(bad({ confidenceScale: 0 })).toBe('not a galley.line-roles/2 weight file: confidenceScale: must be positive');
    expect(bad({ transitions: [1, 2] })).toMatch(/transitions: must hold exactly 1056 items$/);
    expect(bad({ transitions: (file.transitions as number[]).map((v, k) => (k === 7 ? 'x' : v)) })).toMatch(/transitions\.7: expected number$/);
    expect(bad({ labels: 'masthead' })).toMatch(/labels: expected array$/);
    expect(bad({ weightBytes: 3 })).toMatch(/weightBytes: expected 2 or 4$/);
    expect(bad({ checksum: 7 })).toMatch(/checksum: expected string$/);
    expect(bad({ extra: true })).toMatch(/\(root\): unrecognized key: "extra"$/);
    const { features: _features, ...noFeatures } = file;
    expect(() => loadModel(noFeatures)).toThrow(/features: expected string$/);
    expect(() => loadModel(null)).toThrow(/\(root\): expected object$/);
  });
});

describe('the profile header', () => {
  const profile = { schema: PROFILE_SCHEMA, publication: '衡阳日报', baseVersion: 'v3', featureSetHash: 'abc', pages: 2, transitions: [3, 0.5], rows: { 'k@0': [1, 0.25] } };

  it('accepts a well-formed profile as it is', () => {
    expect(parseProfile(profile)).toBe(profile);
  });

  it('names the field that is wrong', () => {
    expect(() => parseProfile({ ...profile, publication: '' })).toThrow('not a galley.profile/1 file: publication: must hold at least 1 character');
    expect(() => parseProfile({ ...profile, transitions: [3] })).toThrow('transitions: must hold index/delta pairs');
    expect(() => parseProfile({ ...profile, rows: { a: [1, 'x'] } })).toThrow('rows.a.1: expected number');
    expect(() => parseProfile({ ...profile, rows: [] })).toThrow('rows: expected record');
    expect(() => parseProfile({ ...profile, pages: 2.5 })).toThrow('pages: expected an integer');
    expect(() => parseProfile({ schema: PROFILE_SCHEMA })).toThrow(ModelFileError);
  });
});

describe('the checks themselves', () => {
  it('refuse what zod refused', () => {
    expect(number(Number.NaN, 'x')).toBe('x: expected number');
    expect(number(Infinity, 'x')).toBe('x: expected number');
    expect(int(0)(3, 'x')).toBeNull();
    expect(positive(-1, 'x')).toBe('x: must be positive');
    expect(string(1)('a', 'x')).toBeNull();
    expect(literal('a')('b', 'x')).toBe('x: expected "a"');
    expect(array(number, 2)([1, 2], 'x')).toBeNull();
    expect(strictObject({ a: 1, b: 2, c: 3 }, { a: number })).toBe('(root): unrecognized keys: "b", "c"');
  });
});
