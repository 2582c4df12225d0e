/**
 * Agreement texts in several languages (issue 16, item 5), over HTTP as an editor, a visitor and an
 * auditor meet them:
 * - an agreement offers several languages, its default first; one version covers them all, each
 *   language with its own hash, and a change in any one language makes a new version;
 * - the public form shows each agreement in the language asked for (`?language=`) when its version
 *   has it, else in its default language, and says which language it shows;
 * - a decision names the language shown: recorded as an optional hashed proof field (the chain
 *   verifies, by the plugin and by the tests' independent reference), refused when the version has no
 *   such language; the receipt, the record page and the proof PDF show that language's text and hash.
 */
import crypto from 'node:crypto';
import { binary, type Harness } from '../helpers/strapi';
import { withScenario, type Scenario } from '../helpers/scenario';
import { refVerify, refEventHash, refCanonicalJson } from '../helpers/reference-chain';
import { parsePdf, squash } from '../helpers/pdf';

const CONSENT = 'plugin::user-consent.consent';
const sha = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');
/** A language's hash as the README states it: SHA-256 of the canonical JSON of what was shown in it. */
const textHash = (language: string, t: { label: string; labelHtml: string; html: string | null; text: string | null }) =>
  sha(refCanonicalJson({ language, label: t.label, labelHtml: t.labelHtml, html: t.html, text: t.text, externalUrl: null }));

describe('languages: one agreement, texts in several languages', () => {
  let h: Harness;
  let s: Scenario;
  withScenario((app) => ({ h, s } = app));

  let multi: { id: number; currentVersionId: number };
  const body = {
    name: 'Newsletter (ru, en, kk)',
    type: 'custom',
    languages: ['ru', 'en', 'kk'],
    label: 'Я подписываюсь на [рассылку]',
    customHtml: '<p>Рассылка раз в неделю.</p>',
    translations: {
      en: { label: 'I subscribe to the [newsletter]', customHtml: '<p>A weekly newsletter.</p>' },
      kk: { label: 'Мен [ақпараттық таратылымға] жазыламын', customHtml: '<p>Апта сайынғы таратылым.</p>' },
    },
  };
  const expectRefusal = (res: any, code: string, params: Record<string, unknown> = {}) => {
    expect({ status: res.status, name: res.body.error?.name, code: res.body.error?.details?.code }).toEqual({ status: 400, name: 'ValidationError', code });
    expect(res.body.error.details.params).toMatchObject(params);
  };
  const capture = (decisions: unknown[]) =>
    h.http().post('/api/user-consent/forms/lang/consents').send({ pageUrl: 'https://site.example/en/subscribe', subject: { email: 'kate@example.com' }, decisions });
  const pdDecision = () => ({ version: s.versions.pd, accepted: true, fullTextOpened: true });

  beforeAll(async () => {
    const a = await h.admin.post('/user-consent/agreements').send(body);
    expect(a.status).toBe(201);
    multi = a.body.data;
    const f = await h.admin.post('/user-consent/forms').send({
      key: 'lang',
      name: 'Languages',
      agreements: [
        { agreementId: s.agreements.pd, behaviour: 'required-read' },
        { agreementId: multi.id, behaviour: 'optional-unchecked' },
      ],
    });
    expect(f.status).toBe(201);
  });

  describe('the editor', () => {
    it('stores one version with a text and a hash per language; the default language keeps the version columns', async () => {
      const agreement = (await h.admin.get(`/user-consent/agreements/${multi.id}`)).body.data;
      expect(agreement.languages).toEqual(['ru', 'en', 'kk']);
      expect(agreement.language).toBe('ru');
      expect(agreement.translations.en.label).toBe('I subscribe to the [newsletter]');
      const v = (await h.admin.get(`/user-consent/versions/${multi.currentVersionId}`)).body.data;
      expect(v).toMatchObject({ number: 1, language: 'ru', label: 'Я подписываюсь на рассылку', html: '<p>Рассылка раз в неделю.</p>' });
      expect(v.translations.en).toMatchObject({ label: 'I subscribe to the newsletter', html: '<p>A weekly newsletter.</p>', text: 'A weekly newsletter.' });
      expect(v.translations.en.labelHtml).toContain('>newsletter</a>');
      // Each language's own hash is that of its own text; the version's hash covers all of them.
      expect(v.translations.en.hash).toBe(textHash('en', v.translations.en));
      expect(v.translations.kk.hash).toBe(textHash('kk', v.translations.kk));
      const ru = textHash('ru', v);
      expect(v.languages).toEqual([
        { language: 'ru', hash: ru },
        { language: 'en', hash: v.translations.en.hash },
        { language: 'kk', hash: v.translations.kk.hash },
      ]);
      expect(v.hash).toBe(
        sha(refCanonicalJson({ language: 'ru', label: v.label, labelHtml: v.labelHtml, html: v.html, text: v.text, externalUrl: null, translations: { en: v.translations.en.hash, kk: v.translations.kk.hash } })),
      );
      expect(new Set([v.hash, ru, v.translations.en.hash, v.translations.kk.hash]).size).toBe(4);
    });

    it('keeps the hash of a one-language agreement exactly as before languages', async () => {
      const loyalty = (await h.admin.get(`/user-consent/agreements/${s.agreements.loyalty}`)).body.data;
      expect(loyalty.languages).toEqual([loyalty.language]);
      const v = loyalty.currentVersion;
      expect(v.translations ?? null).toBeNull();
      expect(v.hash).toBe(textHash(v.language, v));
      expect(v.languages).toEqual([{ language: v.language, hash: v.hash }]);
      // Saving it with its one language named makes no new version.
      const same = await h.admin.put(`/user-consent/agreements/${loyalty.id}`).send({ languages: [loyalty.language] });
      expect(same.status).toBe(200);
      expect(same.body.meta.versionCreated).toBe(false);
    });

    it('makes a new version when only one language changes, and none when nothing does', async () => {
      const en = await h.admin.put(`/user-consent/agreements/${multi.id}`).send({ translations: { ...body.translations, en: { label: 'I subscribe to the weekly [newsletter]', customHtml: '<p>A weekly newsletter.</p>' } } });
      expect(en.status).toBe(200);
      expect(en.body.meta.versionCreated).toBe(true);
      const v2 = en.body.data.currentVersion;
      expect(v2.number).toBe(2);
      const v1 = (await h.admin.get(`/user-consent/versions/${multi.currentVersionId}`)).body.data;
      // Russian and Kazakh are as they were, under the same hashes; English changed.
      expect(v2.languages[0]).toEqual(v1.languages[0]);
      expect(v2.translations.kk.hash).toBe(v1.translations.kk.hash);
      expect(v2.translations.en.hash).not.toBe(v1.translations.en.hash);
      expect(v2.translations.en.label).toBe('I subscribe to the weekly newsletter');
      const again = await h.admin.put(`/user-consent/agreements/${multi.id}`).send({ name: 'Newsletter' });
      expect(again.body.meta.versionCreated).toBe(false);
      multi = en.body.data;
    });

    it('refuses a language without its label or text, a standard agreement in a language its template lacks, and an external text in two languages', async () => {
      expectRefusal(await h.admin.post('/user-consent/agreements').send({ ...body, translations: { en: body.translations.en } }), 'translation-label-required', { language: 'kk' });
      expectRefusal(
        await h.admin.post('/user-consent/agreements').send({ ...body, translations: { ...body.translations, en: { label: 'I [agree]', customHtml: ' ' } } }),
        'translation-content-required',
        { language: 'en' },
      );
      const gdpr = { name: 'x', type: 'standard', template: 'eu-gdpr', dataSource: 'company', companyId: s.company, purposes: [{ code: 'analytics', title: '' }], label: 'I [agree]' };
      expectRefusal(await h.admin.post('/user-consent/agreements').send({ ...gdpr, languages: ['en', 'uk'], translations: { uk: { label: 'Я [згоден]' } } }), 'language-not-in-template', {
        language: 'uk',
        template: 'eu-gdpr',
      });
      expectRefusal(
        await h.admin.post('/user-consent/agreements').send({ name: 'x', type: 'custom', label: 'I accept the [terms]', externalUrl: 'https://site.example/terms', languages: ['en', 'ru'], translations: { ru: { label: 'Я [принимаю]' } } }),
        'external-text-one-language',
      );
      const unknown = await h.admin.post('/user-consent/agreements').send({ ...body, languages: ['ru', 'xx'] });
      expect(unknown.status).toBe(400);
    });

    it('offers a standard agreement in each language its template has, with a label per language', async () => {
      const templates = (await h.admin.get('/user-consent/templates')).body.data as { id: string; languages: string[]; defaultLabels: Record<string, string> }[];
      for (const t of templates) expect(Object.keys(t.defaultLabels)).toEqual(t.languages);
      const eu = templates.find((t) => t.id === 'eu-gdpr')!;
      expect(eu.languages[0]).toBe('en');
      const gdpr = { name: 'GDPR one', type: 'standard', template: 'eu-gdpr', dataSource: 'company', companyId: s.company, purposes: [{ code: 'analytics', title: '' }], label: 'I [agree]' };
      const one = await h.admin.post('/user-consent/agreements').send({ ...gdpr, languages: ['en'] });
      expect(one.status).toBe(201);
      expect(one.body.data.currentVersion.language).toBe('en');
      // A template written in two languages (where one ships): its agreement's version has both texts.
      const two = templates.find((t) => t.languages.length > 1);
      if (!two) return;
      const [first, second] = two.languages;
      const preset = two.id === 'ru-distribution' ? { distribution: { categories: [{ code: 'photo' }], resources: ['https://site.example/team'] } } : {};
      const res = await h.admin.post('/user-consent/agreements').send({
        name: `${two.id} in two languages`,
        type: 'standard',
        template: two.id,
        dataSource: 'company',
        companyId: s.company,
        purposes: [{ title: 'Ответы на обращения' }],
        label: two.defaultLabels[first],
        languages: [first, second],
        translations: { [second]: { label: two.defaultLabels[second] } },
        ...preset,
      });
      expect(res.status).toBe(201);
      const v = res.body.data.currentVersion;
      expect(v.language).toBe(first);
      expect(v.translations[second].text).not.toBe(v.text);
      expect(v.translations[second].hash).toBe(textHash(second, v.translations[second]));
    });
  });

  describe('the public form', () => {
    it('shows each agreement in the language asked for when its version has it, else in its default', async () => {
      const en = (await h.http().get('/api/user-consent/forms/lang?language=en')).body.data;
      const mine = en.agreements.find((a: any) => a.agreement === multi.id);
      expect(mine).toMatchObject({ language: 'en', languages: ['ru', 'en', 'kk'], label: 'I subscribe to the weekly newsletter' });
      expect(mine.textUrl).toBe(`/api/user-consent/versions/${multi.currentVersionId}/text?language=en`);
      // The personal-data agreement has only its Russian text: shown in it, and said so.
      const pd = en.agreements.find((a: any) => a.agreement === s.agreements.pd);
      expect(pd.language).toBe('ru');
      expect(pd.languages).toEqual(['ru']);
      // A page's tag (en-GB) counts as its language; an unknown language gets the default.
      const gb = (await h.http().get('/api/user-consent/forms/lang?language=en-GB')).body.data;
      expect(gb.agreements.find((a: any) => a.agreement === multi.id).language).toBe('en');
      for (const q of ['?language=de', '']) {
        const de = (await h.http().get(`/api/user-consent/forms/lang${q}`)).body.data.agreements.find((a: any) => a.agreement === multi.id);
        expect(de).toMatchObject({ language: 'ru', label: 'Я подписываюсь на рассылку' });
        expect(de.textUrl).toBe(`/api/user-consent/versions/${multi.currentVersionId}/text`);
      }
      const bad = await h.http().get('/api/user-consent/forms/lang?language=%3Cscript%3E');
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.errors[0].path).toEqual(['language']);
    });

    it('serves the text page and the version in each language', async () => {
      const page = await h.http().get(`/api/user-consent/versions/${multi.currentVersionId}/text?language=kk`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('<html lang="kk">');
      expect(page.text).toContain('Апта сайынғы таратылым.');
      const v = (await h.http().get(`/api/user-consent/versions/${multi.currentVersionId}`)).body.data;
      expect(page.text).toContain(v.translations.kk.hash);
      expect(v.translations.en.html).toBe('<p>A weekly newsletter.</p>');
    });
  });

  describe('a decision names the language shown', () => {
    let receipt: { id: string; token: string };
    let event: any;

    it('refuses a language the version has no text in, and stores nothing', async () => {
      const before = await h.strapi.db.query(CONSENT).count({});
      const res = await capture([pdDecision(), { version: multi.currentVersionId, accepted: true, language: 'be' }]);
      expectRefusal(res, 'language-not-in-version', { version: multi.currentVersionId, language: 'be', languages: ['ru', 'en', 'kk'] });
      expect(res.body.error.details.errors[0].path).toEqual(['decisions', '1', 'language']);
      // The Russian-only agreement is not shown in English either.
      expectRefusal(await capture([{ ...pdDecision(), language: 'en' }, { version: multi.currentVersionId, accepted: false }]), 'language-not-in-version', { language: 'en' });
      expect((await capture([pdDecision(), { version: multi.currentVersionId, accepted: true, language: 'english' }])).status).toBe(400);
      expect(await h.strapi.db.query(CONSENT).count({})).toBe(before);
    });

    it('records it as a hashed proof field; a decision without one records none', async () => {
      const res = await capture([{ ...pdDecision(), language: 'ru' }, { version: multi.currentVersionId, accepted: true, language: 'en' }]);
      expect(res.status).toBe(201);
      receipt = res.body.data.receipts.find((r: any) => r.agreement === multi.id);
      event = await h.strapi.db.query(CONSENT).findOne({ where: { receiptId: receipt.id } });
      expect(event.language).toBe('en');
      expect(refEventHash(event)).toBe(event.hash);
      expect(refEventHash({ ...event, language: 'ru' })).not.toBe(event.hash);
      expect(refEventHash({ ...event, language: null })).not.toBe(event.hash);
      const plain = await capture([pdDecision(), { version: multi.currentVersionId, accepted: false }]);
      const refusal = await h.strapi.db.query(CONSENT).findOne({ where: { receiptId: plain.body.data.receipts[1].id } });
      expect(refusal.language ?? null).toBeNull();
      expect(refEventHash(refusal)).toBe(refusal.hash);
    });

    it('the receipt, the record page and the proof PDF show the language shown, its text and its hash', async () => {
      const v = (await h.admin.get(`/user-consent/versions/${multi.currentVersionId}`)).body.data;
      const own = await h.http().get(`/api/user-consent/receipts/${receipt.id}`).set('X-Receipt-Token', receipt.token);
      expect(own.status).toBe(200);
      expect(own.body.data.language).toBe('en');
      expect(own.body.data.notice).toMatchObject({ hash: v.hash, language: 'en', textHash: v.translations.en.hash, url: `/api/user-consent/versions/${v.id}/text?language=en` });

      const detail = (await h.admin.get(`/user-consent/consents/${event.id}`)).body.data;
      expect(detail.expressed.language).toBe('en');
      expect(detail.shown).toEqual({ language: 'en', label: 'I subscribe to the weekly newsletter', hash: v.translations.en.hash, hashValid: true });
      expect(detail.chain.ownHashValid).toBe(true);

      const pdf = await binary(h.admin.get(`/user-consent/consents/${event.id}/proof?lang=en`));
      expect(pdf.status).toBe(200);
      const text = squash(parsePdf(pdf.body as Buffer).lines.join(''));
      expect(text).toContain(squash('I subscribe to the weekly newsletter'));
      expect(text).toContain(v.translations.en.hash);
      expect(text).not.toContain(squash('Рассылка раз в неделю.'));
    });

    it('the chain stays intact, by the plugin and by the independent reference', async () => {
      const report = await h.admin.get('/user-consent/integrity');
      expect(report.status).toBe(200);
      expect(report.body.data.intact).toBe(true);
      expect(await refVerify(h.strapi)).toMatchObject({ intact: true });
    });
  });
});
