/**
 * Retention and IP minimisation: each form says how long personal data is kept and how much of the
 * IP; the retention job erases exactly what is due, once, even when several runs go at once.
 */
import supertest from 'supertest';
import { ADMIN, type Harness } from '../helpers/strapi';
import { withScenario, type Scenario } from '../helpers/scenario';
import { startChildApps, stopAll } from '../helpers/processes';

const CONSENT = 'plugin::user-consent.consent';
const PERSONAL = 'plugin::user-consent.personal';
const DAY = 86_400_000;

describe('retention and IP minimisation', () => {
  let h: Harness;
  let s: Scenario;
  let contactId: number;
  const table = (uid: string) => h.strapi.db.metadata.get(uid as any).tableName;
  const retention = () => h.strapi.plugin('user-consent').service('retention');
  const verify = () => h.strapi.plugin('user-consent').service('integrity').verify();

  /** One capture on the contact form; returns its personal record id and its two events. */
  const give = async (email: string, ip = '198.51.100.10') => {
    const res = await h
      .http()
      .post('/api/user-consent/forms/contact/consents')
      .set('X-Forwarded-For', ip)
      .send({
        pageUrl: 'https://site.example/contact?from=retention',
        subject: { email },
        data: { name: 'N', email },
        decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.ads, accepted: true }],
      });
    expect(res.status).toBe(201);
    const events = await h.strapi.db.query(CONSENT).findMany({ where: { receiptId: { $in: res.body.data.receipts.map((r: any) => r.id) } } });
    return { personalId: events[0].personalId as number, events, receipts: res.body.data.receipts as { id: string; token: string }[] };
  };
  const backdate = async (personalId: number, days: number) => {
    await h.strapi.db.connection(table(PERSONAL)).where({ id: personalId }).update({ collected_at: new Date(Date.now() - days * DAY) });
  };
  const exists = async (personalId: number) => Boolean(await h.strapi.db.connection(table(PERSONAL)).where({ id: personalId }).first('id'));
  const erasedEvents = () => h.strapi.db.query(CONSENT).findMany({ where: { action: 'erased' }, orderBy: { seq: 'asc' } });

  withScenario((app) => ({ h, s } = app), { env: { PROXY: 'true' } });
  beforeAll(async () => {
    contactId = (await h.admin.get('/user-consent/forms?q=contact')).body.data.find((f: any) => f.key === 'contact').id;
  });

  it('keeps the whole IP, a truncated one or none, as the form says, and records the policy', async () => {
    const full = await give('ip-full@example.com', '198.51.100.123');
    expect((await h.admin.put(`/user-consent/forms/${contactId}`).send({ ipPolicy: 'truncated' })).status).toBe(200);
    const v4 = await give('ip-trunc@example.com', '198.51.100.123');
    const v6 = await give('ip-trunc6@example.com', '2001:DB8:AB:CD:1:2:3:4');
    expect((await h.admin.put(`/user-consent/forms/${contactId}`).send({ ipPolicy: 'none' })).status).toBe(200);
    const none = await give('ip-none@example.com', '198.51.100.123');
    expect((await h.admin.put(`/user-consent/forms/${contactId}`).send({ ipPolicy: 'full' })).status).toBe(200);
    const ipOf = async (id: number) => (await h.strapi.db.query(PERSONAL).findOne({ where: { id } })).ip;
    expect(await ipOf(full.personalId)).toBe('198.51.100.123');
    expect(await ipOf(v4.personalId)).toBe('198.51.100.0');
    expect(await ipOf(v6.personalId)).toBe('2001:db8:ab::');
    expect(await ipOf(none.personalId)).toBeNull();
    expect([full, v4, v6, none].map((c) => c.events[0].ipPolicy)).toEqual(['full', 'truncated', 'truncated', 'none']);
    // The form answers with its settings; a bad policy is a 400 that changes nothing.
    const form = (await h.admin.get(`/user-consent/forms/${contactId}`)).body.data;
    expect(form).toMatchObject({ ipPolicy: 'full', retentionDays: null, withdrawalRetentionDays: 30 });
    const bad = await h.admin.put(`/user-consent/forms/${contactId}`).send({ ipPolicy: 'partial' });
    expect(bad.status).toBe(400);
    expect((await h.admin.put(`/user-consent/forms/${contactId}`).send({ retentionDays: 0 })).status).toBe(400);
    expect((await h.admin.get(`/user-consent/forms/${contactId}`)).body.data.ipPolicy).toBe('full');
  });

  it('warns when a form keeps whole IPs for an eu-gdpr agreement, not when it truncates them', async () => {
    const created = await h.admin.post('/user-consent/forms').send({ key: 'eu-newsletter', name: 'EU newsletter', agreements: [{ agreementId: s.agreements.gdpr, behaviour: 'optional-unchecked' }] });
    expect(created.status).toBe(201);
    expect(created.body.data.ipPolicy).toBe('full');
    expect(created.body.meta.warnings.map((w: any) => w.code)).toEqual(['gdpr-ip-full']);
    const truncated = await h.admin.put(`/user-consent/forms/${created.body.data.id}`).send({ ipPolicy: 'truncated' });
    expect(truncated.body.meta.warnings).toEqual([]);
    // A Russian form keeps whole addresses without a warning.
    expect((await h.admin.get(`/user-consent/forms/${contactId}`)).body.meta.warnings).toEqual([]);
  });

  it('erases exactly what is due, once, with two runs at once', async () => {
    expect((await h.admin.put(`/user-consent/forms/${contactId}`).send({ retentionDays: 365 })).status).toBe(200);
    const old = await Promise.all(Array.from({ length: 6 }, (_, i) => give(`old${i}@example.com`)));
    const fresh = await give('fresh@example.com');
    const almost = await give('almost@example.com');
    for (const c of old) await backdate(c.personalId, 400);
    await backdate(almost.personalId, 364);
    const before = (await erasedEvents()).length;

    // Batches of 4: the six old records take two batches, and the two runs compete for them.
    const runs = await Promise.all([retention().runAlone({ batchSize: 4 }), retention().runAlone({ batchSize: 4 })]);
    const total = runs.reduce((n: number, r: any) => n + r.records, 0);
    expect(total).toBe(6);
    expect(runs.reduce((n: number, r: any) => n + r.events, 0)).toBe(12);
    for (const c of old) expect(await exists(c.personalId)).toBe(false);
    expect(await exists(fresh.personalId)).toBe(true);
    expect(await exists(almost.personalId)).toBe(true);
    // Each record is named by exactly one erased event.
    const erased = (await erasedEvents()).slice(before);
    const named = erased.flatMap((e: any) => e.erasure.personal);
    expect(named.sort((a: number, b: number) => a - b)).toEqual(old.map((c) => c.personalId).sort((a, b) => a - b));
    expect(erased.every((e: any) => e.erasure.reason === 'retention' && e.erasure.kind === 'retention' && e.channel === 'system')).toBe(true);
    expect((await verify()).intact).toBe(true);
    // Nothing more is due now.
    expect(await retention().runAlone()).toMatchObject({ records: 0, events: 0, batches: 0 });
    expect((await h.admin.put(`/user-consent/forms/${contactId}`).send({ retentionDays: null })).status).toBe(200);
  });

  it('erases a capture 30 days after every consent given with it was withdrawn, with its withdrawals', async () => {
    const both = await give('withdrew-both@example.com');
    const one = await give('withdrew-one@example.com');
    for (const r of both.receipts) expect((await h.http().post('/api/user-consent/withdrawals').send({ receipt: r.id, token: r.token })).status).toBe(201);
    expect((await h.http().post('/api/user-consent/withdrawals').send({ receipt: one.receipts[1].id, token: one.receipts[1].token })).status).toBe(201);
    const withdrawals = await h.strapi.db.query(CONSENT).findMany({ where: { withdrawsId: { $in: both.events.map((e: any) => e.id) } } });
    expect(withdrawals).toHaveLength(2);

    expect(await retention().runAlone({ now: new Date(Date.now() + 29 * DAY) })).toMatchObject({ records: 0 });
    const run = await retention().runAlone({ now: new Date(Date.now() + 31 * DAY) });
    // The capture's record and the records of its two withdrawals.
    expect(run).toMatchObject({ records: 3, batches: 1 });
    expect(await exists(both.personalId)).toBe(false);
    for (const w of withdrawals) expect(await exists(w.personalId)).toBe(false);
    expect(await exists(one.personalId)).toBe(true);
    // The receipt still proves the consent and its withdrawal.
    const receipt = await h.http().get(`/api/user-consent/receipts/${both.receipts[0].id}`).set('X-Receipt-Token', both.receipts[0].token);
    expect(receipt.body.data).toMatchObject({ state: 'withdrawn', personalData: 'erased' });
    expect((await verify()).intact).toBe(true);
  });

  it('runs from the admin API for a role with consents.erase, and refuses a body it does not know', async () => {
    const res = await h.admin.post('/user-consent/retention/run').send({});
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ records: 0, events: 0, batches: 0 });
    expect((await h.admin.post('/user-consent/retention/run').send({ now: '2099-01-01' })).status).toBe(400);
    const reader = await h.adminWithActions(['plugin::user-consent.consents.read'], 'no-retention');
    expect((await reader.post('/user-consent/retention/run').send({})).status).toBe(403);
  });

  // Two Strapi processes on one server database run the job at the same moment.
  const client = process.env.DATABASE_CLIENT || 'sqlite';
  (client === 'postgres' || client === 'mysql' ? it : it.skip)(
    'erases each due record once when two processes run the job together',
    async () => {
      expect((await h.admin.put(`/user-consent/forms/${contactId}`).send({ retentionDays: 10 })).status).toBe(200);
      // What the shorter period makes due already (the record kept 364 days above) goes first.
      await retention().runAlone();
      const due = [];
      for (let i = 0; i < 30; i += 1) due.push(await give(`proc${i}@example.com`));
      for (const c of due) await backdate(c.personalId, 11);
      const apps = await startChildApps(h.db.env);
      try {
        const tokens = await Promise.all(
          apps.map(async (a) => (await supertest(a.url).post('/admin/login').send({ email: ADMIN.email, password: ADMIN.password })).body.data.token as string)
        );
        const before = (await erasedEvents()).length;
        const runs = await Promise.all(apps.map((a, i) => supertest(a.url).post('/user-consent/retention/run').set('Authorization', `Bearer ${tokens[i]}`).send({})));
        expect(runs.map((r) => r.status)).toEqual([200, 200]);
        expect(runs.reduce((n, r) => n + r.body.data.records, 0)).toBe(30);
        const named = (await erasedEvents()).slice(before).flatMap((e: any) => e.erasure.personal);
        expect(named).toHaveLength(30);
        expect(new Set(named).size).toBe(30);
        for (const c of due) expect(await exists(c.personalId)).toBe(false);
        expect((await verify()).intact).toBe(true);
      } finally {
        await stopAll(apps);
      }
    },
    240_000
  );
});
