import type { Harness } from '../helpers/strapi';
import { withScenario, counts, personalOf, type Scenario } from '../helpers/scenario';

describe('rate limiting and the client address behind a proxy', () => {
  let h: Harness;
  let s: Scenario;
  // A low write limit, and Strapi told it sits behind a proxy (X-Forwarded-For names the client).
  withScenario((app) => ({ h, s } = app), { env: { UC_RATE_LIMIT_MAX: '3', UC_RATE_LIMIT_READ_MAX: '5', PROXY: 'true' } });

  const body = () => ({ pageUrl: 'https://shop.example/', decisions: [{ version: s.versions.terms, accepted: true }] });
  const post = (ip: string) =>
    h.http().post('/api/user-consent/forms/shop/consents').set('Origin', 'https://shop.example').set('X-Forwarded-For', ip).send(body());

  it('records the client address from X-Forwarded-For', async () => {
    const res = await post('203.0.113.7');
    expect(res.status).toBe(201);
    const row = await h.strapi.db.query('plugin::user-consent.consent').findOne({ where: { receiptId: res.body.data.receipts[0].id } });
    // The address is personal data: it is kept in the capture's personal record, not in the event.
    expect(row).not.toHaveProperty('ip');
    expect((await personalOf(h, row))!.ip).toBe('203.0.113.7');
  });

  it('answers 429 in Strapi’s shape past the limit, per address, and stores nothing then', async () => {
    expect((await post('198.51.100.1')).status).toBe(201);
    expect((await post('198.51.100.1')).status).toBe(201);
    expect((await post('198.51.100.1')).status).toBe(201);
    const before = await counts(h);
    const limited = await post('198.51.100.1');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ status: 429, name: 'RateLimitError' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(await counts(h)).toEqual(before);
    expect((await post('198.51.100.2')).status).toBe(201);
  });

  it('limits the read routes separately', async () => {
    const get = () => h.http().get('/api/user-consent/forms/shop').set('X-Forwarded-For', '192.0.2.9');
    for (let i = 0; i < 5; i += 1) expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(429);
  });

  it('limits the widget’s receipt-state query as a read', async () => {
    const ask = () =>
      h.http().post('/api/user-consent/receipts/states').set('X-Forwarded-For', '192.0.2.10')
        .send({ receipts: [{ id: '00000000-0000-4000-8000-000000000000', token: 't' }] });
    for (let i = 0; i < 5; i += 1) expect((await ask()).status).toBe(200);
    const limited = await ask();
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ status: 429, name: 'RateLimitError' });
  });
});
