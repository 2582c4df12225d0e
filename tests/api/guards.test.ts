import type { Harness } from '../helpers/strapi';
import { withScenario, giveOnContact, counts, type Scenario } from '../helpers/scenario';

const CONSENT = 'plugin::user-consent.consent';
const VERSION = 'plugin::user-consent.agreement-version';

describe('consents and versions can be neither changed nor deleted', () => {
  let h: Harness;
  let s: Scenario;
  let consent: any;
  let snapshot: { consents: any[]; versions: any[] };

  const table = (uid: string) => h.strapi.db.metadata.get(uid).tableName;
  const everything = async () => ({
    consents: await h.strapi.db.connection(table(CONSENT)).orderBy('id').select('*'),
    versions: await h.strapi.db.connection(table(VERSION)).orderBy('id').select('*'),
  });

  withScenario((app) => ({ h, s } = app));
  beforeAll(async () => {
    const [receipt] = await giveOnContact(h, s);
    consent = await h.strapi.db.query(CONSENT).findOne({ where: { receiptId: receipt.id } });
    // A route of the app's own that runs raw SQL, to show how a trigger's refusal reaches a client.
    snapshot = await everything();
  });
  afterEach(async () => {
    // Whatever was attempted, nothing was lost or changed.
    expect(await everything()).toEqual(snapshot);
  });

  it('has the triggers installed', async () => {
    const { listTriggers } = require('../../server/src/guards/triggers');
    const { missing, expected } = await listTriggers(h.strapi);
    expect(expected.length).toBeGreaterThanOrEqual(4);
    expect(missing).toEqual([]);
  });

  describe.each([
    ['a consent', CONSENT, () => consent, /Consent records can never be changed or deleted/],
    ['an agreement version', VERSION, () => ({ id: s.versions.pd, documentId: snapshot.versions.find((v) => v.id === s.versions.pd).document_id }), /Agreement versions can never be changed or deleted/],
  ])('%s', (_what, uid, row, message) => {
    it('is refused by the document service (update, delete, create)', async () => {
      const docs = h.strapi.documents(uid as any);
      await expect(docs.update({ documentId: row().documentId, data: { note: 'x', label: 'x' } as any })).rejects.toMatchObject({ name: 'PolicyError', message: expect.stringMatching(message) });
      await expect(docs.delete({ documentId: row().documentId })).rejects.toMatchObject({ name: 'PolicyError' });
      await expect(docs.create({ data: { action: 'given', agreementId: 1, versionId: 1, label: 'x', labelHtml: 'x', hash: 'x', number: 9, recordedAt: new Date() } as any })).rejects.toMatchObject({ name: 'PolicyError' });
    });

    it('is refused by the query engine (update, updateMany, delete, deleteMany)', async () => {
      const q = h.strapi.db.query(uid as any);
      await expect(q.update({ where: { id: row().id }, data: { note: 'x', label: 'x' } })).rejects.toMatchObject({ name: 'PolicyError', message: expect.stringMatching(message) });
      await expect(q.updateMany({ where: {}, data: { note: 'x', label: 'x' } })).rejects.toMatchObject({ name: 'PolicyError' });
      await expect(q.delete({ where: { id: row().id } })).rejects.toMatchObject({ name: 'PolicyError' });
      await expect(q.deleteMany({ where: {} })).rejects.toMatchObject({ name: 'PolicyError' });
    });

    it('is refused by the database itself (raw SQL update and delete)', async () => {
      // toMatchObject, not toThrow: better-sqlite3 builds its errors with the class of the first test
      // file that loaded it, which is not an Error of this file's realm in jest.
      const knex = h.strapi.db.connection;
      const col = uid === CONSENT ? 'note' : 'label';
      await expect(knex(table(uid)).where({ id: row().id }).update({ [col]: 'tampered' })).rejects.toMatchObject({ message: expect.stringMatching(/user-consent: refused/) });
      await expect(knex(table(uid)).where({ id: row().id }).delete()).rejects.toMatchObject({ message: expect.stringMatching(/user-consent: refused/) });
      await expect(knex(table(uid)).delete()).rejects.toMatchObject({ message: expect.stringMatching(/user-consent: refused/) });
    });

    it('is refused through the Content Manager, single and bulk, with a 4xx', async () => {
      const base = `/content-manager/collection-types/${uid}`;
      const del = await h.admin.del(`${base}/${row().documentId}`);
      expect(del.status).toBeGreaterThanOrEqual(400);
      expect(del.status).toBeLessThan(500);
      const put = await h.admin.put(`${base}/${row().documentId}`).send({ note: 'x', label: 'x' });
      expect(put.status).toBeGreaterThanOrEqual(400);
      expect(put.status).toBeLessThan(500);
      const bulk = await h.admin.post(`${base}/actions/bulkDelete`).send({ documentIds: [row().documentId] });
      expect(bulk.status).toBeGreaterThanOrEqual(400);
      expect(bulk.status).toBeLessThan(500);
    });
  });

  it('has no plugin route that changes or deletes them', async () => {
    for (const path of [`/user-consent/versions/${s.versions.pd}`, `/user-consent/consents/${consent.id}`]) {
      expect((await h.admin.del(path)).status).toBeGreaterThanOrEqual(400);
      expect((await h.admin.put(path).send({})).status).toBeGreaterThanOrEqual(400);
    }
    expect((await h.http().delete(`/api/user-consent/versions/${s.versions.pd}`)).status).toBeGreaterThanOrEqual(400);
  });

  it('answers a client with a 403 and the reason when only the trigger stopped a raw delete', async () => {
    const res = await h.http().delete(`/test-only/raw-delete/${consent.id}`);
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ name: 'PolicyError', message: 'Consent records can never be changed or deleted; record a withdrawal instead.' });
  });

  it('refuses to delete an agreement with consents and a company in use, on every path', async () => {
    const before = await counts(h);
    const agreement = await h.strapi.db.query('plugin::user-consent.agreement').findOne({ where: { id: s.agreements.pd } });
    await expect(h.strapi.db.query('plugin::user-consent.agreement').delete({ where: { id: s.agreements.pd } })).rejects.toMatchObject({ message: expect.stringMatching(/deactivate it instead/) });
    await expect(h.strapi.documents('plugin::user-consent.agreement' as any).delete({ documentId: agreement.documentId })).rejects.toMatchObject({ message: expect.stringMatching(/deactivate it instead/) });
    const api = await h.admin.del(`/user-consent/agreements/${s.agreements.pd}`);
    expect(api.status).toBe(400);
    await expect(h.strapi.db.query('plugin::user-consent.company').deleteMany({ where: { id: s.company } })).rejects.toMatchObject({ message: expect.stringMatching(/used by \d+ agreement/) });
    expect(await h.strapi.db.query('plugin::user-consent.agreement').count({ where: { id: s.agreements.pd } })).toBe(1);
    expect(await counts(h)).toEqual(before);
  });
});
