import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { UIDS, PLUGIN_ID } from '../pluginId';
import { GENESIS, eventHash, type EventInput } from './proof';
import crypto from 'node:crypto';
import { entryRows, insertEntries, statementOf, isBetterSqlite, pgInsert, pgArrayInsert, pgColumnsOf, type PgColumn } from './rows';
import { OUTBOX_TABLE, outboxRows } from '../webhooks/outbox';
import { getService } from '../utils';

export { GENESIS, eventHash, PROOF_FIELDS, HASHED_FIELDS, proofJson, type EventInput } from './proof';

import { ensureIndex, HEAD_TABLE } from './ddl';
import { ensureLanes, isHeadMoved, MOVED_FUNCTION, otherLane, SEQ_SEQUENCE, syncSequence } from './lanes';

export { ensureIndex, HEAD_TABLE } from './ddl';

interface Job {
  events: EventInput[];
  /** The personal record the events refer to (their `personalId` is set when it gets its id). */
  personal?: Record<string, unknown>;
  before?: (trx: Knex.Transaction) => Promise<void>;
  resolve: (created: Record<string, any>[]) => void;
  reject: (e: unknown) => void;
}

/**
 * PostgreSQL refused an insert because its seq is taken: another process appended first (the events'
 * unique seq, or the outbox key `uc_outbox_seq_uq`, whichever the statement hit first).
 */
const isSeqConflict = (e: any) => e?.code === '23505' && /_seq_uq/.test(`${e?.constraint ?? ''} ${e?.message ?? ''}`);

/**
 * The database refused a statement (it answered with an error), as opposed to a lost connection or
 * a timeout, after which it is unknown whether a statement or COMMIT took effect.
 */
const isRefusal = (e: any) => {
  const code = e?.code;
  if (typeof code !== 'string') return false;
  if (/^(ECONN|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_|PROTOCOL_|ER_SERVER_SHUTDOWN|ER_CON_COUNT|ER_NET_|ER_LOCK_WAIT_TIMEOUT)/.test(code)) return false;
  // PostgreSQL classes 08 (connection), 57 (operator intervention: shutdown) and 53 (resources).
  if (/^(08|57|53)/.test(code)) return false;
  return true;
};

/** Most events one group commit carries (the rest wait for the next). */
const MAX_BATCH_EVENTS = 500;

const chain = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  /**
   * Numbers and hashes the events after `head`; returns them per list, all of them, and the new head.
   * One lane: each event's seq is the one before it + 1. Several lanes: the seqs drawn for them
   * (`seqs`, increasing, all above the head's), and an event of lane L ≥ 1 carries its lane.
   */
  const sequence = (head: { seq: unknown; hash: string }, lists: EventInput[][], { lane = 0, seqs }: { lane?: number; seqs?: string[] } = {}) => {
    let seq = BigInt(head.seq as string);
    let prevHash: string = head.hash;
    let drawn = 0;
    const all: Record<string, any>[] = [];
    const out = lists.map((events) =>
      events.map((e) => {
        seq = seqs ? BigInt(seqs[drawn++]) : seq + BigInt(1);
        const data: Record<string, unknown> = { ...e, seq: seq.toString(), prevHash };
        if (lane > 0) data.lane = lane;
        else delete data.lane;
        data.hash = eventHash(data);
        prevHash = data.hash as string;
        all.push(data);
        return data;
      })
    );
    return { out, all, head: { seq: seq.toString(), hash: prevHash } };
  };

  /** Lane heads in the database (1 unless PostgreSQL with `chain.lanes` > 1; events/lanes.ts). */
  let lanes = 1;
  /** The lane this process's captures go to while they meet no other process there. */
  let captureLane = 0;
  const multiLane = () => lanes > 1;
  const eventsTable = () => strapi.db.metadata.get(UIDS.consent).tableName;
  const seqColumnName = () => ((strapi.db.metadata.get(UIDS.consent).attributes as any).seq?.columnName ?? 'seq') as string;

  /** Re-reads how many lanes the database has (another process may have added some). True if it changed. */
  const refreshLanes = async () => {
    const before = lanes;
    if (strapi.db.dialect.client !== 'postgres') return false;
    const [{ n }] = await knex()(HEAD_TABLE).count({ n: '*' });
    lanes = Number(n);
    if (lanes > 1 && captureLane === 0) captureLane = otherLane(lanes, 0);
    return lanes !== before;
  };

  /** `?` positions from the seq sequence, in order (several lanes only): a subquery. */
  const SEQS_SQL = `(SELECT array_agg(nextval('${SEQ_SEQUENCE}') ORDER BY g) FROM generate_series(1, ?) g)`;

  /** `n` positions from the seq sequence, in one round trip (several lanes only). */
  const drawSeqs = async (q: Knex | Knex.Transaction, n: number): Promise<string[]> => {
    if (n <= 0) return [];
    const res = await q.raw(`SELECT ${SEQS_SQL} AS seqs`, [n]);
    return (res.rows[0].seqs as unknown[]).map(String);
  };

  /** The tables' columns (PostgreSQL), read once per process (appends of one process never overlap). */
  const columnsRead = new Map<string, Map<string, PgColumn>>();
  const columnsOf = async (table: string) => {
    let found = columnsRead.get(table);
    if (!found) columnsRead.set(table, (found = await pgColumnsOf(knex(), table)));
    return found;
  };
  /** Names of the append statements this process has used; past the bound, appends run unnamed. */
  const statementNames = new Map<string, string>();
  const MAX_STATEMENT_NAMES = 64;

  /**
   * One table's rows in the append statement, placeholders numbered from `from`: one array per column
   * (rows.ts pgArrayInsert: a text that does not depend on how many rows there are), or, for rows that
   * cannot be written so, a row of placeholders each (pgInsert, `?` numbered as knex would).
   */
  const rowsSql = async (table: string, rows: Record<string, unknown>[], from: number, first?: { column: string; value: unknown; sql: (p: string) => string }) => {
    const arrays = pgArrayInsert(table, rows, await columnsOf(table), from, first);
    if (arrays) return { ...arrays, fixed: true };
    const plain = pgInsert(table, rows, first && { row: 0, column: first.column, sql: first.sql('?') });
    let n = from;
    return { sql: plain.sql.replace(/\?/g, () => `$${n++}`), values: plain.bindings, fixed: false };
  };

  /**
   * Runs the append statement on the connection `q` runs on (knex's pool, or the caller's transaction),
   * announced to knex's `query` listeners (debugging, the benchmarks' statement count). Outside a
   * transaction a statement of fixed text is named: the driver sends it and PostgreSQL parses and plans
   * it once per connection, then each append sends only its values; a pooler that keeps no prepared
   * statements gets the same text unnamed. (In a transaction a refused name could not be retried.)
   */
  const runPg = async (q: Knex | Knex.Transaction, text: string, values: unknown[], fixed: boolean) => {
    let name = fixed && q === knex() ? statementNames.get(text) : undefined;
    if (fixed && q === knex() && !name && statementNames.size < MAX_STATEMENT_NAMES) {
      name = `uc_append_${crypto.createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
      statementNames.set(text, name);
    }
    const client = (q as any).client;
    const conn = await client.acquireConnection();
    try {
      client.emit('query', { sql: text, bindings: values, method: 'raw', __knexUid: conn.__knexUid });
      if (!name) return await conn.query(text, values);
      try {
        return await conn.query({ name, text, values });
      } catch (e: any) {
        // 26000: the prepared statement is unknown (a pooler in transaction mode); 42P05: it exists already.
        if (!['26000', '42P05'].includes(e?.code)) throw e;
        return await conn.query(text, values);
      }
    } finally {
      await client.releaseConnection(conn);
    }
  };

  /**
   * Inserts the events and moves the head. On PostgreSQL that is one statement, and the head update
   * runs first in it (the first row's seq is read from it), so every append takes the head row lock
   * before it takes any seq: appends that lock the head first and appends that do not cannot deadlock.
   * Each event that some webhook receives has its outbox row (webhooks/outbox.ts) written with it, in
   * the same transaction or statement; the others have none (nothing would be sent).
   */
  const write = async (
    q: Knex | Knex.Transaction,
    all: Record<string, any>[],
    head: { seq: string; hash: string },
    people: Record<string, unknown>[] = [],
    { lane = 0, expected }: { lane?: number; expected?: { seq: unknown; hash: string } } = {}
  ) => {
    const hooks = getService('webhooks', strapi);
    const announced = outboxRows(all.filter((e) => hooks.wants(String(e.action))));
    if (strapi.db.dialect.client !== 'postgres') {
      await insertEntries(strapi, q, UIDS.consent, all);
      if (announced.length) await q(OUTBOX_TABLE).insert(announced);
      await q(HEAD_TABLE).where({ id: 1 }).update(head);
      return;
    }
    // PostgreSQL: one statement. Several lanes: the head moves only if it is still the one the events
    // were hashed after (another process may append to this lane too); if not, the first event's seq
    // calls a function that raises, and the whole statement stores nothing. One lane: the unique seq
    // refuses such an append.
    const cas = expected !== undefined;
    const values: unknown[] = [head.seq, head.hash, lane + 1, ...(cas ? [String(expected!.seq), expected!.hash] : [])];
    let text = `WITH chain_head AS (UPDATE "${HEAD_TABLE}" SET "seq" = $1, "hash" = $2 WHERE "id" = $3${cas ? ' AND "seq" = $4 AND "hash" = $5' : ''} RETURNING "id")`;
    let fixed = true;
    const add = (cte: string, part: { sql: string; values: unknown[]; fixed: boolean }) => {
      text += cte ? `, ${cte} AS (${part.sql})` : ` ${part.sql}`;
      values.push(...part.values);
      fixed &&= part.fixed;
    };
    // The personal records go in the same statement, with the ids drawn for them: a lost race stores
    // neither them nor the events.
    if (people.length) {
      const personal = entryRows(strapi, UIDS.personal, people);
      add('personal', await rowsSql(personal.table, personal.rows, values.length + 1));
    }
    if (announced.length) add('outbox', await rowsSql(OUTBOX_TABLE, announced, values.length + 1));
    const events = entryRows(strapi, UIDS.consent, all);
    const seq = events.column('seq');
    add(
      '',
      await rowsSql(events.table, events.rows, values.length + 1, {
        column: seq,
        value: events.rows[0][seq],
        sql: (p) => (cas ? `COALESCE((SELECT CAST(${p} AS bigint) FROM chain_head), ${MOVED_FUNCTION}())` : `(SELECT CAST(${p} AS bigint) FROM chain_head)`),
      })
    );
    await runPg(q, text, values, fixed);
  };

  /** Committed events: the webhook dispatcher is woken and the process's `onEvent` handlers called. */
  const announce = (events: Record<string, any>[]) => getService('webhooks', strapi).committed(events);

  /**
   * Ids drawn from the personal store's own sequence (PostgreSQL), one round trip for all of them;
   * with `seqs`, that many positions from the seq sequence too (several lanes); with `lane`, that
   * lane's head is read in the same statement.
   */
  const drawPersonalIds = async (q: Knex | Knex.Transaction, n: number, { lane, seqs = 0 }: { lane?: number; seqs?: number } = {}) => {
    const personalTable = strapi.db.metadata.get(UIDS.personal).tableName;
    const bindings: unknown[] = [personalTable, n];
    let columns = `(SELECT array_agg(nextval(pg_get_serial_sequence(?, 'id'))) FROM generate_series(1, ?)) AS ids`;
    if (seqs > 0) {
      columns += `, ${SEQS_SQL} AS seqs`;
      bindings.push(seqs);
    }
    const res =
      lane !== undefined
        ? await q.raw(`SELECT h.seq, h.hash, ${columns} FROM ${HEAD_TABLE} h WHERE h.id = ?`, [...bindings, lane + 1] as Knex.RawBinding[])
        : await q.raw(`SELECT ${columns}`, bindings as Knex.RawBinding[]);
    const row = res.rows[0] as { seq?: unknown; hash?: string; ids: unknown[] | null; seqs?: unknown[] };
    return { ...row, ids: n > 0 ? (row.ids ?? []) : [] };
  };

  /** Runs one INSERT of a row as entryRows() shapes it, bound as knex binds for this driver. */
  const insertRow = (conn: any, table: string, row: Record<string, unknown>) => {
    const columns = Object.keys(row);
    const sql = `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    // Dates as epoch milliseconds, booleans as 0/1.
    const values = columns.map((c) => {
      const v = row[c];
      if (v instanceof Date) return v.valueOf();
      if (typeof v === 'boolean') return v ? 1 : 0;
      return v;
    });
    return statementOf(conn, sql).run(values);
  };
  const betterSqlite = () => isBetterSqlite(strapi);

  /**
   * The personal records of a batch, in the caller's transaction, each id set on its events.
   * - SQLite: one statement prepared once per connection, run per record without RETURNING (the
   *   driver is synchronous and in-process: a run costs microseconds, and gives its rowid).
   * - PostgreSQL: the ids drawn from the sequence in one round trip, then one multi-row insert.
   * - MySQL/MariaDB: one insert per record (a multi-row insert reports only its first id, and with
   *   interleaved auto-increment the others need not follow it).
   */
  const insertPersonal = async (trx: Knex.Transaction, jobs: Job[]) => {
    const owners = jobs.filter((j) => j.personal);
    if (!owners.length) return;
    const client = strapi.db.dialect.client;
    const setId = (job: Job, id: number) => {
      for (const e of job.events) e.personalId = id;
    };
    if (client === 'sqlite' && betterSqlite()) {
      const { table, rows } = entryRows(strapi, UIDS.personal, owners.map((j) => j.personal!));
      // knex hands a transaction the connection it runs on.
      const conn = await (trx as any).client.acquireConnection();
      rows.forEach((row, i) => setId(owners[i], Number(insertRow(conn, table, row).lastInsertRowid)));
      return;
    }
    if (client === 'postgres') {
      const { ids } = await drawPersonalIds(trx, owners.length);
      const people = owners.map((job, i) => {
        const id = Number(ids[i]);
        setId(job, id);
        return { id, ...job.personal };
      });
      await insertEntries(strapi, trx, UIDS.personal, people);
      return;
    }
    for (const job of owners) {
      const [id] = await insertEntries(strapi, trx, UIDS.personal, [job.personal!], { returnIds: true });
      setId(job, id);
    }
  };

  /**
   * Locks the head, runs `underLock`, hashes every event after the one before it, writes them all in
   * one insert and moves the head. Returns the stored events per list, in order.
   *
   * `asyncCommit` (PostgreSQL): this transaction's COMMIT does not wait for its WAL flush, so the head
   * is unlocked as soon as the commit is recorded rather than after an fsync. The caller must then run
   * `durable()` before it reports the events as stored.
   */
  const appendLocked = async (trx: Knex.Transaction, lists: EventInput[][], underLock?: () => Promise<void>, { asyncCommit = false } = {}) => {
    knownHead = null;
    let head: { seq: unknown; hash: string } | undefined;
    if (asyncCommit) {
      // One round trip: the setting and the locking read in one simple query.
      const res = await trx.raw(`SET LOCAL synchronous_commit TO OFF; SELECT seq, hash FROM ${HEAD_TABLE} WHERE id = 1 FOR UPDATE`);
      const results = Array.isArray(res) ? res : [res];
      head = results[results.length - 1]?.rows?.[0];
    } else {
      const headQuery = trx(HEAD_TABLE).where({ id: 1 });
      head = await (strapi.db.dialect.client === 'sqlite' ? headQuery : headQuery.forUpdate()).first('seq', 'hash');
    }
    if (!head) throw new Error('consent chain head is missing');
    // Checks that must see every earlier append (e.g. "not withdrawn yet") run while we hold the head.
    if (underLock) await underLock();
    // Several lanes: lane 0, positions drawn now that the lane is ours (so above every seq it holds).
    const seqs = multiLane() ? await drawSeqs(trx, lists.reduce((n, l) => n + l.length, 0)) : undefined;
    const { out, all, head: next } = sequence(head, lists, { seqs });
    await write(trx, all, next, [], multiLane() ? { lane: 0, expected: head } : {});
    return out;
  };

  /**
   * SQLite through better-sqlite3: the whole group commit as one synchronous transaction on a
   * connection taken from knex's pool (BEGIN IMMEDIATE, the personal records, the head, the events,
   * their outbox rows, the head moved, COMMIT), with statements prepared once per connection. The
   * driver is synchronous and in-process, so going through knex's builder and promises for each
   * statement cost more than the database's own work; nothing else can run on the connection (or in
   * this process) meanwhile. Same rows, same triggers, same refusals as the knex path.
   */
  const appendSqlite = async (jobs: Job[]) => {
    const client = (knex() as any).client;
    const conn = await client.acquireConnection();
    try {
      const txn = conn.transaction(() => {
        const owners = jobs.filter((j) => j.personal);
        if (owners.length) {
          const { table, rows } = entryRows(strapi, UIDS.personal, owners.map((j) => j.personal!));
          rows.forEach((row, i) => {
            const id = Number(insertRow(conn, table, row).lastInsertRowid);
            for (const e of owners[i].events) e.personalId = id;
          });
        }
        const head = statementOf(conn, `SELECT seq, hash FROM \`${HEAD_TABLE}\` WHERE id = 1`).get() as { seq: unknown; hash: string } | undefined;
        if (!head) throw new Error('consent chain head is missing');
        const { out, all, head: next } = sequence(head, jobs.map((j) => j.events));
        const { table, rows } = entryRows(strapi, UIDS.consent, all);
        for (const row of rows) insertRow(conn, table, row);
        const hooks = getService('webhooks', strapi);
        for (const row of outboxRows(all.filter((e) => hooks.wants(String(e.action))))) insertRow(conn, OUTBOX_TABLE, row);
        statementOf(conn, `UPDATE \`${HEAD_TABLE}\` SET seq = ?, hash = ? WHERE id = 1`).run(next.seq, next.hash);
        return out;
      });
      return txn.immediate() as Record<string, any>[][];
    } finally {
      await client.releaseConnection(conn);
    }
  };

  /**
   * Waits until everything committed so far is on disk: a transaction with a transaction id commits
   * synchronously, and PostgreSQL flushes the WAL in order, so this flush covers every earlier commit
   * (concurrent flushes of many connections are merged by PostgreSQL's group commit).
   */
  const durable = async () => {
    await knex().raw('SELECT txid_current()');
  };

  /**
   * PostgreSQL: the head as this process's own last optimistic append left it, so that the next one
   * need not read it (null when unknown: at start, after a failure, after any other kind of append).
   * Personal ids are drawn from their sequence a block at a time; a drawn id that is never used leaves
   * a gap in the personal store's ids, nothing more (those ids are not chained).
   */
  let knownHead: { lane: number; seq: string; hash: string } | null = null;
  const idPool: number[] = [];
  const ID_BLOCK = 64;
  /** Several lanes: positions drawn from the seq sequence, increasing, not used yet. */
  const seqPool: bigint[] = [];
  const SEQ_BLOCK = 64;
  /** Several lanes: how many lanes an optimistic append tries before it takes lane 0's lock. */
  const LANE_TRIES = 4;

  /**
   * PostgreSQL without contention: appends without a transaction and without holding the head across
   * round trips. The head is the one this process left or is read without a lock, the events are
   * hashed after it, and one statement inserts them and moves the head. If another process appended in
   * between, the statement fails and stores nothing: with one lane the unique index on seq refuses
   * ours (its events already hold the next seq numbers); with several, the head update finds the head
   * moved (events/lanes.ts). Returns null then, and the caller appends with the lock. A head this
   * process only remembered is read afresh once before giving up; with several lanes the append moves
   * to another lane and tries again there, so that processes settle in lanes of their own.
   */
  const appendOptimistic = async (jobs: Job[], tries = 0): Promise<Record<string, any>[][] | null> => {
    const lanesNow = multiLane();
    const lane = lanesNow ? captureLane : 0;
    const withPersonal = jobs.filter((j) => j.personal);
    const eventCount = jobs.reduce((n, j) => n + j.events.length, 0);
    const remembered = knownHead && knownHead.lane === lane ? knownHead : null;
    knownHead = null;
    let head: { seq: unknown; hash: string } | undefined = remembered ?? undefined;
    const missing = withPersonal.length - idPool.length;
    const seqsMissing = lanesNow ? eventCount - seqPool.length : 0;
    if (missing > 0 || seqsMissing > 0) {
      // One round trip: a block of ids from the personal store's own sequence, of positions (several
      // lanes) and the lane's head if unknown.
      const drawn = await drawPersonalIds(knex(), missing > 0 ? Math.max(missing, ID_BLOCK) : 0, {
        lane: head ? undefined : lane,
        seqs: seqsMissing > 0 ? Math.max(seqsMissing, SEQ_BLOCK) : 0,
      });
      idPool.push(...drawn.ids.map(Number));
      if (drawn.seqs) seqPool.push(...drawn.seqs.map((v) => BigInt(v as string)));
      if (!head) head = drawn as { seq: unknown; hash: string };
    } else if (!head) {
      head = await knex()(HEAD_TABLE).where({ id: lane + 1 }).first('seq', 'hash');
    }
    if (!head || head.seq === undefined) throw new Error('consent chain head is missing');
    let seqs: string[] | undefined;
    if (lanesNow) {
      // Positions must grow within the lane: drop those at or below its head (drawn before another
      // process appended here), and draw more if the pool ran short.
      const floor = BigInt(head.seq as string);
      while (seqPool.length && seqPool[0] <= floor) seqPool.shift();
      if (seqPool.length < eventCount) seqPool.push(...(await drawSeqs(knex(), Math.max(eventCount - seqPool.length, SEQ_BLOCK))).map(BigInt));
      seqs = seqPool.splice(0, eventCount).map(String);
    }
    const ids = idPool.splice(0, withPersonal.length);
    const people = withPersonal.map((job, i) => {
      for (const e of job.events) e.personalId = ids[i];
      return { id: ids[i], ...job.personal };
    });
    const { out, all, head: next } = sequence(head, jobs.map((j) => j.events), { lane, seqs });
    try {
      await write(knex(), all, next, people, lanesNow ? { lane, expected: head } : {});
      knownHead = { lane, ...next };
      return out;
    } catch (e) {
      // Unused personal ids are simply gaps; the events will be numbered again.
      if (lanesNow && (isHeadMoved(e) || isSeqConflict(e))) {
        // A seq taken: positions were written outside the sequence (a bulk load): move it past them.
        if (isSeqConflict(e)) {
          seqPool.length = 0;
          await syncSequence(knex(), eventsTable(), seqColumnName());
        }
        if (tries + 1 >= LANE_TRIES) return null;
        captureLane = otherLane(lanes, captureLane);
        return appendOptimistic(jobs, tries + 1);
      }
      if (!isSeqConflict(e)) throw e;
      // Another process added lanes: append as they do from now on.
      if (await refreshLanes()) return appendOptimistic(jobs, tries + 1);
      // Numbered after a head that had moved on (another append): number them after the real one.
      return remembered ? appendOptimistic(jobs, tries + 1) : null;
    }
  };

  /**
   * Until then, another process is appending too (an optimistic append lost a race): appends take the
   * lock with an asynchronous commit, which lets several processes take turns quickly; afterwards the
   * optimistic way is tried again.
   */
  let contendedUntil = 0;
  const CONTENTION_MS = 2000;

  /** The unique seq index exists (checked at boot): the optimistic append relies on it. */
  let seqIndexPresent = false;
  const optimistic = () => strapi.db.dialect.client === 'postgres' && seqIndexPresent;

  // Group commit: while one append runs, new appends queue up and go together in the next. Under load
  // this turns N lock-and-commit cycles into one, which is what lets the single chain head keep up
  // with concurrent captures.
  const queue: Job[] = [];
  let flushing = false;

  /** Never throws: every job is resolved or rejected. */
  const runBatch = async (jobs: Job[]): Promise<void> => {
    // Set when the database refused a statement (it reports an error code): nothing of the batch is
    // stored then, and the jobs can be tried again one by one. A lost connection is not such a case:
    // the outcome of a statement or COMMIT in flight is unknown, so nothing is retried.
    let refused = false;
    const lists = jobs.map((j) => j.events);
    try {
      let results: Record<string, any>[][] | null = null;
      const pg = optimistic();
      if (pg && Date.now() >= contendedUntil && !jobs.some((j) => j.before)) {
        results = await appendOptimistic(jobs).catch((e) => {
          refused = isRefusal(e);
          throw e;
        });
        // Several lanes: only this batch takes the lock; the next tries a lane of its own again.
        if (!results && !multiLane()) contendedUntil = Date.now() + CONTENTION_MS;
      }
      if (!results && betterSqlite() && !jobs.some((j) => j.before)) {
        results = await appendSqlite(jobs).catch((e) => {
          refused = isRefusal(e);
          throw e;
        });
      }
      if (!results) {
        results = await knex().transaction(async (trx) => {
          try {
            await insertPersonal(trx, jobs);
            for (const job of jobs) if (job.before) await job.before(trx);
            return await appendLocked(trx, lists, undefined, { asyncCommit: pg });
          } catch (e) {
            refused = isRefusal(e);
            throw e;
          }
        });
        // Committed without waiting for the disk: wait for it now, before anyone is told "stored".
        // If this fails the events may or may not survive a crash, so the jobs fail (never a false 201).
        if (pg) await durable();
      }
      jobs.forEach((job, i) => job.resolve(results![i]));
      announce(results.flat());
    } catch (e) {
      // A seq taken by a lane this process did not know of (another process added lanes since it
      // started): learn the lanes and append again.
      if (isSeqConflict(e) && !multiLane() && (await refreshLanes().catch(() => false))) {
        await runBatch(jobs);
        return;
      }
      // One bad job must not fail the others: a refused batch is tried again job by job.
      if (refused && jobs.length > 1) {
        for (const job of jobs) await runBatch([job]);
        return;
      }
      for (const job of jobs) job.reject(e);
    }
  };

  // The first flush waits for the rest of the current event-loop turn, so that captures whose
  // requests arrived together join it. Without this SQLite never batches: its driver is synchronous,
  // so a whole transaction runs without letting any other request in (on disk each commit is an fsync).
  let scheduled = false;
  const schedule = () => {
    if (flushing || scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      void pump();
    });
  };

  const pump = async () => {
    if (flushing) return;
    flushing = true;
    try {
      while (queue.length) {
        const jobs: Job[] = [];
        let size = 0;
        while (queue.length && (jobs.length === 0 || size + queue[0].events.length <= MAX_BATCH_EVENTS)) {
          const job = queue.shift()!;
          size += job.events.length;
          jobs.push(job);
        }
        await runBatch(jobs);
      }
    } finally {
      flushing = false;
    }
  };

  return {
    /** Unique chain positions: the database itself refuses a duplicate seq. */
    async ensureIndexes() {
      const k = knex();
      const table = strapi.db.metadata.get(UIDS.consent).tableName;
      await ensureIndex(k, strapi.db.dialect.client, table, `${table}_seq_uq`, ['seq'], true);
      if (strapi.db.dialect.client === 'postgres') {
        const found = await k.raw('SELECT indisunique FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = ? AND pg_table_is_visible(c.oid)', [`${table}_seq_uq`]);
        seqIndexPresent = Boolean(found.rows?.[0]?.indisunique);
      }
    },

    /** Creates the head row once; safe to call at every boot and from several processes. */
    async ensureHead() {
      const k = knex();
      if (!(await k.schema.hasTable(HEAD_TABLE))) {
        try {
          await k.schema.createTable(HEAD_TABLE, (t) => {
            t.integer('id').primary();
            t.bigInteger('seq').notNullable();
            t.string('hash', 64).notNullable();
          });
        } catch (e) {
          if (!(await k.schema.hasTable(HEAD_TABLE))) throw e;
        }
      }
      const head = await k(HEAD_TABLE).where({ id: 1 }).first();
      if (!head) {
        // The head follows the last stored event, so an existing log keeps its chain.
        const last = await k(strapi.db.metadata.get(UIDS.consent).tableName).orderBy('seq', 'desc').first('seq', 'hash');
        try {
          await k(HEAD_TABLE).insert({ id: 1, seq: last ? last.seq : 0, hash: last ? last.hash : GENESIS });
        } catch (e) {
          if (!(await k(HEAD_TABLE).where({ id: 1 }).first())) throw e;
        }
      }
      const wanted = (strapi.config.get(`plugin::${PLUGIN_ID}.chain`) as { lanes?: number } | undefined)?.lanes ?? 1;
      if (wanted > 1 && strapi.db.dialect.client !== 'postgres') {
        strapi.log.warn(`user-consent: chain.lanes ${wanted} is for PostgreSQL; this ${strapi.db.dialect.client} database keeps one lane`);
      }
      lanes = await ensureLanes(k, strapi.db.dialect.client, wanted, eventsTable(), seqColumnName());
      captureLane = otherLane(lanes, 0);
    },

    /** How many lanes the chain has (as this process last read it). */
    lanes: () => lanes,

    /**
     * Appends events to the chain inside the caller's transaction. The head row is locked for the
     * append (SELECT ... FOR UPDATE on PostgreSQL and MySQL; SQLite serialises writers), so that
     * concurrent appends from any number of processes get consecutive seq numbers and each event
     * points at the one before it: no forks, no gaps, no duplicates.
     */
    async append(trx: Knex.Transaction, events: EventInput[], underLock?: () => Promise<void>) {
      const [created] = await appendLocked(trx, [events], underLock);
      // Announced once the caller's transaction commits (knex settles this promise then).
      (trx as any).executionPromise?.then(
        () => announce(created),
        () => {}
      );
      return created;
    },

    /**
     * Appends events in their own transaction, together with whatever other appends of this process
     * are waiting (group commit): one transaction, one chain-head lock and one commit for all of them.
     * `before` runs first in that transaction, before the head is locked (e.g. storing the submission
     * the events refer to). Resolves once the events are committed; rejects if they were not stored.
     */
    appendQueued(events: EventInput[], { personal, before }: { personal?: Record<string, unknown>; before?: (trx: Knex.Transaction) => Promise<void> } = {}) {
      return new Promise<Record<string, any>[]>((resolve, reject) => {
        queue.push({ events, personal, before, resolve, reject });
        schedule();
      });
    },
  };
};

export default chain;
