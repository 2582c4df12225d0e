/**
 * The domain rules answer the same on every path: the plugin's admin API (the services), the query
 * engine, the document service, raw SQL (the database's triggers) and an app route that runs raw SQL.
 */
import type { Harness } from '../helpers/strapi';
import { withScenario, giveOnContact, type Scenario } from '../helpers/scenario';

const FORM = 'plugin::user-consent.form';
const AGREEMENT = 'plugin::user-consent.agreement';
const COMPANY = 'plugin::user-consent.company';

/** What a refusal must look like wherever it came from. */
const RULES = {
  formHasConsents: { status: 400, name: 'ApplicationError', code: 'form-has-consents', message: /This form has consent records and cannot be deleted; deactivate it instead\./ },
  formKeyInUse: { status: 400, name: 'ValidationError', code: 'form-key-in-use', message: /key of a form that has consents cannot change/ },
  agreementHasConsents: { status: 400, name: 'ApplicationError', code: 'agreement-has-consents', message: /This agreement has consent records and cannot be deleted; deactivate it instead\./ },
  agreementAttached: { status: 400, name: 'ApplicationError', code: 'agreement-attached', message: /attached to the form\(s\) "attach-only"; detach it there first/ },
  companyInUse: { status: 400, name: 'ApplicationError', code: 'company-in-use', message: /used by \d+ agreement\(s\)/ },
} as const;

type Rule = (typeof RULES)[keyof typeof RULES];

/** A Strapi error thrown in process (query engine, document service). */
const thrown = (rule: Rule) => ({ name: rule.name, message: expect.stringMatching(rule.message), details: expect.objectContaining({ code: rule.code }) });

/** A Strapi error body answered over HTTP. */
const answered = (res: { status: number; body: any }, rule: Rule) => {
  expect(res.status).toBe(rule.status);
  expect(res.body.data).toBeNull();
  expect(res.body.error).toMatchObject({ status: rule.status, name: rule.name, message: expect.stringMatching(rule.message), details: expect.objectContaining({ code: rule.code }) });
};

/** A trigger's refusal as the driver raises it (better-sqlite3, pg, mysql2). */
const refusedBy = (code: string) => ({ message: expect.stringMatching(new RegExp(`user-consent: refused: ${code}`)) });

describe('domain rules: one answer on every path', () => {
  let h: Harness;
  let s: Scenario;
  let contact: { id: number; documentId: string; key: string };
  let attachOnly: { id: number; documentId: string };
  const table = (uid: string) => h.strapi.db.metadata.get(uid).tableName;
  const knex = () => h.strapi.db.connection;

  withScenario((app) => ({ h, s } = app));
  beforeAll(async () => {
    await giveOnContact(h, s);
    contact = await h.strapi.db.query(FORM).findOne({ where: { key: 'contact' }, select: ['id', 'documentId', 'key'] });
    // An agreement without consents that a form carries.
    const a = await h.admin.post('/user-consent/agreements').send({ name: 'Attached only', type: 'custom', label: 'I accept [this]', customHtml: '<p>x</p>' });
    expect(a.status).toBe(201);
    attachOnly = { id: a.body.data.id, documentId: a.body.data.documentId };
    const f = await h.admin.post('/user-consent/forms').send({ key: 'attach-only', name: 'Attach', agreements: [{ agreementId: attachOnly.id, behaviour: 'optional-unchecked' }] });
    expect(f.status).toBe(201);
    // Routes of the app's own code that run raw SQL: only the triggers stop them, and the client must
    // still get the rule's clean 4xx.
    h.strapi.server.router.delete('/test-only/raw-form-delete/:id', async (ctx: any) => {
      await knex()(table(FORM)).where({ id: Number(ctx.params.id) }).delete();
      ctx.status = 204;
    });
    h.strapi.server.router.put('/test-only/raw-form-rekey/:id', async (ctx: any) => {
      await knex()(table(FORM)).where({ id: Number(ctx.params.id) }).update({ key: 'rekeyed' });
      ctx.status = 204;
    });
    h.strapi.server.router.delete('/test-only/raw-agreement-delete/:id', async (ctx: any) => {
      await knex()(table(AGREEMENT)).where({ id: Number(ctx.params.id) }).delete();
      ctx.status = 204;
    });
  });

  it('installs the guard triggers beside the append-only ones', async () => {
    const { listTriggers } = require('../../server/src/guards/triggers');
    const { expected, missing } = await listTriggers(h.strapi);
    expect(expected).toEqual(expect.arrayContaining(['uc_forms_uc_guard_delete', 'uc_forms_uc_guard_update', 'uc_agreements_uc_guard_delete']));
    expect(missing).toEqual([]);
  });

  /** What cannot be deleted, refused alike by the admin API, the query engine and the document service. */
  describe.each([
    { what: 'a form that has consents', uid: FORM, admin: '/user-consent/forms', rule: RULES.formHasConsents, row: () => contact, many: () => ({ key: { $in: ['contact', 'shop'] } }) },
    { what: 'an agreement attached to a form', uid: AGREEMENT, admin: '/user-consent/agreements', rule: RULES.agreementAttached, row: () => attachOnly, many: () => ({ id: { $in: [attachOnly.id] } }) },
  ])('$what cannot be deleted', ({ uid, admin, rule, row, many }) => {
    afterEach(async () => {
      expect(await h.strapi.db.query(uid).count({ where: { id: row().id } })).toBe(1);
    });

    it('through the admin API', async () => {
      answered(await h.admin.del(`${admin}/${row().id}`), rule);
    });

    it('through the query engine (delete, deleteMany)', async () => {
      const q = h.strapi.db.query(uid);
      const kept = await q.count({ where: many() });
      await expect(q.delete({ where: { id: row().id } })).rejects.toMatchObject(thrown(rule));
      // A deleteMany that takes in one that may not go deletes none.
      await expect(q.deleteMany({ where: many() })).rejects.toMatchObject(thrown(rule));
      expect(await q.count({ where: many() })).toBe(kept);
    });

    it('through the document service', async () => {
      await expect(h.strapi.documents(uid as any).delete({ documentId: row().documentId })).rejects.toMatchObject(thrown(rule));
    });
  });

  describe('a form that has consents cannot be deleted by raw SQL either', () => {
    afterEach(async () => {
      expect(await h.strapi.db.query(FORM).count({ where: { id: contact.id } })).toBe(1);
    });

    it('by raw SQL (the database trigger)', async () => {
      await expect(knex()(table(FORM)).where({ id: contact.id }).delete()).rejects.toMatchObject(refusedBy('form-has-consents'));
      await expect(knex()(table(FORM)).delete()).rejects.toMatchObject(refusedBy('form-has-consents'));
      if (h.strapi.db.dialect.client === 'postgres') {
        await expect(knex().raw(`TRUNCATE ${table(FORM)}`)).rejects.toMatchObject(refusedBy('form-has-consents'));
      }
    });

    it('and an app route whose raw SQL only the trigger stopped answers the same 400', async () => {
      answered(await h.http().delete(`/test-only/raw-form-delete/${contact.id}`), RULES.formHasConsents);
    });
  });

  describe('a form that has consents keeps its key', () => {
    afterEach(async () => {
      expect((await h.strapi.db.query(FORM).findOne({ where: { id: contact.id }, select: ['key'] })).key).toBe('contact');
    });

    it('through the admin API', async () => {
      const res = await h.admin.put(`/user-consent/forms/${contact.id}`).send({ key: 'contact-2' });
      answered(res, RULES.formKeyInUse);
      expect(res.body.error.details.errors).toEqual([expect.objectContaining({ path: ['key'] })]);
    });

    it('through the query engine (update, updateMany)', async () => {
      const q = h.strapi.db.query(FORM);
      await expect(q.update({ where: { id: contact.id }, data: { key: 'contact-2' } })).rejects.toMatchObject(thrown(RULES.formKeyInUse));
      await expect(q.updateMany({ where: { id: contact.id }, data: { key: 'contact-2' } })).rejects.toMatchObject(thrown(RULES.formKeyInUse));
    });

    it('through the document service', async () => {
      await expect(h.strapi.documents(FORM as any).update({ documentId: contact.documentId, data: { key: 'contact-2' } as any })).rejects.toMatchObject(
        thrown(RULES.formKeyInUse)
      );
    });

    it('by raw SQL (the database trigger), while its other columns stay editable', async () => {
      await expect(knex()(table(FORM)).where({ id: contact.id }).update({ key: 'contact-2' })).rejects.toMatchObject(refusedBy('form-key-in-use'));
      await knex()(table(FORM)).where({ id: contact.id }).update({ name: 'Contact us (raw)' });
      await knex()(table(FORM)).where({ id: contact.id }).update({ key: 'contact' });
      expect(await h.strapi.db.query(FORM).update({ where: { id: contact.id }, data: { name: 'Contact us', key: 'contact' } })).toMatchObject({ name: 'Contact us' });
    });

    it('and an app route whose raw SQL only the trigger stopped answers the same 400', async () => {
      answered(await h.http().put(`/test-only/raw-form-rekey/${contact.id}`), RULES.formKeyInUse);
    });
  });

  describe('an agreement that has consents cannot be deleted', () => {
    afterEach(async () => {
      expect(await h.strapi.db.query(AGREEMENT).count({ where: { id: s.agreements.pd } })).toBe(1);
    });

    it('through the admin API, the query engine and the document service alike', async () => {
      answered(await h.admin.del(`/user-consent/agreements/${s.agreements.pd}`), RULES.agreementHasConsents);
      await expect(h.strapi.db.query(AGREEMENT).delete({ where: { id: s.agreements.pd } })).rejects.toMatchObject(thrown(RULES.agreementHasConsents));
      const { documentId } = await h.strapi.db.query(AGREEMENT).findOne({ where: { id: s.agreements.pd }, select: ['documentId'] });
      await expect(h.strapi.documents(AGREEMENT as any).delete({ documentId })).rejects.toMatchObject(thrown(RULES.agreementHasConsents));
    });

    it('by raw SQL (the database trigger), and an app route answers the same 400', async () => {
      await expect(knex()(table(AGREEMENT)).where({ id: s.agreements.pd }).delete()).rejects.toMatchObject(refusedBy('agreement-has-consents'));
      answered(await h.http().delete(`/test-only/raw-agreement-delete/${s.agreements.pd}`), RULES.agreementHasConsents);
    });
  });

  it('refuses to delete a company in use on every path, with one answer', async () => {
    answered(await h.admin.del(`/user-consent/companies/${s.company}`), RULES.companyInUse);
    await expect(h.strapi.db.query(COMPANY).delete({ where: { id: s.company } })).rejects.toMatchObject(thrown(RULES.companyInUse));
    const { documentId } = await h.strapi.db.query(COMPANY).findOne({ where: { id: s.company }, select: ['documentId'] });
    await expect(h.strapi.documents(COMPANY as any).delete({ documentId })).rejects.toMatchObject(thrown(RULES.companyInUse));
    expect(await h.strapi.db.query(COMPANY).count({ where: { id: s.company } })).toBe(1);
  });

  it('lets every path delete and re-key what nothing refers to', async () => {
    // Query engine: a form without consents is re-keyed, then deleted.
    const scratch = await h.admin.post('/user-consent/forms').send({ key: 'scratch-1', name: 'Scratch' });
    expect(scratch.status).toBe(201);
    await h.strapi.db.query(FORM).update({ where: { id: scratch.body.data.id }, data: { key: 'scratch-1b' } });
    await h.strapi.db.query(FORM).delete({ where: { id: scratch.body.data.id } });
    // Document service.
    const other = await h.admin.post('/user-consent/forms').send({ key: 'scratch-2', name: 'Scratch' });
    await h.strapi.documents(FORM as any).delete({ documentId: other.body.data.documentId });
    // Raw SQL: the triggers let it through.
    const third = await h.admin.post('/user-consent/forms').send({ key: 'scratch-3', name: 'Scratch' });
    await knex()(table(FORM)).where({ id: third.body.data.id }).update({ key: 'scratch-3b' });
    await knex()(table(FORM)).where({ id: third.body.data.id }).delete();
    const unused = await h.admin.post('/user-consent/agreements').send({ name: 'Unused', type: 'custom', label: 'I accept [this]', customHtml: '<p>x</p>' });
    await knex()(table(AGREEMENT)).where({ id: unused.body.data.id }).delete();
    expect(await h.strapi.db.query(FORM).count({ where: { key: { $startsWith: 'scratch' } } })).toBe(0);
    expect(await h.strapi.db.query(AGREEMENT).count({ where: { id: unused.body.data.id } })).toBe(0);
  });

  it('consent service: withdrawRecord withdraws a record by id for the admin route, once', async () => {
    const service = h.strapi.plugin('user-consent').service('consent');
    await expect(service.withdrawRecord(999999, { note: 'letter', recordedBy: null })).rejects.toMatchObject({ name: 'NotFoundError' });
    const given = await h.strapi.db.query('plugin::user-consent.consent').findOne({ where: { action: 'given', formKey: 'contact' }, select: ['id', 'receiptId'] });
    const first = await service.withdrawRecord(given.id, { note: 'letter of 1 December', recordedBy: null });
    expect(first.data).toMatchObject({ alreadyWithdrawn: false, receipt: given.receiptId, withdrawal: { channel: 'admin' } });
    const again = await service.withdrawRecord(given.id, { note: 'again', recordedBy: null });
    expect(again.data).toMatchObject({ alreadyWithdrawn: true, withdrawal: { receipt: first.data.withdrawal.receipt } });
  });
});
