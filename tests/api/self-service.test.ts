/**
 * The person's side (issue 14, items 2 and 3): the receipt mailed when the form's switch is on, the
 * receipt page and its one-click withdrawal, and "My consents" reached through a mailed link (the same
 * answer for a known and an unknown address; single-use, expiring links; withdrawals on channel
 * self-service). The mail is read from the playground's SMTP catcher.
 */
import { type Harness } from '../helpers/strapi';
import { withScenario, counts, type Scenario } from '../helpers/scenario';

const CONSENT = 'plugin::user-consent.consent';
const LINK = 'plugin::user-consent.self-link';
const API = '/api/user-consent';

describe('receipts and My consents for the person', () => {
  let h: Harness;
  let s: Scenario;
  withScenario((app) => ({ h, s } = app));

  const self = () => h.strapi.plugin('user-consent').service('self-service') as {
    settled: () => Promise<void>;
    mailFailures: () => number;
  };
  /** The mail sent so far, once every send under way has finished. */
  const mail = async () => {
    await self().settled();
    return h.mail();
  };
  const submit = (email: string | null, ads = true, lang?: string) => {
    const req = h.http().post(`${API}/forms/contact/consents`);
    if (lang) req.set('Accept-Language', lang);
    return req.send({
      pageUrl: 'https://site.example/contact',
      ...(email ? { subject: { email } } : {}),
      data: { name: 'N', email: email ?? 'typed@example.com' },
      decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.ads, accepted: ads }],
    });
  };
  const contactId = async () => (await h.admin.get('/user-consent/forms')).body.data.find((f: any) => f.key === 'contact').id as number;
  const fragmentOf = (text: string, page: string) => {
    const m = new RegExp(`(https?://[^\\s]+/api/user-consent/pages/${page}\\?lang=(ru|en))#(\\S+)`).exec(text);
    if (!m) throw new Error(`no ${page} link in: ${text}`);
    return { url: m[1], lang: m[2], fragment: new URLSearchParams(m[3]) };
  };
  const withdrawnEvents = (of: number) => h.strapi.db.query(CONSENT).findMany({ where: { withdrawsId: of, action: 'withdrawn' } });

  let mailed: { id: string; token: string }[] = [];

  it('sends no receipt while the form’s switch is off (the default)', async () => {
    const form = (await h.admin.get(`/user-consent/forms/${await contactId()}`)).body.data;
    expect(form.sendReceiptEmail).toBe(false);
    expect((await submit('off@example.com')).status).toBe(201);
    expect(await mail()).toEqual([]);
    // The public form does not show the switch.
    expect((await h.http().get(`${API}/forms/contact`)).body.data).not.toHaveProperty('sendReceiptEmail');
  });

  it('mails the receipt link to the subject’s e-mail once the switch is on, with every receipt in the link’s fragment', async () => {
    const put = await h.admin.put(`/user-consent/forms/${await contactId()}`).send({ sendReceiptEmail: true });
    expect(put.status).toBe(200);
    expect(put.body.data.sendReceiptEmail).toBe(true);
    const res = await submit('anna@example.com');
    expect(res.status).toBe(201);
    const receipts = res.body.data.receipts as { id: string; token: string }[];
    const [message, ...more] = await mail();
    expect(more).toEqual([]);
    expect(message.to).toBe('anna@example.com');
    // The contact form's agreements are Russian: so is the mail.
    expect(message.subject).toBe('Квитанция о вашем согласии');
    const link = fragmentOf(message.text, 'receipt');
    expect(link.lang).toBe('ru');
    expect(link.fragment.getAll('r')).toEqual(receipts.map((r) => `${r.id}.${r.token}`));
    expect(message.html).toContain('/api/user-consent/pages/receipt?lang=ru#r=');
    mailed = receipts;
    // No e-mail subject: no mail.
    expect((await submit(null)).status).toBe(201);
    expect(await mail()).toHaveLength(1);
  });

  it('never fails a capture when the mail cannot be sent: the failure is counted and logged without the address', async () => {
    const email = h.strapi.plugin('email').service('email');
    const send = jest.spyOn(email, 'send').mockRejectedValueOnce(Object.assign(new Error('553 mailbox fail@example.com unavailable'), { code: 'EENVELOPE' }));
    const warn = jest.spyOn(h.strapi.log, 'warn');
    const before = self().mailFailures();
    const consents = (await counts(h)).consents;
    try {
      const res = await submit('fail@example.com');
      expect(res.status).toBe(201);
      await self().settled();
    } finally {
      send.mockRestore();
    }
    const lines = warn.mock.calls.map((c) => String(c[0]));
    warn.mockRestore();
    expect((await counts(h)).consents).toBe(consents + 2);
    expect(self().mailFailures()).toBe(before + 1);
    expect(lines.some((l) => l.includes('receipt e-mail could not be sent (EENVELOPE)'))).toBe(true);
    expect(lines.join('\n')).not.toContain('fail@example.com');
  });

  it('serves the receipt page in the visitor’s language, with its own script and nothing external', async () => {
    const ru = await h.http().get(`${API}/pages/receipt`).set('Accept-Language', 'ru-RU,ru;q=0.9,en;q=0.5');
    expect(ru.status).toBe(200);
    expect(ru.headers['content-type']).toMatch(/^text\/html/);
    expect(ru.headers['cache-control']).toBe('no-store');
    const csp = ru.headers['content-security-policy'];
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)![1];
    expect(csp).toContain("default-src 'none'");
    expect(ru.text).toContain('<html lang="ru">');
    expect(ru.text).toContain('Квитанция о вашем согласии');
    expect(ru.text).toContain(`<script nonce="${nonce}">`);
    expect(ru.text).not.toMatch(/(src|href)="https?:/);
    const en = await h.http().get(`${API}/pages/receipt?lang=en`).set('Accept-Language', 'ru');
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Your consent receipt');
    expect((await h.http().get(`${API}/pages/receipt?lang=de`)).status).toBe(400);
  });

  it('withdraws the mailed receipt’s consent with one POST; a repeat is harmless', async () => {
    const pd = mailed[0];
    const read = await h.http().get(`${API}/receipts/${pd.id}`).set('X-Receipt-Token', pd.token);
    expect(read.body.data.state).toBe('given');
    const event = await h.strapi.db.query(CONSENT).findOne({ where: { receiptId: pd.id } });
    const first = await h.http().post(`${API}/withdrawals`).send({ receipt: pd.id, token: pd.token });
    expect(first.status).toBe(201);
    const again = await h.http().post(`${API}/withdrawals`).send({ receipt: pd.id, token: pd.token });
    expect(again.status).toBe(200);
    expect(again.body.data.alreadyWithdrawn).toBe(true);
    const withdrawn = await withdrawnEvents(event.id);
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0].channel).toBe('web');
    expect((await h.http().get(`${API}/receipts/${pd.id}`).set('X-Receipt-Token', pd.token)).body.data.state).toBe('withdrawn');
  });

  let session = '';

  it('answers me/link the same for a known and an unknown address, and mails only the known one', async () => {
    await h.admin.put(`/user-consent/forms/${await contactId()}`).send({ sendReceiptEmail: false });
    expect((await submit('marina@example.com', true)).status).toBe(201);
    const before = (await mail()).length;
    const unknown = await h.http().post(`${API}/me/link`).send({ email: 'nobody@example.com' });
    const known = await h.http().post(`${API}/me/link`).send({ email: 'Marina@Example.com ', lang: 'en' });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    expect(known.headers['cache-control']).toBe('no-store');
    const sent = (await mail()).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0].to.toLowerCase()).toBe('marina@example.com');
    expect(sent[0].subject).toBe('Your link to My consents');
    const token = fragmentOf(sent[0].text, 'me').fragment.get('token')!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    // Only hashes are stored.
    const rows = await h.strapi.db.query(LINK).findMany({});
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(rows)).not.toMatch(/example\.com/i);

    // The link opens a session once: the person's consents, as they stand.
    const open = await h.http().post(`${API}/me/session`).send({ token });
    expect(open.status).toBe(200);
    session = open.body.meta.session;
    expect(session).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(open.body.data.map((c: any) => [c.agreement, c.state, c.withdrawable])).toEqual([
      [s.agreements.pd, 'given', true],
      [s.agreements.ads, 'given', true],
    ]);
    expect(open.body.data[0]).toMatchObject({ version: s.versions.pd, versionNumber: 1, textUrl: `/api/user-consent/versions/${s.versions.pd}/text`, endedAt: null });
    expect(open.body.data[0].label).toContain('Personal data');

    const consents = (await counts(h)).consents;
    const reused = await h.http().post(`${API}/me/session`).send({ token });
    expect(reused.status).toBe(403);
    expect(reused.body.error.details.code).toBe('link-invalid');
    expect((await counts(h)).consents).toBe(consents);
  });

  it('withdraws one consent from My consents: exactly one event on channel self-service; a repeat adds none', async () => {
    const list = (await h.http().post(`${API}/me/consents`).send({ session })).body.data;
    const ads = list.find((c: any) => c.agreement === s.agreements.ads);
    const event = await h.strapi.db.query(CONSENT).findOne({ where: { receiptId: ads.receipt } });
    const before = (await counts(h)).consents;
    const res = await h.http().post(`${API}/me/withdrawals`).send({ session, receipt: ads.receipt });
    expect(res.status).toBe(201);
    expect(res.body.data.alreadyWithdrawn).toBe(false);
    expect((await counts(h)).consents).toBe(before + 1);
    const withdrawn = await withdrawnEvents(event.id);
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0].channel).toBe('self-service');
    const again = await h.http().post(`${API}/me/withdrawals`).send({ session, receipt: ads.receipt });
    expect(again.status).toBe(200);
    expect(again.body.data.alreadyWithdrawn).toBe(true);
    expect((await counts(h)).consents).toBe(before + 1);
    const after = (await h.http().post(`${API}/me/consents`).send({ session })).body.data;
    expect(after.find((c: any) => c.agreement === s.agreements.ads)).toMatchObject({ state: 'withdrawn', withdrawable: false });
    expect(after.find((c: any) => c.agreement === s.agreements.ads).endedAt).toBe(new Date(withdrawn[0].recordedAt).toISOString());
    // The admin's log filters by the new channel.
    const log = await h.admin.post('/user-consent/consents/search').send({ channel: 'self-service' });
    expect(log.status).toBe(200);
    expect(log.body.data.map((r: any) => r.id)).toEqual([withdrawn[0].id]);
  });

  it('refuses another person’s receipt, a bad session, and an expired or forged link, recording nothing', async () => {
    const other = (await submit('other@example.com')).body.data.receipts[0];
    const before = await counts(h);
    const foreign = await h.http().post(`${API}/me/withdrawals`).send({ session, receipt: other.id });
    expect(foreign.status).toBe(404);
    const badSession = await h.http().post(`${API}/me/withdrawals`).send({ session: 'x'.repeat(43), receipt: other.id });
    expect(badSession.status).toBe(403);
    expect(badSession.body.error.details.code).toBe('session-invalid');
    expect((await h.http().post(`${API}/me/consents`).send({ session: 'y'.repeat(43) })).status).toBe(403);
    const forged = await h.http().post(`${API}/me/session`).send({ token: 'z'.repeat(43) });
    expect(forged.status).toBe(403);
    expect(forged.body.error.details.code).toBe('link-invalid');

    // A link asked for now, then 30 minutes pass (its expiry moved into the past).
    const from = (await mail()).length;
    expect((await h.http().post(`${API}/me/link`).send({ email: 'other@example.com' })).status).toBe(202);
    const [message] = (await mail()).slice(from);
    const token = fragmentOf(message.text, 'me').fragment.get('token')!;
    await h.strapi.db.query(LINK).updateMany({ where: { usedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await h.http().post(`${API}/me/session`).send({ token });
    expect(expired.status).toBe(403);
    expect(expired.body.error.details.code).toBe('link-invalid');
    expect(await counts(h)).toEqual(before);

    for (const body of [{}, { email: 'not-an-address' }, { email: 'a@example.com', extra: 1 }, { email: 'a@example.com', lang: 'de' }]) {
      const res = await h.http().post(`${API}/me/link`).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('ValidationError');
    }
    expect((await h.http().post(`${API}/me/session`).send({ token: 'short' })).status).toBe(400);
  });

  it('mails at most three links per address in a quarter of an hour, answering the same', async () => {
    const from = (await mail()).length;
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await h.http().post(`${API}/me/link`).send({ email: 'anna@example.com' }));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202]);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect((await mail()).slice(from).map((m) => m.to)).toEqual(['anna@example.com', 'anna@example.com', 'anna@example.com']);
  });

  it('ends the sessions and links of an address when its personal data is erased', async () => {
    expect((await h.http().post(`${API}/me/consents`).send({ session })).status).toBe(200);
    expect((await h.admin.post('/user-consent/subjects/erasures').send({ email: 'marina@example.com', reason: 'subject-request' })).status).toBe(201);
    const after = await h.http().post(`${API}/me/consents`).send({ session });
    expect(after.status).toBe(403);
    expect(after.body.error.details.code).toBe('session-invalid');
  });

  it('keeps tokens and addresses out of the request log lines', async () => {
    const lines: string[] = [];
    const spy = jest.spyOn(h.strapi.log, 'http').mockImplementation(((line: string) => {
      lines.push(String(line));
    }) as any);
    const from = (await mail()).length;
    let secrets: string[] = [];
    try {
      const r = (await submit('logs@example.com')).body.data.receipts[0];
      await h.http().get(`${API}/pages/receipt?lang=en`);
      await h.http().get(`${API}/receipts/${r.id}`).set('X-Receipt-Token', r.token);
      await h.http().post(`${API}/me/link`).send({ email: 'logs@example.com' });
      const [message] = (await mail()).slice(from);
      const token = fragmentOf(message.text, 'me').fragment.get('token')!;
      await h.http().get(`${API}/pages/me?lang=en`);
      const open = await h.http().post(`${API}/me/session`).send({ token });
      await h.http().post(`${API}/me/withdrawals`).send({ session: open.body.meta.session, receipt: r.id });
      secrets = [r.token, token, open.body.meta.session, 'logs@example.com', 'logs%40example.com'];
    } finally {
      spy.mockRestore();
    }
    expect(lines.length).toBeGreaterThanOrEqual(7);
    const joined = lines.join('\n');
    expect(joined).toContain('POST /api/user-consent/me/session');
    for (const secret of secrets) expect(joined).not.toContain(secret);
  });
});
