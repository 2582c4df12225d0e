import type { Core } from '@strapi/strapi';
import { UIDS } from '../pluginId';
import { IMMUTABLE, TRIGGER_PREFIX } from './messages';

/**
 * Database triggers: the last line of defence, for paths that bypass Strapi entirely (raw SQL, knex,
 * another program on the same database). Installed at every bootstrap, after Strapi's schema sync
 * (which may rebuild a table and drop its triggers), idempotently and safely from several processes.
 */
export const PROTECTED = [
  { uid: UIDS.consent, message: IMMUTABLE.consent },
  { uid: UIDS.agreementVersion, message: IMMUTABLE['agreement-version'] },
] as const;

const triggerName = (table: string, op: 'update' | 'delete' | 'truncate') => `${table}_uc_no_${op}`;

export const triggerNames = (table: string, client: string) =>
  client === 'postgres' ? [triggerName(table, 'update'), triggerName(table, 'delete'), triggerName(table, 'truncate')] : [triggerName(table, 'update'), triggerName(table, 'delete')];

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

export const installTriggers = async (strapi: Core.Strapi) => {
  const knex = strapi.db.connection;
  const client = strapi.db.dialect.client;
  for (const { uid, message } of PROTECTED) {
    const table = strapi.db.metadata.get(uid).tableName;
    const text = `${TRIGGER_PREFIX}: ${message}`;
    if (client === 'sqlite') {
      for (const op of ['update', 'delete'] as const) {
        await knex.raw(
          `CREATE TRIGGER IF NOT EXISTS ${triggerName(table, op)} BEFORE ${op.toUpperCase()} ON ${table} BEGIN SELECT RAISE(ABORT, ${sqlString(text)}); END`
        );
      }
    } else if (client === 'postgres') {
      const fn = `${table}_uc_refuse`;
      // One function per table so the message names what was refused. CREATE OR REPLACE and
      // DROP ... IF EXISTS make this safe to repeat; a transaction keeps concurrent boots apart.
      await knex.transaction(async (trx) => {
        await trx.raw('SELECT pg_advisory_xact_lock(727560)');
        await trx.raw(
          `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION ${sqlString(text)} USING ERRCODE = 'P0001'; END $$`
        );
        for (const op of ['update', 'delete'] as const) {
          await trx.raw(`DROP TRIGGER IF EXISTS ${triggerName(table, op)} ON ${table}`);
          await trx.raw(`CREATE TRIGGER ${triggerName(table, op)} BEFORE ${op.toUpperCase()} ON ${table} FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
        }
        await trx.raw(`DROP TRIGGER IF EXISTS ${triggerName(table, 'truncate')} ON ${table}`);
        await trx.raw(`CREATE TRIGGER ${triggerName(table, 'truncate')} BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      });
    } else {
      // MySQL / MariaDB: SIGNAL SQLSTATE '45000' with our message; a trigger that already exists is kept.
      for (const op of ['update', 'delete'] as const) {
        const name = triggerName(table, op);
        const [rows] = await knex.raw('SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() AND TRIGGER_NAME = ?', [name]);
        if ((rows as unknown[]).length) continue;
        try {
          await knex.raw(`CREATE TRIGGER ${name} BEFORE ${op.toUpperCase()} ON ${table} FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = ${sqlString(text.slice(0, 128))}`);
        } catch (e) {
          // Another process created it between our check and our CREATE.
          if (!/already exists/i.test(String((e as Error).message))) throw e;
        }
      }
    }
  }
};

/** Which of the expected triggers exist now (for the tests and the integrity report). */
export const listTriggers = async (strapi: Core.Strapi) => {
  const knex = strapi.db.connection;
  const client = strapi.db.dialect.client;
  const names: string[] = [];
  for (const { uid } of PROTECTED) {
    const table = strapi.db.metadata.get(uid).tableName;
    names.push(...triggerNames(table, client));
  }
  let present: string[];
  if (client === 'sqlite') {
    present = (await knex('sqlite_master').where({ type: 'trigger' }).select('name')).map((r: any) => r.name);
  } else if (client === 'postgres') {
    present = (await knex.raw('SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal')).rows.map((r: any) => r.name);
  } else {
    const [rows] = await knex.raw('SELECT TRIGGER_NAME AS name FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()');
    present = (rows as any[]).map((r) => r.name);
  }
  return { expected: names, missing: names.filter((n) => !present.includes(n)) };
};
