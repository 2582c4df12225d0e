import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { PLUGIN_ID } from '../pluginId';
import { OUTBOX_TABLE, ensureOutbox } from './outbox';
import { buildPayloads } from './payload';
import { createDispatcher, parseTargets, rowState, type StoredWebhook } from './dispatcher';
import { defaultWebhooksConfig, type WebhooksConfig } from './config';
import { createSubscribers } from './subscribers';
import {
  WEBHOOK_EVENTS,
  WEBHOOK_EVENT_NAMES,
  webhookEventOf,
  type ConsentEventPayload,
  type Delivery,
  type DeliveryState,
  type WebhookEvent,
  type WebhookSubscription,
} from '../../../shared/contracts/webhooks';

type Row = Record<string, any>;

/** What an `onEvent` handler receives: the webhook payload (without the send time). */
export type ConsentEventHandler = (event: ConsentEventPayload) => void | Promise<void>;

const iso = (ms: unknown) => (ms == null ? null : new Date(Number(ms)).toISOString());

const toDelivery = (r: Row): Delivery => {
  const targets = parseTargets(r.targets) ?? {};
  return {
    id: String(r.seq),
    event: r.event,
    receiptId: r.receipt_id ?? null,
    createdAt: iso(r.created_at)!,
    state: r.state,
    attempts: Number(r.attempts ?? 0),
    deliveredAt: iso(r.delivered_at),
    targets: Object.entries(targets).map(([webhook, t]) => ({
      webhook,
      name: t.name ?? null,
      state: t.state,
      attempts: t.attempts,
      lastStatus: t.lastStatus ?? null,
      lastError: t.lastError ?? null,
      lastAttemptAt: iso(t.lastAttemptAt),
      nextAttemptAt: t.state === 'pending' ? iso(t.nextAt) : null,
    })),
  };
};

const toSubscription = (h: StoredWebhook): WebhookSubscription => ({
  id: String(h.id),
  name: h.name,
  url: h.url,
  enabled: Boolean(h.isEnabled),
  events: WEBHOOK_EVENT_NAMES.filter((e) => h.events?.includes(e)),
});

/**
 * Webhooks and in-process events of the consent log (`strapi.plugin('user-consent').service('webhooks')`).
 * The chain writes an outbox row with every event (outbox.ts); this service delivers them
 * (dispatcher.ts), lists them for the admin, and calls the app's own `onEvent` handlers.
 */
const webhooks = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = (): Knex => strapi.db.connection;
  const config = () => ({ ...defaultWebhooksConfig, ...((strapi.config.get(`plugin::${PLUGIN_ID}.webhooks`) ?? {}) as Partial<WebhooksConfig>) });
  const dispatcher = createDispatcher(strapi, config);
  const subscribers = createSubscribers(strapi, () => config().pollMs);
  const handlers = new Set<ConsentEventHandler>();
  const store = () => strapi.get('webhookStore');

  /** Calls the handlers for each event, in chain order; a failing handler affects no other. */
  const notify = async (events: Record<string, any>[]) => {
    const seqs = events.map((e) => String(e.seq));
    const payloads = await buildPayloads(strapi, seqs);
    for (const seq of seqs) {
      const payload = payloads.get(seq);
      if (!payload) continue;
      for (const handler of [...handlers]) {
        try {
          await handler(payload);
        } catch (e) {
          // The name only: the app's error message may well name the person.
          strapi.log.warn(`user-consent: an onEvent handler failed (${(e as Error)?.name ?? 'Error'})`);
        }
      }
    }
  };

  return {
    /** Lets Settings → Webhooks' API accept the plugin's events (register lifecycle). */
    registerEvents() {
      for (const [key, name] of Object.entries(WEBHOOK_EVENTS)) store().addAllowedEvent(key, name);
    },

    ensureTable: () => ensureOutbox(knex(), strapi.db.dialect.client),

    async start() {
      await subscribers.start();
      dispatcher.start();
    },
    async stop() {
      subscribers.stop();
      await dispatcher.stop();
    },
    /**
     * Whether a consent event of this action needs an outbox row: some enabled webhook receives it
     * (or that is not known yet). The chain asks, synchronously, for each event it appends.
     */
    wants: (action: string) => subscribers.wants(webhookEventOf(action)),
    /** Delivers whatever is due now, then resolves (tests, scripts). */
    drain: () => dispatcher.drain(),

    /**
     * Subscribes to the consent events committed by this process: `handler` is called after the
     * commit, once per event, in chain order, with the webhook payload. Returns the unsubscribe
     * function. In-process and best-effort (a crash right after the commit skips it): whatever must not
     * miss an event uses a webhook, which the outbox delivers at least once.
     */
    onEvent(handler: ConsentEventHandler) {
      if (typeof handler !== 'function') throw new TypeError('onEvent expects a function');
      handlers.add(handler);
      return () => {
        handlers.delete(handler);
      };
    },

    /** Called by the chain after a commit. Never throws. */
    committed(events: Record<string, any>[]) {
      try {
        if (events.some((e) => subscribers.wants(webhookEventOf(String(e.action))))) dispatcher.nudge();
        if (handlers.size && events.length) notify(events).catch((e) => strapi.log.warn(`user-consent: onEvent payloads failed (${(e as Error)?.name ?? 'Error'})`));
      } catch {
        // Announcing must never fail an append that is already committed.
      }
    },

    async list({ page, pageSize, state }: { page: number; pageSize: number; state?: DeliveryState }) {
      const base = () => (state ? knex()(OUTBOX_TABLE).where('state', state) : knex()(OUTBOX_TABLE));
      const [rows, [{ n }]] = await Promise.all([
        base().orderBy('seq', 'desc').offset((page - 1) * pageSize).limit(pageSize),
        base().count({ n: '*' }),
      ]);
      const total = Number(n);
      return { data: (rows as Row[]).map(toDelivery), meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } } };
    },

    /** A failed row: its failed webhooks get a fresh set of attempts, due now. */
    async retry(id: string): Promise<Delivery> {
      const row: Row | undefined = await knex()(OUTBOX_TABLE).where('seq', id).first();
      if (!row) throw new errors.NotFoundError('Delivery not found', { code: 'not-found', params: { entity: 'delivery' } });
      if (row.state !== 'failed') throw new errors.ApplicationError('Only a failed delivery can be retried', { code: 'delivery-not-failed' });
      const targets = parseTargets(row.targets) ?? {};
      const now = Date.now();
      for (const t of Object.values(targets)) if (t.state === 'failed') Object.assign(t, { state: 'pending', attempts: 0, nextAt: now });
      const updated = await knex()(OUTBOX_TABLE)
        .where({ seq: id, state: 'failed' })
        .update({ targets: JSON.stringify(targets), state: rowState(targets), next_at: now, lease_owner: null, lease_until: null, updated_at: now });
      if (!updated) throw new errors.ApplicationError('Only a failed delivery can be retried', { code: 'delivery-not-failed' });
      dispatcher.wake();
      return toDelivery(await knex()(OUTBOX_TABLE).where('seq', id).first());
    },

    /** Strapi's webhooks and which of the plugin's events each receives. */
    async subscriptions(): Promise<WebhookSubscription[]> {
      const hooks = ((await store().findWebhooks()) ?? []) as StoredWebhook[];
      return hooks.map(toSubscription);
    },

    /**
     * Sets which of the plugin's events a webhook receives, through Strapi's webhook store (its other
     * events stay). Settings → Webhooks keeps them when the webhook is edited there.
     */
    async subscribe(id: number, events: WebhookEvent[]): Promise<WebhookSubscription> {
      const hook = (await store().findWebhook(id)) as StoredWebhook | null;
      if (!hook) throw new errors.NotFoundError('Webhook not found', { code: 'not-found', params: { entity: 'webhook' } });
      const others = (hook.events ?? []).filter((e) => !(WEBHOOK_EVENT_NAMES as string[]).includes(e));
      const updated = (await store().updateWebhook(id, { ...hook, events: [...others, ...WEBHOOK_EVENT_NAMES.filter((e) => events.includes(e))] })) as StoredWebhook;
      strapi.get('webhookRunner').update(updated);
      await subscribers.refresh();
      return toSubscription(updated);
    },
  };
};

export default webhooks;
