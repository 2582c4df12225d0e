/**
 * The status API for other systems: `POST /api/user-consent/status/query` (and `GET /status`) with a
 * Strapi API token. No token is a 401, a token without the action a 403 (a read-only token too), a
 * custom token given only this action and a full-access token are answered; the users-permissions
 * public role does not get it. The answer per agreement is the same as the typed service method's.
 */
import { type Harness } from '../helpers/strapi';
import { withScenario, type Scenario } from '../helpers/scenario';

const ACTION = 'plugin::user-consent.status.query';
const CONSENT = 'plugin::user-consent.consent';

describe('status API', () => {
  let h: Harness;
  let s: Scenario;
  const tokens: Record<'custom' | 'readOnly' | 'full' | 'other', string> = { custom: '', readOnly: '', full: '', other: '' };
  withScenario((app) => ({ h, s } = app));

  const token = async (name: string, type: string, permissions?: string[]) => {
    const res = await h.admin.post('/admin/api-tokens').send({ name, type, lifespan: null, ...(permissions ? { permissions } : {}) });
    if (res.status !== 201) throw new Error(`API token not created: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data.accessKey as string;
  };
  const query = (body: unknown, key?: string) => {
    const req = h.http().post('/api/user-consent/status/query');
    return (key ? req.set('Authorization', `Bearer ${key}`) : req).send(body as object);
  };

  let receipts: { id: string; token: string; agreement: number; action: string }[];

  beforeAll(async () => {
    tokens.custom = await token('Mailer, status only', 'custom', [ACTION]);
    tokens.readOnly = await token('Mailer, read-only', 'read-only');
    tokens.full = await token('Mailer, full access', 'full-access');
    tokens.other = await token('Mailer, forms only', 'custom', ['plugin::user-consent.public-form.findOne']);
    // anna: personal data given, advertising given then withdrawn; then a later capture refuses nothing new.
    const res = await h.http().post('/api/user-consent/forms/contact/consents').send({
      pageUrl: 'https://site.example/',
      subject: { email: 'anna@example.com', phone: '+7 901 000-00-01' },
      data: { name: 'Anna', email: 'anna@example.com' },
      decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.ads, accepted: true }],
    });
    expect(res.status).toBe(201);
    receipts = res.body.data.receipts;
    const ads = receipts.find((r) => r.agreement === s.agreements.ads)!;
    expect((await h.http().post('/api/user-consent/withdrawals').send({ receipt: ads.id, token: ads.token })).status).toBe(201);
  });

  it('declares one content-API action for Settings → API Tokens, not granted to the public role', async () => {
    const actions = await h.admin.get('/admin/content-api/permissions');
    expect(actions.status).toBe(200);
    expect(actions.body.data['plugin::user-consent'].controllers.status).toEqual(['query']);
    const roles = (await h.admin.get('/users-permissions/roles')).body.roles as { id: number; type: string }[];
    const publicRole = roles.find((r) => r.type === 'public')!;
    const permissions = (await h.admin.get(`/users-permissions/roles/${publicRole.id}`)).body.role.permissions;
    expect(permissions['plugin::user-consent'].controllers.status.query.enabled).toBe(false);
  });

  it('answers 401 without a token or with an unknown one, 403 to a token without the action', async () => {
    expect((await query({ email: 'anna@example.com' })).status).toBe(401);
    expect((await query({ email: 'anna@example.com' }, 'not-a-token')).status).toBe(401);
    expect((await h.http().get('/api/user-consent/status?email=anna%40example.com')).status).toBe(401);
    expect((await query({ email: 'anna@example.com' }, tokens.readOnly)).status).toBe(403);
    expect((await query({ email: 'anna@example.com' }, tokens.other)).status).toBe(403);
    // An admin's session token is not an API token.
    expect((await query({ email: 'anna@example.com' }, h.admin.token)).status).toBe(401);
  });

  it('answers a custom token holding the action and a full-access token, per agreement', async () => {
    const events = await h.strapi.db.query(CONSENT).findMany({ where: { receiptId: { $in: receipts.map((r) => r.id) } } });
    const pd = events.find((e: any) => e.agreementId === s.agreements.pd);
    const ads = events.find((e: any) => e.agreementId === s.agreements.ads);
    const withdrawal = await h.strapi.db.query(CONSENT).findOne({ where: { withdrawsId: ads.id, action: 'withdrawn' } });
    const expected = [
      { agreement: s.agreements.pd, state: 'given', version: s.versions.pd, versionNumber: 1, givenAt: new Date(pd.recordedAt).toISOString(), expiresAt: null, receipt: pd.receiptId, endedAt: null },
      {
        agreement: s.agreements.ads,
        state: 'withdrawn',
        version: s.versions.ads,
        versionNumber: 1,
        givenAt: new Date(ads.recordedAt).toISOString(),
        expiresAt: null,
        receipt: ads.receiptId,
        endedAt: new Date(withdrawal.recordedAt).toISOString(),
      },
    ];
    for (const key of [tokens.custom, tokens.full]) {
      const res = await query({ email: 'ANNA@example.com' }, key);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body.data).toEqual(expected);
    }
    // The same by phone, through GET, and from the typed service method.
    const got = await h.http().get('/api/user-consent/status?phone=%2B79010000001').set('Authorization', `Bearer ${tokens.custom}`);
    expect(got.status).toBe(200);
    expect(got.body.data).toEqual(expected);
    expect(await h.strapi.plugin('user-consent').service('consent').status({ email: 'anna@example.com' })).toEqual(expected);
    // One agreement, or the agreements serving one purpose.
    expect((await query({ email: 'anna@example.com', agreement: s.agreements.ads }, tokens.custom)).body.data).toEqual([expected[1]]);
    expect((await query({ email: 'anna@example.com', purpose: 'newsletters-advertising' }, tokens.custom)).body.data).toEqual([expected[1]]);
    expect((await query({ email: 'anna@example.com', purpose: 'analytics' }, tokens.custom)).body.data).toEqual([]);
    // Nobody known by that identifier: an empty answer, not an error.
    expect((await query({ email: 'nobody@example.com' }, tokens.custom)).body).toEqual({ data: [] });
  });

  // The status API keeps a token it found for apiTokenCacheMs (5 s by default): what an admin changes
  // here must count at the next request all the same.
  it('stops answering a token at once when an admin removes its action, regenerates or deletes it', async () => {
    const key = await token('Kept, then changed', 'custom', [ACTION]);
    const id = (await h.admin.get('/admin/api-tokens')).body.data.find((t: any) => t.name === 'Kept, then changed').id;
    expect((await query({ email: 'anna@example.com' }, key)).status).toBe(200);
    expect((await h.admin.put(`/admin/api-tokens/${id}`).send({ permissions: ['plugin::user-consent.public-form.findOne'] })).status).toBe(200);
    expect((await query({ email: 'anna@example.com' }, key)).status).toBe(403);
    expect((await h.admin.put(`/admin/api-tokens/${id}`).send({ permissions: [ACTION] })).status).toBe(200);
    expect((await query({ email: 'anna@example.com' }, key)).status).toBe(200);
    const regenerated = await h.admin.post(`/admin/api-tokens/${id}/regenerate`);
    expect(regenerated.status).toBe(201);
    expect((await query({ email: 'anna@example.com' }, key)).status).toBe(401);
    const next = regenerated.body.data.accessKey as string;
    expect((await query({ email: 'anna@example.com' }, next)).status).toBe(200);
    expect((await h.admin.del(`/admin/api-tokens/${id}`)).status).toBe(200);
    expect((await query({ email: 'anna@example.com' }, next)).status).toBe(401);
  });

  it('refuses an expired token with a 401 and moves lastUsedAt as Strapi does', async () => {
    const key = await token('Expiring', 'custom', [ACTION]);
    const row = await h.strapi.db.query('admin::api-token').findOne({ where: { name: 'Expiring' } });
    expect(row.lastUsedAt).toBeNull();
    expect((await query({ email: 'anna@example.com' }, key)).status).toBe(200);
    const used = await h.strapi.db.query('admin::api-token').findOne({ where: { id: row.id } });
    expect(used.lastUsedAt).not.toBeNull();
    // Expired behind the admin's back (a token's lifespan is at least a week): the query engine's
    // write clears what this process keeps too.
    await h.strapi.db.query('admin::api-token').update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await query({ email: 'anna@example.com' }, key)).status).toBe(401);
  });

  it.each([
    ['no identifier', {}],
    ['two identifiers', { email: 'anna@example.com', phone: '+79010000001' }],
    ['a malformed e-mail', { email: 'anna' }],
    ['an unknown field', { email: 'anna@example.com', name: 'Anna' }],
    ['a bad agreement id', { email: 'anna@example.com', agreement: 'first' }],
    ['an empty purpose', { email: 'anna@example.com', purpose: '' }],
  ])('refuses %s with a 400', async (_name, body) => {
    const res = await query(body, tokens.custom);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    await expect(h.strapi.plugin('user-consent').service('consent').status(body as any)).rejects.toMatchObject({ name: 'ValidationError' });
  });
});
