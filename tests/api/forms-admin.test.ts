import type { Harness } from '../helpers/strapi';
import { withScenario, giveOnContact, type Scenario } from '../helpers/scenario';

describe('forms in the admin API', () => {
  let h: Harness;
  let s: Scenario;
  withScenario((app) => ({ h, s } = app));

  it('lists and reads forms', async () => {
    const list = await h.admin.get('/user-consent/forms?q=contact');
    expect(list.status).toBe(200);
    expect(list.body.data.map((f: any) => f.key)).toEqual(['contact']);
    const one = await h.admin.get(`/user-consent/forms/${list.body.data[0].id}`);
    expect(one.body.data).toMatchObject({ key: 'contact', storeSubmissions: true, active: true, ipPolicy: 'full', retentionDays: null, withdrawalRetentionDays: 30 });
    expect(one.body.data.agreements).toEqual([
      { agreementId: s.agreements.pd, behaviour: 'required-read' },
      { agreementId: s.agreements.ads, behaviour: 'optional-unchecked' },
    ]);
  });

  it('warns when a pre-ticked mode is used with the eu-gdpr template (GDPR recital 32)', async () => {
    const res = await h.admin.post('/user-consent/forms').send({
      key: 'eu-newsletter',
      name: 'EU newsletter',
      agreements: [{ agreementId: s.agreements.gdpr, behaviour: 'optional-prechecked' }],
      // Truncated IPs: the full-IP warning (tests/api/retention.test.ts) does not mix in here.
      ipPolicy: 'truncated',
    });
    expect(res.status).toBe(201);
    expect(res.body.meta.warnings).toEqual([{ agreementId: s.agreements.gdpr, code: 'gdpr-prechecked', message: expect.stringMatching(/recital 32/) }]);
    const fixed = await h.admin.put(`/user-consent/forms/${res.body.data.id}`).send({ agreements: [{ agreementId: s.agreements.gdpr, behaviour: 'optional-unchecked' }] });
    expect(fixed.body.meta.warnings).toEqual([]);
  });

  it.each([
    ['a duplicate key', () => ({ key: 'contact', name: 'x' }), /^key: a form with the key "contact" already exists/],
    ['a key that is not a slug', () => ({ key: 'Contact Us', name: 'x' }), /^key:/],
    ['an unknown agreement', () => ({ key: 'f1', name: 'x', agreements: [{ agreementId: 99999, behaviour: 'optional-unchecked' }] }), /^agreements\.0\.agreementId: no agreement/],
    ['an agreement attached twice', () => ({ key: 'f2', name: 'x', agreements: [{ agreementId: s.agreements.pd, behaviour: 'optional-unchecked' }, { agreementId: s.agreements.pd, behaviour: 'required-read' }] }), /only once/],
    ['an unknown behaviour', () => ({ key: 'f3', name: 'x', agreements: [{ agreementId: s.agreements.pd, behaviour: 'always' }] }), /behaviour/],
    ['duplicate field names', () => ({ key: 'f4', name: 'x', fields: [{ name: 'a', label: 'A', type: 'text' }, { name: 'a', label: 'B', type: 'text' }] }), /unique/],
    ['a bad field name', () => ({ key: 'f5', name: 'x', fields: [{ name: '__proto__', label: 'A', type: 'text' }] }), /fields\.0\.name/],
    ['an origin with a path', () => ({ key: 'f6', name: 'x', allowedOrigins: ['https://shop.example/path'] }), /allowedOrigins\.0/],
    ['a javascript: redirect', () => ({ key: 'f7', name: 'x', successRedirectUrl: 'javascript:alert(1)' }), /successRedirectUrl/],
    ['an unknown IP policy', () => ({ key: 'f10', name: 'x', ipPolicy: 'hashed' }), /ipPolicy/],
    ['a retention of no days', () => ({ key: 'f11', name: 'x', retentionDays: 0 }), /retentionDays/],
  ])('refuses %s', async (_w, body, message) => {
    const res = await h.admin.post('/user-consent/forms').send(body());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('refuses to attach an inactive agreement', async () => {
    const a = await h.admin.post('/user-consent/agreements').send({ name: 'Old', type: 'custom', label: 'x', customHtml: '<p>x</p>', active: false });
    const res = await h.admin.post('/user-consent/forms').send({ key: 'f8', name: 'x', agreements: [{ agreementId: a.body.data.id, behaviour: 'optional-unchecked' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/inactive/);
  });

  it('refuses to delete a form with consents or to change its key; deletes an unused one', async () => {
    const contact = (await h.admin.get('/user-consent/forms?q=contact')).body.data[0];
    await giveOnContact(h, s);
    const del = await h.admin.del(`/user-consent/forms/${contact.id}`);
    expect(del.status).toBe(400);
    expect(del.body.error.message).toMatch(/deactivate it instead/);
    const rekey = await h.admin.put(`/user-consent/forms/${contact.id}`).send({ key: 'contact-2' });
    expect(rekey.status).toBe(400);
    const unused = await h.admin.post('/user-consent/forms').send({ key: 'scratch', name: 'Scratch' });
    expect((await h.admin.del(`/user-consent/forms/${unused.body.data.id}`)).status).toBe(200);
  });

  it('keeps an agreement deactivated after attaching it, refuses to delete an attached agreement', async () => {
    const a = await h.admin.post('/user-consent/agreements').send({ name: 'Later off', type: 'custom', label: 'x', customHtml: '<p>x</p>' });
    const f = await h.admin.post('/user-consent/forms').send({ key: 'f9', name: 'x', agreements: [{ agreementId: a.body.data.id, behaviour: 'optional-unchecked' }, { agreementId: s.agreements.terms, behaviour: 'required-prechecked' }] });
    expect(f.status).toBe(201);
    await h.admin.put(`/user-consent/agreements/${a.body.data.id}`).send({ active: false });
    const reordered = await h.admin.put(`/user-consent/forms/${f.body.data.id}`).send({ agreements: [{ agreementId: s.agreements.terms, behaviour: 'required-prechecked' }, { agreementId: a.body.data.id, behaviour: 'optional-unchecked' }] });
    expect(reordered.status).toBe(200);
    const del = await h.admin.del(`/user-consent/agreements/${a.body.data.id}`);
    expect(del.status).toBe(400);
    expect(del.body.error.message).toMatch(/attached to the form\(s\) "f9"/);
  });

  it('refuses to delete an agreement that has consents', async () => {
    const res = await h.admin.del(`/user-consent/agreements/${s.agreements.pd}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/deactivate it instead/);
    expect((await h.admin.get(`/user-consent/agreements/${s.agreements.pd}`)).status).toBe(200);
  });
});
