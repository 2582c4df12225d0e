/**
 * The site's own users (users-permissions): a consent given with a user's JWT names that user as its
 * subject; registration can require the agreements of a form (config `registrationForm`). One boot.
 */
import crypto from 'node:crypto';
import { withHarness, type Harness } from '../helpers/strapi';
import { createScenario, type Scenario } from '../helpers/scenario';

const USER = 'plugin::users-permissions.user';
const PERSONAL = 'plugin::user-consent.personal';
const CONSENT = 'plugin::user-consent.consent';

const externalHash = (id: string) => crypto.createHash('sha256').update(`external:${id}`).digest('hex');

describe('site users (users-permissions)', () => {
  let h: Harness;
  let s: Scenario;
  const users = () => h.strapi.db.query(USER).count({});
  const events = () => h.strapi.db.query(CONSENT).count({});
  const register = (body: Record<string, unknown>) => h.http().post('/api/auth/local/register').send(body);
  const accept = () => ({ pageUrl: 'https://site.example/signup', decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }] });

  withHarness(
    async (app) => {
      h = app;
      s = await createScenario(h);
      const res = await h.admin.post('/user-consent/forms').send({
        key: 'signup',
        name: 'Sign-up',
        fields: [],
        agreements: [{ agreementId: s.agreements.pd, behaviour: 'required-read' }],
      });
      expect(res.status).toBe(201);
    },
    { env: { UC_REGISTRATION_FORM: 'signup' } }
  );

  describe('registration that requires the form\'s agreements', () => {
    it('refuses a registration without consents: 400 naming them, and no user is created', async () => {
      const before = await users();
      const res = await register({ username: 'nobody', email: 'nobody@example.com', password: 'Secret-Pass-1' });
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('ValidationError');
      expect(res.body.error.details.errors[0].path).toEqual(['consents']);
      expect(await users()).toBe(before);
    });

    it('refuses a registration whose required agreement is declined, and creates no user and no event', async () => {
      const [u, e] = [await users(), await events()];
      const res = await register({
        username: 'decliner',
        email: 'decliner@example.com',
        password: 'Secret-Pass-1',
        consents: { pageUrl: 'https://site.example/signup', decisions: [{ version: s.versions.pd, accepted: false }] },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/required and was not accepted/);
      expect([await users(), await events()]).toEqual([u, e]);
    });

    it('refuses a consents body with an unknown key (the form contract), creating nothing', async () => {
      const before = await users();
      const res = await register({ username: 'odd', email: 'odd@example.com', password: 'Secret-Pass-1', consents: { ...accept(), sneaky: 1 } });
      expect(res.status).toBe(400);
      expect(await users()).toBe(before);
    });

    it('registers a user who accepts, and records the consent with the new user as its subject', async () => {
      const before = await events();
      const res = await register({ username: 'marina', email: 'marina@example.com', password: 'Secret-Pass-1', consents: { ...accept(), pageUrl: 'https://site.example/signup?ref=x' } });
      expect(res.status).toBe(200);
      expect(res.body.jwt).toEqual(expect.any(String));
      const documentId = res.body.user.documentId as string;
      expect(await events()).toBe(before + 1);
      const event = await h.strapi.db.query(CONSENT).findOne({ orderBy: { seq: 'desc' } });
      expect(event).toMatchObject({ action: 'given', formKey: 'signup', agreementId: s.agreements.pd, pageUrl: 'https://site.example/signup' });
      const record = await h.strapi.db.query(PERSONAL).findOne({ where: { id: event.personalId } });
      expect(record.subject).toEqual({ email: 'marina@example.com', externalId: `users-permissions:${documentId}` });
      expect(record.externalHash).toBe(externalHash(`users-permissions:${documentId}`));
    });

    it("the form's own route still takes an anonymous consent, naming nobody", async () => {
      const res = await h.http().post('/api/user-consent/forms/signup/consents').send(accept());
      expect(res.status).toBe(201);
      const event = await h.strapi.db.query(CONSENT).findOne({ orderBy: { seq: 'desc' } });
      // Its record holds the IP and user agent, and names nobody.
      const record = await h.strapi.db.query(PERSONAL).findOne({ where: { id: event.personalId } });
      expect(record.subject).toBeNull();
      expect(record.externalHash).toBeNull();
    });
  });

  describe('a consent given by a logged-in user', () => {
    let jwt: string;
    let documentId: string;
    /** A plain submission of the contact form with this bearer token. */
    const contactWith = (token: string) =>
      h
        .http()
        .post('/api/user-consent/forms/contact/consents')
        .set('Authorization', `Bearer ${token}`)
        .send({ pageUrl: 'https://site.example/contact', data: { name: 'X', email: 'x@example.com' }, decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.ads, accepted: false }] });
    beforeAll(async () => {
      const res = await register({ username: 'pavel', email: 'pavel@example.com', password: 'Secret-Pass-1', consents: accept() });
      expect(res.status).toBe(200);
      jwt = res.body.jwt;
      documentId = res.body.user.documentId;
    });

    it('names the user (users-permissions:<documentId>) beside what the form sent', async () => {
      const res = await h
        .http()
        .post('/api/user-consent/forms/contact/consents')
        .set('Authorization', `Bearer ${jwt}`)
        .send({
          pageUrl: 'https://site.example/contact',
          subject: { email: 'pavel.work@example.com' },
          data: { name: 'Павел', email: 'pavel.work@example.com' },
          decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.ads, accepted: true }],
        });
      expect(res.status).toBe(201);
      const look = await h.admin.post('/user-consent/subjects/lookup').send({ externalId: `users-permissions:${documentId}` });
      expect(look.status).toBe(200);
      const found = look.body.data;
      // The registration's consent and both of this form's: all found by the user's id.
      expect(found.events.map((e: any) => e.formKey).sort()).toEqual(['contact', 'contact', 'signup']);
      const contact = found.events.find((e: any) => e.formKey === 'contact');
      expect(contact.subject).toEqual({ email: 'pavel.work@example.com', externalId: `users-permissions:${documentId}` });
    });

    it('refuses a bad or forged token with 401 and stores nothing', async () => {
      const before = await events();
      for (const token of ['not-a-jwt', `${jwt.slice(0, -4)}AAAA`]) {
        const res = await contactWith(token);
        expect(res.status).toBe(401);
        expect(res.body.error.name).toBe('UnauthorizedError');
      }
      expect(await events()).toBe(before);
    });

    it('refuses a blocked user with 401', async () => {
      await h.strapi.db.query(USER).update({ where: { documentId }, data: { blocked: true } });
      const res = await contactWith(jwt);
      expect(res.status).toBe(401);
      await h.strapi.db.query(USER).update({ where: { documentId }, data: { blocked: false } });
    });

    it('erases by the user\'s id: every record of the user goes, the events stay', async () => {
      const id = `users-permissions:${documentId}`;
      // Two identifiers at once are refused, changing nothing.
      const both = await h.admin.post('/user-consent/subjects/erasures').send({ externalId: id, email: 'pavel@example.com', reason: 'subject-request' });
      expect(both.status).toBe(400);
      const done = await h.admin.post('/user-consent/subjects/erasures').send({ externalId: id, reason: 'subject-request' });
      expect(done.status).toBe(201);
      expect(done.body.data).toMatchObject({ events: 3, subjects: 1 });
      const act = await h.admin.get(`/user-consent/erasures/${done.body.data.id}`);
      expect(act.body.data.kind).toBe('externalId');
      const after = await h.admin.post('/user-consent/subjects/lookup').send({ externalId: id });
      expect(after.body.data.events).toEqual([]);
      expect(await h.strapi.db.query(PERSONAL).count({ where: { externalHash: externalHash(id) } })).toBe(0);
      expect((await h.strapi.plugin('user-consent').service('integrity').verify()).intact).toBe(true);
    });
  });
});
