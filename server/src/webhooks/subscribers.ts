import type { Core } from '@strapi/strapi';
import type { StoredWebhook } from './dispatcher';

/**
 * Which of the plugin's events some enabled webhook receives, known without a query, so that the
 * chain writes an outbox row only for an event that will be sent somewhere: a site without webhooks
 * pays nothing per consent for them (on SQLite an outbox row and its delivery round cost about as much
 * as the event itself).
 *
 * The set is read from Strapi's webhook table at start, again after every write to that table by this
 * process (query-engine lifecycles: Settings → Webhooks and the plugin's own subscriptions both go
 * through it; the set counts as unknown from the write until that read ends), and every `refreshMs` for the writes of other processes. Until the first read the
 * answer is "yes", so nothing is ever skipped by not knowing yet. As with Strapi's own events, an
 * event goes to the webhooks enabled when it is recorded; a webhook enabled in another process is
 * seen here within `refreshMs`.
 */
export const createSubscribers = (strapi: Core.Strapi, refreshMs: () => number) => {
  let wanted: Set<string> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let reading: Promise<void> | null = null;
  let stale = false;

  const read = async () => {
    const hooks = ((await strapi.get('webhookStore').findWebhooks()) ?? []) as StoredWebhook[];
    const next = new Set<string>();
    for (const h of hooks) if (h.isEnabled) for (const e of h.events ?? []) next.add(e);
    wanted = next;
  };

  /** Reads the set again; a read asked for during another starts once that one ends. */
  const refresh = (): Promise<void> => {
    if (reading) {
      stale = true;
      return reading;
    }
    reading = read()
      .catch(() => {
        // Unknown again: every event gets its row until a read succeeds.
        wanted = null;
      })
      .finally(() => {
        reading = null;
        if (stale) {
          stale = false;
          void refresh();
        }
      });
    return reading;
  };

  return {
    /** Whether an outbox row is needed for this webhook event name. */
    wants: (event: string) => wanted === null || wanted.has(event),
    refresh,
    async start() {
      // A write here makes the set unknown at once (so the next event gets its row whatever the read
      // finds), then reads it again.
      const changed = () => {
        wanted = null;
        void refresh();
      };
      strapi.db.lifecycles.subscribe({
        models: ['strapi::webhook'],
        afterCreate: changed,
        afterUpdate: changed,
        afterDelete: changed,
        afterCreateMany: changed,
        afterUpdateMany: changed,
        afterDeleteMany: changed,
      });
      await refresh();
      if (!timer) {
        timer = setInterval(() => void refresh(), refreshMs());
        timer.unref();
      }
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
};
