import { withHarness, type Harness } from '../helpers/strapi';
import { RU_COMPANY, BY_COMPANY, KZ_COMPANY, EU_COMPANY } from '../helpers/fixtures';
import { expectInvalid, totalOf } from '../helpers/admin-api';
import { baseUrl } from '../helpers/scenario';

const standard = (extra: Record<string, unknown> = {}) => ({
  name: 'Обработка ПДн',
  type: 'standard',
  template: 'ru-personal-data',
  dataSource: 'company',
  purposes: [{ code: 'reply-to-requests', title: '' }, { title: 'Участие в программе лояльности' }],
  label: 'Я даю [согласие на обработку персональных данных]',
  ...extra,
});

/** A custom agreement: its own HTML (customHtml) or a link to its text (externalUrl) in `extra`. */
const custom = (extra: Record<string, unknown>) => ({ name: 'Custom', type: 'custom', label: 'I accept the [terms]', ...extra });

const AGREEMENTS = '/user-consent/agreements';

describe('agreements: templates, versions, preview', () => {
  let h: Harness;
  const companies: Record<string, number> = {};
  /** Creates an agreement through the admin API; it must be stored (201). Answers the body. */
  const create = async (body: Record<string, unknown>) => {
    const res = await h.admin.post(AGREEMENTS).send(body);
    expect(res.status).toBe(201);
    return res.body;
  };

  withHarness((app) => {
    h = app;
  });
  beforeAll(async () => {
    for (const [key, body] of Object.entries({ RU: RU_COMPANY, BY: BY_COMPANY, KZ: KZ_COMPANY, EU: EU_COMPANY })) {
      const res = await h.admin.post('/user-consent/companies').send(body);
      expect(res.status).toBe(201);
      companies[key] = res.body.data.id;
    }
  });

  it('lists the shipped templates and the preset purposes', async () => {
    const t = await h.admin.get('/user-consent/templates');
    expect(t.status).toBe(200);
    expect(t.body.data.map((x: any) => x.id).sort()).toEqual(
      ['by-personal-data', 'eu-gdpr', 'kz-personal-data', 'ru-advertising', 'ru-distribution', 'ru-personal-data']
    );
    const p = await h.admin.get('/user-consent/purposes');
    expect(p.body.data.length).toBeGreaterThanOrEqual(8);
    for (const preset of p.body.data) {
      expect(preset).toMatchObject({ code: expect.any(String), kantaraCategory: expect.any(String), dpv: expect.stringMatching(/^dpv:/) });
      expect(preset.title.ru).toBeTruthy();
      expect(preset.title.en).toBeTruthy();
    }
  });

  it('creates a standard agreement from a company: version 1 with the requisites in the text', async () => {
    const res = await create(standard({ companyId: companies.RU }));
    expect(res.meta).toEqual({ versionCreated: true });
    const a = res.data;
    expect(a.currentVersionNumber).toBe(1);
    const v = a.currentVersion;
    expect(v).toMatchObject({ number: 1, agreement: a.id, language: 'ru', label: 'Я даю согласие на обработку персональных данных' });
    expect(v.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(v.labelHtml).toMatch(/<a [^>]*data-uc-full-text[^>]*>согласие на обработку персональных данных<\/a>/);
    for (const s of ['Ромашка', '7707083893', '1027700132195', 'ул. Примерная', 'Участие в программе лояльности']) {
      expect(v.html).toContain(s);
      expect(v.text).toContain(s);
    }
    expect(v.snapshot.requisites).toMatchObject({ name: 'Ромашка', inn: '7707083893' });
  });

  it('makes a version exactly when what is shown changes, and never alters the old one', async () => {
    const created = (await h.admin.post('/user-consent/agreements').send(standard({ companyId: companies.RU, name: 'A2' }))).body.data;
    const v1 = (await h.admin.get(`/user-consent/versions/${created.currentVersionId}`)).body.data;

    const same = await h.admin.put(`/user-consent/agreements/${created.id}`).send(standard({ companyId: companies.RU, name: 'A2' }));
    expect(same.status).toBe(200);
    expect(same.body.meta.versionCreated).toBe(false);

    const renamed = await h.admin.put(`/user-consent/agreements/${created.id}`).send({ name: 'A2 renamed (internal)', active: false });
    expect(renamed.body.meta.versionCreated).toBe(false);
    expect(renamed.body.data.currentVersionNumber).toBe(1);

    const relabelled = await h.admin.put(`/user-consent/agreements/${created.id}`).send({ label: 'Согласен на [обработку данных]' });
    expect(relabelled.body.meta.versionCreated).toBe(true);
    expect(relabelled.body.data.currentVersion.number).toBe(2);

    const thirdParty = await h.admin
      .put(`/user-consent/agreements/${created.id}`)
      .send({ thirdParties: [{ name: 'ООО Доставка', address: 'Москва', purpose: 'доставка заказов' }] });
    expect(thirdParty.body.meta.versionCreated).toBe(true);
    expect(thirdParty.body.data.currentVersion.html).toContain('ООО Доставка');

    const list = await h.admin.get(`/user-consent/agreements/${created.id}/versions`);
    expect(list.body.data.map((v: any) => v.number)).toEqual([3, 2, 1]);

    const v1again = (await h.admin.get(`/user-consent/versions/${created.currentVersionId}`)).body.data;
    expect(v1again).toEqual(v1);
    expect(v1again.html).not.toContain('ООО Доставка');
  });

  it('makes new versions when the company the requisites come from changes', async () => {
    // The same INN as the RU company's: saved once the duplicate is confirmed.
    const c = (await h.admin.post('/user-consent/companies').send({ ...RU_COMPANY, name: 'Колокольчик', confirmDuplicate: true })).body.data;
    const a = (await h.admin.post('/user-consent/agreements').send(standard({ companyId: c.id, name: 'Bell' }))).body.data;
    const unchanged = await h.admin.put(`/user-consent/companies/${c.id}`).send({ name: 'Колокольчик' });
    expect(unchanged.status).toBe(200);
    expect((await h.admin.get(`/user-consent/agreements/${a.id}`)).body.data.currentVersionNumber).toBe(1);
    await h.admin.put(`/user-consent/companies/${c.id}`).send({ legalAddress: 'г. Казань, ул. Баумана, 1' });
    const after = (await h.admin.get(`/user-consent/agreements/${a.id}`)).body.data;
    expect(after.currentVersionNumber).toBe(2);
    expect(after.currentVersion.html).toContain('г. Казань, ул. Баумана, 1');
    expect((await h.admin.del(`/user-consent/companies/${c.id}`)).status).toBe(400);
  });

  it('refuses to delete a company an agreement uses, with a clear message', async () => {
    const res = await h.admin.del(`/user-consent/companies/${companies.RU}`);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ApplicationError');
    expect(res.body.error.message).toMatch(/used by \d+ agreement/);
    expect((await h.admin.get(`/user-consent/companies/${companies.RU}`)).status).toBe(200);
  });

  const mandatory: Record<string, { company: string; manual: object; items: string[] }> = {
    'ru-personal-data': { company: 'RU', manual: RU_COMPANY, items: ['Ромашка', '7707083893', 'ул. Примерная', 'сбор', 'уничтожение', 'отозвать'] },
    'ru-advertising': { company: 'RU', manual: RU_COMPANY, items: ['Ромашка', '7707083893', 'реклам'] },
    'by-personal-data': { company: 'BY', manual: BY_COMPANY, items: ['Василёк', '100325912', 'прав', 'отказ'] },
    'kz-personal-data': { company: 'KZ', manual: KZ_COMPANY, items: ['Жусан', '971240001315', 'трансграничн', 'общедоступн', 'третьим лицам'] },
    'eu-gdpr': { company: 'EU', manual: EU_COMPANY, items: ['Lavender GmbH', 'withdraw', 'privacy@lavender.example'] },
  };

  it.each(Object.keys(mandatory))('renders %s from a company and from manual requisites', async (template) => {
    const m = mandatory[template];
    const fromCompany = (await create(standard({ template, name: `${template} company`, companyId: companies[m.company] }))).data.currentVersion;
    const fromManual = (await create(standard({ template, name: `${template} manual`, dataSource: 'manual', requisites: m.manual }))).data.currentVersion;
    for (const v of [fromCompany, fromManual]) {
      for (const item of m.items) expect(v.text.toLowerCase()).toContain(item.toLowerCase());
    }
    // Same inputs, same text: the hash does not depend on where the requisites came from.
    expect(fromCompany.hash).toBe(fromManual.hash);
  });

  it('previews without storing anything', async () => {
    const before = await totalOf(h.admin, AGREEMENTS);
    const res = await h.admin.post(`${AGREEMENTS}/preview`).send(standard({ companyId: companies.RU }));
    expect(res.status).toBe(200);
    expect(res.body.data.html).toContain('Ромашка');
    expect(res.body.data.labelHtml).toContain('data-uc-full-text');
    expect(await totalOf(h.admin, AGREEMENTS)).toBe(before);
  });

  it('sanitises custom HTML and supports an external URL instead of a text', async () => {
    const hostile = '<h2>Loyalty</h2><p onclick="steal()">Points <script>alert(1)</script>expire.</p><a href="javascript:alert(1)">x</a><iframe src="https://evil.example"></iframe>';
    const v = (await create(custom({ label: 'I accept the [terms of the loyalty programme]', customHtml: hostile }))).data.currentVersion;
    expect(v.html).toContain('<h2>Loyalty</h2>');
    expect(v.html).not.toMatch(/script|onclick|javascript:|iframe/i);
    expect(v.text).toContain('Points');

    // An external text (the playground serves the page): its snapshot is the version's text.
    const url = `${baseUrl(h)}/demo/texts/terms`;
    const ext = (await create(custom({ name: 'External', label: 'I accept the [privacy policy]', externalUrl: url }))).data.currentVersion;
    expect(ext.labelHtml).toContain('href="#uc-full-text"');
    expect(ext.externalUrl).toBe(url);
    expect(ext.html).toContain('<h1>Terms of sale</h1>');
    expect(ext.externalText).toMatchObject({ url, finalUrl: url, contentType: 'text/html', format: 'html' });
  });

  it.each([
    ['a standard agreement without a template', standard({ template: null, companyId: 1 }), /^template:/],
    ['company source without a company', standard({}), /^companyId:/],
    ['an unknown company', standard({ companyId: 999999 }), /^companyId:/],
    ['manual requisites with a wrong INN', standard({ dataSource: 'manual', requisites: { ...RU_COMPANY, inn: '7707083894' } }), /^requisites\.inn:/],
    ['an unknown preset purpose', standard({ companyId: 1, purposes: [{ code: 'world-domination', title: '' }] }), /^purposes\.0\.code:/],
    ['an unknown template', standard({ companyId: 1, template: 'us-ccpa' }), /^template:/],
    ['a standard agreement without purposes', standard({ companyId: 1, purposes: [] }), /^purposes:/],
    ['a custom agreement with neither text nor URL', { name: 'x', type: 'custom', label: 'x' }, /^customHtml:/],
    ['a javascript: external URL', { name: 'x', type: 'custom', label: 'x', externalUrl: 'javascript:alert(1)' }, /^externalUrl:/],
    ['an unknown key', standard({ companyId: 1, owner: 'me' }), /owner|unrecognized/i],
  ])('refuses %s with a 400 that names the field', async (_what, body, message) => {
    await expectInvalid(h.admin, AGREEMENTS, body, message);
  });

  // Every refusal carries a machine code and its params, on the field and as the refusal's own, so
  // that the admin says it in its language (validation.code.* / validation.*) and API clients can branch on it.
  it.each([
    ['template', standard({ template: null, companyId: 1 }), ['template'], 'template-required', {}],
    ['company', standard({}), ['companyId'], 'company-required', {}],
    ['unknown company', standard({ companyId: 999999 }), ['companyId'], 'company-not-found', { id: 999999 }],
    ['manual requisites', standard({ dataSource: 'manual' }), ['requisites'], 'requisites-required', {}],
    ['wrong INN typed in', standard({ dataSource: 'manual', requisites: { ...RU_COMPANY, inn: '7707083894' } }), ['requisites', 'inn'], 'requisite-check-digit', { number: 'inn' }],
    ['unknown purpose', standard({ companyId: 1, purposes: [{ code: 'world-domination', title: '' }] }), ['purposes', '0', 'code'], 'purpose-unknown', { purpose: 'world-domination' }],
    ['no purposes', standard({ companyId: 1, purposes: [] }), ['purposes'], 'purposes-required', {}],
    ['a purpose with neither code nor title', standard({ companyId: 1, purposes: [{ title: '' }] }), ['purposes', '0'], 'purpose-incomplete', { index: 0 }],
    ['custom without content', { name: 'x', type: 'custom', label: 'x' }, ['customHtml'], 'content-required', {}],
    ['a javascript: URL', { name: 'x', type: 'custom', label: 'x', externalUrl: 'javascript:alert(1)' }, ['externalUrl'], 'http-url', {}],
  ])('codes the refusal of %s', async (_what, body, path, code, params) => {
    const res = await expectInvalid(h.admin, AGREEMENTS, body, /./);
    expect(res.body.error.details.errors[0]).toMatchObject({ path, code, params });
    expect(res.body.error.details).toMatchObject({ code, params });
  });

  it('codes a refused update as a refused create', async () => {
    const a = (await create(standard({ name: 'Коды', companyId: companies.RU }))).data;
    const res = await h.admin.put(`${AGREEMENTS}/${a.id}`).send({ companyId: 999999 });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ code: 'company-not-found', errors: [{ path: ['companyId'], code: 'company-not-found' }] });
    const gone = await h.admin.get(`${AGREEMENTS}/999999`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.details).toEqual({ code: 'not-found', params: { entity: 'agreement' } });
  });

  it('filters the list by name, type, template and active', async () => {
    const all = (await h.admin.get('/user-consent/agreements?pageSize=100')).body.data;
    const custom = (await h.admin.get('/user-consent/agreements?type=custom&pageSize=100')).body.data;
    expect(custom.length).toBe(all.filter((a: any) => a.type === 'custom').length);
    expect(custom.length).toBeGreaterThan(0);
    const kz = (await h.admin.get('/user-consent/agreements?template=kz-personal-data')).body.data;
    expect(kz.map((a: any) => a.name).sort()).toEqual(['kz-personal-data company', 'kz-personal-data manual']);
    const inactive = (await h.admin.get('/user-consent/agreements?active=false')).body.data;
    expect(inactive.map((a: any) => a.name)).toEqual(['A2 renamed (internal)']);
    const q = (await h.admin.get('/user-consent/agreements?q=EXTERN')).body.data;
    expect(q.map((a: any) => a.name)).toEqual(['External']);
    expect((await h.admin.get('/user-consent/agreements?active=maybe')).status).toBe(400);
  });

  it('serves a version publicly: the text as shown, nothing else', async () => {
    const a = (await h.admin.get('/user-consent/agreements?q=Bell')).body.data[0];
    const res = await h.http().get(`/api/user-consent/versions/${a.currentVersionId}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.data).sort()).toEqual(
      ['agreement', 'createdAt', 'externalText', 'externalUrl', 'hash', 'html', 'id', 'label', 'labelHtml', 'language', 'number', 'text'].sort()
    );
    expect(res.body.data.number).toBe(2);
  });
});
