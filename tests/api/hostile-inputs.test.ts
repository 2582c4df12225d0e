import supertest from 'supertest';
import type { Harness } from '../helpers/strapi';
import { withScenario, counts, type Scenario } from '../helpers/scenario';
import { buildCorpus } from '../hostile/corpus';

const SQL_AND_XSS = ["' OR '1'='1", "'; DROP TABLE uc_consents; --", '1 OR 1=1', '<script>alert(1)</script>', '%00', '../../etc/passwd', '$where', '{"$gt":""}'];
const FILTERS = ['from', 'to', 'agreement', 'version', 'form', 'action', 'ip', 'pageUrl', 'subject', 'sort', 'order', 'page', 'pageSize'];

describe('hostile input: no 500, nothing stored, nothing executed', () => {
  let h: Harness;
  let s: Scenario;
  withScenario((app) => ({ h, s } = app));

  it('refuses every payload of the corpus with a 4xx and stores nothing', async () => {
    const corpus = buildCorpus({ required: s.versions.pd, optional: s.versions.ads });
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    const before = await counts(h);
    const server = h.strapi.server.httpServer;
    const outcomes: [string, number][] = [];
    for (const c of corpus) {
      const req = supertest(server).post('/api/user-consent/forms/contact/consents');
      if (c.contentType) req.set('Content-Type', c.contentType);
      const res = await req.send(c.body as any);
      outcomes.push([c.name, res.status]);
      if (res.status >= 400 && res.headers['content-type']?.includes('json')) {
        expect(res.body.error?.status ?? res.status).toBe(res.status);
      }
    }
    const bad = outcomes.filter(([, status]) => status < 400 || status >= 500);
    expect(bad).toEqual([]);
    expect(await counts(h)).toEqual(before);
    // Nothing was polluted.
    expect(({} as any).polluted).toBeUndefined();
    expect((Object.prototype as any).polluted).toBeUndefined();
  });

  it('refuses hostile form keys and ids on every public route with a 4xx', async () => {
    const keys = ['..%2f..%2fadmin', '%00', 'a'.repeat(500), "x' OR 1=1", '<script>', 'CONTACT', 'contact%20', '%E0%A4%A'];
    for (const k of keys) {
      for (const [method, path] of [['get', `/api/user-consent/forms/${k}`], ['post', `/api/user-consent/forms/${k}/consents`], ['get', `/api/user-consent/versions/${k}`], ['get', `/api/user-consent/versions/${k}/text`], ['get', `/api/user-consent/receipts/${k}?token=${k}`]] as const) {
        const res = await (h.http() as any)[method](path).send(method === 'post' ? {} : undefined);
        expect([path, res.status >= 400 && res.status < 500]).toEqual([path, true]);
      }
      // The widget's receipt-state query takes them in its body: a malformed id is a 400.
      const states = await h.http().post('/api/user-consent/receipts/states').send({ receipts: [{ id: k, token: k }] });
      expect([k, states.status]).toEqual([k, 400]);
    }
    // SQL and script fragments as tokens of a well-formed id match nothing: unknown, never a 500.
    const id = '00000000-0000-4000-8000-000000000000';
    const tokens = await h.http().post('/api/user-consent/receipts/states').send({ receipts: SQL_AND_XSS.map((token) => ({ id, token })) });
    expect(tokens.status).toBe(200);
    expect(tokens.body.data.map((d: { state: string }) => d.state)).toEqual(SQL_AND_XSS.map(() => 'unknown'));
  });

  it('answers SQL and script fragments in every filter of the consent log with 200 or 400, never 500', async () => {
    const before = await counts(h);
    for (const f of FILTERS) {
      for (const p of SQL_AND_XSS) {
        const res = await h.admin.post('/user-consent/consents/search').send({ [f]: p });
        expect([f, p, [200, 400].includes(res.status)]).toEqual([f, p, true]);
        const exp = await h.admin.post('/user-consent/consents/export').send({ [f]: p });
        expect([f, p, exp.status < 500]).toEqual([f, p, true]);
        const inUrl = await h.admin.get(`/user-consent/consents?${f}=${encodeURIComponent(p)}`);
        expect([f, p, [200, 400].includes(inUrl.status)]).toEqual([f, p, true]);
      }
    }
    // The data-subject routes take the identifier in a JSON body: the same fragments there.
    for (const p of SQL_AND_XSS) {
      for (const [path, body] of [
        ['/user-consent/subjects/lookup', { email: p }],
        ['/user-consent/subjects/lookup', { phone: p }],
        ['/user-consent/subjects/export', { email: p }],
        ['/user-consent/subjects/erasures/preview', { receipt: p }],
        ['/user-consent/subjects/erasures/preview', { phone: p }],
        ['/user-consent/subjects/erasures', { email: p, reason: 'subject-request' }],
        ['/user-consent/subjects/erasures', { phone: p, reason: 'other', note: p }],
        ['/user-consent/subjects/erasures', { receipt: p, reason: p }],
      ] as const) {
        const res = await h.admin.post(path).send(body);
        expect([path, body, [200, 400, 404].includes(res.status)]).toEqual([path, body, true]);
      }
    }
    expect(await counts(h)).toEqual(before);
    expect(await h.strapi.db.query('plugin::user-consent.erasure').count({})).toBe(0);
    const table = h.strapi.db.metadata.get('plugin::user-consent.consent').tableName;
    expect(await h.strapi.db.connection.schema.hasTable(table)).toBe(true);
  });
  it('names every refused field with a machine code and its values, the English message kept', async () => {
    const company = await h.admin.post('/user-consent/companies').send({ name: ' ', country: 'XX', inn: '7707083894', legalForm: 'x'.repeat(101), email: 'nope', extra: 1 });
    expect(company.status).toBe(400);
    expect(company.body.error.name).toBe('ValidationError');
    const items = company.body.error.details.errors as { path: string[]; message: string; code: string; params: Record<string, unknown> }[];
    const byPath = Object.fromEntries(items.map((e) => [e.path.join('.'), e]));
    expect(byPath.name).toMatchObject({ message: 'is required', code: 'too_small', params: { origin: 'string', minimum: 1, inclusive: true } });
    expect(byPath.country).toMatchObject({ code: 'invalid_value', params: { values: ['RU', 'BY', 'KZ', 'OTHER'] } });
    expect(byPath.legalForm).toMatchObject({ message: 'must be at most 100 characters', code: 'too_big', params: { origin: 'string', maximum: 100 } });
    expect(byPath.email).toMatchObject({ message: 'must be an e-mail address', code: 'invalid_format', params: { format: 'email' } });
    expect(byPath['']).toMatchObject({ code: 'unrecognized_keys', params: { keys: ['extra'] } });
    expect(items.every((e) => typeof e.code === 'string' && e.params && typeof e.params === 'object')).toBe(true);
    // The first message still names the first field in English.
    expect(company.body.error.message).toBe(`${items[0].path.join('.')}: ${items[0].message}`);

    const form = await h.admin.post('/user-consent/forms').send({ key: 'Bad Key', name: 'x', withdrawalRetentionDays: 'soon' });
    expect(form.status).toBe(400);
    expect(form.body.error.details.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ['key'], code: 'invalid_format', params: { format: 'regex', pattern: 'form-key' } }),
        expect.objectContaining({ path: ['withdrawalRetentionDays'], code: 'invalid_type', params: { expected: 'number', received: 'string' } }),
      ])
    );

    // The check digits of a registration number: a refinement with its own code, the number named in its params.
    const inn = await h.admin.post('/user-consent/companies').send({ name: 'ООО Ромашка', country: 'RU', inn: '7707083894' });
    expect(inn.status).toBe(400);
    expect(inn.body.error.details.errors).toEqual([
      { path: ['inn'], message: 'INN check digit does not match', name: 'ValidationError', code: 'requisite-check-digit', params: { number: 'inn' } },
    ]);
  });
});
