/** A company, four agreements and the demo-like forms, created through the admin API. */
import { withHarness, type BlockOptions, type Harness } from './strapi';
import { RU_COMPANY, EU_COMPANY } from './fixtures';

export interface Scenario {
  company: number;
  agreements: { pd: number; ads: number; loyalty: number; terms: number; gdpr: number };
  versions: Record<string, number>;
}

const expectStatus = (res: any, status: number) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};

/** Where the harness's Strapi listens (http://127.0.0.1:<port>). */
export const baseUrl = (h: Harness) => `http://127.0.0.1:${(h.strapi.server.httpServer.address() as import('node:net').AddressInfo).port}`;

export const createScenario = async (h: Harness): Promise<Scenario> => {
  const company = expectStatus(await h.admin.post('/user-consent/companies').send(RU_COMPANY), 201).data.id;
  const eu = expectStatus(await h.admin.post('/user-consent/companies').send(EU_COMPANY), 201).data.id;
  const std = (name: string, template: string, code: string, companyId = company) => ({
    name,
    type: 'standard',
    template,
    dataSource: 'company',
    companyId,
    purposes: [{ code, title: '' }],
    label: `${name}: I agree to [the full text]`,
  });
  const create = async (body: Record<string, unknown>) =>
    expectStatus(await h.admin.post('/user-consent/agreements').send(body), 201).data;
  const pd = await create(std('Personal data', 'ru-personal-data', 'reply-to-requests'));
  const ads = await create(std('Advertising', 'ru-advertising', 'newsletters-advertising'));
  const loyalty = await create({ name: 'Loyalty', type: 'custom', label: 'I join the [loyalty programme]', customHtml: '<p>Points.</p>' });
  // An external text: the playground serves the page itself (/demo/texts/terms), and its snapshot is kept.
  const terms = await create({ name: 'Terms', type: 'custom', label: 'I accept the [terms]', externalUrl: `${baseUrl(h)}/demo/texts/terms` });
  const gdpr = await create(std('GDPR', 'eu-gdpr', 'analytics', eu));

  const fields = [
    { name: 'name', label: 'Name', type: 'text', required: true },
    { name: 'email', label: 'E-mail', type: 'email', required: true },
    { name: 'phone', label: 'Phone', type: 'tel', required: false },
    { name: 'comment', label: 'Comment', type: 'textarea', required: false },
  ];
  const form = async (body: Record<string, unknown>) => expectStatus(await h.admin.post('/user-consent/forms').send(body), 201);
  await form({
    key: 'contact',
    name: 'Contact us',
    fields,
    agreements: [
      { agreementId: pd.id, behaviour: 'required-read' },
      { agreementId: ads.id, behaviour: 'optional-unchecked' },
    ],
    successMessage: 'Thank you!',
    storeSubmissions: true,
  });
  await form({
    key: 'all-modes',
    name: 'All modes',
    fields: [{ name: 'email', label: 'E-mail', type: 'email', required: false }],
    agreements: [
      { agreementId: terms.id, behaviour: 'required-prechecked' },
      { agreementId: pd.id, behaviour: 'required-read' },
      { agreementId: loyalty.id, behaviour: 'optional-prechecked' },
      { agreementId: ads.id, behaviour: 'optional-unchecked' },
    ],
    successRedirectUrl: 'https://example.com/thanks',
    storeSubmissions: false,
  });
  await form({
    key: 'shop',
    name: 'Shop checkout',
    fields: [],
    agreements: [{ agreementId: terms.id, behaviour: 'required-prechecked' }],
    allowedOrigins: ['https://shop.example'],
  });
  return {
    company,
    agreements: { pd: pd.id, ads: ads.id, loyalty: loyalty.id, terms: terms.id, gdpr: gdpr.id },
    versions: { pd: pd.currentVersionId, ads: ads.currentVersionId, loyalty: loyalty.currentVersionId, terms: terms.currentVersionId, gdpr: gdpr.currentVersionId },
  };
};

/**
 * The playground with the scenario for the enclosing describe block (see `withHarness`): booted and
 * filled before its tests, torn down after them; `ready` receives both.
 */
export const withScenario = (ready: (app: { h: Harness; s: Scenario }) => unknown, options: BlockOptions = {}) =>
  withHarness(async (h) => ready({ h, s: await createScenario(h) }), options);

/**
 * A visitor's consent on the contact form: the personal-data agreement read and accepted, advertising
 * declined. Throws unless it was stored (201); answers the two receipts.
 */
export const giveOnContact = async (h: Harness, s: Scenario, data: Record<string, string> = { name: 'A', email: 'a@b.example' }) => {
  const res = await h.http().post('/api/user-consent/forms/contact/consents').send({
    pageUrl: 'https://site.example/',
    data,
    decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.ads, accepted: false }],
  });
  return expectStatus(res, 201).data.receipts as { id: string; token: string }[];
};

/** Counts of stored rows, to prove that a refused request stored nothing. */
export const counts = async (h: Harness) => ({
  consents: await h.strapi.db.query('plugin::user-consent.consent').count({}),
  personal: await h.strapi.db.query('plugin::user-consent.personal').count({}),
});

const PERSONAL = 'plugin::user-consent.personal';

/** The personal record of a consent event (null when it has none, or it was erased). */
export const personalOf = async (h: Harness, event: { personalId?: number | null }) =>
  event.personalId == null ? null : ((await h.strapi.db.query(PERSONAL).findOne({ where: { id: event.personalId } })) as Record<string, any> | null);

/** The columns a consent event no longer holds: what identifies the person lives in the personal store. */
export const PERSONAL_COLUMNS_GONE = ['subject', 'subjectEmailHash', 'subjectPhoneHash', 'ip', 'userAgent', 'submissionId'] as const;
