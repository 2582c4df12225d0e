import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID } from '../pluginId';
import type { PluginConfig } from '../config';

/** Counts hits per key in fixed windows. */
export interface CounterStore {
  hit(key: string, windowMs: number): Promise<number>;
  close?(): Promise<void>;
}

/** Per-process counters: right for one Strapi process. */
export const memoryStore = (): CounterStore => {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = Date.now();
  return {
    async hit(key, windowMs) {
      const now = Date.now();
      if (now - lastSweep > windowMs) {
        for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
        lastSweep = now;
      }
      const w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        windows.set(key, { start: now, count: 1 });
        return 1;
      }
      w.count += 1;
      return w.count;
    },
  };
};

/**
 * Shared counters in Redis (INCR + PEXPIRE on a key per window), so several Strapi processes behind
 * a load balancer enforce one limit. Uses the `redis` client package, which the app installs when it
 * chooses this store.
 */
export const redisStore = (url: string): CounterStore => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { createClient } = require('redis');
  const client = createClient({ url });
  client.on('error', () => {});
  const ready = client.connect();
  return {
    async hit(key, windowMs) {
      await ready;
      const bucket = `uc:rl:${key}:${Math.floor(Date.now() / windowMs)}`;
      const [count] = await client.multi().incr(bucket).pExpire(bucket, windowMs).exec();
      return Number(count);
    },
    async close() {
      await ready.catch(() => {});
      await client.quit().catch(() => {});
    },
  };
};

let store: CounterStore | null = null;

export const getStore = (config: PluginConfig['rateLimit']) => {
  if (!store) store = config.store === 'redis' ? redisStore(config.redisUrl!) : memoryStore();
  return store;
};

export const closeStore = async () => {
  await store?.close?.();
  store = null;
};

/**
 * Route middleware factory: limits requests per client IP (ctx.request.ip honours Strapi's proxy
 * setting) and per route group. Over the limit → 429 in Strapi's error shape with Retry-After.
 */
export const rateLimit = (group: 'write' | 'read') => (_config: unknown, { strapi }: { strapi: Core.Strapi }) => async (ctx: any, next: () => Promise<void>) => {
  const config = strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;
  const rl = config.rateLimit;
  if (!rl.enabled) return next();
  const limit = group === 'write' ? rl.max : rl.readMax;
  const count = await getStore(rl).hit(`${group}:${ctx.request.ip}`, rl.windowMs);
  if (count > limit) {
    ctx.set('Retry-After', String(Math.ceil(rl.windowMs / 1000)));
    throw new errors.RateLimitError('Too many requests from this address; try again later.', { code: 'rate-limited', params: {} });
  }
  return next();
};
