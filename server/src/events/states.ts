import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { UIDS } from '../pluginId';
import { chunks, statementOf, isBetterSqlite } from './rows';
import { isoOf, jsonColumn } from './raw-rows';
import type { Choices } from '../../../shared/contracts/choices';
import { CONSENT_STATES, type ConsentState } from '../../../shared/contracts/constants';

/**
 * The one rule of a consent's state (see CONSENT_STATES). A `given` consent is, first match wins:
 *   1. `withdrawn`: a `withdrawn` event names it (`withdrawsId`);
 *   2. `erased`: it had a personal record, and that record is gone (an erasure destroyed it);
 *   3. `expired`: its `expiresAt` has passed, or an `expired` event names it (the expiry job's record);
 *   4. `outdated`: its agreement has a later version that requires renewed consent
 *      (`agreement.renewalFromVersion > consent.versionNumber`);
 *   5. else `given`.
 * A `requested` event (double opt-in) is the decision of a consent that waits for its address to be
 * confirmed: withdrawn and erased as above; then, while no `confirmed` event names it, `pending` (or
 * `expired` once the expiry job's `expired` event names it: its link's time ran out); once confirmed,
 * rules 3 to 5 as for a given consent.
 * A `refused` event is `refused`; withdrawals, erasures, expiries and confirmations have no state (null).
 *
 * Two forms of the same rule: `stateOf` for rows in code (with the facts `loadStateFacts` reads for a
 * batch of rows), and `stateSql` for SQL (a CASE expression, and the condition a filter adds). The
 * order above is the order of both. Every SQL condition is true or false, never NULL (a NULL column is
 * tested with IS NULL first), so that its negation selects the rest.
 */

/** The event that ended a consent (its first withdrawal, or its expiry). */
export interface Ender {
  id: number;
  recordedAt: string;
  receiptId: string | null;
}

/** What a consent's state is derived from besides its own columns. */
export interface StateFacts {
  /** Consents a `withdrawn` event names, with the first such event. */
  withdrawn: Map<number, Ender>;
  /** Consents an `expired` event names, with that event. */
  expiredByEvent: Map<number, Ender>;
  /** Ids of the personal records that still exist (of the rows asked about). */
  present: Set<number>;
  /** Per agreement, the number of its latest version that requires renewed consent. */
  renewalFrom: Map<number, number>;
  /** Requested consents (double opt-in) a `confirmed` event names, with that event. */
  confirmed: Map<number, Ender>;
}

/** Decision events: what a person decided on a form (a requested consent stands for a given one). */
export const DECISION_ACTIONS = ['given', 'refused', 'requested'] as const;
/** Events that stand for a consent that can be withdrawn, erased, expire or be outdated. */
export const CONSENT_ACTIONS_GIVEN = ['given', 'requested'] as const;
const isConsent = (action: string) => action === 'given' || action === 'requested';

export interface StateRow {
  id: number;
  action: string;
  agreementId?: number | null;
  versionNumber?: number | null;
  personalId?: number | null;
  expiresAt?: Date | string | null;
}

const num = (v: unknown) => (v == null ? null : Number(v));

/** The state of one event (rule above). */
export const stateOf = (row: StateRow, facts: StateFacts, now: Date = new Date()): ConsentState | null => {
  if (row.action === 'refused') return 'refused';
  if (!isConsent(row.action)) return null;
  const id = Number(row.id);
  if (facts.withdrawn.has(id)) return 'withdrawn';
  const personalId = num(row.personalId);
  if (personalId != null && !facts.present.has(personalId)) return 'erased';
  if (row.action === 'requested' && !facts.confirmed.has(id)) return facts.expiredByEvent.has(id) ? 'expired' : 'pending';
  if (facts.expiredByEvent.has(id) || (row.expiresAt != null && new Date(row.expiresAt).getTime() <= now.getTime())) return 'expired';
  const renewal = facts.renewalFrom.get(Number(row.agreementId));
  if (renewal != null && row.versionNumber != null && Number(row.versionNumber) < renewal) return 'outdated';
  return 'given';
};

/**
 * The facts `stateOf` needs for these rows, in a few indexed queries. `present`: the personal records
 * the caller has already read (ids that exist), so they are not read again.
 */
export const loadStateFacts = async (strapi: Core.Strapi, rows: StateRow[], { present, q }: { present?: Iterable<number>; q?: Knex | Knex.Transaction } = {}): Promise<StateFacts> => {
  const k = q ?? (strapi.db.connection as Knex);
  const table = (uid: string) => strapi.db.metadata.get(uid as any).tableName;
  const given = rows.filter((r) => isConsent(r.action));
  const facts: StateFacts = { withdrawn: new Map(), expiredByEvent: new Map(), present: new Set(present ?? []), renewalFrom: new Map(), confirmed: new Map() };
  if (!given.length) return facts;
  const ids = given.map((r) => Number(r.id));
  for (const part of chunks(ids)) {
    const enders: Record<string, unknown>[] = await k(table(UIDS.consent))
      .whereIn('withdraws_id', part)
      .whereIn('action', ['withdrawn', 'expired', 'confirmed'])
      .orderBy('seq', 'asc')
      .select('id', 'withdraws_id', 'action', 'recorded_at', 'receipt_id');
    for (const e of enders) {
      const into = e.action === 'withdrawn' ? facts.withdrawn : e.action === 'confirmed' ? facts.confirmed : facts.expiredByEvent;
      const target = Number(e.withdraws_id);
      if (!into.has(target)) into.set(target, { id: Number(e.id), recordedAt: isoOf(e.recorded_at) ?? '', receiptId: (e.receipt_id as string) ?? null });
    }
  }
  if (!present) {
    const personalIds = [...new Set(given.map((r) => num(r.personalId)).filter((id): id is number => id != null))];
    for (const part of chunks(personalIds)) {
      const found: { id: unknown }[] = await k(table(UIDS.personal)).whereIn('id', part).select('id');
      for (const p of found) facts.present.add(Number(p.id));
    }
  }
  const agreementIds = [...new Set(given.map((r) => num(r.agreementId)).filter((id): id is number => id != null))];
  for (const part of chunks(agreementIds)) {
    const agreements: { id: unknown; renewal_from_version: unknown }[] = await k(table(UIDS.agreement)).whereIn('id', part).whereNotNull('renewal_from_version').select('id', 'renewal_from_version');
    for (const a of agreements) facts.renewalFrom.set(Number(a.id), Number(a.renewal_from_version));
  }
  return facts;
};

/** The states of a batch of rows, by id. */
export const statesOf = async (strapi: Core.Strapi, rows: StateRow[], options: { now?: Date; present?: Iterable<number> } = {}) => {
  const facts = await loadStateFacts(strapi, rows, options);
  return new Map(rows.map((r) => [Number(r.id), stateOf(r, facts, options.now)] as const));
};

/**
 * The rule in SQL, on the consent table as it is named in the query (`t`): each condition of a given
 * consent in the order of the rule, the CASE expression that names the state, and the condition that
 * selects one state (the earlier conditions negated, then its own).
 */
export const stateSql = (strapi: Core.Strapi, now: Date = new Date()) => {
  const consents = strapi.db.metadata.get(UIDS.consent).tableName;
  const people = strapi.db.metadata.get(UIDS.personal).tableName;
  const agreements = strapi.db.metadata.get(UIDS.agreement).tableName;
  const t = consents;
  const conditions: { state: ConsentState; sql: string; bindings: unknown[] }[] = [
    { state: 'withdrawn', sql: `EXISTS (SELECT 1 FROM ${consents} sw WHERE sw.withdraws_id = ${t}.id AND sw.action = 'withdrawn')`, bindings: [] },
    { state: 'erased', sql: `(${t}.personal_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${people} sp WHERE sp.id = ${t}.personal_id))`, bindings: [] },
    {
      // Double opt-in: requested, not confirmed and not expired by the expiry job.
      state: 'pending',
      sql: `(${t}.action = 'requested' AND NOT EXISTS (SELECT 1 FROM ${consents} sc WHERE sc.withdraws_id = ${t}.id AND sc.action IN ('confirmed', 'expired')))`,
      bindings: [],
    },
    {
      state: 'expired',
      sql: `((${t}.expires_at IS NOT NULL AND ${t}.expires_at <= ?) OR EXISTS (SELECT 1 FROM ${consents} sx WHERE sx.withdraws_id = ${t}.id AND sx.action = 'expired'))`,
      bindings: [now],
    },
    { state: 'outdated', sql: `EXISTS (SELECT 1 FROM ${agreements} sa WHERE sa.id = ${t}.agreement_id AND sa.renewal_from_version > ${t}.version_number)`, bindings: [] },
  ];

  /** `CASE ... END`: the state of each row (NULL for events that have none). */
  const caseExpression = () => {
    const whens = conditions.map((c) => `WHEN ${c.sql} THEN '${c.state}'`).join(' ');
    return {
      sql: `CASE WHEN ${t}.action = 'refused' THEN 'refused' WHEN ${t}.action NOT IN ('given', 'requested') THEN NULL ${whens} ELSE 'given' END`,
      bindings: conditions.flatMap((c) => c.bindings),
    };
  };

  /** Adds "is in this state" to a query of the consent table. */
  const where = (qb: Knex.QueryBuilder, state: ConsentState) => {
    if (state === 'refused') return qb.where(`${t}.action`, 'refused');
    qb.whereIn(`${t}.action`, [...CONSENT_ACTIONS_GIVEN]);
    const at = conditions.findIndex((c) => c.state === state);
    const before = at < 0 ? conditions : conditions.slice(0, at);
    for (const c of before) qb.whereRaw(`NOT ${c.sql}`, c.bindings as Knex.RawBinding[]);
    if (at >= 0) qb.whereRaw(conditions[at].sql, conditions[at].bindings as Knex.RawBinding[]);
    return qb;
  };

  /**
   * `CASE ... END` as a number, for ORDER BY: the place in CONSENT_STATES of what the log shows as a
   * row's state. A decision has its state; an event that has none (a withdrawal, an expiry, an erasure)
   * shows its action, and sorts beside the state of the same name.
   */
  const orderExpression = () => {
    const rank = (state: ConsentState) => CONSENT_STATES.indexOf(state);
    const whens = conditions.map((c) => `WHEN ${c.sql} THEN ${rank(c.state)}`).join(' ');
    const events = (['withdrawn', 'expired', 'erased'] as const).map((a) => `WHEN ${t}.action = '${a}' THEN ${rank(a)}`).join(' ');
    return {
      // A requested consent (double opt-in) ranks by its state as a given one does; its confirmation with
      // the consents it made given.
      sql: `CASE WHEN ${t}.action IN ('given', 'requested') THEN CASE ${whens} ELSE ${rank('given')} END WHEN ${t}.action = 'refused' THEN ${rank('refused')} WHEN ${t}.action = 'confirmed' THEN ${rank('given')} ${events} ELSE ${CONSENT_STATES.length} END`,
      bindings: conditions.flatMap((c) => c.bindings),
    };
  };

  return { table: t, caseExpression, orderExpression, where };
};

/** The machine's validity of a version or an agreement: whole months, or null (until withdrawn). */
export const monthsOf = (validity: { kind?: string; months?: number | null } | null | undefined): number | null =>
  validity?.kind === 'term' && Number.isInteger(validity.months) && (validity.months as number) > 0 ? (validity.months as number) : null;

/**
 * When a consent given at `recordedAt` on a version valid for `months` expires (null: never). For a
 * consent collected elsewhere, pass its `collectedAt`: the term runs from when the person consented.
 */
export const expiresAtOf = (recordedAt: Date, months: number | null): Date | null => {
  if (months == null) return null;
  const at = new Date(recordedAt.getTime());
  const day = at.getUTCDate();
  at.setUTCMonth(at.getUTCMonth() + months);
  // 31 January + 1 month is the last day of February, not 3 March.
  if (at.getUTCDate() !== day) at.setUTCDate(0);
  return at;
};

/** A person's decision on one agreement as it stands: the latest given or refused capture, and what ended it. */
export interface CurrentDecision {
  agreement: number;
  state: ConsentState;
  /** The decision event. */
  decision: { id: number; versionId: number | null; versionNumber: number | null; recordedAt: string; collectedAt: string | null; expiresAt: string | null; receiptId: string | null; choices?: Choices | null };
  /** Since when the state holds: the withdrawal or expiry event's time, the end of validity, or the decision's time. */
  since: string;
  /** The event that ended it (withdrawal or expiry), when one did. */
  endedBy: (Ender & { action: 'withdrawn' | 'expired' }) | null;
  /** A requested consent's confirmation (double opt-in), when one names it. */
  confirmedBy: Ender | null;
}

/** When a decision was made: a consent collected elsewhere when it was collected, else when it was recorded. */
const decidedAtOf = (e: { recordedAt: unknown; collectedAt?: unknown }) => new Date((e.collectedAt ?? e.recordedAt) as string).getTime();

/**
 * Per agreement, the latest decision (given or refused) among `events`, with its state. The
 * subject look-up and the status API both answer with this. Latest by when it was made (an imported
 * paper consent of 2023 does not override a refusal given on the site in 2025), then by seq.
 */
type DecisionRow = StateRow & { seq: unknown; recordedAt: unknown; collectedAt?: unknown; versionId?: number | null; receiptId?: string | null; choices?: unknown };

/** Per agreement, the latest given or refused event: by when it was made, then by seq. */
const latestPerAgreement = (events: DecisionRow[]) => {
  const latest = new Map<number, DecisionRow>();
  const sorted = events
    .filter((e) => (DECISION_ACTIONS as readonly string[]).includes(e.action))
    .sort((a, b) => decidedAtOf(a) - decidedAtOf(b) || (BigInt(a.seq as string) < BigInt(b.seq as string) ? -1 : 1));
  for (const e of sorted) latest.set(Number(e.agreementId), e);
  return [...latest.values()];
};

export const currentDecisions = async (strapi: Core.Strapi, events: DecisionRow[], { now = new Date() }: { now?: Date } = {}): Promise<CurrentDecision[]> => {
  const decisions = latestPerAgreement(events);
  return decide(decisions, await loadStateFacts(strapi, decisions), now);
};

/** Given and refused events of these personal records, each with its enders and its agreement's renewal version. */
/** The given and refused events of the people with these look-up hashes, each with what ends it. */
const subjectsQuery = (strapi: Core.Strapi, column: string, hashes: string[]) => {
  const k = strapi.db.connection as Knex;
  const table = (uid: string) => strapi.db.metadata.get(uid as any).tableName;
  const consents = table(UIDS.consent);
  return k({ p: table(UIDS.personal) })
    .modify((q) => {
      // SQLite has no statistics (Strapi runs no ANALYZE): CROSS JOIN makes it walk the person's records
      // first (the look-up hash's index, then each record's events), rather than the log by action.
      if (strapi.db.dialect.client === 'sqlite') q.joinRaw('CROSS JOIN ?? AS c', [consents]).whereRaw('c.personal_id = p.id');
      else q.join({ c: consents }, 'c.personal_id', 'p.id');
    })
    .leftJoin({ e: consents }, (j) => {
      j.on('e.withdraws_id', '=', 'c.id').andOnIn('e.action', ['withdrawn', 'expired', 'confirmed']);
    })
    .leftJoin({ a: table(UIDS.agreement) }, 'a.id', 'c.agreement_id')
    .whereIn(`p.${column}`, hashes)
    .whereIn('c.action', [...DECISION_ACTIONS])
    .select(
      `p.${column} as subject_key`,
      'c.id', 'c.seq', 'c.action', 'c.agreement_id', 'c.version_id', 'c.version_number', 'c.personal_id', 'c.receipt_id', 'c.recorded_at', 'c.collected_at', 'c.expires_at', 'c.choices',
      'e.id as e_id', 'e.seq as e_seq', 'e.action as e_action', 'e.recorded_at as e_recorded_at', 'e.receipt_id as e_receipt_id',
      'a.renewal_from_version as renewal_from'
    );
};

/** The status read's SQL per look-up column and IN-list size (SQLite, PostgreSQL), and where its hashes are bound. */
const subjectShapes = new Map<string, { sql: string; base: unknown[]; at: number[] }>();

const eventsOfSubjects = async (strapi: Core.Strapi, column: string, hashes: string[]): Promise<Record<string, unknown>[]> => {
  const client = strapi.db.dialect.client;
  const prepared = isBetterSqlite(strapi) || client === 'postgres';
  if (!prepared) return subjectsQuery(strapi, column, hashes);
  // SQLite and PostgreSQL: a statement prepared once per connection and IN-list length. The list is
  // padded to the next power of two with its last hash (a repeated value selects nothing more), so
  // that a handful of statements serve every batch: preparing (planning) the join costs more than
  // running it.
  let size = 1;
  while (size < hashes.length) size *= 2;
  const padded = hashes.concat(Array(size - hashes.length).fill(hashes[hashes.length - 1]));
  // The SQL of one column and size is built once; each run only puts its hashes where they go.
  const key = `${column}:${size}`;
  let shape = subjectShapes.get(key);
  if (!shape) {
    const markers = padded.map((_, i) => `\u0000hash${i}`);
    const built = subjectsQuery(strapi, column, markers).toSQL().toNative();
    shape = { sql: built.sql, base: [...built.bindings], at: markers.map((m) => built.bindings.indexOf(m)) };
    subjectShapes.set(key, shape);
  }
  const bindings = shape.base.slice();
  shape.at.forEach((position, i) => {
    bindings[position] = padded[i];
  });
  const pool = (strapi.db.connection as any).client;
  const conn = await pool.acquireConnection();
  try {
    if (client === 'postgres') {
      // A named statement: the pg driver parses it once per connection, PostgreSQL plans it once. A
      // pooler that does not keep prepared statements (PgBouncer in transaction mode) refuses it: then
      // the same SQL runs unnamed.
      try {
        const res = await conn.query({ name: `uc_status_${column}_${size}`, text: shape.sql, values: bindings });
        return res.rows as Record<string, unknown>[];
      } catch (e: any) {
        if (!['26000', '42P05'].includes(e?.code)) throw e;
        return (await conn.query(shape.sql, bindings)).rows as Record<string, unknown>[];
      }
    }
    return statementOf(conn, shape.sql).all(bindings) as Record<string, unknown>[];
  } finally {
    await pool.releaseConnection(conn);
  }
};

/**
 * Group reads: the status queries that arrive in the same turn of the event loop are answered by one
 * statement per look-up column (as the chain's group commit writes the captures of one moment
 * together), so that under load a status query costs a fraction of a round trip to the database.
 */
interface Waiting {
  hash: string;
  resolve: (rows: Record<string, unknown>[]) => void;
  reject: (e: unknown) => void;
}
const waiting = new WeakMap<object, { byColumn: Map<string, Waiting[]>; scheduled: boolean }>();

const readTogether = (strapi: Core.Strapi, column: string, hash: string) =>
  new Promise<Record<string, unknown>[]>((resolve, reject) => {
    let state = waiting.get(strapi.db);
    if (!state) waiting.set(strapi.db, (state = { byColumn: new Map(), scheduled: false }));
    const list = state.byColumn.get(column) ?? [];
    list.push({ hash, resolve, reject });
    state.byColumn.set(column, list);
    if (state.scheduled) return;
    state.scheduled = true;
    const current = state;
    setImmediate(() => {
      const batches = [...current.byColumn];
      current.byColumn = new Map();
      current.scheduled = false;
      for (const [col, reads] of batches) {
        for (const part of chunks([...new Set(reads.map((r) => r.hash))])) {
          const mine = reads.filter((r) => part.includes(r.hash));
          eventsOfSubjects(strapi, col, part).then(
            (rows) => {
              const bySubject = new Map<string, Record<string, unknown>[]>();
              for (const row of rows) {
                const key = String(row.subject_key);
                const of = bySubject.get(key) ?? [];
                of.push(row);
                bySubject.set(key, of);
              }
              for (const r of mine) r.resolve(bySubject.get(r.hash) ?? []);
            },
            (e) => {
              for (const r of mine) r.reject(e);
            }
          );
        }
      }
    });
  });

/**
 * The current decisions of the person whose personal records have this look-up hash: their given and
 * refused events, each with the withdrawals and expiries that name it and its agreement's renewal
 * version, in one statement shared with the other status queries of the moment. What the status API
 * answers; `currentDecisions` with the facts read separately gives the same.
 */
export const subjectDecisions = async (
  strapi: Core.Strapi,
  key: { column: string; hash: string },
  { agreement, now = new Date() }: { agreement?: number; now?: Date } = {}
): Promise<CurrentDecision[]> => {
  const all = await readTogether(strapi, key.column, key.hash);
  const rows = agreement ? all.filter((r) => Number(r.agreement_id) === agreement) : all;
  const facts: StateFacts = { withdrawn: new Map(), expiredByEvent: new Map(), present: new Set(), renewalFrom: new Map(), confirmed: new Map() };
  const events = new Map<number, DecisionRow>();
  // The first withdrawal or expiry by seq counts; rows come in no particular order.
  const enderSeq = new Map<string, bigint>();
  for (const r of rows) {
    const id = Number(r.id);
    if (!events.has(id)) {
      // Read through the person's records: each exists.
      events.set(id, {
        id,
        seq: r.seq,
        action: String(r.action),
        agreementId: num(r.agreement_id),
        versionId: num(r.version_id),
        versionNumber: num(r.version_number),
        personalId: num(r.personal_id),
        receiptId: (r.receipt_id as string) ?? null,
        recordedAt: r.recorded_at,
        collectedAt: r.collected_at ?? null,
        expiresAt: r.expires_at as StateRow['expiresAt'],
        choices: r.choices ?? null,
      });
      facts.present.add(Number(r.personal_id));
      if (r.renewal_from != null) facts.renewalFrom.set(Number(r.agreement_id), Number(r.renewal_from));
    }
    if (r.e_id != null) {
      const into = r.e_action === 'withdrawn' ? facts.withdrawn : r.e_action === 'confirmed' ? facts.confirmed : facts.expiredByEvent;
      const mark = `${r.e_action}:${id}`;
      const seq = BigInt(r.e_seq as string);
      if (!enderSeq.has(mark) || seq < enderSeq.get(mark)!) {
        enderSeq.set(mark, seq);
        into.set(id, { id: Number(r.e_id), recordedAt: isoOf(r.e_recorded_at) ?? '', receiptId: (r.e_receipt_id as string) ?? null });
      }
    }
  }
  return decide(latestPerAgreement([...events.values()]), facts, now);
};

/** Each decision with its state, since when it holds, and what ended it. */
const decide = (decisions: DecisionRow[], facts: StateFacts, now: Date): CurrentDecision[] =>
  decisions.map((d) => {
    const state = stateOf(d, facts, now)!;
    const id = Number(d.id);
    const withdrawal = facts.withdrawn.get(id);
    const expiry = facts.expiredByEvent.get(id);
    const endedBy = state === 'withdrawn' && withdrawal ? { ...withdrawal, action: 'withdrawn' as const } : state === 'expired' && expiry ? { ...expiry, action: 'expired' as const } : null;
    const recordedAt = isoOf(d.recordedAt) ?? '';
    const collectedAt = isoOf(d.collectedAt);
    const expiresAt = isoOf(d.expiresAt);
    const confirmedBy = facts.confirmed.get(id) ?? null;
    return {
      agreement: Number(d.agreementId),
      state,
      decision: {
        id,
        versionId: d.versionId ?? null,
        versionNumber: d.versionNumber ?? null,
        recordedAt,
        collectedAt,
        expiresAt,
        receiptId: d.receiptId ?? null,
        ...(d.choices != null ? { choices: jsonColumn(d.choices) as Choices | null } : {}),
      },
      // A confirmed request holds from its confirmation.
      since: endedBy?.recordedAt ?? (state === 'expired' && expiresAt ? expiresAt : confirmedBy?.recordedAt ?? collectedAt ?? recordedAt),
      endedBy,
      confirmedBy,
    };
  });
