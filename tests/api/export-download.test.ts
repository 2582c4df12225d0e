/**
 * One-time download links for CSV exports: the admin panel asks for a link with its authenticated
 * request, and the browser downloads the file from it (streamed to disk, not held in the page).
 */
import supertest from 'supertest';
import { binary, type Harness } from '../helpers/strapi';
import { withScenario, type Scenario } from '../helpers/scenario';

const P = 'plugin::user-consent.';

describe('export download links', () => {
  let h: Harness;
  let s: Scenario;
  const server = () => h.strapi.server.httpServer;
  const download = (url: string) => binary(supertest(server()).get(url));

  withScenario((app) => ({ h, s } = app), { env: { PROXY: 'true', UC_RATE_LIMIT: 'false' } });
  beforeAll(async () => {
    for (let i = 0; i < 5; i += 1) {
      const res = await h
        .http()
        .post('/api/user-consent/forms/contact/consents')
        .set('X-Forwarded-For', `198.51.100.${i + 1}`)
        .send({
          pageUrl: 'https://site.example/contact',
          subject: { email: `person${i}@example.com`, name: 'Пётр' },
          data: { name: 'Пётр', email: `person${i}@example.com` },
          decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.ads, accepted: i % 2 === 0 }],
        });
      expect(res.status).toBe(201);
    }
  });

  it('downloads, without an admin token, exactly what the direct export gives, once', async () => {
    const issued = await h.admin.post('/user-consent/consents/export-ticket').send({ agreement: s.agreements.ads, ip: '198.51.100.' });
    expect(issued.status).toBe(201);
    const { url, expiresAt } = issued.body.data;
    expect(url).toMatch(/^\/user-consent\/consents\/export-download\?ticket=[A-Za-z0-9_-]{43}$/);
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());

    const file = await download(url);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toMatch(/text\/csv/);
    expect(file.headers['content-disposition']).toMatch(/attachment; filename="consents-.*\.csv"/);
    const direct = await binary(h.admin.post('/user-consent/consents/export').send({ agreement: s.agreements.ads, ip: '198.51.100.' }));
    const body = (file.body as Buffer).toString('utf8');
    expect(body.charCodeAt(0)).toBe(0xfeff);
    expect(body.trim().split('\n')).toHaveLength(1 + 5);
    expect(body).toContain('Пётр');
    expect(body).toBe((direct.body as Buffer).toString('utf8'));

    // Used up: the same link again is a 404 in Strapi's error shape.
    const again = await supertest(server()).get(url);
    expect(again.status).toBe(404);
    expect(again.body.error).toMatchObject({ status: 404, name: 'NotFoundError' });

    // Recorded like any export, under the admin who asked for the link.
    const logged = await h.admin.get('/user-consent/exports');
    expect(logged.body.data[0]).toMatchObject({ adminEmail: 'owner@example.com', withPersonalData: true, rows: 5, filter: { ip: '198.51.100.', agreement: s.agreements.ads } });
  });

  it('refuses unknown, malformed and expired links with a 404', async () => {
    for (const ticket of ['', 'x', 'A'.repeat(43), "'; DROP TABLE uc_export_tickets; --", 'A'.repeat(5000)]) {
      const res = await supertest(server()).get(`/user-consent/consents/export-download?ticket=${encodeURIComponent(ticket)}`);
      expect(res.status).toBe(404);
    }
    const issued = await h.admin.post('/user-consent/consents/export-ticket');
    await h.strapi.db.connection('uc_export_tickets').update({ expires_at: Date.now() - 1 });
    expect((await supertest(server()).get(issued.body.data.url)).status).toBe(404);
  });

  it('needs the export permission, and keeps a role without personal data from IP filters and personal columns', async () => {
    const reader = await h.adminWithActions([`${P}consents.read`]);
    expect((await reader.post('/user-consent/consents/export-ticket')).status).toBe(403);
    expect((await supertest(server()).post('/user-consent/consents/export-ticket')).status).toBe(401);

    const exporter = await h.adminWithActions([`${P}consents.read`, `${P}consents.export`]);
    const byIp = await exporter.post('/user-consent/consents/export-ticket').send({ ip: '198.51.100.1' });
    expect(byIp.status).toBe(403);
    const issued = await exporter.post('/user-consent/consents/export-ticket').send({ form: 'contact' });
    expect(issued.status).toBe(201);
    const file = await download(issued.body.data.url);
    expect(file.status).toBe(200);
    const header = (file.body as Buffer).toString('utf8').slice(1).split('\n')[0].split(',');
    expect(header).toContain('hash');
    expect(header).not.toContain('ip');
    expect(header).not.toContain('subjectEmail');
  });

  it('refuses a bad filter with a 400 and issues nothing', async () => {
    const before = await h.strapi.db.connection('uc_export_tickets').count({ n: '*' });
    const res = await h.admin.post('/user-consent/consents/export-ticket').send({ from: 'not-a-date' });
    expect(res.status).toBe(400);
    expect(await h.strapi.db.connection('uc_export_tickets').count({ n: '*' })).toEqual(before);
  });
});
