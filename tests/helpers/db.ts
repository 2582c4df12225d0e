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
  /** The database's name on its server, or the SQLite file. */
  name: string;
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

type Query = (sql: string, params?: unknown[]) => Promise<any[]>;

/**
 * Runs `use` on one connection to a server database (`database`, else the server's admin database),
 * closed afterwards; `query` answers the rows.
 */
const onServer = async <T>(client: 'postgres' | 'mysql', database: string | null, use: (query: Query) => Promise<T>): Promise<T> => {
  const s = serverEnv(client);
  if (client === 'postgres') {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { Client } = require('pg');
    const c = new Client({ host: s.host, port: s.port, user: s.user, password: s.password, database: database ?? s.adminDb });
    await c.connect();
    try {
      return await use(async (sql, params) => (await c.query(sql, params)).rows);
    } finally {
      await c.end();
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const mysql = require('mysql2/promise');
  const c = await mysql.createConnection({ host: s.host, port: s.port, user: s.user, password: s.password, ...(database ? { database } : {}) });
  try {
    return await use(async (sql, params) => (await c.query(sql, params))[0]);
  } finally {
    await c.end();
  }
};

/** Runs one administrative statement against the server (outside the test database). */
export const adminQuery = async (client: DbClient, sql: string) => {
  if (client !== 'sqlite') await onServer(client, null, (query) => query(sql));
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

/**
 * The template every test database starts from, when the run has one (tests/global-setup.ts): a
 * database the playground has booted on once, so that each file's boot finds Strapi's tables in place
 * instead of creating them (3–4 s of DDL per boot on PostgreSQL and MariaDB). A SQLite file, or a
 * database name on the server.
 */
export const TEMPLATE_ENV = 'UC_TEST_TEMPLATE';

/** MariaDB has no CREATE DATABASE ... TEMPLATE: the template's tables, keys and rows, copied. */
const copyMysqlDatabase = (from: string, to: string) =>
  onServer('mysql', to, async (query) => {
    const tables = await query("SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'", [from]);
    await query('SET FOREIGN_KEY_CHECKS = 0');
    for (const { name } of tables) {
      const [shown] = await query(`SHOW CREATE TABLE \`${from}\`.\`${name}\``);
      await query(shown['Create Table']);
      await query(`INSERT INTO \`${name}\` SELECT * FROM \`${from}\`.\`${name}\``);
    }
    // The plugin's triggers are not copied: its bootstrap creates every one that is missing.
  });

/**
 * Makes a booted database a template: the plugin's own rows and triggers go (its tables are named
 * `uc_…`; its plugin-store entries too), Strapi's tables and first-boot rows stay. A boot on a copy is
 * then the plugin's first start on a database whose schema Strapi has already synced: it creates its
 * triggers, chain head and start-up checkpoint itself, ids from 1.
 */
export const emptyPluginData = async (db: TestDatabase) => {
  const STORE = "DELETE FROM strapi_core_store_settings WHERE `key` LIKE 'plugin\\_user-consent\\_%'";
  if (db.client === 'sqlite') {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const Database = require('better-sqlite3');
    const d = new Database(db.name);
    try {
      for (const { name } of d.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all()) d.exec(`DROP TRIGGER "${name}"`);
      // Tables and virtual tables (the FTS5 dictionary), never an FTS5 table's shadow tables.
      const tables = d.prepare("PRAGMA table_list").all().filter((t: any) => (t.type === 'table' || t.type === 'virtual') && t.schema === 'main' && t.name.startsWith('uc_'));
      for (const { name } of tables) d.exec(`DELETE FROM "${name}"`);
      if (d.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get()) d.exec("DELETE FROM sqlite_sequence WHERE name LIKE 'uc\\_%' ESCAPE '\\'");
      d.exec(`${STORE.replace(/`/g, '"')} ESCAPE '\\'`);
    } finally {
      d.close();
    }
    return;
  }
  if (db.client === 'postgres') {
    await onServer('postgres', db.name, async (query) => {
      const triggers = await query('SELECT t.tgname AS name, c.relname AS tbl FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal');
      for (const { name, tbl } of triggers) await query(`DROP TRIGGER "${name}" ON "${tbl}"`);
      const tables = await query("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'uc\\_%'");
      if (tables.length) await query(`TRUNCATE ${tables.map((t) => `"${t.name}"`).join(', ')} RESTART IDENTITY CASCADE`);
      await query(STORE.replace(/`/g, '"'));
    });
    return;
  }
  await onServer('mysql', db.name, async (query) => {
    const triggers = await query('SELECT TRIGGER_NAME AS name FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()');
    for (const { name } of triggers) await query(`DROP TRIGGER \`${name}\``);
    const tables = await query("SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME LIKE 'uc\\_%'");
    await query('SET FOREIGN_KEY_CHECKS = 0');
    for (const { name } of tables) await query(`TRUNCATE TABLE \`${name}\``);
    await query(STORE);
  });
};

/**
 * A new database for one test file: empty with `fresh`, else a copy of the run's template if it has
 * one (what the playground leaves after its first boot: Strapi's tables, no admin, no content).
 */
export const createTestDatabase = async ({ fresh = false }: { fresh?: boolean } = {}): Promise<TestDatabase> => {
  const client = dbClient();
  const template = fresh ? '' : process.env[TEMPLATE_ENV] || '';
  const name = `uc_t_${Date.now().toString(36)}_${crypto.randomBytes(4).toString('hex')}`;
  if (client === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(sqliteParent(), 'uc-test-'));
    const file = path.join(dir, 'data.db');
    if (template) fs.copyFileSync(template, file);
    return {
      client,
      name: file,
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const s = serverEnv(client);
  if (client === 'postgres') {
    await adminQuery(client, template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`);
    // A commit returns before its WAL reaches the disk (this database only): what other sessions see
    // is the same, only a crash of the server could lose the last commits. Tests that restart the
    // server under load (tests/hostile) keep every commit durable (UC_TEST_DURABLE=1).
    if (process.env.UC_TEST_DURABLE !== '1') await adminQuery(client, `ALTER DATABASE "${name}" SET synchronous_commit = off`);
  } else {
    await adminQuery(client, `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    if (template) await copyMysqlDatabase(template, name);
  }
  return {
    client,
    name,
    env: baseEnv(client, name, s),
    drop: async () => {
      if (process.env.KEEP_TEST_DB) return;
      if (client === 'postgres') await adminQuery(client, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      else await adminQuery(client, `DROP DATABASE IF EXISTS \`${name}\``);
    },
  };
};
