import type { Core } from '@strapi/strapi';
import { UIDS } from '../pluginId';
import { IMMUTABLE, AGREEMENT_HAS_CONSENTS, FORM_HAS_CONSENTS, FORM_KEY_IN_USE } from '../rules';
import type { RuleCode } from '../../../shared/contracts/constants';
import { TRIGGER_PREFIX } from './messages';
import { CHECKPOINT_TABLE } from '../events/ddl';

/**
 * Database triggers: the last line of defence, for paths that bypass Strapi entirely (raw SQL, knex,
 * another program on the same database). Installed at every bootstrap, after Strapi's schema sync
 * (which may rebuild a table and drop its triggers), idempotently and safely from several processes.
 *
 * Two kinds: PROTECTED tables refuse every update and delete (the append-only proof); GUARDED rules
 * refuse a change only when a condition holds (a form or an agreement that consents refer to). A
 * guarded trigger's message carries its rule's code, so that a refusal only the database caught
 * reaches an HTTP client as the rule's own error (guards/index.ts refusalsMiddleware).
 */
export const PROTECTED = [
  { uid: UIDS.consent, message: IMMUTABLE.consent },
  { uid: UIDS.agreementVersion, message: IMMUTABLE['agreement-version'] },
] as const;

/** Append-only tables the plugin creates itself (no content type): refused like PROTECTED. */
export const PROTECTED_TABLES = [{ table: CHECKPOINT_TABLE, message: IMMUTABLE.checkpoint }] as const;

/** Every append-only table with its refusal message. */
const protectedTables = (strapi: Core.Strapi) => [
  ...PROTECTED.map(({ uid, message }) => ({ table: strapi.db.metadata.get(uid).tableName, message: message as string })),
  ...PROTECTED_TABLES.map(({ table, message }) => ({ table, message: message as string })),
];

const triggerName = (table: string, op: 'update' | 'delete' | 'truncate') => `${table}_uc_no_${op}`;

export const triggerNames = (table: string, client: string) =>
  client === 'postgres' ? [triggerName(table, 'update'), triggerName(table, 'delete'), triggerName(table, 'truncate')] : [triggerName(table, 'update'), triggerName(table, 'delete')];

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

type Knex = Core.Strapi['db']['connection'];

/** A rule a trigger checks: refuse `op` on the table of `uid` when `exists` finds a row. */
interface Guard {
  uid: string;
  op: 'update' | 'delete';
  code: RuleCode;
  message: string;
  /** Only when this column changes (updates). */
  column?: string;
  /** The other table and column that must not refer to OLD.<ownColumn>. */
  refers: { uid: string; column: string; ownColumn: string };
}

export const GUARDS: Guard[] = [
  { uid: UIDS.form, op: 'delete', code: 'form-has-consents', message: FORM_HAS_CONSENTS, refers: { uid: UIDS.consent, column: 'formKey', ownColumn: 'key' } },
  {
    uid: UIDS.form,
    op: 'update',
    column: 'key',
    code: 'form-key-in-use',
    message: `${FORM_KEY_IN_USE[0].toUpperCase()}${FORM_KEY_IN_USE.slice(1)}.`,
    refers: { uid: UIDS.consent, column: 'formKey', ownColumn: 'key' },
  },
  { uid: UIDS.agreement, op: 'delete', code: 'agreement-has-consents', message: AGREEMENT_HAS_CONSENTS, refers: { uid: UIDS.consent, column: 'agreementId', ownColumn: 'id' } },
];

const guardName = (table: string, op: 'update' | 'delete' | 'truncate') => `${table}_uc_guard_${op}`;

/** The names of the guard triggers on a dialect (PostgreSQL adds one TRUNCATE trigger per table). */
export const guardTriggerNames = (strapi: Core.Strapi) => {
  const client = strapi.db.dialect.client;
  const names = new Set<string>();
  for (const g of GUARDS) {
    const table = strapi.db.metadata.get(g.uid).tableName;
    names.add(guardName(table, g.op));
    if (client === 'postgres') names.add(guardName(table, 'truncate'));
  }
  return [...names];
};

const columnOf = (strapi: Core.Strapi, uid: string, attribute: string): string => {
  if (attribute === 'id') return 'id';
  const attr = strapi.db.metadata.get(uid).attributes[attribute] as { columnName?: string } | undefined;
  if (!attr?.columnName) throw new Error(`user-consent: ${uid} has no column for ${attribute}`);
  return attr.columnName;
};

const installProtected = async (strapi: Core.Strapi, knex: Knex, client: string) => {
  for (const { table, message } of protectedTables(strapi)) {
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
        await createMysqlTrigger(knex, triggerName(table, op), `BEFORE ${op.toUpperCase()} ON ${table} FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = ${sqlString(text.slice(0, 128))}`);
      }
    }
  }
};

const createMysqlTrigger = async (knex: Knex, name: string, definition: string) => {
  const [rows] = await knex.raw('SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() AND TRIGGER_NAME = ?', [name]);
  if ((rows as unknown[]).length) return;
  try {
    await knex.raw(`CREATE TRIGGER ${name} ${definition}`);
  } catch (e) {
    // Another process created it between our check and our CREATE.
    if (!/already exists/i.test(String((e as Error).message))) throw e;
  }
};

/**
 * The conditional triggers, one per guard, in each dialect's form: SQLite `WHEN EXISTS (...)`,
 * PostgreSQL a plpgsql function (and a TRUNCATE trigger, which row triggers do not see), MySQL and
 * MariaDB `IF EXISTS (...) THEN SIGNAL`.
 */
const installGuards = async (strapi: Core.Strapi, knex: Knex, client: string) => {
  const q = (name: string) => (client === 'mysql' ? `\`${name}\`` : `"${name}"`);
  const truncates = new Map<string, string[]>();
  for (const g of GUARDS) {
    const table = strapi.db.metadata.get(g.uid).tableName;
    const other = strapi.db.metadata.get(g.refers.uid).tableName;
    const refCol = columnOf(strapi, g.refers.uid, g.refers.column);
    const own = columnOf(strapi, g.uid, g.refers.ownColumn);
    const name = guardName(table, g.op);
    const text = `${TRIGGER_PREFIX}: ${g.code}: ${g.message}`;
    const exists = `EXISTS (SELECT 1 FROM ${q(other)} WHERE ${q(refCol)} = OLD.${q(own)})`;
    const changed = g.column ? columnOf(strapi, g.uid, g.column) : null;
    if (client === 'postgres') {
      const list = truncates.get(table) ?? [];
      list.push(`EXISTS (SELECT 1 FROM ${q(other)} WHERE ${q(refCol)} IS NOT NULL)`);
      truncates.set(table, list);
    }
    if (client === 'sqlite') {
      const when = changed ? `OLD.${q(changed)} IS NOT NEW.${q(changed)} AND ${exists}` : exists;
      const on = changed ? `UPDATE OF ${q(changed)}` : g.op.toUpperCase();
      await knex.raw(`CREATE TRIGGER IF NOT EXISTS ${name} BEFORE ${on} ON ${q(table)} FOR EACH ROW WHEN ${when} BEGIN SELECT RAISE(ABORT, ${sqlString(text)}); END`);
    } else if (client === 'postgres') {
      await knex.transaction(async (trx) => {
        await trx.raw('SELECT pg_advisory_xact_lock(727560)');
        await trx.raw(
          `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF ${exists} THEN RAISE EXCEPTION ${sqlString(text)} USING ERRCODE = 'P0001'; END IF; RETURN ${g.op === 'delete' ? 'OLD' : 'NEW'}; END $$`
        );
        await trx.raw(`DROP TRIGGER IF EXISTS ${name} ON ${q(table)}`);
        const on = changed ? `UPDATE OF ${q(changed)}` : g.op.toUpperCase();
        const when = changed ? ` WHEN (OLD.${q(changed)} IS DISTINCT FROM NEW.${q(changed)})` : '';
        await trx.raw(`CREATE TRIGGER ${name} BEFORE ${on} ON ${q(table)} FOR EACH ROW${when} EXECUTE FUNCTION ${name}()`);
      });
    } else {
      const condition = changed ? `NOT (OLD.${q(changed)} <=> NEW.${q(changed)}) AND ${exists}` : exists;
      await createMysqlTrigger(
        knex,
        name,
        `BEFORE ${g.op.toUpperCase()} ON ${q(table)} FOR EACH ROW BEGIN IF ${condition} THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = ${sqlString(text.slice(0, 128))}; END IF; END`
      );
    }
  }
  // PostgreSQL: TRUNCATE skips row triggers; refuse it while anything refers to the table.
  for (const [table, conditions] of truncates) {
    const name = guardName(table, 'truncate');
    const code = GUARDS.find((g) => strapi.db.metadata.get(g.uid).tableName === table && g.op === 'delete')!;
    const text = `${TRIGGER_PREFIX}: ${code.code}: ${code.message}`;
    await knex.transaction(async (trx) => {
      await trx.raw('SELECT pg_advisory_xact_lock(727560)');
      await trx.raw(
        `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF ${conditions.join(' OR ')} THEN RAISE EXCEPTION ${sqlString(text)} USING ERRCODE = 'P0001'; END IF; RETURN NULL; END $$`
      );
      await trx.raw(`DROP TRIGGER IF EXISTS ${name} ON ${q(table)}`);
      await trx.raw(`CREATE TRIGGER ${name} BEFORE TRUNCATE ON ${q(table)} FOR EACH STATEMENT EXECUTE FUNCTION ${name}()`);
    });
  }
};

export const installTriggers = async (strapi: Core.Strapi) => {
  const knex = strapi.db.connection;
  const client = strapi.db.dialect.client;
  await installProtected(strapi, knex, client);
  await installGuards(strapi, knex, client);
};

/**
 * SQLite only, before Strapi's schema sync: drops the guard triggers, which name another table. When
 * the sync rebuilds a table (copy, drop, rename), SQLite refuses the rename while a trigger refers
 * to a table that is momentarily gone; bootstrap installs them again right after the sync.
 */
export const dropGuardTriggersBeforeSync = async (strapi: Core.Strapi) => {
  if (strapi.db.dialect.client !== 'sqlite') return;
  for (const name of guardTriggerNames(strapi)) await strapi.db.connection.raw(`DROP TRIGGER IF EXISTS ${name}`);
};

/** Which of the expected triggers exist now (for the tests and the integrity report). */
export const listTriggers = async (strapi: Core.Strapi) => {
  const knex = strapi.db.connection;
  const client = strapi.db.dialect.client;
  const names: string[] = [];
  for (const { table } of protectedTables(strapi)) names.push(...triggerNames(table, client));
  names.push(...guardTriggerNames(strapi));
  let present: string[];
  if (client === 'sqlite') {
    present = (await knex('sqlite_master').where({ type: 'trigger' }).select('name')).map((r: { name: string }) => r.name);
  } else if (client === 'postgres') {
    present = (await knex.raw('SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal')).rows.map((r: { name: string }) => r.name);
  } else {
    const [rows] = await knex.raw('SELECT TRIGGER_NAME AS name FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()');
    present = (rows as { name: string }[]).map((r) => r.name);
  }
  return { expected: names, missing: names.filter((n) => !present.includes(n)) };
};
