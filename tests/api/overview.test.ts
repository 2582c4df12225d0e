/**
 * The home page's overview (`GET /user-consent/overview`): consents captured through the public routes
 * and one withdrawn, counted per day in the time zone asked for, per form and per agreement; the
 * consents outdated and expired now; the latest integrity check, whoever ran it. Only a role that reads
 * the log gets it, and it names nobody; a bad query is a 400.
 */
import { type Harness } from '../helpers/strapi';
import { withScenario, type Scenario } from '../helpers/scenario';
import { captureOnContact } from '../helpers/states';

const CONSENT = 'plugin::user-consent.consent';
const P = 'plugin::user-consent.';
const MONTH = 31 * 86_400_000;
const ACTIONS = ['given', 'refused', 'withdrawn', 'erased', 'expired', 'requested', 'confirmed'] as const;
type Counts = Record<(typeof ACTIONS)[number], number>;
const counts = (c: Partial<Counts>): Counts => ({ given: 0, refused: 0, withdrawn: 0, erased: 0, expired: 0, requested: 0, confirmed: 0, ...c });

/** The calendar day of an instant in a zone, as a person there would write it (independent of the server's way). */
const localDay = (at: string | Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));

describe('the home page overview', () => {
  let h: Harness;
  let s: Scenario;
  withScenario((app) => ({ h, s } = app));

  const overview = async (query = '', agent = h.admin) => {
    const res = await agent.get(`/user-consent/overview${query}`);
    expect(res.status).toBe(200);
    return res.body.data;
  };
  it('answers every day of the period with zeros, and "never checked", before anything happened', async () => {
    const data = await overview();
    const today = localDay(new Date(), 'UTC');
    expect(data).toMatchObject({ days: 90, timeZone: 'UTC', to: today, forms: [], agreements: [], states: { outdated: 0, expired: 0 }, integrity: null });
    expect(data.totals).toEqual(counts({}));
    expect(data.perDay).toHaveLength(90);
    expect(data.perDay[89].day).toBe(today);
    expect(data.perDay[0].day).toBe(data.from);
    expect(new Date(`${today}T00:00:00Z`).getTime() - new Date(`${data.from}T00:00:00Z`).getTime()).toBe(89 * 86_400_000);
    // Every day once, in order.
    const days = data.perDay.map((d: any) => d.day);
    expect([...days].sort()).toEqual(days);
    expect(new Set(days).size).toBe(90);
  });

  it('counts consents captured and withdrawn through the public routes per day, per form and per agreement', async () => {
    // Advertising is valid for a year: its consents get an end (for the expired count below).
    expect((await h.admin.put(`/user-consent/agreements/${s.agreements.ads}`).send({ validity: { kind: 'term', term: '1 year', months: 12 } })).status).toBe(200);
    const first = await captureOnContact(h, s, 'one@example.com', true);
    await captureOnContact(h, s, 'two@example.com', false);
    await captureOnContact(h, s, 'three@example.com', true);
    const shop = await h.http().post('/api/user-consent/forms/shop/consents').set('Origin', 'https://shop.example').send({ pageUrl: 'https://shop.example/pay', decisions: [{ version: s.versions.terms, accepted: true }] });
    expect(shop.status).toBe(201);
    const ads = first.receipts.ads;
    expect((await h.http().post('/api/user-consent/withdrawals').send({ receipt: ads.id, token: ads.token })).status).toBe(201);

    const data = await overview();
    expect(data.totals).toEqual(counts({ given: 6, refused: 1, withdrawn: 1 }));
    expect(data.forms).toEqual([
      { key: 'contact', name: 'Contact us', counts: counts({ given: 5, refused: 1, withdrawn: 1 }) },
      { key: 'shop', name: 'Shop checkout', counts: counts({ given: 1 }) },
    ]);
    expect(data.agreements).toEqual([
      { id: s.agreements.ads, name: 'Advertising', counts: counts({ given: 2, refused: 1, withdrawn: 1 }) },
      { id: s.agreements.pd, name: 'Personal data', counts: counts({ given: 3 }) },
      { id: s.agreements.terms, name: 'Terms', counts: counts({ given: 1 }) },
    ]);
    // Nothing about a person: no e-mail, no address, no receipt.
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/@|127\.0\.0\.1|::1/);
    expect(text).not.toContain(ads.id);
  });

  it('puts each event on its calendar day in the time zone asked for', async () => {
    const events = (await h.strapi.db.query(CONSENT).findMany({ select: ['action', 'recordedAt'] })) as { action: (typeof ACTIONS)[number]; recordedAt: string }[];
    // 25 hours apart: the same instant is never on the same date in both.
    const zones = ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kathmandu', 'Europe/Moscow'];
    const seen = new Set<string>();
    for (const tz of zones) {
      const expected: Record<string, Counts> = {};
      for (const e of events) {
        const day = localDay(e.recordedAt, tz);
        expected[day] = expected[day] ?? counts({});
        expected[day][e.action] += 1;
      }
      const data = await overview(`?days=7&tz=${encodeURIComponent(tz)}`);
      expect(data.timeZone).toBe(tz);
      expect(data.perDay).toHaveLength(7);
      expect(data.to).toBe(localDay(new Date(), tz));
      const busy = Object.fromEntries(data.perDay.filter((d: any) => ACTIONS.some((a) => d.counts[a] > 0)).map((d: any) => [d.day, d.counts]));
      expect(busy).toEqual(expected);
      if (tz.startsWith('Pacific/')) Object.keys(busy).forEach((d) => seen.add(`${tz}:${d}`));
    }
    const [east, west] = ['Pacific/Kiritimati', 'Pacific/Pago_Pago'].map((tz) => [...seen].filter((k) => k.startsWith(tz)).map((k) => k.split(':')[1]));
    expect(east).not.toEqual(west);
  });

  it('counts the consents outdated and expired now', async () => {
    // A material change of the personal-data agreement: its three consents become outdated.
    const material = await h.admin.put(`/user-consent/agreements/${s.agreements.pd}`).send({ label: 'Personal data, now shared with a courier: I agree to [the full text]', requiresRenewal: true });
    expect(material.body.meta).toEqual({ versionCreated: true, requiresRenewal: true });
    expect((await overview()).states).toEqual({ outdated: 3, expired: 0 });

    // In 13 months the advertising consent still given is past its end (one withdrawn, one refused).
    const later = new Date(Date.now() + 13 * MONTH);
    const service = h.strapi.plugin('user-consent').service('overview');
    expect((await service.get({ days: 90, tz: 'UTC' }, later)).states).toEqual({ outdated: 3, expired: 1 });
    // The expiry job records it: expired now by its event, counted once.
    expect((await h.strapi.plugin('user-consent').service('expiry').runAlone({ now: later })).expired).toBe(1);
    expect((await service.get({ days: 90, tz: 'UTC' }, later)).states).toEqual({ outdated: 3, expired: 1 });
    const data = await overview();
    expect(data.states).toEqual({ outdated: 3, expired: 1 });
    expect(data.totals).toEqual(counts({ given: 6, refused: 1, withdrawn: 1, expired: 1 }));
    expect(data.agreements.find((a: any) => a.id === s.agreements.ads).counts.expired).toBe(1);
    // The log's own filter agrees.
    const search = await h.admin.post('/user-consent/consents/search').send({ state: 'outdated', pageSize: 100 });
    expect(search.body.meta.pagination.total).toBe(3);
  });

  it('shows the latest integrity check, from the admin route or the service', async () => {
    const report = (await h.admin.get('/user-consent/integrity')).body.data;
    expect(report.intact).toBe(true);
    expect((await overview()).integrity).toEqual({ intact: true, checked: report.checked, checkedAt: report.checkedAt, headSeq: report.head.seq, code: null, triggersMissing: 0 });
    expect(report.checked).toBe(9);
    // What `npm run verify-consents` calls: the latest run wins.
    const again = await h.strapi.plugin('user-consent').service('integrity').verify();
    expect((await overview()).integrity.checkedAt).toBe(again.checkedAt);
  });

  it('answers only a role that reads the log', async () => {
    const none = await h.adminWithActions([`${P}forms.read`, `${P}agreements.read`], 'no-log');
    const refused = await none.get('/user-consent/overview');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ data: null, error: { status: 403, name: 'PolicyError' } });
    expect((await h.http().get('/user-consent/overview')).status).toBe(401);
    const reader = await h.adminWithActions([`${P}consents.read`], 'log-reader');
    const data = await overview('', reader);
    expect(data.totals.given).toBe(6);
    expect(data.integrity.intact).toBe(true);
  });

  it('refuses a bad query with a 400 in Strapi’s error shape', async () => {
    const cases: [string, RegExp][] = [
      ['?days=0', /^days: /],
      ['?days=367', /^days: /],
      ['?days=ten', /^days: /],
      ['?days=1.5', /^days: /],
      ['?days=1&days=2', /^days: /],
      ['?tz=Mars%2FOlympus', /^tz: must be an IANA time zone/],
      ['?tz=', /^tz: /],
      ['?from=2020-01-01', /from/],
    ];
    for (const [query, message] of cases) {
      const res = await h.admin.get(`/user-consent/overview${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.data).toBeNull();
      expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
      expect(res.body.error.message).toMatch(message);
    }
    expect((await overview('?days=1&tz=UTC')).perDay).toHaveLength(1);
    expect((await overview('?days=366')).perDay).toHaveLength(366);
  });
});
