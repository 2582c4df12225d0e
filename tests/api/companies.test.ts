import { withHarness, type Harness } from '../helpers/strapi';
import { RU_COMPANY, BY_COMPANY, KZ_COMPANY } from '../helpers/fixtures';
import { expectInvalid } from '../helpers/admin-api';

/**
 * Another Russian company: the RU company's requisites with a name and numbers of its own (from
 * python-stdnum's test lists), so that it is no duplicate of it.
 */
const OTHER_RU = (name: string, inn: string, ogrn: string) => ({ ...RU_COMPANY, name, inn, ogrn });

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
    const res = await h.admin.post('/user-consent/companies').send({ ...OTHER_RU('Одуванчик', '7709442668', '1027739552642'), website: 'www.oduvanchik.example/about' });
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
    const created = await h.admin.post('/user-consent/companies').send(OTHER_RU('Лютик', '7716450028', '1022600000092'));
    const upd = await h.admin.put(`/user-consent/companies/${created.body.data.id}`).send({ phone: '+7 900 000-00-01' });
    expect(upd.status).toBe(200);
    expect(upd.body.data.phone).toBe('+7 900 000-00-01');
    expect(upd.body.data.inn).toBe('7716450028');
    expect((await h.admin.put('/user-consent/companies/999999').send({ phone: '1' })).status).toBe(404);
    expect((await h.admin.get('/user-consent/companies/x1')).status).toBe(400);
    const bad = await h.admin.put(`/user-consent/companies/${created.body.data.id}`).send({ inn: '1234567890' });
    expect(bad.status).toBe(400);
    const after = await h.admin.get(`/user-consent/companies/${created.body.data.id}`);
    expect(after.body.data.inn).toBe('7716450028');
  });

  it('deletes an unused company', async () => {
    const created = await h.admin.post('/user-consent/companies').send(OTHER_RU('Одуванчик-2', '7724051595', '1027100000311'));
    expect(created.status).toBe(201);
    const del = await h.admin.del(`/user-consent/companies/${created.body.data.id}`);
    expect(del.status).toBe(200);
    expect((await h.admin.get(`/user-consent/companies/${created.body.data.id}`)).status).toBe(404);
  });

  it.each([
    // Each number is right but for its structure; the check digit is right too.
    ['ogrn', 'ogrnip-first-digit', { ...RU_COMPANY, ogrn: '285768585948942' }], // an OGRNIP starting with 2
    ['ogrn', 'ogrn-first-digit', { ...RU_COMPANY, ogrn: '2022500001324' }], // an OGRN starting with 2
    ['unp', 'unp-region', { ...BY_COMPANY, unp: '991705588' }],
    ['unp', 'unp-letters', { ...BY_COMPANY, unp: 'M01953684' }],
    ['bin', 'iin-date', { ...KZ_COMPANY, bin: '873208401420' }], // an IIN born in month 32
    ['bin', 'iin-century', { ...KZ_COMPANY, bin: '871008701426' }],
    ['bin', 'bin-month', { ...KZ_COMPANY, bin: '941340000385' }],
    ['bin', 'bin-attribute', { ...KZ_COMPANY, bin: '940145000382' }],
    ['bin', 'bin-type', { ...KZ_COMPANY, bin: '940180000383' }],
  ])('refuses a %s whose %s is wrong', async (field, part, body) => {
    const res = await expectInvalid(h.admin, '/user-consent/companies', { ...body, name: `Структура ${part}` }, new RegExp(`^${field}: `));
    expect(res.body.error.details.errors).toEqual([expect.objectContaining({ path: [field], code: 'requisite-component', params: { number: field, part } })]);
    expect(res.body.error.details).toMatchObject({ code: 'requisite-component', params: { number: field, part } });
  });

  it('takes numbers as people write them and stores them compact', async () => {
    const kz = await h.admin.post('/user-consent/companies').send({ ...KZ_COMPANY, name: 'Алтын', bin: 'БИН 990 140 004 654' });
    expect(kz.status).toBe(201);
    expect(kz.body.data.bin).toBe('990140004654');
    const by = await h.admin.post('/user-consent/companies').send({ ...BY_COMPANY, name: 'Лён', unp: 'УНП МА1953684' });
    expect(by.status).toBe(201);
    expect(by.body.data.unp).toBe('MA1953684');
    const ru = await h.admin.post('/user-consent/companies').send({ ...RU_COMPANY, name: 'Ландыш', inn: 'ИНН 6672-238-301', ogrn: 'ОГРН 1 022 300 000 502', kpp: 'КПП 6672 01 001' });
    expect(ru.status).toBe(201);
    expect(ru.body.data).toMatchObject({ inn: '6672238301', ogrn: '1022300000502', kpp: '667201001' });
    const stored = (await h.admin.get(`/user-consent/companies/${ru.body.data.id}`)).body.data;
    expect(stored).toMatchObject({ inn: '6672238301', ogrn: '1022300000502', kpp: '667201001' });
    // Typed on an update too.
    const upd = await h.admin.put(`/user-consent/companies/${kz.body.data.id}`).send({ bin: '  070941 024691 ' });
    expect(upd.status).toBe(200);
    expect(upd.body.data.bin).toBe('070941024691');
  });

  describe('a registration number another company has', () => {
    const count = async () => (await h.admin.get('/user-consent/companies?pageSize=1')).body.meta.pagination.total;

    it('is refused with a warning (409 duplicate-registration) naming the number and the company, then saved once confirmed', async () => {
      const first = (await h.admin.post('/user-consent/companies').send(OTHER_RU('Первая', '7813045547', '1022400007508'))).body.data;
      const before = await count();
      // The same INN, typed otherwise.
      const body = { ...OTHER_RU('Вторая', 'ИНН 7813 045 547', '1022500000566') };
      const refused = await h.admin.post('/user-consent/companies').send(body);
      expect(refused.status).toBe(409);
      expect(refused.body.data).toBeNull();
      expect(refused.body.error).toMatchObject({ status: 409, name: 'ConflictError', message: expect.stringMatching(/same INN/) });
      expect(refused.body.error.details).toEqual({ code: 'duplicate-registration', params: { fields: ['inn'], companies: [{ id: first.id, name: 'Первая' }] } });
      expect(await count()).toBe(before);

      const confirmed = await h.admin.post('/user-consent/companies').send({ ...body, confirmDuplicate: true });
      expect(confirmed.status).toBe(201);
      expect(confirmed.body.data).toMatchObject({ name: 'Вторая', inn: '7813045547' });
      expect(confirmed.body.data).not.toHaveProperty('confirmDuplicate');
      expect(await count()).toBe(before + 1);
      // confirmDuplicate: false is no confirmation.
      expect((await h.admin.post('/user-consent/companies').send({ ...body, name: 'Третья', confirmDuplicate: false })).status).toBe(409);
      expect((await h.admin.post('/user-consent/companies').send({ ...body, confirmDuplicate: 'yes' })).status).toBe(400);
    });

    it('names every number that repeats, and every company that has one', async () => {
      const a = (await h.admin.post('/user-consent/companies').send(OTHER_RU('Клевер', '7825498171', '1022300001811'))).body.data;
      const b = (await h.admin.post('/user-consent/companies').send(OTHER_RU('Мята', '8614008550', '1022200525819'))).body.data;
      const res = await h.admin.post('/user-consent/companies').send(OTHER_RU('Клевер и Мята', '7825498171', '1022200525819'));
      expect(res.status).toBe(409);
      expect(res.body.error.details.params).toEqual({
        fields: ['inn', 'ogrn'],
        companies: [
          { id: a.id, name: 'Клевер' },
          { id: b.id, name: 'Мята' },
        ],
      });
    });

    it.each([
      // KM1234561: made up, its check digit right.
      ['UNP, in its Latin and Cyrillic letters', { ...BY_COMPANY, unp: 'KM1234561' }, { unp: 'УНП км 123 4561' }, 'unp'],
      ['BIN', { ...KZ_COMPANY, bin: '950341000052' }, { bin: '950 341 000 052' }, 'bin'],
    ])('is found for a %s', async (_what, original, again, field) => {
      const first = await h.admin.post('/user-consent/companies').send({ ...original, name: `Исходная ${field}` });
      expect(first.status).toBe(201);
      const res = await h.admin.post('/user-consent/companies').send({ ...original, ...again, name: `Копия ${field}` });
      expect(res.status).toBe(409);
      expect(res.body.error.details).toMatchObject({ code: 'duplicate-registration', params: { fields: [field] } });
    });

    it('is refused on an update too, unless confirmed; a confirmed duplicate is not asked about again', async () => {
      const a = (await h.admin.post('/user-consent/companies').send(OTHER_RU('Ива', '8906008726', '1027700229193'))).body.data;
      const el = (await h.admin.post('/user-consent/companies').send(OTHER_RU('Ель', '8906008740', '1022500001325'))).body.data;
      const refused = await h.admin.put(`/user-consent/companies/${el.id}`).send({ inn: '8906008726' });
      expect(refused.status).toBe(409);
      expect(refused.body.error.details).toEqual({ code: 'duplicate-registration', params: { fields: ['inn'], companies: [{ id: a.id, name: 'Ива' }] } });
      expect((await h.admin.get(`/user-consent/companies/${el.id}`)).body.data.inn).toBe('8906008740');
      const confirmed = await h.admin.put(`/user-consent/companies/${el.id}`).send({ inn: '8906008726', confirmDuplicate: true });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.data.inn).toBe('8906008726');
      // Another field changed, the number sent as it was: no warning again, on either company.
      const later = await h.admin.put(`/user-consent/companies/${el.id}`).send({ phone: '+7 900 000-00-02', inn: '8906008726' });
      expect(later.status).toBe(200);
      const own = await h.admin.put(`/user-consent/companies/${a.id}`).send({ inn: '8906008726', ogrn: '1027700229193' });
      expect(own.status).toBe(200);
    });
  });

  describe('the data protection officer and the EU representative', () => {
    const GDPR = {
      dpoName: 'Anna Schmidt',
      dpoEmail: 'dpo@lavanda.example',
      dpoPhone: '+49 30 111111',
      dpoAddress: 'Friedrichstraße 5, 10117 Berlin, Germany',
      euRepName: 'EU-Rep Services B.V.',
      euRepAddress: 'Keizersgracht 1, 1015 Amsterdam, Netherlands',
      euRepEmail: 'lavanda@eurep.example',
    };

    it('are optional fields of the company, checked like the others', async () => {
      const bad = await h.admin.post('/user-consent/companies').send({ name: 'Lavanda', country: 'OTHER', dpoEmail: 'nope', euRepEmail: 'also nope' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.errors.map((e: any) => e.path.join('.')).sort()).toEqual(['dpoEmail', 'euRepEmail']);
      const long = await h.admin.post('/user-consent/companies').send({ name: 'Lavanda', country: 'OTHER', dpoName: 'x'.repeat(501) });
      expect(long.status).toBe(400);
      expect(long.body.error.details.errors[0]).toMatchObject({ path: ['dpoName'], code: 'too_big' });
      const ok = await h.admin.post('/user-consent/companies').send({ name: 'Lavanda', country: 'OTHER', ...GDPR, dpoPhone: '' });
      expect(ok.status).toBe(201);
      expect(ok.body.data).toMatchObject({ ...GDPR, dpoPhone: null });
    });

    it('are named by the eu-gdpr text when set, kept in the version\'s snapshot, and left out when cleared', async () => {
      const c = (await h.admin.post('/user-consent/companies').send({ name: 'Lavender', legalForm: 'GmbH', country: 'OTHER', email: 'privacy@lavender-2.example' })).body.data;
      const agreement = {
        name: 'GDPR with officer',
        type: 'standard',
        template: 'eu-gdpr',
        dataSource: 'company',
        companyId: c.id,
        purposes: [{ code: 'analytics', title: '' }],
        label: 'I agree to [the processing of my data]',
      };
      const created = await h.admin.post('/user-consent/agreements').send(agreement);
      expect(created.status).toBe(201);
      const v1 = created.body.data.currentVersion;
      expect(v1.text).not.toMatch(/Data protection officer|Representative in the European Union/);

      const upd = await h.admin.put(`/user-consent/companies/${c.id}`).send(GDPR);
      expect(upd.status).toBe(200);
      expect(upd.body.meta.versionsCreated).toBe(1);
      const a2 = (await h.admin.get(`/user-consent/agreements/${created.body.data.id}`)).body.data;
      expect(a2.currentVersionNumber).toBe(2);
      for (const s of ['Data protection officer', 'Anna Schmidt', 'dpo@lavanda.example', 'Representative in the European Union', 'Article 27 GDPR', 'Keizersgracht 1, 1015 Amsterdam, Netherlands', 'lavanda@eurep.example']) {
        expect(a2.currentVersion.text).toContain(s);
        expect(a2.currentVersion.html).toContain(s);
      }
      const v2 = (await h.admin.get(`/user-consent/versions/${a2.currentVersionId}`)).body.data;
      expect(v2.snapshot.requisites).toMatchObject(GDPR);
      // The first version is unchanged, its snapshot without them.
      const v1again = (await h.admin.get(`/user-consent/versions/${v1.id}`)).body.data;
      expect(v1again.text).toBe(v1.text);
      expect(v1again.snapshot.requisites).toMatchObject({ dpoName: null, euRepName: null });

      // Cleared: a third version, whose text is the first one's again.
      const cleared = await h.admin.put(`/user-consent/companies/${c.id}`).send(Object.fromEntries(Object.keys(GDPR).map((k) => [k, null])));
      expect(cleared.body.meta.versionsCreated).toBe(1);
      const a3 = (await h.admin.get(`/user-consent/agreements/${created.body.data.id}`)).body.data;
      expect(a3.currentVersion.text).toBe(v1.text);
      expect(a3.currentVersion.hash).toBe(v1.hash);
    });
  });
});
