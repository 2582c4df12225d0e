import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { OUTBOX_TABLE } from './outbox';
import { buildPayloads } from './payload';
import type { WebhooksConfig } from './config';
import type { ConsentEventPayload, DeliveryState } from '../../../shared/contracts/webhooks';

type Row = Record<string, any>;

/** A webhook as Strapi's webhook store returns it. */
export interface StoredWebhook {
  id: string;
  name: string;
  url: string;
  headers?: Record<string, string> | null;
  events?: string[] | null;
  isEnabled: boolean;
}

/** One webhook's delivery of one row, as stored in the row's `targets` (JSON). */
export interface TargetState {
  name: string | null;
  state: DeliveryState;
  attempts: number;
  lastStatus: number | null;
  /** `HTTP <status>`, `timeout` or a network error code: never a response body or message. */
  lastError: string | null;
  lastAttemptAt: number | null;
  nextAt: number | null;
}

export const parseTargets = (raw: unknown): Record<string, TargetState> | null => {
  if (raw == null) return null;
  try {
    const v = typeof raw === 'string' ? JSON.parse(raw) : raw;
    return v && typeof v === 'object' ? (v as Record<string, TargetState>) : null;
  } catch {
    return null;
  }
};

/** Where the row stands once each target has: delivered to all, waiting for some, or given up on. */
export const rowState = (targets: Record<string, TargetState>): DeliveryState => {
  const all = Object.values(targets);
  if (all.every((t) => t.state === 'delivered')) return 'delivered';
  return all.some((t) => t.state === 'pending') ? 'pending' : 'failed';
};

const num = (v: unknown) => (v == null ? null : Number(v));

/** What is kept of a failed POST: a code that names no one (a response body might echo the payload). */
const errorCode = (e: any, timedOut: boolean) => {
  if (timedOut) return 'timeout';
  const code = e?.cause?.code ?? e?.code;
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) return code;
  return typeof e?.name === 'string' && /^[A-Za-z]{1,40}$/.test(e.name) ? e.name : 'Error';
};

/**
 * Delivers the outbox. Every Strapi process may run one: a round claims due rows with a lease (an
 * UPDATE that takes only rows nobody holds, by a token of its own, then a read of that token's rows),
 * POSTs each to the webhooks subscribed to its event, and records the outcome per webhook. A row that
 * a crashed process held is taken again once its lease ends. Rounds run when this process commits an
 * event, on a poll interval, and when a retry falls due.
 */
/** How long a commit's wake-up waits for others to join it (ms). */
const NUDGE_MS = 20;

export const createDispatcher = (strapi: Core.Strapi, config: () => WebhooksConfig) => {
  const knex = (): Knex => strapi.db.connection;
  let stopped = true;
  let running: Promise<void> | null = null;
  let again = false;
  let poll: NodeJS.Timeout | null = null;
  let soon: NodeJS.Timeout | null = null;
  let soonAt = Infinity;
  let lastPurge = 0;
  const inFlight = new Set<AbortController>();

  const webhooks = async (): Promise<StoredWebhook[]> => ((await strapi.get('webhookStore').findWebhooks()) ?? []) as StoredWebhook[];

  const claim = async (now: number): Promise<{ token: string; rows: Row[] }> => {
    const { batchSize, leaseMs } = config();
    const free = (q: Knex.QueryBuilder) => q.where('state', 'pending').where('next_at', '<=', now).where((w) => w.whereNull('lease_until').orWhere('lease_until', '<', now));
    const candidates: Row[] = await free(knex()(OUTBOX_TABLE)).orderBy([{ column: 'next_at' }, { column: 'seq' }]).limit(batchSize).select('seq');
    const token = crypto.randomUUID();
    if (!candidates.length) return { token, rows: [] };
    // The condition is checked again row by row as the UPDATE takes each row's lock (SQLite: under the
    // one write lock), so of two processes that chose the same rows only one gets each.
    await free(knex()(OUTBOX_TABLE).whereIn('seq', candidates.map((c) => c.seq))).update({ lease_owner: token, lease_until: now + leaseMs });
    const rows: Row[] = await knex()(OUTBOX_TABLE).where('lease_owner', token).orderBy('seq');
    return { token, rows };
  };

  const post = async (hook: StoredWebhook, payload: ConsentEventPayload) => {
    const { timeoutMs } = config();
    const ctrl = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctrl.abort();
    }, timeoutMs);
    inFlight.add(ctrl);
    const { event, ...rest } = payload;
    const defaults = (strapi.config.get('server.webhooks.defaultHeaders', {}) ?? {}) as Record<string, string>;
    try {
      const fetchFn: typeof fetch = (strapi as any).fetch ?? fetch;
      const res = await fetchFn(hook.url, {
        method: 'POST',
        // Strapi's own body shape: { event, createdAt, ...info }.
        body: JSON.stringify({ event, createdAt: new Date().toISOString(), ...rest }),
        headers: {
          ...defaults,
          ...(hook.headers ?? {}),
          'X-Strapi-Event': event,
          'X-User-Consent-Delivery': payload.delivery,
          'Content-Type': 'application/json',
        },
        signal: ctrl.signal,
      });
      // Read and dropped: never stored, it might echo what it was sent.
      await res.arrayBuffer().catch(() => undefined);
      return { ok: res.ok, status: res.status, error: res.ok ? null : `HTTP ${res.status}`, aborted: false };
    } catch (e) {
      return { ok: false, status: null, error: errorCode(e, timedOut), aborted: !timedOut && stopped };
    } finally {
      clearTimeout(timer);
      inFlight.delete(ctrl);
    }
  };

  const backoff = (attempts: number) => {
    const { backoffMs, backoffMaxMs } = config();
    return Math.min(backoffMaxMs, backoffMs * 2 ** Math.min(attempts - 1, 40));
  };

  /** Tries the row's due targets (all at once) and stores the outcome; returns its next due time. */
  const deliver = async (row: Row, token: string, payload: ConsentEventPayload | undefined, hooks: Map<string, StoredWebhook>) => {
    const now = Date.now();
    let targets = parseTargets(row.targets);
    if (!targets) {
      // The webhooks an event goes to are those enabled and subscribed when it is first delivered.
      targets = {};
      for (const h of hooks.values()) {
        if (h.isEnabled && h.events?.includes(row.event)) targets[h.id] = { name: h.name ?? null, state: 'pending', attempts: 0, lastStatus: null, lastError: null, lastAttemptAt: null, nextAt: now };
      }
    }
    await Promise.all(
      Object.entries(targets).map(async ([id, t]) => {
        if (t.state !== 'pending' || (t.nextAt ?? 0) > now) return;
        const hook = hooks.get(id);
        // Deleted, disabled or unsubscribed since: as Strapi does, only enabled webhooks are called.
        if (!hook || !hook.isEnabled || !hook.events?.includes(row.event)) {
          delete targets![id];
          return;
        }
        if (!payload) {
          Object.assign(t, { state: 'failed', lastError: 'EVENT_NOT_FOUND', nextAt: null });
          return;
        }
        const r = await post(hook, payload);
        if (r.aborted) return; // the process is stopping: not an attempt, tried again later
        t.attempts += 1;
        t.lastAttemptAt = Date.now();
        t.lastStatus = r.status;
        t.lastError = r.error;
        if (r.ok) Object.assign(t, { state: 'delivered', nextAt: null });
        else if (t.attempts >= config().maxAttempts) Object.assign(t, { state: 'failed', nextAt: null });
        else t.nextAt = Date.now() + backoff(t.attempts);
      })
    );
    const state = rowState(targets);
    const due = Math.min(...Object.values(targets).map((t) => (t.state === 'pending' ? t.nextAt ?? now : Infinity)));
    const done = Date.now();
    await knex()(OUTBOX_TABLE)
      .where({ seq: row.seq, lease_owner: token })
      .update({
        targets: JSON.stringify(targets),
        state,
        attempts: Object.values(targets).reduce((n, t) => n + t.attempts, 0),
        next_at: Number.isFinite(due) ? due : done,
        lease_owner: null,
        lease_until: null,
        updated_at: done,
        delivered_at: state === 'delivered' ? done : null,
      });
    return state === 'pending' ? due : Infinity;
  };

  const purge = async () => {
    if (Date.now() - lastPurge < 3_600_000) return;
    lastPurge = Date.now();
    await knex()(OUTBOX_TABLE)
      .where('state', 'delivered')
      .where('updated_at', '<', Date.now() - config().keepDays * 86_400_000)
      .del();
  };

  /** One claim and its deliveries; returns how many rows it claimed. */
  const round = async () => {
    const { token, rows } = await claim(Date.now());
    if (!rows.length) return 0;
    const hooks = new Map((await webhooks()).map((h) => [String(h.id), h]));
    const subscribed = (event: string) => [...hooks.values()].some((h) => h.isEnabled && h.events?.includes(event));
    // First deliveries of events nobody subscribes to are done at once, in one statement.
    const idle = rows.filter((r) => r.targets == null && !subscribed(r.event));
    if (idle.length) {
      const now = Date.now();
      await knex()(OUTBOX_TABLE)
        .whereIn('seq', idle.map((r) => r.seq))
        .where('lease_owner', token)
        .update({ targets: '{}', state: 'delivered', lease_owner: null, lease_until: null, updated_at: now, delivered_at: now });
    }
    const busy = rows.filter((r) => !idle.includes(r));
    if (busy.length) {
      const payloads = await buildPayloads(strapi, busy.map((r) => String(r.seq)));
      const next = await Promise.all(busy.map((r) => deliver(r, token, payloads.get(String(r.seq)), hooks)));
      later(Math.min(...next));
    }
    return rows.length;
  };

  const run = async () => {
    let claimed = 0;
    do {
      again = false;
      claimed = await round();
    } while (!stopped && (again || claimed >= config().batchSize));
  };

  /** Wakes the dispatcher at `at` (epoch ms) when that is sooner than the next poll. */
  const later = (at: number) => {
    if (stopped || !Number.isFinite(at) || at >= soonAt) return;
    if (soon) clearTimeout(soon);
    soonAt = at;
    soon = setTimeout(() => {
      soon = null;
      soonAt = Infinity;
      wake();
    }, Math.max(0, at - Date.now()));
  };

  const wake = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = run()
      .catch((e) => {
        if (!stopped) strapi.log.warn(`user-consent: webhook delivery round failed: ${(e as Error)?.name ?? 'Error'} ${(e as any)?.code ?? ''}`.trim());
      })
      .finally(() => {
        running = null;
        if (again && !stopped) wake();
      });
  };

  return {
    wake,
    /**
     * A commit's wake-up: the round starts a few milliseconds later, so that the commits of a busy
     * moment share one round (one claim) instead of running one round each.
     */
    nudge: () => later(Date.now() + NUDGE_MS),
    get running() {
      return !stopped;
    },
    start() {
      if (!stopped || !config().dispatch) return;
      stopped = false;
      poll = setInterval(() => {
        wake();
        purge().catch(() => undefined);
      }, config().pollMs);
      wake();
    },
    /** Stops polling, aborts POSTs in flight (they are not counted as attempts) and waits for the round. */
    async stop() {
      stopped = true;
      if (poll) clearInterval(poll);
      if (soon) clearTimeout(soon);
      poll = soon = null;
      soonAt = Infinity;
      for (const c of inFlight) c.abort();
      while (running) await running;
    },
    /** Runs rounds until nothing is due now (tests, and an admin's retry). */
    async drain() {
      while (running) await running;
      while ((await round()) > 0);
    },
  };
};
