import { withHarness, type Harness } from '../helpers/strapi';
import { RU_COMPANY, BY_COMPANY, KZ_COMPANY } from '../helpers/fixtures';
import { expectInvalid } from '../helpers/admin-api';

describe('companies: requisites with check digits', () => {
  let h: Harness;
  withHarness((app) => {
    h = app;
  });

  it('creates valid RU, BY and KZ companies', async () => {
    for (const body of [RU_COMPANY, BY_COMPANY, KZ_COMPANY]) {
      const res = await h.admin.post('/user-consent/companies').send(body);
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject(body);
      expect(res.body.data.id).toEqual(expect.any(Number));
    }
    const list = await h.admin.get('/user-consent/companies?pageSize=2');
    expect(list.body.meta.pagination).toEqual({ page: 1, pageSize: 2, pageCount: 2, total: 3 });
    const byCountry = await h.admin.get('/user-consent/companies?country=KZ');
    expect(byCountry.body.data.map((c: any) => c.name)).toEqual(['Жусан']);
  });

  it.each([
    ['inn', { ...RU_COMPANY, inn: '7707083894' }, /^inn: INN check digit/],
    ['inn', { ...RU_COMPANY, inn: '77070838' }, /^inn: INN must be 10 digits/],
    ['ogrn', { ...RU_COMPANY, ogrn: '1027700132196' }, /^ogrn: OGRN\/OGRNIP check digit/],
    ['ogrn', { ...RU_COMPANY, ogrn: '304500116000158' }, /^ogrn: OGRN\/OGRNIP check digit/],
    ['kpp', { ...RU_COMPANY, kpp: '77360100' }, /^kpp: KPP must be 9 characters/],
    ['unp', { ...BY_COMPANY, unp: '100325913' }, /^unp: UNP check digit/],
    ['bin', { ...KZ_COMPANY, bin: '971240001316' }, /^bin: BIN\/IIN check digit/],
  ])('names the wrong %s', async (field, body, message) => {
    const res = await expectInvalid(h.admin, '/user-consent/companies', body, message);
    expect(res.body.error.details.errors[0].path).toEqual([field]);
  });

  it.each([
    ['inn', { ...RU_COMPANY, inn: '7707083894' }, 'requisite-check-digit'],
    ['inn', { ...RU_COMPANY, inn: '77070838' }, 'requisite-format'],
    ['ogrn', { ...RU_COMPANY, ogrn: '1027700132196' }, 'requisite-check-digit'],
    ['kpp', { ...RU_COMPANY, kpp: '77360100' }, 'requisite-format'],
    ['unp', { ...BY_COMPANY, unp: '100325913' }, 'requisite-check-digit'],
    ['bin', { ...KZ_COMPANY, bin: '97124000131' }, 'requisite-format'],
  ])('gives the wrong %s a code the admin says in its language (%#)', async (field, body, code) => {
    const res = await h.admin.post('/user-consent/companies').send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors).toEqual([expect.objectContaining({ path: [field], code, params: { number: field } })]);
    // The refusal's own code is its first issue's.
    expect(res.body.error.details).toMatchObject({ code, params: { number: field } });
  });

  it('reports a wrong INN together with a wrong website, each with its code', async () => {
    const res = await h.admin.post('/user-consent/companies').send({ ...RU_COMPANY, inn: '7707083894', website: 'https://exa mple', email: 'nope' });
    expect(res.status).toBe(400);
    const byPath = Object.fromEntries(res.body.error.details.errors.map((e: any) => [e.path.join('.'), e]));
    expect(byPath.inn).toMatchObject({ code: 'requisite-check-digit', params: { number: 'inn' } });
    expect(byPath.website).toMatchObject({ code: 'http-url', params: {} });
    expect(byPath.email).toMatchObject({ code: 'invalid_format', params: { format: 'email' } });
  });

  it('takes a website typed without https:// as the https site', async () => {
    const res = await h.admin.post('/user-consent/companies').send({ ...RU_COMPANY, name: 'Одуванчик', website: 'www.oduvanchik.example/about' });
    expect(res.status).toBe(201);
    expect(res.body.data.website).toBe('https://www.oduvanchik.example/about');
    const kept = await h.admin.put(`/user-consent/companies/${res.body.data.id}`).send({ website: 'http://oduvanchik.example' });
    expect(kept.body.data.website).toBe('http://oduvanchik.example');
    const refused = await h.admin.put(`/user-consent/companies/${res.body.data.id}`).send({ website: 'ftp://oduvanchik.example' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors[0]).toMatchObject({ path: ['website'], code: 'http-url' });
    expect((await h.admin.get(`/user-consent/companies/${res.body.data.id}`)).body.data.website).toBe('http://oduvanchik.example');
  });

  it('codes a malformed id and an unknown one', async () => {
    const malformed = await h.admin.get('/user-consent/companies/x1');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details).toMatchObject({ code: 'invalid-id', params: {} });
    const unknown = await h.admin.put('/user-consent/companies/999999').send({ phone: '1' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.details).toEqual({ code: 'not-found', params: { entity: 'company' } });
  });

  it('names every wrong number at once', async () => {
    const res = await h.admin.post('/user-consent/companies').send({ ...RU_COMPANY, inn: '7707083894', ogrn: '1027700132196' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: any) => e.path[0]).sort()).toEqual(['inn', 'ogrn']);
  });

  it('rejects unknown keys, a missing name and a bad e-mail', async () => {
    expect((await h.admin.post('/user-consent/companies').send({ ...RU_COMPANY, isAdmin: true })).status).toBe(400);
    const noName = await h.admin.post('/user-consent/companies').send({ ...RU_COMPANY, name: '  ' });
    expect(noName.status).toBe(400);
    expect(noName.body.error.message).toMatch(/^name:/);
    const badMail = await h.admin.post('/user-consent/companies').send({ ...RU_COMPANY, email: 'nope' });
    expect(badMail.body.error.message).toMatch(/^email:/);
  });

  it('updates, 404s on unknown ids and 400s on malformed ones', async () => {
    const created = await h.admin.post('/user-consent/companies').send({ ...RU_COMPANY, name: 'Лютик' });
    const upd = await h.admin.put(`/user-consent/companies/${created.body.data.id}`).send({ phone: '+7 900 000-00-01' });
    expect(upd.status).toBe(200);
    expect(upd.body.data.phone).toBe('+7 900 000-00-01');
    expect(upd.body.data.inn).toBe(RU_COMPANY.inn);
    expect((await h.admin.put('/user-consent/companies/999999').send({ phone: '1' })).status).toBe(404);
    expect((await h.admin.get('/user-consent/companies/x1')).status).toBe(400);
    const bad = await h.admin.put(`/user-consent/companies/${created.body.data.id}`).send({ inn: '1234567890' });
    expect(bad.status).toBe(400);
    const after = await h.admin.get(`/user-consent/companies/${created.body.data.id}`);
    expect(after.body.data.inn).toBe(RU_COMPANY.inn);
  });

  it('deletes an unused company', async () => {
    const created = await h.admin.post('/user-consent/companies').send({ ...RU_COMPANY, name: 'Одуванчик' });
    const del = await h.admin.del(`/user-consent/companies/${created.body.data.id}`);
    expect(del.status).toBe(200);
    expect((await h.admin.get(`/user-consent/companies/${created.body.data.id}`)).status).toBe(404);
  });
});
