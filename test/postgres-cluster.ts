import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresCluster {
  /** A URL to the "postgres" database, for creating per-test databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

/** Finds the PostgreSQL binaries: on PATH, else Debian's versioned folder. */
function findPgBin(name: string): string {
  const which = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  for (const version of ['17', '16', '15']) {
    const candidate = `/usr/lib/postgresql/${version}/bin/${name}`;
    if (spawnSync('test', ['-x', candidate]).status === 0) return candidate;
  }
  throw new Error(`PostgreSQL's ${name} was not found: install postgresql (15 or later) to run the storage tests`);
}

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a throw-away cluster in a temp folder (initdb --no-sync, trust auth, fsync off) on a free
 * loopback port. initdb refuses to run as root, so as root the cluster belongs to the postgres user.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const initdb = findPgBin('initdb');
  const pgCtl = findPgBin('pg_ctl');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'misura-pg-'));
  const dataDir = join(dir, 'data');
  const socketDir = dir;
  const run = (cmd: string, args: string[]): void => {
    const full = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] as const : [cmd, args] as const;
    execFileSync(full[0], full[1], { stdio: ['ignore', 'pipe', 'pipe'] });
  };
  if (asRoot) {
    const ids = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim();
    const gid = execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim();
    chownSync(dir, Number(ids), Number(gid));
  }
  run(initdb, ['--no-sync', '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '-D', dataDir]);
  const port = await findFreePort();
  const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  run(pgCtl, ['-D', dataDir, '-o', options, '-w', '-t', '30', '-l', join(dir, 'log.txt'), 'start']);
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      return Promise.resolve();
    },
  };
}
