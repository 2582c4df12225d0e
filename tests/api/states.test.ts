/**
 * Consent states: every state a decision can be in is reached, and shown the same way in the log's
 * list, its filter (list, search and CSV export), the record page, the subject look-up and the
 * agreement's counts. Renewal: a version flagged "requires renewed consent" makes earlier consents
 * outdated, an unflagged one does not. Expiry: a validity in months gives each consent its end, and
 * the expiry job appends one chained `expired` event per consent, once.
 */
import { type Harness, binary } from '../helpers/strapi';
import { withScenario, type Scenario } from '../helpers/scenario';
import { parseCsv } from '../helpers/csv';
import { captureOnContact, MONTH } from '../helpers/states';
import { rejection } from '../helpers/rejection';

const CONSENT = 'plugin::user-consent.consent';

describe('consent states, renewal and expiry', () => {
  let h: Harness;
  let s: Scenario;
  withScenario((app) => ({ h, s } = app));

  /** One capture on the contact form (personal data given, advertising as `ads`); its events by agreement, with their tokens. */
  const capture = async (email: string, ads: boolean) => (await captureOnContact(h, s, email, ads)).events;
  const search = async (filter: Record<string, unknown>) => {
    const res = await h.admin.post('/user-consent/consents/search').send({ pageSize: 100, ...filter });
    expect(res.status).toBe(200);
    return res.body.data as any[];
  };
  const stateIn = async (id: number) => (await h.admin.get(`/user-consent/consents/${id}`)).body.data.record.state;
  const counts = async (agreement: number) => (await h.admin.get(`/user-consent/agreements/${agreement}/consent-states`)).body.data;

  let given: Awaited<ReturnType<typeof capture>>;
  let withdrawn: Awaited<ReturnType<typeof capture>>;
  let erased: Awaited<ReturnType<typeof capture>>;
  let refused: Awaited<ReturnType<typeof capture>>;

  it('stores expiresAt from the version validity in months, and none for a version without one', async () => {
    const res = await h.admin.put(`/user-consent/agreements/${s.agreements.ads}`).send({ validity: { kind: 'term', term: '1 year', months: 12 } });
    expect(res.status).toBe(200);
    expect(res.body.meta).toEqual({ versionCreated: true, requiresRenewal: false });
    expect(res.body.data.validity).toEqual({ kind: 'term', term: '1 year', months: 12 });
    expect(res.body.data.currentVersion.snapshot.validity.months).toBe(12);
    // The months are the machine's: a change of them alone (same text) is a new version too.
    const same = await h.admin.put(`/user-consent/agreements/${s.agreements.ads}`).send({ validity: { kind: 'term', term: '1 year', months: 12 } });
    expect(same.body.meta).toEqual({ versionCreated: false, requiresRenewal: null });
    for (const months of [0, 1201, 1.5, '12']) {
      expect((await h.admin.put(`/user-consent/agreements/${s.agreements.ads}`).send({ validity: { kind: 'term', term: '1 year', months } })).status).toBe(400);
    }

    given = await capture('given@example.com', true);
    const recorded = new Date(given.ads.recordedAt);
    const expected = new Date(recorded);
    expected.setUTCMonth(expected.getUTCMonth() + 12);
    expect(new Date(given.ads.expiresAt).toISOString()).toBe(expected.toISOString());
    expect(given.pd.expiresAt).toBeNull();
    // Not a proof field: the chain still verifies.
    expect((await h.strapi.plugin('user-consent').service('integrity').verify()).intact).toBe(true);
  });

  it('reaches given, withdrawn, erased and refused, and shows each in the list, the record and the filter', async () => {
    withdrawn = await capture('withdrawn@example.com', true);
    expect((await h.http().post('/api/user-consent/withdrawals').send({ receipt: withdrawn.ads.receiptId, token: withdrawn.ads.token })).status).toBe(201);
    erased = await capture('erased@example.com', true);
    expect((await h.admin.post('/user-consent/subjects/erasures').send({ email: 'erased@example.com', reason: 'subject-request' })).status).toBe(201);
    refused = await capture('refused@example.com', false);

    const expected: Record<string, number[]> = {
      given: [given.ads.id],
      withdrawn: [withdrawn.ads.id],
      erased: [erased.ads.id],
      refused: [refused.ads.id],
      expired: [],
      outdated: [],
    };
    const list = await search({ agreement: s.agreements.ads });
    const byId = new Map(list.map((r) => [r.id, r]));
    for (const [state, ids] of Object.entries(expected)) {
      for (const id of ids) {
        expect(byId.get(id)?.state).toBe(state);
        expect(await stateIn(id)).toBe(state);
      }
      expect((await search({ agreement: s.agreements.ads, state })).map((r) => r.id).sort()).toEqual([...ids].sort());
    }
    // Withdrawals and erasures have no state.
    const withdrawal = list.find((r) => r.action === 'withdrawn');
    expect(withdrawal.state).toBeNull();
    expect(list.find((r) => r.id === given.ads.id).expiresAt).toBe(new Date(given.ads.expiresAt).toISOString());
    // The GET list takes the filter in its URL (a state names nobody); a bad state is a 400.
    const got = await h.admin.get(`/user-consent/consents?agreement=${s.agreements.ads}&state=withdrawn`);
    expect(got.body.data.map((r: any) => r.id)).toEqual([withdrawn.ads.id]);
    expect((await h.admin.get('/user-consent/consents?state=lost')).status).toBe(400);
    expect(await counts(s.agreements.ads)).toEqual({ given: 1, outdated: 0, expired: 0, withdrawn: 1, erased: 1, refused: 1, pending: 0 });
  });

  it('makes earlier consents outdated only when a new version requires renewal', async () => {
    const before = await capture('renewal@example.com', false);
    // A change that does not require renewal (a typo fixed): older consents stay given.
    const typo = await h.admin.put(`/user-consent/agreements/${s.agreements.pd}`).send({ label: 'Personal data: I agree to [the full text].', requiresRenewal: false });
    expect(typo.body.meta).toEqual({ versionCreated: true, requiresRenewal: false });
    expect(typo.body.data.renewalFromVersion).toBeNull();
    expect(await stateIn(before.pd.id)).toBe('given');
    const onTypo = await capture('typo@example.com', false);

    // No new version (nothing shown changed): the answer is not recorded, and the meta says so.
    const nothing = await h.admin.put(`/user-consent/agreements/${s.agreements.pd}`).send({ name: 'Personal data (renamed)', requiresRenewal: true });
    expect(nothing.body.meta).toEqual({ versionCreated: false, requiresRenewal: null });
    expect(nothing.body.data.renewalFromVersion).toBeNull();

    // A material change: every consent on an earlier version is outdated; new consents are given.
    const material = await h.admin.put(`/user-consent/agreements/${s.agreements.pd}`).send({ label: 'Personal data, now shared with a courier: I agree to [the full text]', requiresRenewal: true });
    expect(material.body.meta).toEqual({ versionCreated: true, requiresRenewal: true });
    const number = material.body.data.currentVersionNumber;
    expect(material.body.data.renewalFromVersion).toBe(number);
    const versions = (await h.admin.get(`/user-consent/agreements/${s.agreements.pd}/versions`)).body.data;
    expect(versions.map((v: any) => v.requiresRenewal)).toEqual([true, false, false]);
    const after = await capture('after@example.com', false);
    expect(await stateIn(before.pd.id)).toBe('outdated');
    expect(await stateIn(onTypo.pd.id)).toBe('outdated');
    expect(await stateIn(after.pd.id)).toBe('given');
    // Withdrawn and erased come first.
    expect(await stateIn(withdrawn.pd.id)).toBe('outdated');
    expect(await stateIn(erased.pd.id)).toBe('erased');
    const outdated = (await search({ agreement: s.agreements.pd, state: 'outdated' })).map((r) => r.id).sort();
    expect(outdated).toEqual([given.pd.id, withdrawn.pd.id, refused.pd.id, before.pd.id, onTypo.pd.id].sort());
    expect(await counts(s.agreements.pd)).toEqual({ given: 1, outdated: 5, expired: 0, withdrawn: 0, erased: 1, refused: 0, pending: 0 });
    // A version is immutable: its flag cannot be changed afterwards.
    const v1 = versions[versions.length - 1];
    expect(await rejection(h.strapi.db.query('plugin::user-consent.agreement-version').update({ where: { id: v1.id }, data: { requiresRenewal: true } }))).not.toBeNull();
  });

  it('expires consents at their end with one chained event each, safely when runs overlap', async () => {
    const expiry = () => h.strapi.plugin('user-consent').service('expiry');
    // Nothing is due now.
    expect(await expiry().runAlone()).toEqual({ expired: 0, batches: 0 });
    const later = new Date(Date.now() + 13 * MONTH);
    // Two runs at once (and small batches): each due consent gets exactly one expired event.
    const runs = await Promise.all([expiry().runAlone({ now: later, batchSize: 1 }), expiry().runAlone({ now: later, batchSize: 1 })]);
    // Due: the given ads consents not withdrawn (the given one, and the erased one: its validity ends too).
    expect(runs[0].expired + runs[1].expired).toBe(2);
    const events = await h.strapi.db.query(CONSENT).findMany({ where: { action: 'expired' }, orderBy: { seq: 'asc' } });
    expect(events.map((e: any) => e.withdrawsId).sort()).toEqual([given.ads.id, erased.ads.id].sort());
    expect(events.every((e: any) => e.agreementId === s.agreements.ads && e.channel === 'system' && e.personalId === null)).toBe(true);
    expect(await expiry().runAlone({ now: later })).toEqual({ expired: 0, batches: 0 });
    expect((await h.strapi.plugin('user-consent').service('integrity').verify()).intact).toBe(true);

    // Now shown as expired (the event decides it before the date); erased stays erased (first match).
    expect(await stateIn(given.ads.id)).toBe('expired');
    expect(await stateIn(erased.ads.id)).toBe('erased');
    expect(await stateIn(events[0].id)).toBeNull();
    expect((await search({ state: 'expired' })).map((r) => r.id)).toEqual([given.ads.id]);
    expect((await search({ action: 'expired' })).map((r) => r.withdrawsId).sort()).toEqual([given.ads.id, erased.ads.id].sort());
    expect(await counts(s.agreements.ads)).toEqual({ given: 0, outdated: 0, expired: 1, withdrawn: 1, erased: 1, refused: 4, pending: 0 });
    // The record of the consent lists no withdrawal; the expiry event points at the consent it ends.
    const detail = (await h.admin.get(`/user-consent/consents/${given.ads.id}`)).body.data;
    expect(detail.withdrawals).toEqual([]);
    const ended = (await h.admin.get(`/user-consent/consents/${events.find((e: any) => e.withdrawsId === given.ads.id).id}`)).body.data;
    expect(ended.withdraws).toMatchObject({ id: given.ads.id, action: 'given' });

    // The CSV export takes the same filter.
    const csv = await binary(h.admin.get('/user-consent/consents/export?state=expired'));
    expect(csv.status).toBe(200);
    const [header, ...rows] = parseCsv((csv.body as Buffer).toString('utf8').slice(1)).filter((r) => r.length > 1);
    expect(rows.map((r) => Number(r[header.indexOf('id')]))).toEqual([given.ads.id]);

    // The subject look-up's current state per agreement follows the same rule.
    const lookup = (await h.admin.post('/user-consent/subjects/lookup').send({ email: 'given@example.com' })).body.data;
    const current = Object.fromEntries(lookup.current.map((c: any) => [c.agreement, c]));
    expect(current[s.agreements.pd].state).toBe('outdated');
    expect(current[s.agreements.ads]).toMatchObject({ state: 'expired', event: events.find((e: any) => e.withdrawsId === given.ads.id).id });
    expect(lookup.events.find((e: any) => e.id === given.ads.id).state).toBe('expired');
    // And so does the status API (the service method behind it): per agreement, the state of the latest decision.
    const status = (email: string) => h.strapi.plugin('user-consent').service('consent').status({ email });
    const expiredEvent = events.find((e: any) => e.withdrawsId === given.ads.id);
    expect(await status('given@example.com')).toEqual([
      expect.objectContaining({ agreement: s.agreements.pd, state: 'outdated', expiresAt: null, endedAt: null }),
      expect.objectContaining({ agreement: s.agreements.ads, state: 'expired', expiresAt: new Date(given.ads.expiresAt).toISOString(), endedAt: new Date(expiredEvent.recordedAt).toISOString() }),
    ]);
    expect((await status('withdrawn@example.com')).map((c: any) => c.state)).toEqual(['outdated', 'withdrawn']);
    expect((await status('refused@example.com')).map((c: any) => c.state)).toEqual(['outdated', 'refused']);
    expect((await status('after@example.com')).map((c: any) => c.state)).toEqual(['given', 'refused']);
    // An erased person cannot be found any more: their identifiers are gone.
    expect(await status('erased@example.com')).toEqual([]);

    // An expired consent can still be withdrawn (the expiry is not a withdrawal), and then shows withdrawn.
    const w = await h.http().post('/api/user-consent/withdrawals').send({ receipt: given.ads.receiptId, token: given.ads.token });
    expect(w.status).toBe(201);
    expect(w.body.data.alreadyWithdrawn).toBe(false);
    expect(await stateIn(given.ads.id)).toBe('withdrawn');
  });

  it('does not count an expiry as a withdrawal for retention', async () => {
    // Personal data withdrawn, advertising only expired: the capture still holds a consent that was
    // not withdrawn, so retention after withdrawal keeps its data.
    const c = await capture('retained@example.com', true);
    expect((await h.http().post('/api/user-consent/withdrawals').send({ receipt: c.pd.receiptId, token: c.pd.token })).status).toBe(201);
    const later = new Date(Date.now() + 14 * MONTH);
    expect((await h.strapi.plugin('user-consent').service('expiry').runAlone({ now: later })).expired).toBe(1);
    await h.strapi.plugin('user-consent').service('retention').runAlone({ now: later });
    expect(await h.strapi.db.query('plugin::user-consent.personal').findOne({ where: { id: c.ads.personalId } })).not.toBeNull();
    // Once advertising is withdrawn too, the capture is due.
    expect((await h.http().post('/api/user-consent/withdrawals').send({ receipt: c.ads.receiptId, token: c.ads.token })).status).toBe(201);
    await h.strapi.plugin('user-consent').service('retention').runAlone({ now: later });
    expect(await h.strapi.db.query('plugin::user-consent.personal').findOne({ where: { id: c.ads.personalId } })).toBeNull();
  });

  it('runs the expiry job from the admin route, for a role that may withdraw', async () => {
    const res = await h.admin.post('/user-consent/expiry/run').send({});
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ expired: 0, batches: 0 });
    expect((await h.admin.post('/user-consent/expiry/run').send({ now: 'tomorrow' })).status).toBe(400);
    const reader = await h.adminWithActions(['plugin::user-consent.consents.read']);
    expect((await reader.post('/user-consent/expiry/run').send({})).status).toBe(403);
    expect((await reader.get(`/user-consent/agreements/${s.agreements.ads}/consent-states`)).status).toBe(200);
    const agreementsOnly = await h.adminWithActions(['plugin::user-consent.agreements.read']);
    expect((await agreementsOnly.get(`/user-consent/agreements/${s.agreements.ads}/consent-states`)).status).toBe(403);
  });
});
