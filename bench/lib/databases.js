'use strict';

// A fresh database per client for each run, and the PostgreSQL server's own connections.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { PG, SQLITE_DIR } = require('./options');
const { knexConfigOf } = require('./child');
const { trackDatabase } = require('./processes');
const { sleep } = require('./util');

const pgClient = async (connection) => {
  const { Client } = require('pg');
  const c = new Client(connection);
  await c.connect();
  return c;
};

/** One statement on the server's administrative database (create, drop, version). */
const pgAdmin = async (sql) => {
  const c = await pgClient({ host: PG.host, port: PG.port, user: PG.user, password: PG.password, database: PG.adminDb });
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
};

/**
 * A fresh database: a temp SQLite file, or a new PostgreSQL database (dropped at the end). `env` is
 * what the app and the bare server are given, `knexConfig` what the runner connects with (the same).
 */
const createDatabase = async (client) => {
  const name = `uc_bench_${Date.now().toString(36)}_${crypto.randomBytes(3).toString('hex')}`;
  if (client === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(SQLITE_DIR, 'uc-bench-'));
    const file = path.join(dir, 'data.db');
    const env = { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file };
    return trackDatabase({ client, name: file, file, env, knexConfig: knexConfigOf(env), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) });
  }
  await pgAdmin(`CREATE DATABASE "${name}"`);
  const env = {
    DATABASE_CLIENT: 'postgres',
    DATABASE_HOST: PG.host,
    DATABASE_PORT: String(PG.port),
    DATABASE_NAME: name,
    DATABASE_USERNAME: PG.user,
    DATABASE_PASSWORD: PG.password,
    DATABASE_SCHEMA: 'public',
  };
  const drop = async () => {
    // Retried: the server may be restarting (other jobs on this machine restart it in their tests).
    for (let attempt = 1; ; attempt += 1) {
      try {
        await pgAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        return;
      } catch (e) {
        if (attempt >= 20) throw e;
        await sleep(3000);
      }
    }
  };
  return trackDatabase({ client, name, env, knexConfig: knexConfigOf(env), drop });
};

/**
 * PostgreSQL: the server processes serving this database (the runner's own connection left out). A
 * separate connection, so that the runner's pool is not touched.
 */
const pgBackends = (db) => async () => {
  const c = await pgClient({ ...db.knexConfig.connection });
  try {
    const r = await c.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    return r.rows.map((x) => x.pid);
  } finally {
    await c.end();
  }
};

module.exports = { pgAdmin, createDatabase, pgBackends };
