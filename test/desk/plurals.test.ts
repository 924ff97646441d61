// Issue 14: English has no "Tag 1 items". Every English string that counts something is rendered
// with 1 and with 2, and must not say "1 <plural>" (nor "2 <singular>" for the nouns we count).
import { describe, expect, it } from 'vitest';
import { testI18n as i18n } from '../support/i18n.ts';
import { STRINGS } from '../../shared/i18n.ts';

/** Keys (dotted, plural suffix taken off) of every English string that interpolates {{count}}. */
function countedKeys(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return node.includes('{{count}}') ? [prefix.replace(/_(zero|one|two|few|many|other)$/, '')] : [];
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) => countedKeys(v, prefix ? `${prefix}.${k}` : k));
}

const NOUNS = ['item', 'issue', 'page', 'file', 'doubt', 'result', 'match', 'tag', 'term', 'revision', 'profile', 'user', 'conflict', 'change', 'line', 'error'];
const plural = (n: string) => (n.endsWith('ch') ? `${n}es` : `${n}s`);

describe('English counts agree with their number', () => {
  const keys = [...new Set(countedKeys(STRINGS.en))];

  it('finds the counted strings', () => {
    expect(keys.length).toBeGreaterThan(20);
    expect(keys).toContain('desk.bulk.title');
  });

  it.each(keys)('%s', (key) => {
    const one = i18n.t(key, { count: 1, lng: 'en' });
    const two = i18n.t(key, { count: 2, lng: 'en' });
    for (const n of NOUNS) {
      expect(one, one).not.toMatch(new RegExp(`\\b1 (\\S+ )?${plural(n)}\\b`));
      expect(two, two).not.toMatch(new RegExp(`\\b2 (\\S+ )?${n}\\b(?!s)`));
    }
  });
});
