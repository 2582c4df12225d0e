/**
 * The public form cache (publicFormCacheMs): an edit made through this process is visible at once;
 * a change this process did not make (another Strapi process, here a raw SQL update) within the TTL.
 */
import type { Harness } from '../helpers/strapi';
import { withScenario, type Scenario } from '../helpers/scenario';

const TTL = 1500;

describe('public form cache', () => {
  let h: Harness;
  let s: Scenario;
  const getForm = (key: string) => h.http().get(`/api/user-consent/forms/${key}`);
  const formsTable = () => h.strapi.db.metadata.get('plugin::user-consent.form' as any).tableName;

  withScenario((app) => ({ h, s } = app), { env: { UC_RATE_LIMIT: 'false', UC_FORM_CACHE_MS: String(TTL) } });

  it('shows an edit made in the admin panel at once', async () => {
    const created = await h.admin.post('/user-consent/forms').send({
      key: 'cached',
      name: 'Cached form',
      agreements: [{ agreementId: s.agreements.loyalty, behaviour: 'optional-unchecked' }],
    });
    expect(created.status).toBe(201);
    expect((await getForm('cached')).body.data.name).toBe('Cached form');

    await h.admin.put(`/user-consent/forms/${created.body.data.id}`).send({ name: 'Renamed form' });
    expect((await getForm('cached')).body.data.name).toBe('Renamed form');

    // A new version of an attached agreement: the form offers it at once.
    const before = (await getForm('cached')).body.data.agreements[0].version.id;
    const edited = await h.admin.put(`/user-consent/agreements/${s.agreements.loyalty}`).send({ customHtml: '<p>More points.</p>' });
    expect(edited.status).toBe(200);
    const after = (await getForm('cached')).body.data.agreements[0].version.id;
    expect(after).not.toBe(before);

    await h.admin.put(`/user-consent/forms/${created.body.data.id}`).send({ active: false });
    expect((await getForm('cached')).status).toBe(404);
    const refused = await h.http().post('/api/user-consent/forms/cached/consents').send({ decisions: [{ version: after, accepted: true }] });
    expect(refused.status).toBe(404);
  });

  it('sees a change made elsewhere within the configured time', async () => {
    expect((await getForm('contact')).body.data.name).toBe('Contact us');
    // Written behind this process's back, as another Strapi process on the same database would.
    await h.strapi.db.connection(formsTable()).where({ key: 'contact' }).update({ name: 'Contact us (edited elsewhere)' });
    expect((await getForm('contact')).body.data.name).toBe('Contact us');
    await new Promise((r) => setTimeout(r, TTL + 100));
    expect((await getForm('contact')).body.data.name).toBe('Contact us (edited elsewhere)');
  });
});
