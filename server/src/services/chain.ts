import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { UIDS } from '../pluginId';
import { canonicalJson, sha256 } from '../utils/hash';

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
  // A Date is read as it is (what `new Date(date)` copies), a string or epoch ms parsed.
  if (field === 'recordedAt') return (value instanceof Date ? value : new Date(value as string | number)).toISOString();
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
export const eventHash = (row: Record<string, unknown>) => sha256(proofJson(row));

/** The proof fields in the order canonical JSON writes them, each with its `"key":` (and comma). */
const SORTED_FIELDS = [...PROOF_FIELDS].sort();
const KEY_PREFIX = SORTED_FIELDS.map((f, i) => `${i === 0 ? '{' : ','}${JSON.stringify(f)}:`);

/**
 * `canonicalJson` of the object of the normalised proof fields, without building that object or
 * sorting its keys for every record: every field is present (normalise turns undefined into null),
 * so the keys and their order are fixed. tests/unit/canonical-json.test.ts holds it to the output
 * of the original `canonicalJson(proof)`.
 */
export const proofJson = (row: Record<string, unknown>) => {
  let out = '';
  for (let i = 0; i < SORTED_FIELDS.length; i += 1) {
    const f = SORTED_FIELDS[i];
    out += KEY_PREFIX[i] + canonicalJson(normalise(f, row[f]));
  }
  return `${out}}`;
};

const chain = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

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
      const headQuery = trx(HEAD_TABLE).where({ id: 1 });
      const head = await (strapi.db.dialect.client === 'sqlite' ? headQuery : headQuery.forUpdate()).first('seq', 'hash');
      if (!head) throw new Error('consent chain head is missing');
      // Checks that must see every earlier append (e.g. "not withdrawn yet") run while we hold the head.
      if (underLock) await underLock();
      let seq = BigInt(head.seq);
      let prevHash: string = head.hash;
      const created: Record<string, any>[] = [];
      for (const e of events) {
        seq += BigInt(1);
        const data: Record<string, unknown> = { ...e, seq: seq.toString(), prevHash };
        data.hash = eventHash(data);
        // The query engine joins the caller's transaction (Strapi keeps it in async context).
        created.push(await strapi.db.query(UIDS.consent).create({ data }));
        prevHash = data.hash as string;
      }
      await trx(HEAD_TABLE).where({ id: 1 }).update({ seq: seq.toString(), hash: prevHash });
      return created;
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
