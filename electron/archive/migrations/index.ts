// The ordered list of schema migrations; `migrate` brings a database up to date on open.
import type Database from 'better-sqlite3';
import type { Migration } from './types.ts';
import { migration as m0001 } from './0001-initial.ts';
import { migration as m0002 } from './0002-search.ts';
import { migration as m0003 } from './0003-stories.ts';
import { migration as m0004 } from './0004-search-index-v2.ts';
import { migration as m0005 } from './0005-review.ts';
import { migration as m0006 } from './0006-page-state-index.ts';
import { migration as m0007 } from './0007-page-images.ts';
import { migration as m0008 } from './0008-publication-profiles.ts';
import { migration as m0009 } from './0009-checksums.ts';
import { migration as m0010 } from './0010-search-index-batched.ts';
import { migration as m0011 } from './0011-audit-chain.ts';
import { migration as m0012 } from './0012-accounts.ts';
import { migration as m0013 } from './0013-replica.ts';
import { migration as m0014 } from './0014-item-sets.ts';
import { migration as m0015 } from './0015-lean-pages.ts';
import { migration as m0016 } from './0016-conflict-resolution.ts';
import { migration as m0017 } from './0017-lean-search-items.ts';
import { migration as m0018 } from './0018-lean-index-writes.ts';

export type { Migration } from './types.ts';

export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012, m0013, m0014, m0015, m0016, m0017, m0018];
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export class ArchiveVersionError extends Error {
  constructor(found: number) {
    super(
      `archive schema version ${found} is newer than this Galley understands (${LATEST_VERSION}); ` +
        'open it with a newer Galley',
    );
    this.name = 'ArchiveVersionError';
  }
}

/** Runs every migration above the database's user_version, each in its own transaction. */
export function migrate(db: Database.Database, upTo: number = LATEST_VERSION): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) throw new ArchiveVersionError(current);
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > upTo) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    applied.push(m.version);
  }
  return applied;
}
