// A throwaway PostgreSQL cluster for tests and benches: Debian's `postgresql` binaries, `initdb` in a
// temporary folder as an unprivileged user, listening on a Unix socket in that folder only (no TCP
// port at all), stopped and removed at the end. Nothing here touches the machine's own clusters.
//
// Where the binaries are missing, `findPostgres()` returns null with the one line naming the
// package; tests skip with that line locally, and fail in CI (CI=true), where .ci/run installs it.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export const POSTGRES_MISSING = 'PostgreSQL is not installed: install the Debian package "postgresql".';

/** The folder holding initdb, pg_ctl and postgres, or null. */
export function findPostgres(): string | null {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  // Debian links initdb into the PATH from /usr/lib/postgresql/N/bin, where createdb and pg_ctl sit too.
  if (onPath && existsSync(onPath)) return join(realpathSync(onPath), '..');
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], 'bin') : null;
}

export interface PostgresCluster {
  /** A connection string for the `pg` driver (Unix socket, database "galley"). */
  url: string;
  /** The socket folder (also the `host` for the driver). */
  socketDir: string;
  stop(): void;
}

/** The unprivileged account to run the server as when we are root (initdb refuses root). */
function serverAccount(): { uid: number; gid: number; name: string } | null {
  if (userInfo().uid !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    if (r.status === 0) {
      const gid = Number(spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout.trim());
      return { uid: Number(r.stdout.trim()), gid, name };
    }
  }
  throw new Error('running as root and no unprivileged account (postgres or nobody) to run PostgreSQL as');
}

/** Starts a fresh cluster; the caller must call stop() (in afterAll). */
export function startPostgresCluster(): PostgresCluster {
  const bin = findPostgres();
  if (!bin) throw new Error(POSTGRES_MISSING);
  const dir = mkdtempSync(join(tmpdir(), 'galley-pg-'));
  const data = join(dir, 'data');
  const account = serverAccount();
  if (account) {
    chownSync(dir, account.uid, account.gid);
    chmodSync(dir, 0o700);
  }
  // As root, setpriv drops to the unprivileged account for every program; otherwise we run directly.
  const run = (program: string, args: string[]) =>
    account
      ? execFileSync('setpriv', [`--reuid=${account.uid}`, `--regid=${account.gid}`, '--clear-groups', join(bin, program), ...args], { cwd: dir, stdio: 'pipe', encoding: 'utf8' })
      : execFileSync(join(bin, program), args, { cwd: dir, stdio: 'pipe', encoding: 'utf8' });
  run('initdb', ['-D', data, '-U', 'galley', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
  // No TCP (listen_addresses=''), the socket in our own folder; fsync off: a throwaway cluster.
  const options = `-c listen_addresses='' -c unix_socket_directories='${dir}' -c fsync=off -c full_page_writes=off -c max_connections=60`;
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    run('createdb', ['-h', dir, '-U', 'galley', 'galley']);
  } catch (e) {
    stop();
    throw e;
  }
  return { url: `postgresql://galley@/galley?host=${encodeURIComponent(dir)}`, socketDir: dir, stop };
}
