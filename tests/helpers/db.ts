/**
 * One fresh database per test file: a temp SQLite file by default, or a new PostgreSQL / MariaDB
 * database on the server that DATABASE_CLIENT and the standard DATABASE_* variables name.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type DbClient = 'sqlite' | 'postgres' | 'mysql';

export interface TestDatabase {
  client: DbClient;
  /** Environment that makes the playground use this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export const dbClient = (): DbClient => {
  const c = (process.env.DATABASE_CLIENT || 'sqlite') as DbClient;
  if (!['sqlite', 'postgres', 'mysql'].includes(c)) throw new Error(`unsupported DATABASE_CLIENT ${c}`);
  return c;
};

const serverEnv = (client: DbClient) => ({
  host: process.env.DATABASE_HOST || '127.0.0.1',
  port: Number(process.env.DATABASE_PORT || (client === 'postgres' ? 5432 : 3306)),
  user: process.env.DATABASE_USERNAME || (client === 'postgres' ? 'postgres' : 'root'),
  password: process.env.DATABASE_PASSWORD || '',
  adminDb: process.env.DATABASE_ADMIN_NAME || (client === 'postgres' ? 'postgres' : 'test'),
});

const baseEnv = (client: DbClient, name: string, s: ReturnType<typeof serverEnv>) => ({
  DATABASE_CLIENT: client,
  DATABASE_HOST: s.host,
  DATABASE_PORT: String(s.port),
  DATABASE_NAME: name,
  DATABASE_USERNAME: s.user,
  DATABASE_PASSWORD: s.password,
});

/** Runs one administrative statement against the server (outside the test database). */
export const adminQuery = async (client: DbClient, sql: string) => {
  const s = serverEnv(client);
  if (client === 'postgres') {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { Client } = require('pg');
    const c = new Client({ host: s.host, port: s.port, user: s.user, password: s.password, database: s.adminDb });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  } else if (client === 'mysql') {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const mysql = require('mysql2/promise');
    const c = await mysql.createConnection({ host: s.host, port: s.port, user: s.user, password: s.password });
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  }
};

/**
 * Where the SQLite files go: UC_TEST_SQLITE_DIR, else /dev/shm where there is one (memory: a commit
 * waits for no disk, which halves a boot; SQLite behaves the same otherwise), else the temp dir.
 */
const sqliteParent = () => {
  if (process.env.UC_TEST_SQLITE_DIR) return process.env.UC_TEST_SQLITE_DIR;
  try {
    fs.accessSync('/dev/shm', fs.constants.W_OK);
    return '/dev/shm';
  } catch {
    return os.tmpdir();
  }
};

export const createTestDatabase = async (): Promise<TestDatabase> => {
  const client = dbClient();
  const name = `uc_t_${Date.now().toString(36)}_${crypto.randomBytes(4).toString('hex')}`;
  if (client === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(sqliteParent(), 'uc-test-'));
    const file = path.join(dir, 'data.db');
    return {
      client,
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const s = serverEnv(client);
  if (client === 'postgres') {
    await adminQuery(client, `CREATE DATABASE "${name}"`);
    // A commit returns before its WAL reaches the disk (this database only): what other sessions see
    // is the same, only a crash of the server could lose the last commits. Tests that restart the
    // server under load (tests/hostile) keep every commit durable (UC_TEST_DURABLE=1).
    if (process.env.UC_TEST_DURABLE !== '1') await adminQuery(client, `ALTER DATABASE "${name}" SET synchronous_commit = off`);
  } else {
    await adminQuery(client, `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  }
  return {
    client,
    env: baseEnv(client, name, s),
    drop: async () => {
      if (process.env.KEEP_TEST_DB) return;
      if (client === 'postgres') await adminQuery(client, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      else await adminQuery(client, `DROP DATABASE IF EXISTS \`${name}\``);
    },
  };
};
