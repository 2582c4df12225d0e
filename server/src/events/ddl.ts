import type { Knex } from 'knex';

/** The one-row table that holds the chain's last seq and hash. */
export const HEAD_TABLE = 'uc_chain_head';

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


/**
 * Which erasure destroyed which personal record: no personal data, only two ids, so that the log and
 * the record page can say "erased by act No. N" without searching the chain. The chain's `erased`
 * events are the proof; this is an index of them.
 */
export const TOMBSTONE_TABLE = 'uc_personal_erased';

export const ensureTombstones = async (k: Knex) => {
  if (await k.schema.hasTable(TOMBSTONE_TABLE)) return;
  try {
    await k.schema.createTable(TOMBSTONE_TABLE, (t) => {
      t.bigInteger('personal_id').primary();
      t.integer('erasure_id').notNullable().index(`${TOMBSTONE_TABLE}_erasure_idx`);
    });
  } catch (e) {
    // Another process created it meanwhile.
    if (!(await k.schema.hasTable(TOMBSTONE_TABLE))) throw e;
  }
};

/**
 * Signed checkpoints of the chain (events/checkpoints.ts): append-only, like the events (database
 * triggers refuse updates and deletes). `number` and `seq` are unique, so two processes can never
 * store two checkpoints of the same number or of the same chain head.
 */
export const CHECKPOINT_TABLE = 'uc_checkpoints';

export const ensureCheckpoints = async (k: Knex) => {
  if (await k.schema.hasTable(CHECKPOINT_TABLE)) return;
  try {
    await k.schema.createTable(CHECKPOINT_TABLE, (t) => {
      t.increments('id').primary();
      t.integer('number').notNullable().unique(`${CHECKPOINT_TABLE}_number_uq`);
      t.bigInteger('seq').notNullable().unique(`${CHECKPOINT_TABLE}_seq_uq`);
      t.string('hash', 64).notNullable();
      t.bigInteger('events').notNullable();
      t.string('signed_at', 32).notNullable();
      t.string('reason', 16).notNullable();
      t.string('kid', 64).notNullable();
      t.string('previous', 64).nullable();
      t.text('jws').notNullable();
    });
  } catch (e) {
    // Another process created it meanwhile.
    if (!(await k.schema.hasTable(CHECKPOINT_TABLE))) throw e;
  }
};
