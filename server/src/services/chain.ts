import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { UIDS } from '../pluginId';
import { canonicalJson, sha256 } from '../utils/hash';
import { insertEntries } from '../utils/rows';

/** The hash every chain starts from. */
export const GENESIS = '0'.repeat(64);
export const HEAD_TABLE = 'uc_chain_head';

/** The fields of a consent event that its hash proves, in the form they are stored. */
export const PROOF_FIELDS = [
  'seq',
  'action',
  'agreementId',
  'versionId',
  'versionNumber',
  'formKey',
  'subject',
  'subjectEmailHash',
  'subjectPhoneHash',
  'pageUrl',
  'ip',
  'userAgent',
  'fields',
  'behaviour',
  'prechecked',
  'fullTextOpened',
  'receiptId',
  'tokenHash',
  'withdrawsId',
  'channel',
  'note',
  'recordedBy',
  'submissionId',
  'recordedAt',
  'prevHash',
] as const;

export type EventInput = { [K in (typeof PROOF_FIELDS)[number]]?: unknown };

const normalise = (field: string, value: unknown) => {
  if (value === undefined || value === null) return null;
  if (field === 'recordedAt') return new Date(value as string | Date).toISOString();
  if (field === 'seq') return String(value);
  if (typeof value === 'boolean') return value;
  if (field === 'prechecked' || field === 'fullTextOpened') return Boolean(value);
  return value;
};

/**
 * SHA-256 over the canonical JSON of the proof fields. Values are normalised the same way on write
 * and on verification (dates as ISO UTC with milliseconds, seq as a string, SQLite's 0/1 as booleans),
 * so a row read back from any of the three databases hashes to what was written.
 */
export const eventHash = (row: Record<string, unknown>) => {
  const proof: Record<string, unknown> = {};
  for (const f of PROOF_FIELDS) proof[f] = normalise(f, row[f]);
  return sha256(canonicalJson(proof));
};

interface Job {
  events: EventInput[];
  before?: (trx: Knex.Transaction) => Promise<void>;
  resolve: (created: Record<string, any>[]) => void;
  reject: (e: unknown) => void;
}

/** Most events one group commit carries (the rest wait for the next). */
const MAX_BATCH_EVENTS = 500;

const chain = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  /**
   * Locks the head, runs `underLock`, hashes every event after the one before it, writes them all in
   * one insert and moves the head. Returns the stored events per list, in order.
   */
  const appendLocked = async (trx: Knex.Transaction, lists: EventInput[][], underLock?: () => Promise<void>) => {
    const headQuery = trx(HEAD_TABLE).where({ id: 1 });
    const head = await (strapi.db.dialect.client === 'sqlite' ? headQuery : headQuery.forUpdate()).first('seq', 'hash');
    if (!head) throw new Error('consent chain head is missing');
    // Checks that must see every earlier append (e.g. "not withdrawn yet") run while we hold the head.
    if (underLock) await underLock();
    // While the head is locked: hash in memory, then one multi-row insert and the head update.
    let seq = BigInt(head.seq);
    let prevHash: string = head.hash;
    const all: Record<string, any>[] = [];
    const out = lists.map((events) =>
      events.map((e) => {
        seq += BigInt(1);
        const data: Record<string, unknown> = { ...e, seq: seq.toString(), prevHash };
        data.hash = eventHash(data);
        prevHash = data.hash as string;
        all.push(data);
        return data;
      })
    );
    // The head moves with the insert (one statement on PostgreSQL: fewer round trips under the lock).
    await insertEntries(strapi, trx, UIDS.consent, all, {
      alongWith: trx(HEAD_TABLE).where({ id: 1 }).update({ seq: seq.toString(), hash: prevHash }),
    });
    return out;
  };

  // Group commit: while one transaction appends, new appends queue up and go together in the next.
  // Under load this turns N lock-hold-and-commit cycles into one, which is what lets the single chain
  // head keep up with concurrent captures (the commit's fsync happens while the head is locked).
  const queue: Job[] = [];
  let flushing = false;

  /** Never throws: every job is resolved or rejected. */
  const runBatch = async (jobs: Job[]): Promise<void> => {
    let failedInside = false;
    try {
      const results = await knex().transaction(async (trx) => {
        try {
          for (const job of jobs) if (job.before) await job.before(trx);
          return await appendLocked(trx, jobs.map((j) => j.events));
        } catch (e) {
          failedInside = true;
          throw e;
        }
      });
      jobs.forEach((job, i) => job.resolve(results[i]));
    } catch (e) {
      // A statement failed before COMMIT: nothing of this batch is stored, so each job is tried alone
      // and one bad job cannot fail the others. A failed COMMIT has an unknown outcome: no retry.
      if (failedInside && jobs.length > 1) {
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
    },

    /**
     * Appends events to the chain inside the caller's transaction. The head row is locked for the
     * append (SELECT ... FOR UPDATE on PostgreSQL and MySQL; SQLite serialises writers), so that
     * concurrent appends from any number of processes get consecutive seq numbers and each event
     * points at the one before it: no forks, no gaps, no duplicates.
     */
    async append(trx: Knex.Transaction, events: EventInput[], underLock?: () => Promise<void>) {
      const [created] = await appendLocked(trx, [events], underLock);
      return created;
    },

    /**
     * Appends events in their own transaction, together with whatever other appends of this process
     * are waiting (group commit): one transaction, one chain-head lock and one commit for all of them.
     * `before` runs first in that transaction, before the head is locked (e.g. storing the submission
     * the events refer to). Resolves once the events are committed; rejects if they were not stored.
     */
    appendQueued(events: EventInput[], before?: (trx: Knex.Transaction) => Promise<void>) {
      return new Promise<Record<string, any>[]>((resolve, reject) => {
        queue.push({ events, before, resolve, reject });
        schedule();
      });
    },
  };
};

/** Creates an index unless it exists (idempotent on SQLite, PostgreSQL and MySQL/MariaDB). */
export const ensureIndex = async (k: Knex, client: string, table: string, name: string, columns: string[], unique = false) => {
  const cols = columns.join(', ');
  const kind = unique ? 'UNIQUE INDEX' : 'INDEX';
  if (client === 'mysql') {
    const [rows] = await k.raw('SELECT 1 FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND INDEX_NAME = ? LIMIT 1', [table, name]);
    if ((rows as unknown[]).length) return;
    try {
      await k.raw(`CREATE ${kind} ${name} ON ${table} (${cols})`);
    } catch (e) {
      if (!/Duplicate key name/i.test(String((e as Error).message))) throw e;
    }
    return;
  }
  await k.raw(`CREATE ${kind} IF NOT EXISTS ${name} ON ${table} (${cols})`);
};

export default chain;
