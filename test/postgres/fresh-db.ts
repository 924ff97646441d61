// Test databases on one throwaway cluster: every call gives a new, empty database (CREATE
// DATABASE galley_N), so tests sharing a cluster never see each other's rows.
import pg from 'pg';
import type { PostgresCluster } from '../support/postgres-cluster.ts';

let counter = 0;

/** The connection string of a fresh database on the cluster. */
export async function freshDatabase(cluster: PostgresCluster): Promise<string> {
  const name = `galley_${process.pid}_${++counter}`;
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return `postgresql://galley@/${name}?host=${encodeURIComponent(cluster.socketDir)}`;
}
