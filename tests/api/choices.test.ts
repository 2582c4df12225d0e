/**
 * Choices inside an agreement (issue 16, items 3 and 4), over HTTP as an editor, a visitor and a mailer
 * meet them:
 * - advertising (38-FZ art. 18; FAS: not forced): an advertising agreement (the ru-advertising
 *   template, or the advertising purpose on any agreement) is refused as a required or pre-ticked box
 *   of a form, on create, on update, through the document service, and when an attached agreement
 *   becomes an advertising one; its channels are offered by the public form, ticked one by one, kept
 *   in the consent event (a hashed proof field) and answered per channel by the status API;
 * - consent to distribution (152-FZ art. 10.1, RKN Order No. 18): the ru-distribution template names
 *   the operator's requisites, the web resources and the categories; the visitor allows or prohibits
 *   each category, and the record, the receipt and the log's record page keep each choice;
 * - the chain verifies (the plugin's integrity service and the tests' independent reference) with the
 *   new field.
 */
import { type Harness } from '../helpers/strapi';
import { withScenario, type Scenario } from '../helpers/scenario';
import { refVerify, refEventHash } from '../helpers/reference-chain';

const CONSENT = 'plugin::user-consent.consent';
const FORM = 'plugin::user-consent.form';

describe('choices: advertising channels and consent to distribution', () => {
  let h: Harness;
  let s: Scenario;
  withScenario((app) => ({ h, s } = app));

  let ads: { id: number; currentVersionId: number };
  let dist: { id: number; currentVersionId: number };
  let mailer = '';

  const capture = (key: string, decisions: unknown[], subject: Record<string, string> = { email: 'vera@example.com' }) =>
    h.http().post(`/api/user-consent/forms/${key}/consents`).send({ pageUrl: 'https://site.example/promo', subject, decisions });
  const status = (body: Record<string, unknown>) => h.http().post('/api/user-consent/status/query').set('Authorization', `Bearer ${mailer}`).send(body);
  const expectRefusal = (res: any, code: string, params: Record<string, unknown> = {}) => {
    expect({ status: res.status, name: res.body.error?.name, code: res.body.error?.details?.code }).toEqual({ status: 400, name: 'ValidationError', code });
    expect(res.body.error.details.params).toMatchObject(params);
  };
  const count = async () => h.strapi.db.query(CONSENT).count({});

  beforeAll(async () => {
    const a = await h.admin.post('/user-consent/agreements').send({
      name: 'Promo mailings',
      type: 'standard',
      template: 'ru-advertising',
      dataSource: 'company',
      companyId: s.company,
      purposes: [{ code: 'newsletters-advertising', title: '' }],
      label: 'Я даю [согласие на получение рекламы]',
      channels: ['email', 'sms', 'messengers'],
    });
    expect(a.status).toBe(201);
    ads = a.body.data;
    const d = await h.admin.post('/user-consent/agreements').send({
      name: 'Staff page',
      type: 'standard',
      template: 'ru-distribution',
      dataSource: 'company',
      companyId: s.company,
      purposes: [{ title: 'Размещение сведений о сотрудниках на сайте' }],
      label: 'Я даю [согласие на распространение персональных данных] в отмеченном объеме',
      distribution: {
        categories: [{ code: 'full-name' }, { code: 'photo' }, { code: 'hobby', title: 'увлечения' }],
        resources: ['https://site.example/team'],
        prohibitions: ['no-transfer', 'no-processing'],
        conditions: 'только на страницах раздела «Команда»',
      },
    });
    expect(d.status).toBe(201);
    dist = d.body.data;
    const f = await h.admin.post('/user-consent/forms').send({
      key: 'promo',
      name: 'Promo',
      agreements: [
        { agreementId: s.agreements.pd, behaviour: 'required-read' },
        { agreementId: ads.id, behaviour: 'optional-unchecked' },
        { agreementId: dist.id, behaviour: 'optional-unchecked' },
      ],
    });
    expect(f.status).toBe(201);
    const t = await h.admin.post('/admin/api-tokens').send({ name: 'Mailer', type: 'custom', lifespan: null, permissions: ['plugin::user-consent.status.query'] });
    mailer = t.body.data.accessKey;
  });

  describe('advertising is never forced', () => {
    it.each(['required-read', 'required-prechecked', 'optional-prechecked'])('refuses a form that offers it as %s, and stores nothing', async (behaviour) => {
      const forms = await h.strapi.db.query(FORM).count({});
      const res = await h.admin.post('/user-consent/forms').send({ key: 'forced', name: 'Forced', agreements: [{ agreementId: s.agreements.pd, behaviour: 'required-read' }, { agreementId: ads.id, behaviour }] });
      expectRefusal(res, 'advertising-not-optional', { agreement: ads.id, behaviour, allowed: ['optional-unchecked'] });
      expect(res.body.error.details.errors[0].path).toEqual(['agreements', '1', 'behaviour']);
      expect(res.body.error.message).toMatch(/neither required nor pre-ticked/);
      expect(await h.strapi.db.query(FORM).count({})).toBe(forms);
    });

    it('refuses it on update too, for the advertising purpose on any agreement (custom included)', async () => {
      const promo = (await h.strapi.db.query(FORM).findOne({ where: { key: 'promo' } })) as { id: number };
      const res = await h.admin.put(`/user-consent/forms/${promo.id}`).send({ agreements: [{ agreementId: s.agreements.pd, behaviour: 'required-read' }, { agreementId: ads.id, behaviour: 'optional-prechecked' }] });
      expectRefusal(res, 'advertising-not-optional', { agreement: ads.id });
      // The scenario's own ads agreement (ru-advertising) is unticked on the contact form: allowed.
      const custom = await h.admin.post('/user-consent/agreements').send({ name: 'Custom promo', type: 'custom', label: 'Send me [offers]', customHtml: '<p>Offers.</p>', purposes: [{ code: 'newsletters-advertising', title: '' }] });
      expect(custom.status).toBe(201);
      const forced = await h.admin.post('/user-consent/forms').send({ key: 'custom-forced', name: 'x', agreements: [{ agreementId: custom.body.data.id, behaviour: 'required-prechecked' }] });
      expectRefusal(forced, 'advertising-not-optional', { agreement: custom.body.data.id });
    });

    it('refuses an attached agreement that would become advertising while a form requires it', async () => {
      const res = await h.admin.put(`/user-consent/agreements/${s.agreements.terms}`).send({ purposes: [{ code: 'newsletters-advertising', title: '' }] });
      expectRefusal(res, 'advertising-not-optional', { agreement: s.agreements.terms, behaviour: 'required-prechecked' });
      const stored = (await h.admin.get(`/user-consent/agreements/${s.agreements.terms}`)).body.data;
      expect(stored.purposes).toEqual([]);
    });

    it('refuses the same through the document service and the query engine', async () => {
      const viaDocuments = h.strapi.documents(FORM as any).create({ data: { key: 'doc-forced', name: 'x', agreements: [{ agreementId: ads.id, behaviour: 'required-read' }] } as any });
      await expect(viaDocuments).rejects.toMatchObject({ name: 'ValidationError', details: { code: 'advertising-not-optional' } });
      const viaQuery = h.strapi.db.query(FORM).update({ where: { key: 'promo' }, data: { agreements: [{ agreementId: ads.id, behaviour: 'optional-prechecked' }] } });
      await expect(viaQuery).rejects.toMatchObject({ details: { code: 'advertising-not-optional' } });
      expect(await h.strapi.db.query(FORM).count({ where: { key: 'doc-forced' } })).toBe(0);
    });

    it('refuses channels on an agreement that is not an advertising one', async () => {
      const res = await h.admin.put(`/user-consent/agreements/${s.agreements.pd}`).send({ channels: ['email'] });
      expectRefusal(res, 'channels-not-advertising');
      const unknown = await h.admin.put(`/user-consent/agreements/${ads.id}`).send({ channels: ['email', 'pigeon'] });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.details.errors[0].path).toEqual(['channels', '1']);
    });
  });

  describe('channels', () => {
    it('are listed by the agreement, its version and its text, and by the public form', async () => {
      const version = (await h.admin.get(`/user-consent/versions/${ads.currentVersionId}`)).body.data;
      expect(version.snapshot.channels).toEqual(['email', 'sms', 'messengers']);
      expect(version.text).toContain('сообщения на адрес электронной почты');
      expect(version.text).toContain('сообщения в мессенджерах');
      expect(version.text).not.toContain('телефонные звонки');
      const form = (await h.http().get('/api/user-consent/forms/promo')).body.data;
      const entry = form.agreements.find((a: any) => a.agreement === ads.id);
      expect(entry).toMatchObject({ required: false, prechecked: false });
      expect(entry.channels).toEqual([
        { code: 'email', title: 'электронная почта' },
        { code: 'sms', title: 'SMS-сообщения' },
        { code: 'messengers', title: 'мессенджеры' },
      ]);
      // An agreement without choices says nothing of them.
      const pd = form.agreements.find((a: any) => a.agreement === s.agreements.pd);
      expect(pd).not.toHaveProperty('channels');
      expect(pd).not.toHaveProperty('categories');
    });

    it('a change of the channels offered makes a new version', async () => {
      const res = await h.admin.put(`/user-consent/agreements/${ads.id}`).send({ channels: ['email', 'sms', 'messengers', 'push'] });
      expect(res.status).toBe(200);
      expect(res.body.meta.versionCreated).toBe(true);
      ads = res.body.data;
      const again = await h.admin.put(`/user-consent/agreements/${ads.id}`).send({ channels: ['email', 'sms', 'messengers', 'push'] });
      expect(again.body.meta.versionCreated).toBe(false);
    });

    const pdDecision = () => ({ version: s.versions.pd, accepted: true, fullTextOpened: true });
    const distRefused = () => ({ version: dist.currentVersionId, accepted: false });

    it.each([
      ['an unknown channel', ['email', 'fax'], 400, 'invalid_value'],
      ['a channel ticked twice', ['email', 'email'], 400, 'channel-repeated'],
    ])('refuses %s in the body', async (_what, channels, status, code) => {
      const before = await count();
      const res = await capture('promo', [pdDecision(), { version: ads.currentVersionId, accepted: true, channels }, distRefused()]);
      expect(res.status).toBe(status);
      expect(res.body.error.details.errors[0].code).toBe(code);
      expect(await count()).toBe(before);
    });

    it('refuses a channel the version does not offer, acceptance without a channel, and channels with a refusal', async () => {
      const before = await count();
      // The first version did not offer push.
      const old = (await h.admin.get(`/user-consent/agreements/${ads.id}/versions`)).body.data.find((v: any) => v.number === 1);
      expectRefusal(await capture('promo', [pdDecision(), { version: old.id, accepted: true, channels: ['push'] }, distRefused()]), 'channel-not-offered', { agreement: ads.id, channel: 'push' });
      expectRefusal(await capture('promo', [pdDecision(), { version: ads.currentVersionId, accepted: true }, distRefused()]), 'channel-required', { agreement: ads.id });
      expectRefusal(await capture('promo', [pdDecision(), { version: ads.currentVersionId, accepted: true, channels: [] }, distRefused()]), 'channel-required');
      expectRefusal(await capture('promo', [pdDecision(), { version: ads.currentVersionId, accepted: false, channels: ['sms'] }, distRefused()]), 'choices-without-consent');
      expect(await count()).toBe(before);
    });

    it('records each ticked channel in the event (hashed), and the status API answers per channel', async () => {
      const res = await capture('promo', [pdDecision(), { version: ads.currentVersionId, accepted: true, channels: ['sms', 'email'] }, distRefused()]);
      expect(res.status).toBe(201);
      const receipt = res.body.data.receipts.find((r: any) => r.agreement === ads.id);
      const event = await h.strapi.db.query(CONSENT).findOne({ where: { receiptId: receipt.id } });
      // In the order offered, whatever the order ticked.
      expect(event.choices).toEqual({ channels: ['email', 'sms'] });
      expect(refEventHash(event)).toBe(event.hash);
      // A refusal records no choices.
      const refusal = await h.strapi.db.query(CONSENT).findOne({ where: { receiptId: res.body.data.receipts.find((r: any) => r.agreement === dist.id).id } });
      expect(refusal.choices ?? null).toBeNull();

      const answer = await status({ email: 'vera@example.com', agreement: ads.id });
      expect(answer.status).toBe(200);
      expect(answer.body.data).toEqual([
        expect.objectContaining({ agreement: ads.id, state: 'given', channels: { email: true, sms: true, phone: false, messengers: false, push: false } }),
      ]);
      // The receipt and the log's record page show them.
      const own = await h.http().get(`/api/user-consent/receipts/${receipt.id}`).set('X-Receipt-Token', receipt.token);
      expect(own.body.data.choices).toEqual({ channels: ['email', 'sms'] });
      const detail = await h.admin.get(`/user-consent/consents/${event.id}`);
      expect(detail.body.data.expressed.choices).toEqual({ channels: ['email', 'sms'] });

      // Withdrawn: every channel is off.
      expect((await h.http().post('/api/user-consent/withdrawals').send({ receipt: receipt.id, token: receipt.token })).status).toBe(201);
      const after = await status({ email: 'vera@example.com', agreement: ads.id });
      expect(after.body.data[0]).toMatchObject({ state: 'withdrawn', channels: { email: false, sms: false, phone: false, messengers: false, push: false } });
    });
  });

  describe('consent to distribution', () => {
    it('is refused without its categories or web resources', async () => {
      const base = { name: 'x', type: 'standard', template: 'ru-distribution', dataSource: 'company', companyId: s.company, purposes: [{ title: 'p' }], label: 'I [agree]' };
      expectRefusal(await h.admin.post('/user-consent/agreements').send(base), 'distribution-categories-required');
      expectRefusal(await h.admin.post('/user-consent/agreements').send({ ...base, distribution: { categories: [{ code: 'photo' }], resources: [] } }), 'distribution-resources-required');
      expectRefusal(
        await h.admin.post('/user-consent/agreements').send({ ...base, distribution: { categories: [{ code: 'my-own' }], resources: ['https://site.example/'] } }),
        'category-title-required',
      );
    });

    it('names the operator, the web resources, each category, the prohibitions and conditions', async () => {
      const version = (await h.admin.get(`/user-consent/versions/${dist.currentVersionId}`)).body.data;
      const text: string = version.text;
      expect(text).toContain('статьей 10.1 Федерального закона от 27.07.2006 № 152-ФЗ');
      expect(text).toContain('Молчание или бездействие не считается согласием');
      // The operator's requisites (the scenario's company), the resources, the categories.
      expect(text).toMatch(/ИНН/);
      expect(text).toMatch(/ОГРН/);
      expect(text).toContain('https://site.example/team');
      for (const category of ['фамилия, имя, отчество', 'фотографическое изображение', 'увлечения']) expect(text).toContain(category);
      expect(text).toContain('запрещается передача (кроме предоставления доступа) моих персональных данных Оператором неограниченному кругу лиц');
      expect(text).toContain('запрещается обработка (кроме получения доступа) моих персональных данных неограниченным кругом лиц');
      expect(text).toContain('только на страницах раздела «Команда»');
      expect(text).toContain('трех рабочих дней');
      const form = (await h.http().get('/api/user-consent/forms/promo')).body.data;
      expect(form.agreements.find((a: any) => a.agreement === dist.id).categories).toEqual([
        { code: 'full-name', title: 'фамилия, имя, отчество' },
        { code: 'photo', title: 'фотографическое изображение' },
        { code: 'hobby', title: 'увлечения' },
      ]);
    });

    const adsRefused = () => ({ version: ads.currentVersionId, accepted: false });
    const pdDecision = () => ({ version: s.versions.pd, accepted: true, fullTextOpened: true });

    it('refuses a missing category choice, an unknown category, and every category prohibited', async () => {
      const before = await count();
      const decide = (categories?: Record<string, boolean>) => capture('promo', [pdDecision(), adsRefused(), { version: dist.currentVersionId, accepted: true, ...(categories ? { categories } : {}) }]);
      expectRefusal(await decide({ 'full-name': true, photo: false }), 'category-choice-missing', { agreement: dist.id, category: 'hobby' });
      expectRefusal(await decide(), 'category-choice-missing', { category: 'full-name' });
      expectRefusal(await decide({ 'full-name': true, photo: false, hobby: true, salary: true }), 'category-unknown', { category: 'salary' });
      expectRefusal(await decide({ 'full-name': false, photo: false, hobby: false }), 'category-none-allowed');
      const notBoolean = await decide({ 'full-name': 'yes' as any, photo: false, hobby: true });
      expect(notBoolean.status).toBe(400);
      expect(await count()).toBe(before);
    });

    it('records each choice, shows it in the receipt and the record page, and the status API per category', async () => {
      const res = await capture('promo', [pdDecision(), adsRefused(), { version: dist.currentVersionId, accepted: true, categories: { photo: false, hobby: true, 'full-name': true } }], { email: 'ivan@example.com' });
      expect(res.status).toBe(201);
      const receipt = res.body.data.receipts.find((r: any) => r.agreement === dist.id);
      const event = await h.strapi.db.query(CONSENT).findOne({ where: { receiptId: receipt.id } });
      expect(event.choices).toEqual({ categories: { 'full-name': true, photo: false, hobby: true } });
      const own = await h.http().get(`/api/user-consent/receipts/${receipt.id}`).set('X-Receipt-Token', receipt.token);
      expect(own.body.data.choices).toEqual({ categories: { 'full-name': true, photo: false, hobby: true } });
      expect(own.body.data.notice).toMatchObject({ template: 'ru-distribution', law: '152-FZ art. 10.1' });
      const detail = await h.admin.get(`/user-consent/consents/${event.id}`);
      expect(detail.body.data.expressed.choices).toEqual({ categories: { 'full-name': true, photo: false, hobby: true } });
      expect(detail.body.data.chain.ownHashValid).toBe(true);
      const answer = await status({ email: 'ivan@example.com', agreement: dist.id });
      expect(answer.body.data[0]).toMatchObject({ state: 'given', categories: { 'full-name': true, photo: false, hobby: true } });
      expect(answer.body.data[0]).not.toHaveProperty('channels');
    });
  });

  describe('the chain with the new proof field', () => {
    it('verifies by the plugin and by the independent reference; an altered choice breaks it', async () => {
      const report = await h.admin.get('/user-consent/integrity');
      expect(report.status).toBe(200);
      expect(report.body.data.intact).toBe(true);
      const ref = await refVerify(h.strapi);
      expect(ref).toMatchObject({ intact: true });
      const withChoices = (await h.strapi.db.query(CONSENT).findMany({ where: { choices: { $notNull: true } } })) as any[];
      expect(withChoices.length).toBeGreaterThanOrEqual(2);
      for (const e of withChoices) expect(refEventHash(e)).toBe(e.hash);
      // The hash covers the choices: the same event with another choice does not match it.
      const altered = { ...withChoices[0], choices: { channels: ['phone'] } };
      expect(refEventHash(altered)).not.toBe(withChoices[0].hash);
      const dropped = { ...withChoices[0], choices: null };
      expect(refEventHash(dropped)).not.toBe(withChoices[0].hash);
    });
  });
});
