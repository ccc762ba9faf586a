import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Requirement } from './requirement.js';

/** A PostgreSQL server for a test suite: `$DATABASE_URL` when set, else a throwaway one started here. */
export interface TestPostgres {
  url: string;
  /** Stops and removes a server this helper started; a no-op for `$DATABASE_URL`. */
  stop(): void;
  /**
   * Restarts a server this helper started (`pg_ctl restart -m fast`: every connection is dropped), on the same
   * port and data folder; throws for `$DATABASE_URL`, a server the tests may not restart.
   */
  restart(): void;
}

/** The server's binaries looked for: DROPLINE_TEST_PG_BIN when set (a folder holding initdb and pg_ctl), else PATH and /usr/lib/postgresql. */
const BIN_OVERRIDE = process.env.DROPLINE_TEST_PG_BIN;

const INSTALL_HINT = BIN_OVERRIDE
  ? `no initdb and pg_ctl in DROPLINE_TEST_PG_BIN=${BIN_OVERRIDE}: install the Debian postgresql package (apt-get install postgresql) or set DATABASE_URL to a server the tests may use`
  : 'no initdb and pg_ctl on PATH or in /usr/lib/postgresql/*/bin: install the Debian postgresql package (apt-get install postgresql) or set DATABASE_URL to a server the tests may use';

/** Tests that start a PostgreSQL server (or use DATABASE_URL): skipped outside CI when there is none, required in CI. */
export const NEEDS_POSTGRES: Requirement = {
  what: 'PostgreSQL',
  requiredInCi: true,
  missing: () => (process.env.DATABASE_URL || binDir() !== null ? null : INSTALL_HINT),
};

/** The folder holding initdb and pg_ctl, or null. */
function binDir(): string | null {
  if (BIN_OVERRIDE !== undefined) return existsSync(join(BIN_OVERRIDE, 'pg_ctl')) && existsSync(join(BIN_OVERRIDE, 'initdb')) ? BIN_OVERRIDE : null;
  const onPath = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).stdout.trim();
  if (onPath && existsSync(join(onPath, '..', 'initdb'))) return join(onPath, '..');
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest === undefined ? null : join(root, newest, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL binary; as root, as the `postgres` user (PostgreSQL refuses to run as root). */
function runPg(bin: string, tool: string, args: string[], asPostgres: boolean): void {
  const [command, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
  const r = spawnSync(command, argv as string[], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${tool} failed (exit ${r.status}): ${r.stderr || r.stdout || r.error?.message}`);
}

const running = new Set<() => void>();
process.on('exit', () => {
  for (const stop of running) stop();
});

/** Starts (or finds) the server. Fails when PostgreSQL is not installed: wrap the tests in describeNeeding(NEEDS_POSTGRES, ...). */
export async function startPostgres(): Promise<TestPostgres> {
  if (process.env.DATABASE_URL)
    return {
      url: process.env.DATABASE_URL,
      stop: () => undefined,
      restart: () => {
        throw new Error('this test restarts PostgreSQL and DATABASE_URL names a server it may not restart: unset DATABASE_URL to let the tests start their own');
      },
    };
  const bin = binDir();
  if (bin === null) throw new Error(`PostgreSQL is needed by these tests and was not found: ${INSTALL_HINT}`);
  const asPostgres = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'dropline-pg-'));
  if (asPostgres) {
    const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim()));
    chownSync(dir, uid!, gid!);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  let started = false;
  const stop = (): void => {
    running.delete(stop);
    if (started)
      spawnSync(asPostgres ? 'runuser' : join(bin, 'pg_ctl'), [...(asPostgres ? ['-u', 'postgres', '--', join(bin, 'pg_ctl')] : []), '-D', data, '-m', 'immediate', '-w', 'stop'], {
        stdio: 'ignore',
      });
    rmSync(dir, { recursive: true, force: true });
  };
  running.add(stop);
  const settings = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const pgCtl = (action: string, ...extra: string[]): void =>
    runPg(bin, 'pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', settings, '-w', '-t', '60', ...extra, action], asPostgres);
  try {
    runPg(bin, 'initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions'], asPostgres);
    pgCtl('start');
    started = true;
  } catch (err) {
    stop();
    throw err;
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop, restart: () => pgCtl('restart', '-m', 'fast') };
}

/** Runs one query on its own connection. */
export async function query<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A schema name no other test uses (the tables of one test go in it). */
export function uniqueSchema(): string {
  return `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/** A URL of this server with nothing listening: the port of a server started and stopped at once. */
export async function unreachableUrl(): Promise<string> {
  return `postgres://postgres@127.0.0.1:${await freePort()}/postgres`;
}
