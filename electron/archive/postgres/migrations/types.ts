import type pg from 'pg';

/**
 * One numbered schema change of the PostgreSQL archive (a list of its own, not the SQLite one).
 * `up` runs inside a transaction together with its row in schema_migrations.
 */
export interface PgMigration {
  version: number;
  name: string;
  up(client: pg.ClientBase): Promise<void>;
}
