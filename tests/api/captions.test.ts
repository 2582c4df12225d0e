/**
 * The data list as shown (issue 16, item 6): an agreement that lists no data categories says that the
 * data meant is what the person enters in the form; on a form, its text lists the captions of that
 * form's fields, and the consent records the captions shown (the optional proof field `dataShown`).
 * Over HTTP as a visitor and an administrator meet it:
 * - the public form, the version and the full-text page on the form list the captions ("Имя",
 *   "Телефон"); the version itself keeps the general words and its hash;
 * - a capture records the captions of the server's form (a client's own list is refused), none for an
 *   agreement that lists its categories; the chain verifies (plugin and independent reference);
 * - the receipt, the record page's detail and the proof PDF show them; a form whose captions change
 *   later leaves the old records with the old captions.
 */
import { binary, type Harness } from '../helpers/strapi';
import { withScenario, type Scenario } from '../helpers/scenario';
import { refVerify, refEventHash } from '../helpers/reference-chain';
import { parsePdf, squash } from '../helpers/pdf';
import { parseCsv } from '../helpers/csv';
import { buildPayloads } from '../../server/src/webhooks/payload';

const CONSENT = 'plugin::user-consent.consent';

describe('the data list as shown: the captions of the form’s fields', () => {
  let h: Harness;
  let s: Scenario;
  withScenario((app) => ({ h, s } = app));

  let open: { id: number; currentVersionId: number; currentVersion: { hash: string; html: string; text: string } };
  let listed: { id: number; currentVersionId: number };
  let formId = 0;

  const capture = (decisions: unknown[], data: Record<string, string> = { name: 'Вера', phone: '+79991234567' }) =>
    h.http().post('/api/user-consent/forms/callback/consents').send({ pageUrl: 'https://site.example/callback', data, decisions });
  const decisions = () => [
    { version: open.currentVersionId, accepted: true, fullTextOpened: true },
    { version: listed.currentVersionId, accepted: true, fullTextOpened: true },
  ];
  const eventOf = (receiptId: string) => h.strapi.db.query(CONSENT).findOne({ where: { receiptId } });

  beforeAll(async () => {
    const std = (name: string, dataCategories: string[]) => ({
      name,
      type: 'standard',
      template: 'ru-personal-data',
      dataSource: 'company',
      companyId: s.company,
      purposes: [{ code: 'reply-to-requests', title: '' }],
      dataCategories,
      label: `${name}: я даю [согласие на обработку персональных данных]`,
    });
    const a = await h.admin.post('/user-consent/agreements').send(std('Обратный звонок', []));
    expect(a.status).toBe(201);
    open = a.body.data;
    const b = await h.admin.post('/user-consent/agreements').send(std('Анкета', ['фамилия, имя, отчество', 'номер телефона']));
    expect(b.status).toBe(201);
    listed = b.body.data;
    const f = await h.admin.post('/user-consent/forms').send({
      key: 'callback',
      name: 'Обратный звонок',
      fields: [
        { name: 'name', label: 'Имя', type: 'text', required: true },
        { name: 'phone', label: 'Телефон', type: 'tel', required: true },
      ],
      agreements: [
        { agreementId: open.id, behaviour: 'required-read' },
        { agreementId: listed.id, behaviour: 'required-read' },
      ],
      storeSubmissions: true,
    });
    expect(f.status).toBe(201);
    formId = f.body.data.id;
  });

  describe('the text on the form', () => {
    it('keeps the general words and a marked list in the version, its hash over them', async () => {
      const v = open.currentVersion;
      expect(v.html).toContain('<p>Согласие дается на обработку следующих персональных данных:</p>\n<ul data-uc-form-fields><li>персональные данные, которые я указываю в полях формы');
      expect(v.text).toContain('Согласие дается на обработку следующих персональных данных:\n\n- персональные данные, которые я указываю в полях формы');
      const other = (await h.admin.get(`/user-consent/agreements/${listed.id}`)).body.data.currentVersion;
      expect(other.html).not.toContain('data-uc-form-fields');
      expect(other.text).toContain('- фамилия, имя, отчество\n- номер телефона');
    });

    it('the public form names the captions for the agreement without categories only', async () => {
      const form = (await h.http().get('/api/user-consent/forms/callback')).body.data;
      const [a, b] = form.agreements;
      expect(a).toMatchObject({ agreement: open.id, dataShown: ['Имя', 'Телефон'], textUrl: `/api/user-consent/versions/${open.currentVersionId}/text?form=callback` });
      expect(b.agreement).toBe(listed.id);
      expect(b).not.toHaveProperty('dataShown');
      expect(b.textUrl).toBe(`/api/user-consent/versions/${listed.currentVersionId}/text`);
    });

    it('the version and its full-text page on the form list the captions; without the form, the general words', async () => {
      const on = await h.http().get(`/api/user-consent/versions/${open.currentVersionId}?form=callback`);
      expect(on.status).toBe(200);
      expect(on.headers['cache-control']).toBe('no-cache');
      expect(on.body.data.html).toContain('<ul data-uc-form-fields><li>Имя</li><li>Телефон</li></ul>');
      expect(on.body.data.html).not.toContain('которые я указываю в полях формы');
      expect(on.body.data.text).toContain('Согласие дается на обработку следующих персональных данных:\n\n- Имя\n- Телефон\n');
      // The version shown is still the one whose hash the record names.
      expect(on.body.data.hash).toBe(open.currentVersion.hash);
      const page = await h.http().get(`/api/user-consent/versions/${open.currentVersionId}/text?form=callback`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('<li>Имя</li><li>Телефон</li>');
      const bare = await h.http().get(`/api/user-consent/versions/${open.currentVersionId}`);
      expect(bare.body.data.html).toBe(open.currentVersion.html);
      expect(bare.headers['cache-control']).toContain('immutable');
      const unknown = await h.http().get(`/api/user-consent/versions/${open.currentVersionId}?form=no-such-form`);
      expect({ status: unknown.status, code: unknown.body.error?.details?.code }).toEqual({ status: 404, code: 'not-found' });
      // A text that lists its categories is the same on a form.
      const other = await h.http().get(`/api/user-consent/versions/${listed.currentVersionId}?form=callback`);
      expect(other.body.data.text).toContain('- фамилия, имя, отчество\n- номер телефона');
    });
  });

  describe('the record', () => {
    let receipts: { id: string; token: string; agreement: number }[] = [];

    it('a client cannot name the captions itself', async () => {
      const before = await h.strapi.db.query(CONSENT).count({});
      const res = await capture([{ ...decisions()[0], dataShown: ['Паспорт'] }, decisions()[1]]);
      expect({ status: res.status, name: res.body.error?.name }).toEqual({ status: 400, name: 'ValidationError' });
      expect(await h.strapi.db.query(CONSENT).count({})).toBe(before);
    });

    it('keeps the captions of the server’s form for the agreement without categories, none for the other', async () => {
      const res = await capture(decisions());
      expect(res.status).toBe(201);
      receipts = res.body.data.receipts;
      const mine = await eventOf(receipts.find((r) => r.agreement === open.id)!.id);
      const other = await eventOf(receipts.find((r) => r.agreement === listed.id)!.id);
      expect(mine.dataShown).toEqual(['Имя', 'Телефон']);
      expect(other.dataShown ?? null).toBeNull();
      // The names of the fields are kept as before, beside the captions.
      expect(mine.fields).toEqual(['name', 'phone']);
    });

    it('the chain verifies with the new field, by the plugin and the independent reference; an altered caption breaks it', async () => {
      const report = await h.admin.get('/user-consent/integrity');
      expect(report.body.data.intact).toBe(true);
      expect(await refVerify(h.strapi)).toMatchObject({ intact: true });
      const mine = await eventOf(receipts.find((r) => r.agreement === open.id)!.id);
      expect(refEventHash(mine)).toBe(mine.hash);
      expect(refEventHash({ ...mine, dataShown: ['Имя'] })).not.toBe(mine.hash);
      expect(refEventHash({ ...mine, dataShown: null })).not.toBe(mine.hash);
    });

    it('the receipt and the record page show the data list as shown, and the text with it', async () => {
      const r = receipts.find((x) => x.agreement === open.id)!;
      const own = await h.http().get(`/api/user-consent/receipts/${r.id}`).set('X-Receipt-Token', r.token);
      expect(own.status).toBe(200);
      expect(own.body.data.dataShown).toEqual(['Имя', 'Телефон']);
      expect(own.body.data.services[0].purposes[0].piiCategory).toEqual(['Имя', 'Телефон']);
      const o = receipts.find((x) => x.agreement === listed.id)!;
      const otherReceipt = (await h.http().get(`/api/user-consent/receipts/${o.id}`).set('X-Receipt-Token', o.token)).body.data;
      expect(otherReceipt).not.toHaveProperty('dataShown');
      expect(otherReceipt.services[0].purposes[0].piiCategory).toEqual(['фамилия, имя, отчество', 'номер телефона']);

      const mine = await eventOf(r.id);
      const d = (await h.admin.get(`/user-consent/consents/${mine.id}`)).body.data;
      expect(d.expressed.dataShown).toEqual(['Имя', 'Телефон']);
      expect(d.version.html).toBe(open.currentVersion.html);
      expect(d.version.htmlShown).toContain('<li>Имя</li><li>Телефон</li>');
      expect(d.version.textShown).toContain('- Имя\n- Телефон');
      expect(d.chain.ownHashValid).toBe(true);

      const pdf = await binary(h.admin.get(`/user-consent/consents/${mine.id}/proof`).set('Accept-Language', 'ru-RU,ru;q=0.9'));
      expect(pdf.status).toBe(200);
      const text = squash(parsePdf(pdf.body).lines.join(''));
      expect(text).toContain(squash('Перечень данных в тексте (поля формы)'));
      expect(text).toContain(squash('Имя; Телефон'));
      expect(text).toContain(squash('- Имя - Телефон'));
      expect(text).toContain(squash('Результат: запись не изменена'));
    });

    it('a form whose captions change later: old records keep the old captions, new ones get the new', async () => {
      const put = await h.admin.put(`/user-consent/forms/${formId}`).send({
        fields: [
          { name: 'name', label: 'Ваше имя', type: 'text', required: true },
          { name: 'phone', label: 'Мобильный телефон', type: 'tel', required: true },
        ],
      });
      expect(put.status).toBe(200);
      const form = (await h.http().get('/api/user-consent/forms/callback')).body.data;
      expect(form.agreements[0].dataShown).toEqual(['Ваше имя', 'Мобильный телефон']);
      const later = await capture(decisions());
      expect(later.status).toBe(201);
      const newer = await eventOf(later.body.data.receipts.find((r: any) => r.agreement === open.id).id);
      expect(newer.dataShown).toEqual(['Ваше имя', 'Мобильный телефон']);

      const older = await eventOf(receipts.find((r) => r.agreement === open.id)!.id);
      expect(older.dataShown).toEqual(['Имя', 'Телефон']);
      const d = (await h.admin.get(`/user-consent/consents/${older.id}`)).body.data;
      expect(d.expressed.dataShown).toEqual(['Имя', 'Телефон']);
      expect(d.version.htmlShown).toContain('<li>Имя</li><li>Телефон</li>');
      expect((await h.admin.get('/user-consent/integrity')).body.data.intact).toBe(true);
    });

    it('a form without fields shows and records the general words', async () => {
      const f = await h.admin.post('/user-consent/forms').send({ key: 'no-fields', name: 'Без полей', agreements: [{ agreementId: open.id, behaviour: 'required-read' }] });
      expect(f.status).toBe(201);
      const form = (await h.http().get('/api/user-consent/forms/no-fields')).body.data;
      expect(form.agreements[0]).not.toHaveProperty('dataShown');
      const res = await h.http().post('/api/user-consent/forms/no-fields/consents').send({ pageUrl: 'https://site.example/', decisions: [{ version: open.currentVersionId, accepted: true, fullTextOpened: true }] });
      expect(res.body.error ?? null).toBeNull();
      expect(res.status).toBe(201);
      expect((await eventOf(res.body.data.receipts[0].id)).dataShown ?? null).toBeNull();
    });
  });

  describe('choices and the data list in webhooks’ payloads and the CSV export', () => {
    it('carries the channels ticked and the captions shown, as canonical JSON in the file', async () => {
      const ads = await h.admin.post('/user-consent/agreements').send({
        name: 'Реклама',
        type: 'standard',
        template: 'ru-advertising',
        dataSource: 'company',
        companyId: s.company,
        purposes: [{ code: 'newsletters-advertising', title: '' }],
        dataCategories: ['номер телефона'],
        label: 'Я даю [согласие на получение рекламы]',
        channels: ['email', 'sms'],
      });
      expect(ads.status).toBe(201);
      const put = await h.admin.put(`/user-consent/forms/${formId}`).send({
        agreements: [
          { agreementId: open.id, behaviour: 'required-read' },
          { agreementId: listed.id, behaviour: 'required-read' },
          { agreementId: ads.body.data.id, behaviour: 'optional-unchecked' },
        ],
      });
      expect(put.status).toBe(200);
      const res = await capture([...decisions(), { version: ads.body.data.currentVersionId, accepted: true, channels: ['sms'] }]);
      expect(res.status).toBe(201);
      const [mine, other, ad] = await Promise.all(res.body.data.receipts.map((r: any) => eventOf(r.id)));
      expect(ad.choices).toEqual({ channels: ['sms'] });

      // Webhooks: the payload as delivered (read at delivery time from the event).
      const payloads = await buildPayloads(h.strapi, [String(mine.seq), String(other.seq), String(ad.seq)]);
      expect(payloads.get(String(mine.seq))!.consent).toMatchObject({ dataShown: ['Ваше имя', 'Мобильный телефон'] });
      expect(payloads.get(String(mine.seq))!.consent).not.toHaveProperty('choices');
      expect(payloads.get(String(other.seq))!.consent).not.toHaveProperty('dataShown');
      expect(payloads.get(String(ad.seq))!.consent).toMatchObject({ choices: { channels: ['sms'] } });
      expect(payloads.get(String(ad.seq))!.consent).not.toHaveProperty('dataShown');

      // The CSV export: a column each, canonical JSON (the same on PostgreSQL's COPY path: export-copy.test).
      const csv = await binary(h.admin.get('/user-consent/consents/export?form=callback'));
      expect(csv.status).toBe(200);
      const [header, ...rows] = parseCsv((csv.body as Buffer).toString('utf8').slice(1));
      const byReceipt = new Map(rows.map((r) => [r[header.indexOf('receiptId')], Object.fromEntries(header.map((name, i) => [name, r[i]]))]));
      expect(byReceipt.get(mine.receiptId)).toMatchObject({ choices: '', dataShown: '["Ваше имя","Мобильный телефон"]' });
      expect(byReceipt.get(other.receiptId)).toMatchObject({ choices: '', dataShown: '' });
      expect(byReceipt.get(ad.receiptId)).toMatchObject({ choices: '{"channels":["sms"]}', dataShown: '' });
      const ru = await binary(h.admin.get('/user-consent/consents/export?form=callback&lang=ru'));
      const ruHeader = (ru.body as Buffer).toString('utf8').slice(1).split(/\r?\n/)[0];
      expect(ruHeader).toContain('Перечень данных в тексте (поля формы)');
    });
  });
});
