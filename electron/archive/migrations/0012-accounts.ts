// 0012: accounts. A profile may have a password (issue 13 §2): `password_hash` holds the scrypt
// hash string written by electron/accounts/password.ts (`scrypt$N$r$p$salt$hash`, never the
// password), NULL for a profile without one; `disabled` = 1 refuses the profile's logins and its
// use by the command line while keeping its name in the history.
// Frozen: plain DDL, nothing imported from live code.
import type { Migration } from './types.ts';

export const migration: Migration = {
  version: 12,
  name: 'accounts',
  up(db) {
    db.exec(`
      ALTER TABLE profiles ADD COLUMN password_hash TEXT NULL CHECK (password_hash IS NULL OR password_hash LIKE 'scrypt$%');
      ALTER TABLE profiles ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));
    `);
  },
};
