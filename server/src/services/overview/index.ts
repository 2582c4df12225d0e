import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { UIDS } from '../../pluginId';
import { stateSql } from '../../events/states';
import { lastIntegritySummary } from '../../events/integrity-summary';
import { CONSENT_ACTIONS, type ConsentAction } from '../../../../shared/contracts/constants';
import type { ActionCounts, ConsentOverview, Overview } from '../../../../shared/contracts/overview';
import { dayWindow, QUARTER_HOUR_MS } from './days';

const zero = (): ActionCounts => Object.fromEntries(CONSENT_ACTIONS.map((a) => [a, 0])) as ActionCounts;
const isAction = (a: unknown): a is ConsentAction => (CONSENT_ACTIONS as readonly unknown[]).includes(a);

/**
 * The quarter hour of `recorded_at` since `start` (a bound parameter), as an integer, per dialect. Each
 * side is measured against a value bound the way the stored ones were written, so the driver's own
 * handling of dates (SQLite: epoch ms; PostgreSQL and MariaDB: the process's wall time) cancels out.
 */
const quarterSql = (client: string) => {
  const q = QUARTER_HOUR_MS / 1000;
  if (client === 'postgres') return `FLOOR(EXTRACT(EPOCH FROM (recorded_at - CAST(? AS timestamp))) / ${q})`;
  if (client === 'mysql') return `FLOOR(TIMESTAMPDIFF(SECOND, ?, recorded_at) / ${q})`;
  // SQLite keeps datetimes as epoch milliseconds (integers): integer division, never negative here.
  return `((recorded_at - ?) / ${QUARTER_HOUR_MS})`;
};

/**
 * What the home page and the widget show, in grouped queries on indexed columns: events per local day
 * and action, and per form and agreement over the same period (the (action, recorded_at, form_key,
 * agreement_id) index covers both, so the rows themselves need not be read), the consents outdated or
 * expired now, and the latest integrity check. No personal data.
 */
const overview = ({ strapi }: { strapi: Core.Strapi }) => ({
  async get({ days, tz }: ConsentOverview.Query, now: Date = new Date()): Promise<Overview> {
    const k = strapi.db.connection as Knex;
    const table = strapi.db.metadata.get(UIDS.consent).tableName;
    const w = dayWindow(tz, days, now);
    const inWindow = (q: Knex.QueryBuilder) =>
      q.whereIn('action', CONSENT_ACTIONS as unknown as string[]).where('recorded_at', '>=', w.start).where('recorded_at', '<', w.end);

    const [perQuarter, bySource]: [{ quarter: unknown; action: string; n: unknown }[], { form_key: string | null; agreement_id: unknown; action: string; n: unknown }[]] = await Promise.all([
      k(table)
        .select(k.raw(`${quarterSql(strapi.db.dialect.client)} AS quarter`, [w.start]), 'action')
        .count({ n: '*' })
        .modify(inWindow)
        .groupBy('quarter', 'action'),
      k(table).select('form_key', 'agreement_id', 'action').count({ n: '*' }).modify(inWindow).groupBy('form_key', 'agreement_id', 'action'),
    ]);
    const byDay = new Map(w.days.map((day) => [day, zero()] as const));
    const totals = zero();
    for (const r of perQuarter) {
      const day = w.dayOfQuarter(Number(r.quarter));
      const counts = day ? byDay.get(day) : undefined;
      if (!counts || !isAction(r.action)) continue;
      counts[r.action] += Number(r.n);
      totals[r.action] += Number(r.n);
    }

    const forms = new Map<string | null, ActionCounts>();
    const agreements = new Map<number, ActionCounts>();
    for (const r of bySource) {
      if (!isAction(r.action)) continue;
      const n = Number(r.n);
      const form = r.form_key ?? null;
      if (!forms.has(form)) forms.set(form, zero());
      forms.get(form)![r.action] += n;
      if (r.agreement_id != null) {
        const id = Number(r.agreement_id);
        if (!agreements.has(id)) agreements.set(id, zero());
        agreements.get(id)![r.action] += n;
      }
    }
    const formNames = new Map<string, string>(
      (await strapi.db.query(UIDS.form).findMany({ select: ['key', 'name'], where: { key: { $in: [...forms.keys()].filter((key): key is string => key != null) } } })).map(
        (f: { key: string; name: string }) => [f.key, f.name] as const
      )
    );
    const agreementNames = new Map<number, string>(
      (await strapi.db.query(UIDS.agreement).findMany({ select: ['id', 'name'], where: { id: { $in: [...agreements.keys()] } } })).map(
        (a: { id: number; name: string }) => [Number(a.id), a.name] as const
      )
    );
    const busiest = (a: ActionCounts, b: ActionCounts) => total(b) - total(a);

    return {
      days,
      timeZone: tz,
      from: w.from,
      to: w.to,
      perDay: [...byDay].map(([day, counts]) => ({ day, counts })),
      totals,
      forms: [...forms]
        .map(([key, counts]) => ({ key, name: key == null ? null : (formNames.get(key) ?? null), counts }))
        .sort((a, b) => busiest(a.counts, b.counts) || String(a.key ?? '\uffff').localeCompare(String(b.key ?? '\uffff'))),
      agreements: [...agreements]
        .map(([id, counts]) => ({ id, name: agreementNames.get(id) ?? null, counts }))
        .sort((a, b) => busiest(a.counts, b.counts) || a.id - b.id),
      states: await staleCounts(strapi, now),
      integrity: await lastIntegritySummary(strapi),
    };
  },
});

const total = (c: ActionCounts) => CONSENT_ACTIONS.reduce((sum, a) => sum + c[a], 0);

/**
 * Given consents outdated or expired now, by the one rule of states (stateSql). Each count starts from
 * the few rows that can match, found by an index, and applies the rule to those only: expired ones from
 * a past `expires_at` (then, apart, those an `expired` event names without one), outdated ones from the
 * agreements that ask for renewed consent. CROSS JOIN keeps SQLite to that order (its planner would
 * otherwise walk every given consent by the action index); PostgreSQL and MariaDB plan it as a join.
 */
const staleCounts = async (strapi: Core.Strapi, now: Date) => {
  const k = strapi.db.connection as Knex;
  const rule = stateSql(strapi, now);
  const t = rule.table;
  const agreements = strapi.db.metadata.get(UIDS.agreement).tableName;
  /** Consents in `state` among the candidates (a query of one column, `cid` or `aid`, joined on `on`). */
  const count = async (candidates: Knex.QueryBuilder, on: string, state: 'expired' | 'outdated', more?: (q: Knex.QueryBuilder) => void) => {
    const q = k
      .from(candidates.as('d'))
      .crossJoin(k.raw(t))
      .whereRaw(on)
      .modify((b) => rule.where(b, state))
      .modify((b) => more?.(b))
      .count({ n: '*' })
      .first();
    return Number(((await q) as { n: unknown } | undefined)?.n ?? 0);
  };
  const [byDate, byEvent, outdated] = await Promise.all([
    count(k(t).select('id as cid').whereNotNull('expires_at').where('expires_at', '<=', now), `${t}.id = d.cid`, 'expired'),
    count(k(t).distinct('withdraws_id as cid').where('action', 'expired'), `${t}.id = d.cid`, 'expired', (b) =>
      b.where((w) => w.whereNull(`${t}.expires_at`).orWhere(`${t}.expires_at`, '>', now))
    ),
    count(k(agreements).select('id as aid').whereNotNull('renewal_from_version'), `${t}.agreement_id = d.aid`, 'outdated'),
  ]);
  return { outdated, expired: byDate + byEvent };
};

export default overview;
