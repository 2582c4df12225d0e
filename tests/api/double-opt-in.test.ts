/**
 * Double opt-in: a form names the agreement (advertising) whose acceptance waits for a confirmed
 * e-mail address. The submission records `requested`, the plugin mails a link (read here from the
 * playground's SMTP catcher), the page it opens records nothing, a POST confirms (a chained `confirmed`
 * event with the confirmation's IP and user agent in the personal store) and the consent is `given`
 * from then. An expired or used link is refused with a 4xx and records nothing; resending answers the
 * same for any address and is limited per address; the token never reaches the request log.
 */
import { type Harness, type CaughtMail } from '../helpers/strapi';
import { withScenario, counts, type Scenario } from '../helpers/scenario';

const CONSENT = 'plugin::user-consent.consent';
const STATUS_ACTION = 'plugin::user-consent.status.query';

describe('double opt-in', () => {
  let h: Harness;
  let s: Scenario;
  let formId: number;
  let statusKey: string;
  const logLines: string[] = [];
  const announced: any[] = [];

  withScenario((app) => ({ h, s } = app), { env: { PROXY: 'true', UC_DOI_RESEND_MAX: '3' } });

  beforeAll(async () => {
    formId = (await h.admin.get('/user-consent/forms?q=contact')).body.data.find((f: any) => f.key === 'contact').id;
    const token = await h.admin.post('/admin/api-tokens').send({ name: 'Mailer', type: 'custom', lifespan: null, permissions: [STATUS_ACTION] });
    statusKey = token.body.data.accessKey;
    h.strapi.plugin('user-consent').service('webhooks').onEvent(async (e: any) => {
      announced.push(e);
    });
    // Every request line Strapi logs from here on (the token must never be among them).
    jest.spyOn(h.strapi.log, 'http').mockImplementation(((line: string) => {
      logLines.push(String(line));
    }) as any);
  });
  afterAll(() => jest.restoreAllMocks());

  const submit = (email: string | null, ads: boolean, ip = '198.51.100.10') =>
    h
      .http()
      .post('/api/user-consent/forms/contact/consents')
      .set('X-Forwarded-For', ip)
      .set('User-Agent', 'Submitting browser')
      .send({
        pageUrl: 'https://site.example/newsletter',
        ...(email ? { subject: { email } } : {}),
        data: { name: 'Anna', email: email ?? 'none@example.com' },
        decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.ads, accepted: ads }],
      });
  const tokenOf = (mail: CaughtMail) => {
    const m = mail.text.match(/\/api\/user-consent\/confirm\?lang=(en|ru)#t=([A-Za-z0-9_-]+)/);
    if (!m) throw new Error(`no confirmation link in: ${mail.text}`);
    return { lang: m[1], token: m[2], path: `/api/user-consent/confirm?lang=${m[1]}` };
  };
  const mailTo = async (to: string) => (await h.mail()).filter((m) => m.to.includes(to));
  const confirm = (token: string, ip = '203.0.113.5') =>
    h.http().post('/api/user-consent/confirmations').set('X-Forwarded-For', ip).set('User-Agent', 'Confirming browser').send({ token });
  const check = (token: string) => h.http().post('/api/user-consent/confirmations/check').send({ token });
  const receiptState = async (r: { id: string; token: string }) =>
    (await h.http().post('/api/user-consent/receipts/states').send({ receipts: [{ id: r.id, token: r.token }] })).body.data[0].state as string;

  describe('the form setting', () => {
    it('refuses an agreement that is not on the form, with the field named', async () => {
      const res = await h.admin.put(`/user-consent/forms/${formId}`).send({ doubleOptIn: { agreements: [s.agreements.gdpr] } });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ name: 'ValidationError', details: { code: 'double-opt-in-not-attached', params: { agreement: s.agreements.gdpr } } });
      expect((await h.admin.get(`/user-consent/forms/${formId}`)).body.data.doubleOptIn).toBeNull();
    });

    it('stores the agreements and the templates, and keeps them from the public form', async () => {
      const res = await h.admin.put(`/user-consent/forms/${formId}`).send({ doubleOptIn: { agreements: [s.agreements.ads], templates: { en: { subject: 'Confirm {agreement}' } } } });
      expect(res.status).toBe(200);
      expect(res.body.data.doubleOptIn).toEqual({
        agreements: [s.agreements.ads],
        templates: { en: { subject: 'Confirm {agreement}', body: null }, ru: { subject: null, body: null } },
      });
      const pub = await h.http().get('/api/user-consent/forms/contact');
      expect(pub.body.data).not.toHaveProperty('doubleOptIn');
    });
  });

  it('refuses a submission that accepts the agreement without an e-mail address, storing nothing', async () => {
    const before = await counts(h);
    const res = await submit(null, true);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'ValidationError', details: { code: 'email-required', errors: [{ path: ['subject', 'email'] }] } });
    expect(await counts(h)).toEqual(before);
    expect(await h.mail()).toEqual([]);
  });

  let anna: { receipts: any[]; token: string; request: any };

  it('records the accepted agreement as requested and mails a link in the agreement’s language', async () => {
    const res = await submit('anna@example.com', true);
    expect(res.status).toBe(201);
    const receipts = res.body.data.receipts;
    expect(receipts.map((r: any) => [r.agreement, r.action])).toEqual([
      [s.agreements.pd, 'given'],
      [s.agreements.ads, 'requested'],
    ]);
    expect(res.body.data.confirmation).toEqual({ sent: true });
    const [mail] = await mailTo('anna@example.com');
    // The advertising agreement is Russian: the Russian default (the form only set an English subject).
    expect(mail.subject).toBe('Подтвердите согласие');
    expect(mail.text).toContain('Advertising: I agree to');
    expect(mail.html).toContain('<a href="');
    const { token, lang } = tokenOf(mail);
    expect(lang).toBe('ru');
    const request = await h.strapi.db.query(CONSENT).findOne({ where: { receiptId: receipts[1].id } });
    expect(request).toMatchObject({ action: 'requested', agreementId: s.agreements.ads });
    // Only the token's hash is stored.
    const links = await h.strapi.db.connection(h.strapi.db.metadata.get('plugin::user-consent.confirmation').tableName).select('*');
    expect(links).toHaveLength(1);
    expect(JSON.stringify(links)).not.toContain(token);
    anna = { receipts, token, request };
    expect(await receiptState(receipts[1])).toBe('pending');
    expect(await receiptState(receipts[0])).toBe('given');
  });

  it('opens a page that records nothing, and says what the link would confirm (nothing recorded either)', async () => {
    const before = await counts(h);
    const page = await h.http().get('/api/user-consent/confirm?lang=ru');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'nonce-/);
    expect(page.text).toContain('<html lang="ru">');
    expect(page.text).toContain('Подтвердить');
    expect((await h.http().get('/api/user-consent/confirm?lang=en')).text).toContain('>Confirm<');
    const res = await check(anna.token);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ agreements: [expect.stringContaining('Advertising')], form: 'Contact us', language: 'ru' });
    expect(await counts(h)).toEqual(before);
    expect(await receiptState(anna.receipts[1])).toBe('pending');
  });

  it('confirms on a POST: a chained confirmed event, its IP and user agent in the personal store, the consent given from then', async () => {
    const before = await counts(h);
    const res = await confirm(anna.token);
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ confirmed: [{ agreement: s.agreements.ads, receipt: anna.receipts[1].id }], redirectUrl: null });
    expect(await counts(h)).toEqual({ consents: before.consents + 1, personal: before.personal + 1 });
    const confirmed = await h.strapi.db.query(CONSENT).findOne({ where: { action: 'confirmed', withdrawsId: anna.request.id } });
    expect(confirmed).toMatchObject({ agreementId: s.agreements.ads, channel: 'web', personalHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(confirmed).not.toHaveProperty('ip');
    expect(await receiptState(anna.receipts[1])).toBe('given');
    // Announced to the app's code (and the webhooks that take them): requested, then confirmed.
    for (let i = 0; i < 200 && !announced.some((e) => e.event === 'user-consent.confirmed'); i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(announced.find((e) => e.event === 'user-consent.requested')?.consent).toMatchObject({ receiptId: anna.receipts[1].id, state: 'pending' });
    expect(announced.find((e) => e.event === 'user-consent.confirmed')).toMatchObject({
      consent: { action: 'confirmed', state: 'given', withdraws: anna.receipts[1].id },
      subject: { email: 'anna@example.com' },
    });

    // The status API: given, since the confirmation.
    const status = await h.http().post('/api/user-consent/status/query').set('Authorization', `Bearer ${statusKey}`).send({ email: 'anna@example.com', agreement: s.agreements.ads });
    expect(status.status).toBe(200);
    expect(status.body.data).toEqual([expect.objectContaining({ state: 'given', givenAt: new Date(confirmed.recordedAt).toISOString() })]);

    // The confirmation's IP: only through the admin API, and only with the personal-data permission.
    const full = await h.admin.get(`/user-consent/consents/${confirmed.id}`);
    expect(full.status).toBe(200);
    expect(full.body.data.record).toMatchObject({ action: 'confirmed', ip: '203.0.113.5', userAgent: 'Confirming browser' });
    const reader = await h.adminWithActions(['plugin::user-consent.consents.read']);
    const limited = await reader.get(`/user-consent/consents/${confirmed.id}`);
    expect(limited.body.data.record.ip).toBeNull();
    expect(limited.body.data.record.userAgent ?? null).toBeNull();
    // The person's history: requested, then confirmed.
    const lookup = await h.admin.post('/user-consent/subjects/lookup').send({ email: 'anna@example.com' });
    expect(lookup.body.data.events.filter((e: any) => e.agreementId === s.agreements.ads).map((e: any) => [e.action, e.state])).toEqual([
      ['requested', 'given'],
      ['confirmed', null],
    ]);
  });

  it('refuses the used link (4xx, nothing recorded), and an unknown or malformed token', async () => {
    const before = await counts(h);
    const again = await confirm(anna.token);
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ name: 'ApplicationError', details: { code: 'confirmation-used' } });
    expect((await check(anna.token)).body.error.details.code).toBe('confirmation-used');
    const unknown = await confirm('A'.repeat(43));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ name: 'NotFoundError', details: { code: 'not-found' } });
    expect((await confirm('short')).status).toBe(400);
    expect((await h.http().post('/api/user-consent/confirmations').send({ token: anna.token, extra: 1 })).status).toBe(400);
    expect(await counts(h)).toEqual(before);
  });

  it('refuses an expired link (4xx, nothing recorded); the expiry job then ends the request', async () => {
    const key = 'plugin::user-consent.doubleOptIn.linkTtlHours';
    const ttl = h.strapi.config.get(key);
    // A link that ends a fraction of a millisecond after it is made.
    h.strapi.config.set(key, 1e-9);
    let res;
    try {
      res = await submit('boris@example.com', true);
    } finally {
      h.strapi.config.set(key, ttl);
    }
    expect(res.status).toBe(201);
    const { token } = tokenOf((await mailTo('boris@example.com'))[0]);
    const before = await counts(h);
    const refused = await confirm(token);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ name: 'ApplicationError', details: { code: 'confirmation-expired' } });
    expect(await counts(h)).toEqual(before);
    const ads = res.body.data.receipts[1];
    expect(await receiptState(ads)).toBe('pending');

    // The job judges by the configured time (72 h): three days and an hour later.
    const later = new Date(Date.now() + 73 * 3_600_000);
    const run = await h.strapi.plugin('user-consent').service('expiry').runAlone({ now: later });
    expect(run.expired).toBe(1);
    expect(await receiptState(ads)).toBe('expired');
    // Anna's confirmed consent is older, and stays given.
    expect(await receiptState(anna.receipts[1])).toBe('given');
    expect((await confirm(token)).status).toBe(400);
  });

  it('resends a new link (the old one stops working), answering alike for any address, limited per address', async () => {
    expect((await submit('clara@example.com', true)).status).toBe(201);
    const first = tokenOf((await mailTo('clara@example.com'))[0]).token;
    const resend = (email: string) => h.http().post('/api/user-consent/confirmations/resend').send({ email });
    const known = await resend('clara@example.com');
    const unknown = await resend('nobody@example.com');
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    const mails = await mailTo('clara@example.com');
    expect(mails).toHaveLength(2);
    expect(await mailTo('nobody@example.com')).toEqual([]);
    const second = tokenOf(mails[1]).token;
    expect(second).not.toBe(first);
    expect((await check(first)).status).toBe(404);
    expect((await check(second)).status).toBe(200);
    // Anna has nothing waiting: the same answer, no mail.
    expect((await resend('anna@example.com')).body).toEqual(known.body);
    expect(await mailTo('anna@example.com')).toHaveLength(1);

    expect((await resend('clara@example.com')).status).toBe(202);
    expect((await resend('clara@example.com')).status).toBe(202);
    const limited = await resend('clara@example.com');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ name: 'RateLimitError', details: { code: 'rate-limited' } });
    expect((await resend('not an address')).status).toBe(400);
    // Each resend replaced the link: the latest one confirms, the one before it no longer does.
    const all = await mailTo('clara@example.com');
    expect(all).toHaveLength(4);
    expect((await check(tokenOf(all[2]).token)).status).toBe(404);
    // The form's redirect, which the page follows once confirmed.
    expect((await h.admin.put(`/user-consent/forms/${formId}`).send({ successRedirectUrl: 'https://site.example/thanks' })).status).toBe(200);
    const confirmed = await confirm(tokenOf(all[3]).token);
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.data.redirectUrl).toBe('https://site.example/thanks');
  });

  it('counts the form’s requests, confirmations and expiries for the admin', async () => {
    const res = await h.admin.get(`/user-consent/forms/${formId}/double-opt-in`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ requested: 3, confirmed: 2, expired: 1 });
    const reader = await h.adminWithActions([]);
    expect((await reader.get(`/user-consent/forms/${formId}/double-opt-in`)).status).toBe(403);
  });

  it('withdraws a request that waits, by its receipt; its link then confirms nothing', async () => {
    const res = await submit('eva@example.com', true);
    const ads = res.body.data.receipts[1];
    const { token } = tokenOf((await mailTo('eva@example.com'))[0]);
    const withdrawn = await h.http().post('/api/user-consent/withdrawals').send({ receipt: ads.id, token: ads.token });
    expect(withdrawn.status).toBe(201);
    expect(await receiptState(ads)).toBe('withdrawn');
    const before = await counts(h);
    const refused = await confirm(token);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.code).toBe('confirmation-used');
    expect(await counts(h)).toEqual(before);
    expect(await receiptState(ads)).toBe('withdrawn');
  });

  it('lists a request in My consents as the person’s consent, pending, and withdraws it there', async () => {
    expect((await submit('fedor@example.com', true)).status).toBe(201);
    expect((await h.http().post('/api/user-consent/me/link').send({ email: 'fedor@example.com', lang: 'en' })).status).toBe(202);
    await h.strapi.plugin('user-consent').service('self-service').settled();
    const link = (await mailTo('fedor@example.com')).find((m) => /\/pages\/me/.test(m.text))!;
    const token = /\/pages\/me\?lang=(?:en|ru)#token=([A-Za-z0-9_-]+)/.exec(link.text)![1];
    const open = await h.http().post('/api/user-consent/me/session').send({ token });
    expect(open.status).toBe(200);
    const ads = open.body.data.find((c: any) => c.agreement === s.agreements.ads);
    expect(ads).toMatchObject({ state: 'pending', withdrawable: true });
    const request = await h.strapi.db.query(CONSENT).findOne({ where: { receiptId: ads.receipt } });
    expect(request.action).toBe('requested');
    const res = await h.http().post('/api/user-consent/me/withdrawals').send({ session: open.body.meta.session, receipt: ads.receipt });
    expect(res.status).toBe(201);
    const ended = await h.strapi.db.query(CONSENT).findMany({ where: { withdrawsId: request.id, action: 'withdrawn' } });
    expect(ended.map((e: any) => e.channel)).toEqual(['self-service']);
    const after = (await h.http().post('/api/user-consent/me/consents').send({ session: open.body.meta.session })).body.data;
    expect(after.find((c: any) => c.agreement === s.agreements.ads)).toMatchObject({ state: 'withdrawn', withdrawable: false });
  });

  it('seeds the demo’s newsletter form with double opt-in on its advertising agreement', async () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { seedData } = require('../../playground/src/seed');
    const { agreements } = await seedData(h.strapi);
    const form = (await h.http().get('/api/user-consent/forms/newsletter')).body.data;
    const versionOf = (id: number) => form.agreements.find((a: any) => a.agreement === id).version.id;
    const res = await h
      .http()
      .post('/api/user-consent/forms/newsletter/consents')
      .send({
        pageUrl: 'https://site.example/newsletter',
        subject: { email: 'dora@example.com' },
        data: { email: 'dora@example.com' },
        decisions: [
          { version: versionOf(agreements.pd), accepted: true, fullTextOpened: true },
          { version: versionOf(agreements.ads), accepted: true },
        ],
      });
    expect(res.status).toBe(201);
    expect(res.body.data.receipts.map((r: any) => r.action)).toEqual(['given', 'requested']);
    const [mail] = await mailTo('dora@example.com');
    expect(tokenOf(mail).lang).toBe('ru');
  });

  it('never writes a token to the request log, and the chain verifies', async () => {
    const tokens = (await h.mail()).filter((m) => m.text.includes('/api/user-consent/confirm?')).map((m) => tokenOf(m).token);
    expect(tokens.length).toBeGreaterThanOrEqual(5);
    expect(logLines.some((l) => l.includes('/api/user-consent/confirmations'))).toBe(true);
    const joined = logLines.join('\n');
    for (const token of tokens) expect(joined.includes(token)).toBe(false);
    const res = await h.admin.get('/user-consent/integrity');
    expect(res.status).toBe(200);
    expect(res.body.data.intact).toBe(true);
  });
});
