import { withHarness, type Harness } from '../helpers/strapi';

const PLUGIN_UIDS = [
  'plugin::user-consent.company',
  'plugin::user-consent.agreement',
  'plugin::user-consent.agreement-version',
  'plugin::user-consent.form',
  'plugin::user-consent.consent',
  'plugin::user-consent.personal',
  'plugin::user-consent.erasure',
  'plugin::user-consent.export-log',
];

describe('foundation: the plugin loads into a real Strapi app', () => {
  let h: Harness;
  withHarness((app) => {
    h = app;
  });

  it('runs on the database the environment names', () => {
    expect(h.strapi.db.dialect.client).toBe(
      ({ sqlite: 'sqlite', postgres: 'postgres', mysql: 'mysql' } as const)[h.db.client]
    );
  });

  it('registers its content types', () => {
    for (const uid of PLUGIN_UIDS) {
      expect(h.strapi.contentType(uid as any)).toBeDefined();
    }
    // What a person typed lives in the personal store now: the old submission type is gone.
    expect(h.strapi.contentType('plugin::user-consent.submission' as any)).toBeUndefined();
  });

  it('registers its RBAC actions', async () => {
    const actions = h.strapi.service('admin::permission').actionProvider.values() as any[];
    const ours = actions.filter((a) => a.pluginName === 'user-consent').map((a) => a.actionId);
    expect(ours).toEqual(
      expect.arrayContaining([
        'plugin::user-consent.companies.read',
        'plugin::user-consent.companies.manage',
        'plugin::user-consent.consents.read',
        'plugin::user-consent.consents.personal-data',
        'plugin::user-consent.consents.erase',
      ])
    );
  });

  it('refuses an anonymous request to an admin route with 401', async () => {
    const res = await h.http().get('/user-consent/companies');
    expect(res.status).toBe(401);
    expect(res.body.error.name).toBe('UnauthorizedError');
  });

  it('refuses a role without the permission with 403', async () => {
    const limited = await h.adminWithActions([]);
    const res = await limited.get('/user-consent/companies');
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('PolicyError');
  });

  it('lets the super admin in', async () => {
    const res = await h.admin.get('/user-consent/companies');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: [], meta: { pagination: { page: 1, pageSize: 25, pageCount: 0, total: 0 } } });
  });

  it('answers a public route without login: an unknown version is a clean 404', async () => {
    const res = await h.http().get('/api/user-consent/versions/999999');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      data: null,
      error: { status: 404, name: 'NotFoundError', message: 'Agreement version not found', details: { code: 'not-found', params: { entity: 'agreement-version' } } },
    });
  });

  it('seeds the demo: company, agreements, forms, and the visitors’ consents into an empty log, once', async () => {
    const { seedData, seedDemoConsents } = require('../../playground/src/seed');
    await seedData(h.strapi);
    expect(await seedDemoConsents(h.strapi)).toBe(12);
    // Twelve visitors accept the personal-data agreement and decide on advertising; two withdraw.
    const log = await h.admin.get('/user-consent/consents?pageSize=1');
    expect(log.status).toBe(200);
    expect(log.body.meta.pagination.total).toBe(26);
    const withdrawn = await h.admin.get('/user-consent/consents?action=withdrawn');
    expect(withdrawn.body.meta.pagination.total).toBe(2);
    const report = await h.admin.get('/user-consent/integrity');
    expect(report.body.data).toMatchObject({ intact: true, checked: 26 });
    // A second start records nothing more.
    expect(await seedDemoConsents(h.strapi)).toBe(0);
    expect((await h.admin.get('/user-consent/consents?pageSize=1')).body.meta.pagination.total).toBe(26);
  });

  it('answers a malformed id with a 400, not a 500', async () => {
    const res = await h.http().get('/api/user-consent/versions/abc');
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
  });
});
