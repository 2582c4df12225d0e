import { createRequire } from 'node:module';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { ReadReplicaConfig } from '../config';
import { HEAD_TABLE } from './ddl';
import type { ReplicaStatus } from '../../../shared/contracts/log';

/**
 * Heavy reads off a PostgreSQL read replica (plugin config `readReplica`): the consent log, the CSV
 * export and the chain verification read through `reader()`, which is the replica's own knex pool when
 * one is configured and the app's connection otherwise. Writes never go there (a standby refuses them
 * anyway). A standby replays the primary's WAL a little later: `replicaStatus()` says how far behind it
 * is, in chain records and in time, and the admin shows it beside what it read.
 */

const STATE = Symbol.for('user-consent.read-replica');

interface ReplicaState {
  knex: Knex | null;
}

const stateOf = (strapi: Core.Strapi): ReplicaState => {
  const s = strapi as unknown as Record<symbol, ReplicaState | undefined>;
  if (!s[STATE]) s[STATE] = { knex: null };
  return s[STATE]!;
};

/** knex as Strapi's database layer has it (a dependency of @strapi/database, not of this plugin). */
const loadKnex = (): ((config: Knex.Config) => Knex) => {
  try {
    return require('knex');
  } catch {
    return createRequire(require.resolve('@strapi/database'))('knex');
  }
};

const configOf = (strapi: Core.Strapi) => strapi.config.get('plugin::user-consent.readReplica') as ReadReplicaConfig | null;

/**
 * Opens the replica's pool at bootstrap (nothing is connected until the first read). A replica on any
 * database but PostgreSQL is ignored with a warning: the plugin only knows how to ask a PostgreSQL
 * standby how far behind it is.
 */
export const openReplica = (strapi: Core.Strapi) => {
  const config = configOf(strapi);
  if (!config) return false;
  if (strapi.db.dialect.client !== 'postgres') {
    strapi.log.warn('user-consent: readReplica is set but the database is not PostgreSQL; everything reads the primary');
    return false;
  }
  const knex = loadKnex();
  stateOf(strapi).knex = knex({ client: 'pg', connection: config.connection as Knex.StaticConnectionConfig, pool: config.pool ?? { min: 0, max: 5 } });
  strapi.log.info('user-consent: the consent log, export and verification read from the configured replica');
  return true;
};

export const closeReplica = async (strapi: Core.Strapi) => {
  const state = stateOf(strapi);
  const k = state.knex;
  state.knex = null;
  await k?.destroy();
};

/** Where heavy reads go: the replica when one is configured, else the app's own connection. */
export const reader = (strapi: Core.Strapi): Knex => stateOf(strapi).knex ?? (strapi.db.connection as unknown as Knex);

export const usesReplica = (strapi: Core.Strapi) => stateOf(strapi).knex !== null;

/** null without a replica. A replica that cannot be asked counts as unknown (behind -1). */
export const replicaStatus = async (strapi: Core.Strapi): Promise<ReplicaStatus | null> => {
  const replica = stateOf(strapi).knex;
  if (!replica) return null;
  try {
    const [primary, standby] = await Promise.all([
      // The highest position over the chain's lanes (one row with one lane).
      strapi.db.connection(HEAD_TABLE).max({ seq: 'seq' }).first(),
      replica.raw(`SELECT MAX(h.seq) AS seq, (EXTRACT(EPOCH FROM (now() - pg_last_xact_replay_timestamp())) * 1000)::bigint AS lag FROM ${HEAD_TABLE} h`),
    ]);
    const row = standby.rows[0];
    const behind = Math.max(0, Number(primary?.seq ?? 0) - Number(row?.seq ?? 0));
    return { behind, lagMs: behind ? Math.max(0, Number(row?.lag ?? 0)) : 0 };
  } catch (e) {
    strapi.log.warn(`user-consent: the read replica could not be asked how far behind it is (${(e as Error).message})`);
    return { behind: -1, lagMs: -1 };
  }
};
