import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { UIDS } from '../pluginId';
import { getService } from '../utils';
import type { EventInput } from './proof';
import { jobRuns } from './jobs';

/**
 * Expiry: a consent given on a version with a validity in months ends at its `expiresAt`, and a double
 * opt-in request nobody confirmed ends when its link's time runs out (an explicit chained record, so
 * that the log and the webhooks say when it ended, rather than a state computed from the current
 * configuration). This job
 * finds the given consents whose time has come and that nothing has ended yet (no withdrawal, no
 * expiry), and appends one chained `expired` event per consent, `withdrawsId` naming the consent it
 * ends (a proof field already: the link is covered by the chain like a withdrawal's). Readers that
 * mean "withdrawn" filter on `action = 'withdrawn'`.
 *
 * Batches are bounded and each is one short transaction; under the chain lock the batch is checked
 * again, so two processes running the job at once never expire one consent twice.
 */

type Row = Record<string, any>;

export interface ExpiryRun {
  /** `expired` events appended. */
  expired: number;
  /** Transactions (batches) that appended them. */
  batches: number;
}

class NothingDue extends Error {}

const expiry = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = (): Knex => strapi.db.connection;
  const consents = () => strapi.db.metadata.get(UIDS.consent).tableName;

  /**
   * Up to `limit` consents due at `now` that no withdrawal or expiry names yet (of `ids`, when given):
   * given (or requested) consents whose validity ended, and requests of double opt-in that nobody
   * confirmed within `doubleOptIn.linkTtlHours` of their recording (their links no longer work).
   */
  const due = (q: Knex | Knex.Transaction, now: Date, limit: number, ids?: number[]): Promise<Row[]> => {
    const t = consents();
    const ttlHours = Number(strapi.config.get('plugin::user-consent.doubleOptIn.linkTtlHours') ?? 72);
    const unconfirmedBefore = new Date(now.getTime() - ttlHours * 3_600_000);
    const qb = q(t)
      .select(`${t}.id`, `${t}.agreement_id`, `${t}.version_id`, `${t}.version_number`, `${t}.form_key`)
      .whereIn(`${t}.action`, ['given', 'requested'])
      .where((w) => {
        w.where((v) => v.whereNotNull(`${t}.expires_at`).where(`${t}.expires_at`, '<=', now)).orWhere((r) =>
          r
            .where(`${t}.action`, 'requested')
            .where(`${t}.recorded_at`, '<=', unconfirmedBefore)
            .whereNotExists(function confirmed(this: Knex.QueryBuilder) {
              this.select(knex().raw('1')).from({ c: t }).whereRaw(`c.withdraws_id = ${t}.id`).where('c.action', 'confirmed');
            })
        );
      })
      .whereNotExists(function ended(this: Knex.QueryBuilder) {
        this.select(knex().raw('1')).from({ e: t }).whereRaw(`e.withdraws_id = ${t}.id`).whereIn('e.action', ['withdrawn', 'expired']);
      })
      .orderBy([`${t}.recorded_at`, `${t}.id`])
      .limit(limit);
    if (ids) qb.whereIn(`${t}.id`, ids);
    return qb;
  };

  /** `now`: the moment against which validity is judged (a test passes a future one); events are recorded at the real time. */
  const runOnce = async ({ now = new Date(), batchSize = 500 }: { now?: Date; batchSize?: number } = {}): Promise<ExpiryRun> => {
    const out: ExpiryRun = { expired: 0, batches: 0 };
    const chain = getService('chain', strapi);
    for (let stale = 0; stale < 3; ) {
      const rows = await due(knex(), now, batchSize);
      if (!rows.length) break;
      const recordedAt = new Date();
      const events: EventInput[] = rows.map((r) => ({
        action: 'expired',
        agreementId: r.agreement_id,
        versionId: r.version_id,
        versionNumber: r.version_number,
        formKey: r.form_key,
        withdrawsId: Number(r.id),
        receiptId: crypto.randomUUID(),
        channel: 'system',
        recordedAt,
      }));
      const appended = await strapi.db
        .transaction(async ({ trx }) =>
          chain.append(trx, events, async () => {
            // Under the chain lock: what another process ended meanwhile is dropped from the batch.
            const still = new Set((await due(trx, now, rows.length, rows.map((r) => Number(r.id)))).map((r) => Number(r.id)));
            for (let i = events.length - 1; i >= 0; i -= 1) if (!still.has(events[i].withdrawsId as number)) events.splice(i, 1);
            if (!events.length) throw new NothingDue();
          })
        )
        .catch((e) => {
          if (e instanceof NothingDue) return null;
          throw e;
        });
      if (!appended) {
        stale += 1;
        continue;
      }
      out.expired += appended.length;
      out.batches += 1;
    }
    return out;
  };

  return jobRuns(runOnce);
};

export default expiry;
