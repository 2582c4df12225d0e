import type { Harness } from '../helpers/strapi';
import { withScenario, counts, personalOf, PERSONAL_COLUMNS_GONE, type Scenario } from '../helpers/scenario';
import { refPersonalHash } from '../helpers/reference-chain';

const PAGE = 'https://site.example/contact?utm=1';

describe('consent capture: the public contract', () => {
  let h: Harness;
  let s: Scenario;

  const contactBody = (over: Record<string, unknown> = {}) => ({
    pageUrl: PAGE,
    subject: { email: 'Ivan@Example.com', name: 'Иван' },
    data: { name: 'Иван', email: 'ivan@example.com', comment: 'Перезвоните мне' },
    decisions: [
      { version: s.versions.pd, accepted: true, fullTextOpened: true },
      { version: s.versions.ads, accepted: false },
    ],
    ...over,
  });
  const post = (key: string, body: unknown) =>
    h.http().post(`/api/user-consent/forms/${key}/consents`).set('User-Agent', 'ContractTest/1.0').send(body as object);

  /** A refused request: the status, Strapi's error shape, the message, and nothing stored. */
  const refused = async (key: string, body: unknown, status: number, message: RegExp) => {
    const before = await counts(h);
    const res = await post(key, body);
    expect(res.status).toBe(status);
    expect(res.body.data).toBeNull();
    expect(res.body.error.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
    expect(await counts(h)).toEqual(before);
    return res;
  };

  withScenario((app) => ({ h, s } = app));

  describe('GET /api/user-consent/forms/:key', () => {
    it('describes the form with each agreement, its current version and behaviour', async () => {
      const res = await h.http().get('/api/user-consent/forms/all-modes');
      expect(res.status).toBe(200);
      const d = res.body.data;
      expect(Object.keys(d).sort()).toEqual(['agreements', 'fields', 'key', 'name', 'successMessage', 'successRedirectUrl']);
      expect(d.successRedirectUrl).toBe('https://example.com/thanks');
      expect(d.agreements.map((a: any) => [a.behaviour, a.required, a.prechecked, a.mustRead])).toEqual([
        ['required-prechecked', true, true, false],
        ['required-read', true, false, true],
        ['optional-prechecked', false, true, false],
        ['optional-unchecked', false, false, false],
      ]);
      const pd = d.agreements[1];
      expect(pd).toMatchObject({
        agreement: s.agreements.pd,
        version: { id: s.versions.pd, number: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
        label: 'Personal data: I agree to the full text',
        // No data categories: the text lists the captions of this form's fields, asked for with the form's key.
        textUrl: `/api/user-consent/versions/${s.versions.pd}/text?form=all-modes`,
        dataShown: ['E-mail'],
      });
      expect(pd.labelHtml).toContain('data-uc-full-text');
    });

    it('404s an unknown, a malformed or an inactive form', async () => {
      for (const key of ['nope', 'UPPER', '..%2f..', 'a'.repeat(101)]) {
        const res = await h.http().get(`/api/user-consent/forms/${key}`);
        expect(res.status).toBe(404);
        expect(res.body.error.name).toBe('NotFoundError');
      }
      const f = await h.admin.post('/user-consent/forms').send({ key: 'sleepy', name: 'Sleepy', active: false });
      expect(f.status).toBe(201);
      expect((await h.http().get('/api/user-consent/forms/sleepy')).status).toBe(404);
      expect((await post('sleepy', contactBody())).status).toBe(404);
    });

    it('serves the full text of a version as a page with a strict content policy', async () => {
      const res = await h.http().get(`/api/user-consent/versions/${s.versions.loyalty}/text`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
      expect(res.text).toContain('<p>Points.</p>');
      // An external text: the snapshot kept when the version was made, with a link to the live page.
      const ext = await h.http().get(`/api/user-consent/versions/${s.versions.terms}/text`);
      expect(ext.status).toBe(200);
      expect(ext.text).toContain('<h1>Terms of sale</h1>');
      expect(ext.text).toMatch(/<a href="http:\/\/127\.0\.0\.1:\d+\/demo\/texts\/terms"[^>]*data-uc-live-page/);
    });
  });

  describe('POST /api/user-consent/forms/:key/consents', () => {
    it('records a given and a refused consent with the evidence, and the submission once', async () => {
      const res = await post('contact', contactBody());
      expect(res.status).toBe(201);
      const { receipts, message, redirectUrl } = res.body.data;
      expect(message).toBe('Thank you!');
      expect(redirectUrl).toBeUndefined();
      expect(receipts).toEqual([
        { id: expect.any(String), token: expect.any(String), action: 'given', agreement: s.agreements.pd, version: s.versions.pd },
        { id: expect.any(String), token: expect.any(String), action: 'refused', agreement: s.agreements.ads, version: s.versions.ads },
      ]);

      const rows = await h.strapi.db.query('plugin::user-consent.consent').findMany({
        where: { receiptId: { $in: receipts.map((r: any) => r.id) } },
        orderBy: { seq: 'asc' },
      });
      expect(rows).toHaveLength(2);
      const [given, refusedRow] = rows;
      // The event keeps origin and path of the page; query and fragment, like everything that
      // identifies the person, go to the personal record.
      expect(given).toMatchObject({
        action: 'given',
        formKey: 'contact',
        pageUrl: 'https://site.example/contact',
        behaviour: 'required-read',
        fullTextOpened: true,
        channel: 'web',
        fields: ['name', 'email', 'phone', 'comment'],
        ipPolicy: 'full',
      });
      for (const column of PERSONAL_COLUMNS_GONE) expect(given).not.toHaveProperty(column);
      expect(Boolean(given.prechecked)).toBe(false);
      expect(new Date(given.recordedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect(refusedRow).toMatchObject({ action: 'refused', behaviour: 'optional-unchecked' });
      expect(given.tokenHash).not.toBe(receipts[0].token);

      // One personal record for the capture, shared by both events, with what the person typed.
      expect(given.personalId).toBeTruthy();
      expect(refusedRow.personalId).toBe(given.personalId);
      expect(refusedRow.personalHash).toBe(given.personalHash);
      const p = await personalOf(h, given);
      expect(p).toMatchObject({
        subject: { email: 'Ivan@Example.com', name: 'Иван' },
        userAgent: 'ContractTest/1.0',
        pageQuery: '?utm=1',
        data: { name: 'Иван', email: 'ivan@example.com', comment: 'Перезвоните мне' },
        note: null,
        emailHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        phoneHash: null,
      });
      expect(p!.ip).toMatch(/127\.0\.0\.1|::1/);
      expect(new Date(p!.collectedAt).getTime()).toBe(new Date(given.recordedAt).getTime());
      // The event commits to its personal record with a keyed hash under the record's own key.
      expect(p!.secret).toMatch(/^[0-9a-f]{64}$/);
      expect(given.personalHash).toBe(refPersonalHash(p!.secret, p!));
      expect(given.personalHash).not.toBe(refPersonalHash(p!.secret, { ...p!, ip: '198.51.100.1' }));
      expect(await h.strapi.db.query('plugin::user-consent.personal').count({ where: { id: given.personalId } })).toBe(1);
      // The e-mail look-up key is the hash of the normalised address, the same for any spelling.
      const other = await post('contact', contactBody({ subject: { email: '  ivan@EXAMPLE.com ' } }));
      expect(other.status).toBe(201);
      const again = await h.strapi.db.query('plugin::user-consent.consent').findOne({ where: { receiptId: other.body.data.receipts[0].id } });
      expect((await personalOf(h, again))!.emailHash).toBe(p!.emailHash);
      expect(again.personalId).not.toBe(given.personalId);
    });

    it('records every mode of the all-modes form, and follows the redirect; no submission when the form stores none', async () => {
      const before = await counts(h);
      const res = await post('all-modes', {
        pageUrl: 'https://site.example/all',
        data: { email: 'a@b.example' },
        decisions: [
          { version: s.versions.terms, accepted: true },
          { version: s.versions.pd, accepted: true, fullTextOpened: true },
          { version: s.versions.loyalty, accepted: false },
          { version: s.versions.ads, accepted: true },
        ],
      });
      expect(res.status).toBe(201);
      expect(res.body.data.redirectUrl).toBe('https://example.com/thanks');
      expect(res.body.data.receipts.map((r: any) => r.action)).toEqual(['given', 'given', 'refused', 'given']);
      // One personal record (the IP and user agent of the capture), without what was typed.
      expect(await counts(h)).toEqual({ consents: before.consents + 4, personal: before.personal + 1 });
      const terms = await h.strapi.db.query('plugin::user-consent.consent').findOne({ where: { receiptId: res.body.data.receipts[0].id } });
      expect(Boolean(terms.prechecked)).toBe(true);
      expect(terms.pageUrl).toBe('https://site.example/all');
      const p = await personalOf(h, terms);
      expect(p).toMatchObject({ data: null, subject: null, pageQuery: null, userAgent: 'ContractTest/1.0' });
      expect(terms.personalHash).toBe(refPersonalHash(p!.secret, p!));
    });

    it('accepts an older version of an attached agreement: it is what the person saw', async () => {
      const old = s.versions.ads;
      const upd = await h.admin.put(`/user-consent/agreements/${s.agreements.ads}`).send({ label: 'Send me [offers]' });
      expect(upd.body.meta.versionCreated).toBe(true);
      const res = await post('contact', contactBody({ decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: old, accepted: true }] }));
      expect(res.status).toBe(201);
      expect(res.body.data.receipts[1]).toMatchObject({ agreement: s.agreements.ads, version: old });
    });

    it('refuses a required agreement left unticked, naming it, and stores nothing', async () => {
      const res = await refused(
        'contact',
        contactBody({ decisions: [{ version: s.versions.pd, accepted: false }, { version: s.versions.ads, accepted: true }] }),
        400,
        new RegExp(`agreement ${s.agreements.pd} \\("Personal data: I agree to the full text"\\) is required`)
      );
      expect(res.body.error.name).toBe('ValidationError');
      expect(res.body.error.details.agreement).toBe(s.agreements.pd);
    });

    it('refuses a required-read agreement accepted without opening the full text', async () => {
      await refused('contact', contactBody({ decisions: [{ version: s.versions.pd, accepted: true }, { version: s.versions.ads, accepted: false }] }), 400, /must be read in full/);
      await refused('contact', contactBody({ decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: false }, { version: s.versions.ads, accepted: false }] }), 400, /must be read in full/);
    });

    it.each([
      ['a missing decision', () => ({ decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }] }), /has no decision/],
      ['two decisions for one agreement', () => ({ decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.ads, accepted: false }] }), /more than one decision/],
      ['a version of another agreement', () => ({ decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.gdpr, accepted: true }] }), /does not belong/],
      ['an unknown version', () => ({ decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: 99999, accepted: true }] }), /does not belong/],
      ['no decisions', () => ({ decisions: [] }), /decisions/],
      ['an unknown top-level key', () => ({ extra: 1 }), /unrecognized|extra/i],
      ['an unknown decision key', () => ({ decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true, hacked: 1 }, { version: s.versions.ads, accepted: false }] }), /hacked|unrecognized/i],
      ['an undeclared field', () => ({ data: { name: 'x', email: 'x@y.z', password: 'secret' } }), /data\.password: "password" is not a field/],
      ['a prototype-pollution field', () => JSON.parse('{"data":{"name":"x","email":"x@y.z","__proto__":{"admin":true}}}'), /not a valid JSON object/],
      ['a missing required field', () => ({ data: { email: 'x@y.z' } }), /data\.name: is required/],
      ['a non-http page URL', () => ({ pageUrl: 'javascript:alert(1)' }), /pageUrl: must be an absolute http\(s\) URL/],
      ['a relative page URL', () => ({ pageUrl: '/contact' }), /pageUrl/],
      ['an over-long page URL', () => ({ pageUrl: `https://site.example/?q=${'x'.repeat(4000)}` }), /pageUrl: must be at most 4000/],
      ['a wrong type', () => ({ decisions: 'all' }), /decisions/],
      ['a bad subject e-mail', () => ({ subject: { email: 'not-an-email' } }), /subject\.email/],
      ['a number as a field value', () => ({ data: { name: 1, email: 'x@y.z' } }), /data\.name/],
    ])('refuses %s with a 400 and stores nothing', async (_what, over, message) => {
      await refused('contact', contactBody(over()), 400, message);
    });

    it.each([['an array', [1, 2]], ['a string', 'consent'], ['null', null]])('refuses a JSON body that is %s', async (_w, body) => {
      const res = await h.http().post('/api/user-consent/forms/contact/consents').set('Content-Type', 'application/json').send(JSON.stringify(body));
      expect(res.status).toBe(400);
      expect(res.body.error.status).toBe(400);
    });

    it('refuses malformed JSON with a 400, a wrong content type with 415, an oversized body with 413', async () => {
      const before = await counts(h);
      const bad = await h.http().post('/api/user-consent/forms/contact/consents').set('Content-Type', 'application/json').send('{"pageUrl": ');
      expect(bad.status).toBe(400);
      const form = await h.http().post('/api/user-consent/forms/contact/consents').type('form').send({ pageUrl: PAGE });
      expect(form.status).toBe(415);
      expect(form.body.error.message).toMatch(/application\/json/);
      const big = await post('contact', contactBody({ data: { name: 'x', email: 'x@y.z', comment: 'y'.repeat(3000) }, pad: 'z'.repeat(70 * 1024) }));
      expect(big.status).toBe(413);
      expect(big.body.error.name).toBe('PayloadTooLargeError');
      expect(await counts(h)).toEqual(before);
    });

    it('enforces the allowed origins of a form', async () => {
      const body = { pageUrl: 'https://shop.example/checkout', decisions: [{ version: s.versions.terms, accepted: true }] };
      const ok = await h.http().post('/api/user-consent/forms/shop/consents').set('Origin', 'https://shop.example').send(body);
      expect(ok.status).toBe(201);
      const before = await counts(h);
      const evil = await h.http().post('/api/user-consent/forms/shop/consents').set('Origin', 'https://evil.example').send(body);
      expect(evil.status).toBe(403);
      expect(evil.body.error.message).toMatch(/origin/);
      const none = await h.http().post('/api/user-consent/forms/shop/consents').send(body);
      expect(none.status).toBe(403);
      const referer = await h.http().post('/api/user-consent/forms/shop/consents').set('Referer', 'https://shop.example/checkout').send(body);
      expect(referer.status).toBe(201);
      expect((await counts(h)).consents).toBe(before.consents + 1);
    });

    it('keeps as much of the client IP as the form’s policy says, and records the policy in the event', async () => {
      const shop = (await h.admin.get('/user-consent/forms?q=shop')).body.data.find((f: any) => f.key === 'shop');
      const body = { pageUrl: 'https://shop.example/checkout', decisions: [{ version: s.versions.terms, accepted: true }] };
      const seen: Record<string, unknown> = {};
      try {
        for (const policy of ['truncated', 'none', 'full']) {
          expect((await h.admin.put(`/user-consent/forms/${shop.id}`).send({ ipPolicy: policy })).status).toBe(200);
          const res = await h.http().post('/api/user-consent/forms/shop/consents').set('Origin', 'https://shop.example').set('User-Agent', 'PolicyTest').send(body);
          expect(res.status).toBe(201);
          const row = await h.strapi.db.query('plugin::user-consent.consent').findOne({ where: { receiptId: res.body.data.receipts[0].id } });
          expect(row.ipPolicy).toBe(policy);
          const p = await personalOf(h, row);
          expect(row.personalHash).toBe(refPersonalHash(p!.secret, p!));
          seen[policy] = p!.ip;
        }
      } finally {
        await h.admin.put(`/user-consent/forms/${shop.id}`).send({ ipPolicy: 'full' });
      }
      expect(seen.full).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
      expect(seen.truncated).toMatch(/^127\.0\.0\.0$|^0:0:0::$/);
      expect(seen.none).toBeNull();
    });

    it('ignores an agreement that was deactivated after being attached', async () => {
      const temp = await h.admin.post('/user-consent/agreements').send({ name: 'Temp', type: 'custom', label: 'x', customHtml: '<p>x</p>' });
      await h.admin.post('/user-consent/forms').send({ key: 'temp', name: 'Temp', agreements: [{ agreementId: s.agreements.terms, behaviour: 'required-prechecked' }, { agreementId: temp.body.data.id, behaviour: 'optional-unchecked' }] });
      await h.admin.put(`/user-consent/agreements/${temp.body.data.id}`).send({ active: false });
      const form = await h.http().get('/api/user-consent/forms/temp');
      expect(form.body.data.agreements.map((a: any) => a.agreement)).toEqual([s.agreements.terms]);
      const res = await post('temp', { pageUrl: PAGE, decisions: [{ version: s.versions.terms, accepted: true }, { version: temp.body.data.currentVersionId, accepted: true }] });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/does not belong/);
    });
  });

  describe('receipts', () => {
    it('returns the receipt to the holder of its token, in the Kantara shape with the ISO 27560 fields', async () => {
      const res = await post('contact', contactBody());
      const [r] = res.body.data.receipts;
      const got = await h.http().get(`/api/user-consent/receipts/${r.id}?token=${encodeURIComponent(r.token)}`);
      expect(got.status).toBe(200);
      const d = got.body.data;
      for (const k of ['version', 'jurisdiction', 'consentTimestamp', 'collectionMethod', 'consentReceiptID', 'language', 'piiPrincipalId', 'piiControllers', 'policyUrl', 'services', 'sensitive', 'spiCat']) {
        expect(d).toHaveProperty(k);
      }
      expect(d).toMatchObject({
        consentReceiptID: r.id,
        jurisdiction: 'RU',
        language: 'ru',
        piiPrincipalId: 'Ivan@Example.com',
        state: 'given',
        notice: { agreement: s.agreements.pd, version: s.versions.pd },
        // The full page URL: origin and path from the event, the query from the personal record.
        event: { type: 'given', method: 'required-read', fullTextOpened: true, pageUrl: PAGE, ipPolicy: 'full' },
        personalData: 'held',
      });
      expect(d.piiControllers[0]).toMatchObject({ piiController: 'ООО Ромашка', email: 'privacy@romashka.example' });
      expect(d.services[0].purposes[0]).toMatchObject({ purposeCategory: ['Contact Requested'], piiCategory: ['Name', 'E-mail', 'Phone', 'Comment'] });
      const byHeader = await h.http().get(`/api/user-consent/receipts/${r.id}`).set('X-Receipt-Token', r.token);
      expect(byHeader.status).toBe(200);
    });

    it('answers a wrong token exactly like an unknown receipt', async () => {
      const res = await post('contact', contactBody());
      const [r] = res.body.data.receipts;
      const wrong = await h.http().get(`/api/user-consent/receipts/${r.id}?token=wrong`);
      const unknown = await h.http().get(`/api/user-consent/receipts/00000000-0000-4000-8000-000000000000?token=${r.token}`);
      const other = await h.http().get(`/api/user-consent/receipts/${r.id}?token=${res.body.data.receipts[1].token}`);
      const malformed = await h.http().get('/api/user-consent/receipts/not-a-uuid?token=x');
      for (const x of [wrong, unknown, other, malformed]) {
        expect(x.status).toBe(404);
        expect(x.body).toEqual(unknown.body);
      }
    });
  });

  describe('the server API for an app’s own code', () => {
    it('records consents with the same rules', async () => {
      const service = h.strapi.plugin('user-consent').service('consent');
      const result = await service.capture(
        'contact',
        { pageUrl: 'https://site.example/crm', subject: { phone: '+7 900 000-00-00' }, data: { name: 'Пётр', email: 'p@example.com' }, decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.ads, accepted: true }] },
        { ip: null, userAgent: 'crm-import', channel: 'api' }
      );
      expect(result.receipts.map((r: any) => r.action)).toEqual(['given', 'given']);
      const crm = await h.strapi.db.query('plugin::user-consent.consent').findOne({ where: { receiptId: result.receipts[0].id } });
      expect(crm).toMatchObject({ channel: 'api', pageUrl: 'https://site.example/crm' });
      expect(await personalOf(h, crm)).toMatchObject({ ip: null, userAgent: 'crm-import', subject: { phone: '+7 900 000-00-00' }, emailHash: null, phoneHash: expect.stringMatching(/^[0-9a-f]{64}$/) });

      // Nothing personal at all: no personal record, and the receipt says so.
      const before = await counts(h);
      const bare = await service.capture(
        'all-modes',
        { pageUrl: 'https://site.example/bare', decisions: [{ version: s.versions.terms, accepted: true }, { version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.loyalty, accepted: false }, { version: s.versions.ads, accepted: false }] },
        { ip: null, userAgent: null, channel: 'api' }
      );
      expect(await counts(h)).toEqual({ consents: before.consents + 4, personal: before.personal });
      const bareRow = await h.strapi.db.query('plugin::user-consent.consent').findOne({ where: { receiptId: bare.receipts[0].id } });
      expect(bareRow.personalId ?? null).toBeNull();
      expect(bareRow.personalHash ?? null).toBeNull();
      const receipt = await h.http().get(`/api/user-consent/receipts/${bare.receipts[0].id}`).set('X-Receipt-Token', bare.receipts[0].token);
      expect(receipt.status).toBe(200);
      expect(receipt.body.data).toMatchObject({ personalData: 'none', piiPrincipalId: 'anonymous', event: { pageUrl: 'https://site.example/bare' } });
      await expect(
        service.capture('contact', { pageUrl: 'https://site.example/crm', data: { name: 'x', email: 'x@y.z' }, decisions: [{ version: s.versions.pd, accepted: false }, { version: s.versions.ads, accepted: true }] }, { ip: null, userAgent: null, channel: 'api' })
      ).rejects.toMatchObject({ name: 'ValidationError' });
    });
  });
});
