import { setup, type Harness } from '../helpers/strapi';
import { createScenario, type Scenario } from '../helpers/scenario';
import { startChildApp, type ChildApp } from '../helpers/processes';
import { startReceiver, until, type Receiver } from '../helpers/receiver';

/**
 * Consent events to Strapi's webhooks through the outbox: every event delivered once its transaction
 * commits, with retries while the receiver is down, after a crash of the delivering process, and never
 * twice at once by two processes. One Strapi boot for the file, plus two child processes.
 */
const EVENTS = ['user-consent.given', 'user-consent.refused', 'user-consent.withdrawn', 'user-consent.expired', 'user-consent.erased', 'user-consent.requested', 'user-consent.confirmed'];
const OUTBOX = 'uc_outbox';

describe('webhooks: the consent events, delivered from the outbox', () => {
  let h: Harness;
  let s: Scenario;
  let rx: Receiver;
  let hook: { id: string };
  let n = 0;

  const webhooks = () => h.strapi.plugin('user-consent').service('webhooks') as any;
  const outbox = () => h.strapi.db.connection(OUTBOX);

  /** One capture on the contact form (personal data accepted, advertising refused): its receipts. */
  const capture = async (url?: string, email = `person${(n += 1)}@example.com`) => {
    const body = {
      pageUrl: 'https://site.example/contact',
      subject: { email },
      data: { name: 'N', email },
      decisions: [
        { version: s.versions.pd, accepted: true, fullTextOpened: true },
        { version: s.versions.ads, accepted: false },
      ],
    };
    const res = url
      ? await fetch(`${url}/api/user-consent/forms/contact/consents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() }))
      : await h.http().post('/api/user-consent/forms/contact/consents').send(body);
    expect(res.status).toBe(201);
    return res.body.data.receipts as { id: string; token: string; action: string }[];
  };

  /** The outbox rows of these receipts. */
  const rowsOf = async (receipts: string[]) => outbox().whereIn('receipt_id', receipts).orderBy('seq');
  const deliveredAll = (receipts: string[]) => async () => {
    const rows = await rowsOf(receipts);
    return rows.length === receipts.length && rows.every((r: any) => r.state === 'delivered');
  };

  beforeAll(async () => {
    rx = await startReceiver();
    // A timeout well above a busy machine's pauses: a response that arrives while a process is busy
    // booting must not count as a timeout (which would rightly deliver it again, and fail "once").
    h = await setup({
      env: { UC_WEBHOOK_POLL_MS: '200', UC_WEBHOOK_TIMEOUT_MS: '5000', UC_WEBHOOK_BACKOFF_MS: '100', UC_WEBHOOK_MAX_ATTEMPTS: '5', UC_WEBHOOK_LEASE_MS: '10000' },
    });
    s = await createScenario(h);
    // Through Strapi's own API (Settings → Webhooks): the plugin's events are accepted there.
    const res = await h.admin.post('/admin/webhooks').send({ name: 'CRM', url: rx.url('/ok'), headers: { Authorization: 'Bearer crm-secret' }, events: EVENTS });
    expect(res.status).toBe(201);
    hook = res.body.data;
  }, 180_000);
  afterAll(async () => {
    await h?.teardown();
    await rx?.close();
  });

  it("registers its events in Strapi's webhook store, and refuses unknown ones there", async () => {
    const store = h.strapi.get('webhookStore') as any;
    for (const e of EVENTS) expect(store.listAllowedEvents().map((k: string) => store.getAllowedEvent(k))).toContain(e);
    const bad = await h.admin.post('/admin/webhooks').send({ name: 'x', url: rx.url('/ok'), headers: {}, events: ['user-consent.nonsense'] });
    expect(bad.status).toBe(400);
  });

  it('delivers a capture, a refusal, a withdrawal and an erasure once each, with the payload the receiver acts on', async () => {
    const seen: any[] = [];
    const off = webhooks().onEvent((e: any) => {
      seen.push(e);
    });
    const email = 'webhook.subject@example.com';
    const [given, refused] = await capture(undefined, email);
    await until(deliveredAll([given.id, refused.id]), 20_000, 'the capture delivered');
    const withdrawal = await h.http().post('/api/user-consent/withdrawals').send({ receipt: given.id, token: given.token });
    expect(withdrawal.status).toBe(201);
    const withdrawnReceipt = (await outbox().where('event', 'user-consent.withdrawn').orderBy('seq', 'desc').first()).receipt_id;
    await until(deliveredAll([withdrawnReceipt]), 20_000, 'the withdrawal delivered');
    const erased = await h.admin.post('/user-consent/subjects/erasures').send({ email, reason: 'subject-request' });
    expect(erased.status).toBe(201);
    const erasedRow = await outbox().where('event', 'user-consent.erased').orderBy('seq', 'desc').first();
    await until(deliveredAll([erasedRow.receipt_id]), 20_000, 'the erasure delivered');

    const byReceipt = (id: string) => rx.got.filter((g) => g.path === '/ok' && g.body?.consent?.receiptId === id);
    const [g] = byReceipt(given.id);
    expect(byReceipt(given.id)).toHaveLength(1);
    expect(g.event).toBe('user-consent.given');
    expect(g.headers.authorization).toBe('Bearer crm-secret');
    expect(g.headers['content-type']).toMatch(/application\/json/);
    expect(g.delivery).toBe(g.body.delivery);
    expect(g.body).toMatchObject({
      event: 'user-consent.given',
      consent: { action: 'given', state: 'given', receiptId: given.id, agreement: { id: s.agreements.pd, name: 'Personal data' }, version: { id: s.versions.pd, number: 1 }, form: 'contact' },
      subject: { email },
      erased: false,
    });
    expect(Number.isNaN(Date.parse(g.body.createdAt))).toBe(false);
    expect(byReceipt(refused.id)).toHaveLength(1);
    expect(byReceipt(refused.id)[0].body).toMatchObject({ event: 'user-consent.refused', consent: { state: 'refused', agreement: { id: s.agreements.ads } }, subject: { email } });
    const [w] = byReceipt(withdrawnReceipt);
    expect(byReceipt(withdrawnReceipt)).toHaveLength(1);
    expect(w.body).toMatchObject({ event: 'user-consent.withdrawn', consent: { state: 'withdrawn', withdraws: given.id, agreement: { id: s.agreements.pd } }, subject: { email } });
    const [e] = byReceipt(erasedRow.receipt_id);
    expect(byReceipt(erasedRow.receipt_id)).toHaveLength(1);
    expect(e.body).toMatchObject({ event: 'user-consent.erased', subject: null, erased: true, erasure: { id: erased.body.data.id, reason: 'subject-request' } });
    expect(e.body.erasure.receipts.sort()).toEqual([given.id, refused.id, withdrawnReceipt].sort());

    // In-process handlers saw the same events, in chain order.
    off();
    const mine = seen.filter((x) => [given.id, refused.id, withdrawnReceipt, erasedRow.receipt_id].includes(x.consent.receiptId));
    expect(mine.map((x) => x.event)).toEqual(['user-consent.given', 'user-consent.refused', 'user-consent.withdrawn', 'user-consent.erased']);
    expect(mine[0].subject).toEqual({ email });

    // Nothing kept for the deliveries names the person.
    const rows = await outbox().select('*');
    expect(JSON.stringify(rows)).not.toContain(email);
    expect(JSON.stringify(rows)).not.toContain('webhook.subject');
  });

  it('keeps retrying while the receiver is down, then delivers every event exactly once', async () => {
    await rx.down();
    const receipts = (await Promise.all(Array.from({ length: 5 }, () => capture()))).flat().map((r) => r.id);
    await until(async () => (await rowsOf(receipts)).every((r: any) => Number(r.attempts) >= 2), 20_000, 'failed attempts');
    const pending = await rowsOf(receipts);
    expect(pending.every((r: any) => r.state === 'pending')).toBe(true);
    const target = JSON.parse(pending[0].targets)[String(hook.id)];
    expect(target).toMatchObject({ state: 'pending', lastStatus: null, lastError: 'ECONNREFUSED' });
    await rx.up();
    await until(deliveredAll(receipts), 30_000, 'delivery after the receiver came back');
    const answered = rx.answered('/ok');
    for (const row of await rowsOf(receipts)) expect(answered.get(String(row.seq))).toHaveLength(1);
  });

  it('lists deliveries for the admin, marks a webhook that keeps failing, and retries it on request', async () => {
    const flaky = (await h.admin.post('/admin/webhooks').send({ name: 'Flaky', url: rx.url('/flaky'), headers: {}, events: ['user-consent.given'] })).body.data;
    rx.state.failing = true;
    const [given] = await capture();
    await until(async () => (await rowsOf([given.id]))[0]?.state === 'failed', 30_000, 'the flaky webhook given up on');

    const list = await h.admin.get('/user-consent/deliveries?state=failed&pageSize=10');
    expect(list.status).toBe(200);
    const item = list.body.data.find((d: any) => d.receiptId === given.id);
    expect(item).toMatchObject({ event: 'user-consent.given', state: 'failed', deliveredAt: null });
    const byName = Object.fromEntries(item.targets.map((t: any) => [t.name, t]));
    expect(byName.CRM).toMatchObject({ state: 'delivered', attempts: 1, lastStatus: 200, lastError: null });
    expect(byName.Flaky).toMatchObject({ state: 'failed', attempts: 5, lastStatus: 500, lastError: 'HTTP 500', nextAttemptAt: null });
    expect(list.body.meta.pagination.total).toBeGreaterThanOrEqual(1);

    // Only a failed delivery can be retried; an unknown one is 404.
    const delivered = (await h.admin.get('/user-consent/deliveries?state=delivered&pageSize=1')).body.data[0];
    expect((await h.admin.post(`/user-consent/deliveries/${delivered.id}/retry`).send({})).status).toBe(400);
    expect((await h.admin.post('/user-consent/deliveries/999999999/retry').send({})).status).toBe(404);
    expect((await h.admin.post('/user-consent/deliveries/abc/retry').send({})).status).toBe(400);

    rx.state.failing = false;
    const retried = await h.admin.post(`/user-consent/deliveries/${item.id}/retry`).send({});
    expect(retried.status).toBe(200);
    expect(retried.body.data).toMatchObject({ id: item.id, state: 'pending' });
    await until(deliveredAll([given.id]), 20_000, 'the retried delivery');
    expect(rx.answered('/ok').get(item.id)).toHaveLength(1);
    expect(rx.answered('/flaky').get(item.id)).toHaveLength(1);
    expect((await h.admin.del(`/admin/webhooks/${flaky.id}`)).status).toBe(200);
  });

  it('lets an admin with the action subscribe a webhook to the events; others get 403', async () => {
    const other = (await h.admin.post('/admin/webhooks').send({ name: 'Other', url: rx.url('/other'), headers: {}, events: ['entry.create'] })).body.data;
    const manager = await h.adminWithActions(['plugin::user-consent.webhooks.manage'], 'webhooks');
    const reader = await h.adminWithActions(['plugin::user-consent.consents.read'], 'reader');
    for (const [method, url] of [['get', '/user-consent/deliveries'], ['get', '/user-consent/webhooks'], ['post', '/user-consent/deliveries/1/retry'], ['put', `/user-consent/webhooks/${other.id}/events`]] as const) {
      expect((await (reader as any)[method](url).send({ events: [] })).status).toBe(403);
    }
    const list = await manager.get('/user-consent/webhooks');
    expect(list.status).toBe(200);
    expect(list.body.meta.events).toEqual(EVENTS);
    expect(list.body.data.find((w: any) => w.id === String(other.id))).toMatchObject({ name: 'Other', enabled: true, events: [] });

    const put = await manager.put(`/user-consent/webhooks/${other.id}/events`).send({ events: ['user-consent.withdrawn', 'user-consent.given'] });
    expect(put.status).toBe(200);
    expect(put.body.data.events).toEqual(['user-consent.given', 'user-consent.withdrawn']);
    // Stored in Strapi's webhook store, its own event kept: Settings → Webhooks shows the same webhook.
    const stored = (await h.admin.get(`/admin/webhooks/${other.id}`)).body.data;
    expect(stored.events.sort()).toEqual(['entry.create', 'user-consent.given', 'user-consent.withdrawn']);
    expect((await manager.put(`/user-consent/webhooks/${other.id}/events`).send({ events: ['user-consent.nonsense'] })).status).toBe(400);
    expect((await manager.put('/user-consent/webhooks/999999/events').send({ events: [] })).status).toBe(404);

    const [given] = await capture();
    await until(deliveredAll([given.id]), 20_000, 'delivery to the new subscriber');
    const seq = String((await rowsOf([given.id]))[0].seq);
    expect(rx.answered('/other').get(seq)).toHaveLength(1);
    expect((await manager.put(`/user-consent/webhooks/${other.id}/events`).send({ events: [] })).body.data.events).toEqual([]);
  });

  it('writes an outbox row only for an event some enabled webhook receives, and sees a change at once', async () => {
    // CRM gets the withdrawals only: a capture's given and refused events need no row.
    const { name, url, headers, isEnabled } = (await h.admin.get(`/admin/webhooks/${hook.id}`)).body.data;
    const crm = { name, url, headers, isEnabled };
    expect((await h.admin.put(`/admin/webhooks/${hook.id}`).send({ ...crm, events: ['user-consent.withdrawn'] })).status).toBe(200);
    try {
      const [given, refused] = await capture();
      expect(await rowsOf([given.id, refused.id])).toHaveLength(0);
      const withdrawal = await h.http().post('/api/user-consent/withdrawals').send({ receipt: given.id, token: given.token });
      expect(withdrawal.status).toBe(201);
      const w = await outbox().where('event', 'user-consent.withdrawn').orderBy('seq', 'desc').first();
      await until(deliveredAll([w.receipt_id]), 20_000, 'the withdrawal delivered');
      expect(rx.got.filter((g) => g.body?.consent?.receiptId === given.id)).toHaveLength(0);
    } finally {
      // Subscribed again through Settings → Webhooks: the very next capture is announced.
      expect((await h.admin.put(`/admin/webhooks/${hook.id}`).send({ ...crm, events: EVENTS })).status).toBe(200);
    }
    const [given, refused] = await capture();
    expect(await rowsOf([given.id, refused.id])).toHaveLength(2);
    await until(deliveredAll([given.id, refused.id]), 20_000, 'the capture after re-subscribing delivered');
  });

  describe('with other Strapi processes on the same database', () => {
    let apps: ChildApp[] = [];
    afterAll(async () => {
      await Promise.all(apps.map((a) => a.stop().catch(() => undefined)));
      if (h) await webhooks().start();
    });

    it('delivers after a restart what a process committed and was killed before delivering', async () => {
      // Only the child delivers: this process's dispatcher stands aside.
      await webhooks().stop();
      const a = await startChildApp(h.db.env);
      rx.state.hang = true;
      const [given, refused] = await capture(a.url);
      // The child has claimed the rows and is waiting for the receiver: killed mid-delivery.
      await until(() => rx.got.some((g) => g.body?.consent?.receiptId === given.id), 20_000, 'the first delivery attempt');
      a.proc.kill('SIGKILL');
      await new Promise((r) => a.proc.once('exit', r));
      rx.state.hang = false;
      const rows = await rowsOf([given.id, refused.id]);
      expect(rows.map((r: any) => r.state)).toEqual(['pending', 'pending']);

      const b = await startChildApp(h.db.env);
      apps.push(b);
      await until(deliveredAll([given.id, refused.id]), 30_000, 'delivery by the restarted process');
      const answered = rx.answered('/ok');
      for (const row of rows) expect(answered.get(String(row.seq))).toHaveLength(1);
    }, 180_000);

    it('never delivers one event twice with two processes dispatching', async () => {
      await webhooks().start();
      // The restarted process of the test before, or a new one when that test failed before it.
      if (!apps.length) apps.push(await startChildApp(h.db.env));
      const [b] = apps;
      const receipts = (await Promise.all(Array.from({ length: 20 }, (_, i) => capture(i % 2 ? b.url : undefined)))).flat().map((r) => r.id);
      await until(deliveredAll(receipts), 60_000, 'every event delivered');
      const answered = rx.answered('/ok');
      const seqs = (await rowsOf(receipts)).map((r: any) => String(r.seq));
      expect(seqs).toHaveLength(40);
      for (const seq of seqs) expect(rx.got.filter((g) => g.path === '/ok' && g.delivery === seq)).toHaveLength(1);
      expect(seqs.every((seq) => answered.get(seq)?.length === 1)).toBe(true);
    }, 120_000);
  });
});
