/**
 * Webhooks: the events the plugin announces, the deliveries of its outbox, and which of Strapi's
 * webhooks (Settings → Webhooks) receive them (admin routes under /user-consent/deliveries and
 * /user-consent/webhooks).
 */
import { z } from './common';
import type { ListResponse } from './common';
import type { Choices } from './choices';
import { LIMITS } from './constants';

/** The webhook events, as Strapi's webhook store knows them (key → name). */
export const WEBHOOK_EVENTS = {
  USER_CONSENT_GIVEN: 'user-consent.given',
  USER_CONSENT_REFUSED: 'user-consent.refused',
  USER_CONSENT_WITHDRAWN: 'user-consent.withdrawn',
  USER_CONSENT_EXPIRED: 'user-consent.expired',
  USER_CONSENT_ERASED: 'user-consent.erased',
  /** Double opt-in: a consent waits for its address to be confirmed; `confirmed`: it is given from now on. */
  USER_CONSENT_REQUESTED: 'user-consent.requested',
  USER_CONSENT_CONFIRMED: 'user-consent.confirmed',
} as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[keyof typeof WEBHOOK_EVENTS];
export const WEBHOOK_EVENT_NAMES = Object.values(WEBHOOK_EVENTS) as WebhookEvent[];

/** The event a chained consent event of this action announces. */
export const webhookEventOf = (action: string) => `user-consent.${action}`;

export const DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** What the receiver is told: the same shape goes to `onEvent` handlers (without `createdAt`). */
export interface ConsentEventPayload {
  event: string;
  /** The outbox row (= the event's chain position): the idempotency key, also sent as a header. */
  delivery: string;
  consent: {
    seq: string;
    action: string;
    /** The state this event puts the consent in. */
    state: string;
    receiptId: string | null;
    agreement: { id: number; name: string | null } | null;
    version: { id: number | null; number: number | null } | null;
    form: string | null;
    channel: string | null;
    recordedAt: string;
    /** A consent collected elsewhere (channel `import`): when the person gave it. */
    collectedAt?: string | null;
    /** A withdrawal, an expiry or a confirmation (double opt-in): the receipt of the consent it names. */
    withdraws?: string | null;
    /** A decision's choices inside the agreement: the advertising channels ticked, or each distribution category allowed. */
    choices?: Choices;
    /** An agreement without data categories: the captions of the form's fields its text listed. */
    dataShown?: string[];
  };
  /** Who the consent is about; null when none was given or the personal data is erased. */
  subject: { email?: string; phone?: string; externalId?: string } | null;
  /** The personal record of this event has been erased (the proof stays). */
  erased: boolean;
  /** An `erased` event: the act, and the receipts whose personal data it destroyed. */
  erasure?: { id: number; kind: string; reason: string; records: number; receipts: string[] };
}

/** One webhook's attempts at one outbox row. No personal data: a status code or an error code. */
export interface DeliveryTarget {
  webhook: string;
  name: string | null;
  state: DeliveryState;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
}

export interface Delivery {
  id: string;
  event: string;
  receiptId: string | null;
  createdAt: string;
  state: DeliveryState;
  attempts: number;
  deliveredAt: string | null;
  targets: DeliveryTarget[];
}

/** `GET /deliveries?page&pageSize&state`: newest first. */
export namespace ListDeliveries {
  export const query = z.object({
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSize.max).default(LIMITS.pageSize.default),
    state: z.enum(DELIVERY_STATES).optional(),
  });
  export type Request = z.input<typeof query>;
  export type Response = ListResponse<Delivery>;
}

/** `POST /deliveries/:id/retry`: a failed row's failed targets are tried again now; 400 when it is not failed. */
export namespace RetryDelivery {
  export const params = z.object({ id: z.string().regex(/^[1-9]\d{0,18}$/, 'must be a delivery id') });
  export type Response = { data: Delivery };
}

export interface WebhookSubscription {
  id: string;
  name: string;
  url: string;
  enabled: boolean;
  /** Which of the plugin's events it receives. */
  events: WebhookEvent[];
}

/** `GET /webhooks`: Strapi's webhooks and the plugin's events each receives. */
export namespace ListWebhooks {
  export type Response = { data: WebhookSubscription[]; meta: { events: WebhookEvent[] } };
}

/** `PUT /webhooks/:id/events`: the plugin's events this webhook receives (its other events are kept). */
export namespace SubscribeWebhook {
  export const body = z.strictObject({ events: z.array(z.enum(WEBHOOK_EVENT_NAMES as [WebhookEvent, ...WebhookEvent[]])).max(WEBHOOK_EVENT_NAMES.length) });
  export type Request = z.input<typeof body>;
  export type Response = { data: WebhookSubscription };
}
