/**
 * The visitor's side of states: `POST /api/user-consent/receipts/states` answers the state of the
 * receipts a browser kept (the widget asks on load, to show an outdated or expired consent again), and
 * the public receipt `GET /api/user-consent/receipts/:id` carries the same state by the one rule
 * (withdrawn > erased > expired > outdated > given; refused). Ids and tokens travel in the body; an
 * unknown id and a wrong token are answered alike; bad input is a 400 and changes nothing.
 */
import { type Harness } from '../helpers/strapi';
import { withScenario, counts, type Scenario } from '../helpers/scenario';
import { captureOnContact, MONTH, type Receipt as Ref } from '../helpers/states';

const CONSENT = 'plugin::user-consent.consent';
const ROUTE = '/api/user-consent/receipts/states';

describe('receipt states for the widget', () => {
  let h: Harness;
  let s: Scenario;
  withScenario((app) => ({ h, s } = app));

  const states = (body: unknown) => h.http().post(ROUTE).send(body as object);
  const ask = async (refs: Ref[]) => {
    const res = await states({ receipts: refs.map(({ id, token }) => ({ id, token })) });
    expect(res.status).toBe(200);
    return res.body.data as { id: string; state: string; [k: string]: unknown }[];
  };
  const receiptState = async (r: Ref) => {
    const res = await h.http().get(`/api/user-consent/receipts/${r.id}`).set('X-Receipt-Token', r.token);
    expect(res.status).toBe(200);
    return res.body.data.state as string;
  };
  /** One capture on the contact form (personal data given, advertising as `ads`); its receipts by agreement. */
  const capture = async (email: string, ads: boolean) => (await captureOnContact(h, s, email, ads)).receipts;

  let given: Awaited<ReturnType<typeof capture>>;
  let refused: Awaited<ReturnType<typeof capture>>;
  let erased: Awaited<ReturnType<typeof capture>>;

  it('names the language of each agreement on the public form (the widget speaks it when the page names none)', async () => {
    const form = (await h.http().get('/api/user-consent/forms/contact')).body.data;
    expect(form.agreements.map((a: any) => a.language)).toEqual(['ru', 'ru']);
  });

  it('answers each receipt’s state in the order asked, as the receipt itself does', async () => {
    given = await capture('given@example.com', true);
    refused = await capture('refused@example.com', false);
    expect((await h.http().post('/api/user-consent/withdrawals').send({ receipt: refused.pd.id, token: refused.pd.token })).status).toBe(201);
    erased = await capture('erased@example.com', true);
    expect((await h.admin.post('/user-consent/subjects/erasures').send({ email: 'erased@example.com', reason: 'subject-request' })).status).toBe(201);

    const asked = [given.pd, given.ads, refused.ads, refused.pd, erased.pd];
    const res = await states({ receipts: asked.map(({ id, token }) => ({ id, token })) });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const data = res.body.data;
    expect(data.map((d: any) => [d.id, d.state])).toEqual([
      [given.pd.id, 'given'],
      [given.ads.id, 'given'],
      [refused.ads.id, 'refused'],
      [refused.pd.id, 'withdrawn'],
      [erased.pd.id, 'erased'],
    ]);
    const event = await h.strapi.db.query(CONSENT).findOne({ where: { receiptId: given.pd.id } });
    expect(data[0]).toEqual({
      id: given.pd.id,
      state: 'given',
      agreement: s.agreements.pd,
      version: s.versions.pd,
      versionNumber: 1,
      recordedAt: new Date(event.recordedAt).toISOString(),
      expiresAt: null,
    });
    // Nothing personal in the answer.
    expect(JSON.stringify(data)).not.toMatch(/@example\.com|token/);
    // The public receipt follows the same rule: an erased consent reads erased, not given.
    for (const [i, r] of asked.entries()) expect(await receiptState(r)).toBe(data[i].state);
    // The same receipt asked twice is answered twice.
    expect((await ask([given.pd, given.pd])).map((d) => d.state)).toEqual(['given', 'given']);
  });

  it('reads outdated after a version that requires renewed consent, and expired once validity ends', async () => {
    // A typo fixed: nothing changes for the visitor.
    const typo = await h.admin.put(`/user-consent/agreements/${s.agreements.pd}`).send({ label: 'Personal data: I agree to [the full text].', requiresRenewal: false });
    expect(typo.body.meta).toEqual({ versionCreated: true, requiresRenewal: false });
    expect((await ask([given.pd]))[0].state).toBe('given');
    // A material change: the consent must be given again.
    const material = await h.admin.put(`/user-consent/agreements/${s.agreements.pd}`).send({ label: 'Personal data, shared with a courier: I agree to [the full text]', requiresRenewal: true });
    expect(material.body.meta).toEqual({ versionCreated: true, requiresRenewal: true });
    expect((await ask([given.pd, refused.pd, erased.pd])).map((d) => d.state)).toEqual(['outdated', 'withdrawn', 'erased']);
    expect(await receiptState(given.pd)).toBe('outdated');
    const renewed = await capture('given@example.com', true);
    expect((await ask([renewed.pd]))[0]).toMatchObject({ state: 'given', versionNumber: 3 });

    // Advertising valid for one month: expired once the expiry job has run past its end.
    expect((await h.admin.put(`/user-consent/agreements/${s.agreements.ads}`).send({ validity: { kind: 'term', term: '1 month', months: 1 } })).status).toBe(200);
    const timed = await capture('timed@example.com', true);
    const before = (await ask([timed.ads]))[0];
    expect(before.state).toBe('given');
    expect(new Date(before.expiresAt as string).getTime()).toBeGreaterThan(Date.now());
    const expired = await h.strapi.plugin('user-consent').service('expiry').runAlone({ now: new Date(Date.now() + 2 * MONTH) });
    expect(expired.expired).toBeGreaterThanOrEqual(1);
    expect((await ask([timed.ads]))[0].state).toBe('expired');
    expect(await receiptState(timed.ads)).toBe('expired');
    // Withdrawn comes first.
    expect((await h.http().post('/api/user-consent/withdrawals').send({ receipt: timed.ads.id, token: timed.ads.token })).status).toBe(201);
    expect((await ask([timed.ads]))[0].state).toBe('withdrawn');
    expect(await receiptState(timed.ads)).toBe('withdrawn');
  });

  it('answers an unknown id and a wrong token alike, saying nothing more', async () => {
    const unknown = { id: '00000000-0000-4000-8000-000000000000', token: given.pd.token };
    const wrong = { id: given.ads.id, token: 'not-the-token' };
    const swapped = { id: given.pd.id, token: given.ads.token };
    const res = await states({ receipts: [unknown, wrong, swapped, { id: given.ads.id, token: given.ads.token }] });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      { id: unknown.id, state: 'unknown' },
      { id: wrong.id, state: 'unknown' },
      { id: swapped.id, state: 'unknown' },
      expect.objectContaining({ id: given.ads.id, state: 'given' }),
    ]);
    // A withdrawal's own receipt id is not a decision's receipt: unknown too.
    const withdrawal = await h.strapi.db.query(CONSENT).findOne({ where: { action: 'withdrawn' } });
    expect((await ask([{ id: withdrawal.receiptId, token: 'x' } as Ref]))[0]).toEqual({ id: withdrawal.receiptId, state: 'unknown' });
  });

  it('refuses bad input with a 400 in Strapi’s shape, and stores nothing', async () => {
    const before = await counts(h);
    const ok = { id: given.pd.id, token: given.pd.token };
    const bad: unknown[] = [
      [ok],
      { receipts: ok },
      { receipts: 'x' },
      { receipts: null },
      {},
      { receipts: [] },
      { receipts: Array.from({ length: 51 }, () => ok) },
      { receipts: [{ id: 'not-a-receipt', token: 'x' }] },
      { receipts: [{ id: 12, token: 'x' }] },
      { receipts: [{ id: given.pd.id }] },
      { receipts: [{ id: given.pd.id, token: '' }] },
      { receipts: [{ id: given.pd.id, token: 'x'.repeat(201) }] },
      { receipts: [{ ...ok, extra: 1 }] },
      { receipts: [ok], extra: 1 },
    ];
    for (const body of bad) {
      const res = await states(body);
      expect([JSON.stringify(body).slice(0, 80), res.status]).toEqual([JSON.stringify(body).slice(0, 80), 400]);
      expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    }
    // Fifty is the most one query may ask.
    expect((await ask(Array.from({ length: 50 }, () => given.pd))).length).toBe(50);
    // Not JSON: 415; the ids never travel in a URL (a GET is the receipt route, which wants a receipt id).
    const text = await h.http().post(ROUTE).set('Content-Type', 'text/plain').send('receipts');
    expect(text.status).toBe(415);
    expect((await h.http().get('/api/user-consent/receipts/states')).status).toBe(404);
    expect(await counts(h)).toEqual(before);
  });
});
