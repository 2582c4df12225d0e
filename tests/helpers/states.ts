/**
 * The set-up the state tests share (tests/api/states.test.ts: the admin's side; receipt-states.test.ts:
 * the visitor's): captures on the scenario's contact form at the versions it shows at that moment, so
 * that a capture after a new version consents to the new one.
 */
import type { Harness } from './strapi';
import type { Scenario } from './scenario';

const CONSENT = 'plugin::user-consent.consent';

/** A month as the tests step past a validity term (longer than any calendar month). */
export const MONTH = 31 * 86_400_000;

export type Receipt = { id: string; token: string; agreement: number; action: string; version: number };
/** A stored event of a capture, with the token of its receipt. */
export type CapturedEvent = Record<string, any> & { token: string };

/** The versions the contact form shows now, by agreement. */
export const shownVersions = async (h: Harness) => {
  const form = (await h.http().get('/api/user-consent/forms/contact')).body.data;
  return Object.fromEntries(form.agreements.map((a: any) => [a.agreement, a.version.id])) as Record<number, number>;
};

/**
 * One capture on the contact form: personal data given (its full text opened), advertising given or
 * refused as `ads`, at the versions shown now. Fails the test unless it was stored (201). Answers the
 * receipts and the stored events (each with its receipt's token), by agreement.
 */
export const captureOnContact = async (h: Harness, s: Scenario, email: string, ads: boolean) => {
  const v = await shownVersions(h);
  const res = await h.http().post('/api/user-consent/forms/contact/consents').send({
    pageUrl: 'https://site.example/contact',
    subject: { email },
    data: { name: 'N', email },
    decisions: [{ version: v[s.agreements.pd], accepted: true, fullTextOpened: true }, { version: v[s.agreements.ads], accepted: ads }],
  });
  expect(res.status).toBe(201);
  const receipts = res.body.data.receipts as Receipt[];
  const stored = await h.strapi.db.query(CONSENT).findMany({ where: { receiptId: { $in: receipts.map((r) => r.id) } } });
  const receipt = (agreement: number) => receipts.find((r) => r.agreement === agreement)!;
  const event = (agreement: number): CapturedEvent => ({ ...stored.find((e: any) => e.agreementId === agreement), token: receipt(agreement).token });
  return {
    receipts: { pd: receipt(s.agreements.pd), ads: receipt(s.agreements.ads) },
    events: { pd: event(s.agreements.pd), ads: event(s.agreements.ads) },
  };
};
