// Passwords: scrypt hash strings carry their parameters and a random salt, verify in constant
// time, refuse malformed or tampered strings and impossible costs, and never contain the password.
import { describe, expect, it } from 'vitest';
import { hashPassword, newPasswordSchema, parseHash, verifyPassword } from '../../electron/accounts/password.ts';

const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('password hashing', () => {
  it('hashes with a random salt and verifies the right password only', async () => {
    const a = await hashPassword('correct horse 马', FAST);
    const b = await hashPassword('correct horse 马', FAST);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('horse');
    expect(await verifyPassword('correct horse 马', a)).toBe(true);
    expect(await verifyPassword('correct horse 马', b)).toBe(true);
    expect(await verifyPassword('correct horse', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('uses the default cost (N = 2^15) when none is given', async () => {
    const h = await hashPassword('a long enough one');
    expect(h.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPassword('a long enough one', h)).toBe(true);
  });

  it('treats NFC and NFD spellings of the same password alike', async () => {
    const h = await hashPassword('Café-2024', FAST);
    expect(await verifyPassword('Cafe\u0301-2024', h)).toBe(true);
  });

  it('never matches a malformed, tampered or too costly hash string', async () => {
    const h = await hashPassword('password one', FAST);
    const parts = h.split('$');
    const key = Buffer.from(parts[5]!, 'base64url');
    key[0] = key[0]! ^ 1;
    const flipped = [...parts.slice(0, 5), key.toString('base64url')].join('$');
    expect(await verifyPassword('password one', flipped)).toBe(false);
    expect(parseHash('scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + parts[5])).toBeNull(); // N not a power of two
    expect(parseHash(`scrypt$${2 ** 24}$8$1$${parts[4]}$${parts[5]}`)).toBeNull(); // 16 GiB asked for
    expect(parseHash(`scrypt$1024$99$1$${parts[4]}$${parts[5]}`)).toBeNull();
    expect(parseHash('bcrypt$x')).toBeNull();
    expect(await verifyPassword('password one', 'password one')).toBe(false);
  });

  it('new passwords: 8 to 256 characters, not blank', () => {
    expect(newPasswordSchema.safeParse('short').success).toBe(false);
    expect(newPasswordSchema.safeParse('        ').success).toBe(false);
    expect(newPasswordSchema.safeParse('x'.repeat(257)).success).toBe(false);
    expect(newPasswordSchema.safeParse('长一点的密码口令').success).toBe(true);
  });
});
