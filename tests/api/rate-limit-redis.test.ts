import { createClient } from 'redis';
import type { Harness } from '../helpers/strapi';
import { withScenario, type Scenario } from '../helpers/scenario';

// Needs a Redis server: CI sets UC_TEST_REDIS_URL; a plain `npm test` without Redis skips this file.
const REDIS_URL = process.env.UC_TEST_REDIS_URL;
const maybe = REDIS_URL ? describe : describe.skip;

maybe('rate limiting with the shared Redis store (several Strapi processes)', () => {
  let h: Harness;
  let s: Scenario;
  let redis: ReturnType<typeof createClient>;
  // An address of this run alone (198.18.0.0/15, for tests): the suite runs once per database against
  // the same Redis, and a counter of an earlier run lives on for its window.
  const ip = `198.${18 + Math.floor(Math.random() * 2)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;
  const WINDOW_MS = 600_000;

  withScenario(
    async (app) => {
      ({ h, s } = app);
      redis = createClient({ url: REDIS_URL });
      await redis.connect();
      const stale = await redis.keys(`uc:rl:*:${ip}:*`);
      if (stale.length) await redis.del(stale);
    },
    { beforeTeardown: async () => redis?.quit(), env: { UC_RATE_LIMIT_MAX: '5', UC_RATE_LIMIT_STORE: 'redis', UC_REDIS_URL: REDIS_URL!, PROXY: 'true', UC_RATE_LIMIT_WINDOW_MS: String(WINDOW_MS) } }
  );

  const post = () =>
    h
      .http()
      .post('/api/user-consent/forms/shop/consents')
      .set('Origin', 'https://shop.example')
      .set('X-Forwarded-For', ip)
      .send({ pageUrl: 'https://shop.example/', decisions: [{ version: s.versions.terms, accepted: true }] });

  it('keeps the counters in Redis, where every process sees them', async () => {
    // The counters are per window: not the last seconds of one, so that both requests count in the same.
    const left = WINDOW_MS - (Date.now() % WINDOW_MS);
    if (left < 5000) await new Promise((r) => setTimeout(r, left + 50));
    expect((await post()).status).toBe(201);
    expect((await post()).status).toBe(201);
    const keys = await redis.keys(`uc:rl:write:${ip}:*`);
    expect(keys).toHaveLength(1);
    expect(await redis.get(keys[0])).toBe('2');
    // Another process spends the rest of this address's budget...
    await redis.incrBy(keys[0], 3);
    // ...so this one refuses the next request.
    const res = await post();
    expect(res.status).toBe(429);
    expect(res.body.error.name).toBe('RateLimitError');
  });
});
