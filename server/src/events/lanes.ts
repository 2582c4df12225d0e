import type { Knex } from 'knex';
import { GENESIS } from './proof';
import { HEAD_TABLE } from './ddl';

/**
 * Chain lanes (PostgreSQL). With one lane the chain is one sequence of events, each pointing at the
 * one before it, and every append takes the one head row: processes take turns. With N lanes the head
 * table holds N rows (lane L is row L + 1) and each lane is a hash chain of its own, so that processes
 * appending to different lanes never wait on each other. Signed checkpoints commit to every lane's
 * head at once (events/checkpoints.ts), which joins the lanes into one history.
 *
 * - Lane 0 is the chain as one lane leaves it. Appends that must see every earlier append of their
 *   kind while they decide (withdrawals, erasures, confirmations, imports, expiries: `append` with a
 *   lock) all go to lane 0, one after another, as before. Captures spread over lanes 1..N−1.
 * - An event of lane L ≥ 1 carries `lane` (a proof field: its hash covers it); lane 0's events have
 *   none, so the chain written before lanes keeps every hash.
 * - `seq` stays the event's unique position in the whole log. With one lane it is the head's seq + 1
 *   (no gaps); with several it is drawn from one database sequence (`uc_chain_seq`), so it still
 *   grows within each lane but has gaps across the log. Verification then checks each lane by its
 *   hash links, not by consecutive numbers.
 * - Lanes are a fact of the database, not of one process: `chain.lanes` in the config adds heads up
 *   to that number (never removes one), and every process uses every head the table has.
 */

export const SEQ_SEQUENCE = 'uc_chain_seq';

/** Raised inside an append's statement when the lane head it expected has moved (another append won). */
export const MOVED_FUNCTION = 'uc_chain_head_moved';
export const MOVED_MESSAGE = 'user-consent: the chain lane head moved';

export const isHeadMoved = (e: any) => String(e?.message ?? '').includes(MOVED_MESSAGE);

export interface LaneHead {
  lane: number;
  seq: string;
  hash: string;
}

/** Every lane head, lane 0 first. */
export const readHeads = async (k: Knex | Knex.Transaction): Promise<LaneHead[]> => {
  const rows = await k(HEAD_TABLE).orderBy('id', 'asc').select('id', 'seq', 'hash');
  return rows.map((r: any) => ({ lane: Number(r.id) - 1, seq: String(r.seq), hash: r.hash }));
};

/** Moves the seq sequence past every stored event (never back): after a bulk load, or lanes newly added. */
export const syncSequence = (k: Knex, eventsTable: string, seqColumn: string) =>
  k.raw(
    `SELECT setval('${SEQ_SEQUENCE}', GREATEST((SELECT COALESCE(MAX("${seqColumn}"), 0) FROM "${eventsTable}"), (SELECT last_value FROM ${SEQ_SEQUENCE}), 1))`
  );

/**
 * Adds lane heads up to `wanted` (PostgreSQL only; other databases keep one lane) and, once there is
 * more than one, the seq sequence and the function an append's statement calls when its lane moved.
 * Safe from several processes at once. Returns how many lanes the database has.
 */
export const ensureLanes = async (k: Knex, client: string, wanted: number, eventsTable: string, seqColumn: string): Promise<number> => {
  if (client !== 'postgres') return 1;
  for (let id = 2; id <= wanted; id += 1) {
    await k.raw(`INSERT INTO "${HEAD_TABLE}" ("id", "seq", "hash") VALUES (?, 0, ?) ON CONFLICT ("id") DO NOTHING`, [id, GENESIS]);
  }
  const [{ n }] = await k(HEAD_TABLE).count({ n: '*' });
  const lanes = Number(n);
  if (lanes > 1) {
    await k.transaction(async (trx) => {
      // One process at a time creates them (CREATE OR REPLACE of one function by two sessions can fail).
      await trx.raw('SELECT pg_advisory_xact_lock(727562)');
      await trx.raw(`CREATE SEQUENCE IF NOT EXISTS ${SEQ_SEQUENCE}`);
      // VOLATILE, so the planner never runs it early: it runs only when an append's lane head moved.
      await trx.raw(
        `CREATE OR REPLACE FUNCTION ${MOVED_FUNCTION}() RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$ BEGIN RAISE EXCEPTION '${MOVED_MESSAGE}' USING ERRCODE = '40001'; END $$`
      );
    });
    await syncSequence(k, eventsTable, seqColumn);
  }
  return lanes;
};

/** A lane for captures other than `current` (lanes 1..N−1), chosen at random; 0 with one lane. */
export const otherLane = (lanes: number, current: number) => {
  if (lanes <= 1) return 0;
  if (lanes === 2) return 1;
  let next = current;
  while (next === current) next = 1 + Math.floor(Math.random() * (lanes - 1));
  return next;
};
