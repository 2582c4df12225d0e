import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { UIDS } from '../pluginId';
import { getService } from '../utils';
import { jobRuns } from './jobs';

/**
 * Retention: personal data is kept only as long as each form says. A record is due
 * - `retentionDays` after it was collected, when the form sets that; or
 * - `withdrawalRetentionDays` (default 30, 152-FZ art. 21 p.5) after every consent given with it
 *   was withdrawn (a capture that still holds a consent keeps its data).
 * Due records are erased in bounded batches, each one short transaction with its own `erased` event
 * (reason `retention`). Several processes may run this at once: each batch is re-checked under the
 * chain lock, so a record is erased once, and a batch lost to a crash is simply due at the next run.
 */

type Row = Record<string, any>;

const DAY_MS = 86_400_000;

export interface RetentionRun {
  /** Personal records erased. */
  records: number;
  /** Consent events whose personal data they were. */
  events: number;
  /** Erasures (acts) appended. */
  batches: number;
  /** Whether the tables were rewritten afterwards so that freed pages keep no erased value. */
  compacted?: boolean;
}

const retention = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = (): Knex => strapi.db.connection;
  const consents = () => strapi.db.metadata.get(UIDS.consent).tableName;
  const people = () => strapi.db.metadata.get(UIDS.personal).tableName;

  /** Up to `limit` records of a form collected before the cutoff. */
  const dueByAge = async (formKey: string, cutoff: Date, limit: number): Promise<number[]> => {
    const rows: Row[] = await knex()(people())
      .select(`${people()}.id`)
      .where(`${people()}.collected_at`, '<', cutoff)
      .whereExists(function exists(this: Knex.QueryBuilder) {
        this.select(knex().raw('1')).from(consents()).whereRaw(`${consents()}.personal_id = ${people()}.id`).andWhere(`${consents()}.form_key`, formKey);
      })
      // The oldest first, along the collected_at index: a batch never re-reads what earlier batches
      // passed over (by id, each batch walked the store from its start again).
      .orderBy([`${people()}.collected_at`, `${people()}.id`])
      .limit(limit);
    return rows.map((r) => Number(r.id));
  };

  /**
   * Up to `limit` capture records of a form whose every given consent was withdrawn before the
   * cutoff, with the records of those withdrawals (they name the same person).
   */
  const dueAfterWithdrawal = async (formKey: string, cutoff: Date, limit: number): Promise<number[]> => {
    const c = consents();
    const rows: Row[] = await knex()({ g: c })
      .join({ p: people() }, 'p.id', 'g.personal_id')
      // Withdrawals only: an `expired` event also names the consent it ends.
      .leftJoin({ w: c }, function withdrawal(this: Knex.JoinClause) {
        this.on('w.withdraws_id', '=', 'g.id').andOnVal('w.action', '=', 'withdrawn');
      })
      .where('g.form_key', formKey)
      .whereIn('g.action', ['given', 'requested'])
      .groupBy('g.personal_id')
      .havingRaw('COUNT(*) = COUNT(w.id) AND MAX(w.recorded_at) < ?', [cutoff])
      .select('g.personal_id')
      .orderBy('g.personal_id')
      .limit(limit);
    const captures = rows.map((r) => Number(r.personal_id));
    if (!captures.length) return [];
    const withdrawals: Row[] = await knex()({ g: c })
      .join({ w: c }, 'w.withdraws_id', 'g.id')
      .where('w.action', 'withdrawn')
      .whereIn('g.personal_id', captures)
      .whereNotNull('w.personal_id')
      .select('w.personal_id');
    return [...new Set([...captures, ...withdrawals.map((r) => Number(r.personal_id))])];
  };

  const runOnce = async ({ now = new Date(), batchSize = 500 }: { now?: Date; batchSize?: number } = {}): Promise<RetentionRun> => {
    const forms: Row[] = await strapi.db.query(UIDS.form).findMany({ select: ['key', 'retentionDays', 'withdrawalRetentionDays'] });
    const out: RetentionRun = { records: 0, events: 0, batches: 0, compacted: false };
    const erasure = getService('erasure', strapi);
    for (const f of forms) {
      const rules: { find: (limit: number) => Promise<number[]>; note: string }[] = [];
      if (f.retentionDays) {
        const cutoff = new Date(now.getTime() - f.retentionDays * DAY_MS);
        rules.push({ find: (limit) => dueByAge(f.key, cutoff, limit), note: `form "${f.key}": kept ${f.retentionDays} day(s) after collection` });
      }
      const afterWithdrawal = f.withdrawalRetentionDays ?? 30;
      const cutoff = new Date(now.getTime() - afterWithdrawal * DAY_MS);
      rules.push({ find: (limit) => dueAfterWithdrawal(f.key, cutoff, limit), note: `form "${f.key}": ${afterWithdrawal} day(s) after the withdrawal of every consent` });
      for (const rule of rules) {
        // Each round takes the next batch of what is due; an erasure that finds its batch already
        // taken by another process returns null, and the next round asks again.
        for (let stale = 0; stale < 3; ) {
          const ids = await rule.find(batchSize);
          if (!ids.length) break;
          // No VACUUM per batch: the run ends in compact(), which rewrites the tables anyway.
          const done = await erasure.erase({ personalIds: ids }, { kind: 'retention', reason: 'retention', note: rule.note, by: null }, { clearFreedSpace: false });
          if (!done) {
            stale += 1;
            continue;
          }
          out.records += done.records ?? ids.length;
          out.events += done.events;
          out.batches += 1;
        }
      }
    }
    // After erasures (this run's or an admin's since the last run), rewrite what they freed.
    out.compacted = await erasure.compact();
    // Nothing to rewrite (SQLite, or nothing erased): still clear what this run's batches freed.
    if (!out.compacted && out.batches) await erasure.clearFreedSpace();
    return out;
  };

  return jobRuns(runOnce);
};

export default retention;
