import type { Knex } from 'knex';
import { ensureIndex } from '../events/ddl';
import { webhookEventOf } from '../../../shared/contracts/webhooks';

/**
 * The transactional outbox: one row per chained consent event, written by the chain's append in the
 * same transaction (on PostgreSQL's optimistic append, the same statement) as the event, so an event
 * that is stored is always announced and one that is not never is. A row holds no personal data: it
 * names the event by its chain position (`seq`, also its key); the payload is built at delivery from
 * the event and, unless erased, its personal record. Times are epoch milliseconds (bigint), compared
 * alike on the three databases.
 */
export const OUTBOX_TABLE = 'uc_outbox';

/**
 * The primary key's name ends in `_seq_uq` on purpose: on PostgreSQL an optimistic append that lost a
 * race may be refused by this key as well as by the events' own unique seq, and the chain retries
 * either way (it recognises the constraint by that suffix).
 */
const PK_NAME = `${OUTBOX_TABLE}_seq_uq`;

export const ensureOutbox = async (k: Knex, client: string) => {
  if (!(await k.schema.hasTable(OUTBOX_TABLE))) {
    try {
      await k.schema.createTable(OUTBOX_TABLE, (t) => {
        t.bigInteger('seq').notNullable();
        t.primary(['seq'], PK_NAME);
        t.string('event', 48).notNullable();
        t.string('receipt_id', 36).nullable();
        t.string('state', 16).notNullable().defaultTo('pending');
        t.integer('attempts').notNullable().defaultTo(0);
        t.bigInteger('next_at').notNullable();
        t.string('lease_owner', 36).nullable();
        t.bigInteger('lease_until').nullable();
        // Per webhook: attempts, last status, last error code, next attempt (JSON; no personal data).
        t.text('targets').nullable();
        t.bigInteger('created_at').notNullable();
        t.bigInteger('updated_at').notNullable();
        t.bigInteger('delivered_at').nullable();
      });
    } catch (e) {
      // Another process created it meanwhile.
      if (!(await k.schema.hasTable(OUTBOX_TABLE))) throw e;
    }
  }
  // The dispatcher's query: due rows of one state, oldest first.
  await ensureIndex(k, client, OUTBOX_TABLE, `${OUTBOX_TABLE}_due_idx`, ['state', 'next_at']);
};

/** The outbox rows of chained events (their seq is set): due at once. */
export const outboxRows = (events: Record<string, any>[], now = Date.now()) =>
  events.map((e) => ({
    seq: String(e.seq),
    event: webhookEventOf(String(e.action)),
    receipt_id: (e.receiptId as string | null) ?? null,
    state: 'pending',
    attempts: 0,
    next_at: now,
    created_at: now,
    updated_at: now,
  }));
