import { binary, type Harness } from '../helpers/strapi';
import { withScenario, type Scenario } from '../helpers/scenario';
import { parseCsv } from '../helpers/csv';
import { expectValidPdf, parsePdf, squash } from '../helpers/pdf';

const P = 'plugin::user-consent.';

describe('the consent log: filters, paging, detail, export', () => {
  let h: Harness;
  let s: Scenario;
  let middle: string;
  const ids: Record<string, string[]> = { early: [], late: [] };

  const submit = async (ip: string, page: string, email: string, acceptAds: boolean) => {
    const res = await h
      .http()
      .post('/api/user-consent/forms/contact/consents')
      .set('X-Forwarded-For', ip)
      .set('User-Agent', `LogTest ${ip}`)
      .send({
        pageUrl: page,
        subject: { email, phone: '+7 (900) 111-22-33' },
        data: { name: 'Клиент', email, comment: 'Комментарий с кириллицей' },
        decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.ads, accepted: acceptAds }],
      });
    expect(res.status).toBe(201);
    return res.body.data.receipts as { id: string; token: string }[];
  };

  withScenario((app) => ({ h, s } = app), { env: { PROXY: 'true' } });
  beforeAll(async () => {
    for (let i = 0; i < 6; i += 1) ids.early.push(...(await submit(`198.51.100.${i + 1}`, `https://site.example/landing?i=${i}`, `early${i}@example.com`, i % 2 === 0)).map((r) => r.id));
    await new Promise((r) => setTimeout(r, 50));
    middle = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < 4; i += 1) ids.late.push(...(await submit(`203.0.113.${i + 1}`, `https://shop.example/Checkout/${i}`, `late${i}@example.com`, true)).map((r) => r.id));
    const shop = await h.http().post('/api/user-consent/forms/shop/consents').set('Origin', 'https://shop.example').set('X-Forwarded-For', '192.0.2.50').send({ pageUrl: 'https://shop.example/pay', decisions: [{ version: s.versions.terms, accepted: true }] });
    expect(shop.status).toBe(201);
    const [toWithdraw] = await submit('198.51.100.99', 'https://site.example/w', 'withdraw@example.com', false);
    expect((await h.http().post('/api/user-consent/withdrawals').send({ receipt: toWithdraw.id, token: toWithdraw.token })).status).toBe(201);
  });

  // The panel posts its filters (IP and subject may not travel in a URL); the same query string as a body.
  const list = (query: string, agent = h.admin) => agent.post('/user-consent/consents/search').send(Object.fromEntries(new URLSearchParams(query)));

  it('refuses an IP or subject filter in a URL with a 400, and takes it in a JSON body', async () => {
    for (const url of ['/user-consent/consents?ip=198.51.100.2', '/user-consent/consents?subject=early1%40example.com', '/user-consent/consents/export?ip=198.51.100.']) {
      const res = await h.admin.get(url);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/may not be sent in a URL/);
    }
    expect((await h.admin.get('/user-consent/subjects?email=early1%40example.com')).status).toBe(404);
    // Filters that name nobody still work in a link.
    const byForm = await h.admin.get('/user-consent/consents?form=shop&pageSize=100');
    expect(byForm.status).toBe(200);
    expect(byForm.body.data.length).toBeGreaterThan(0);
    expect(byForm.body.data.every((r: any) => r.formKey === 'shop')).toBe(true);
    const byIp = await h.admin.post('/user-consent/consents/search').send({ ip: '198.51.100.2' });
    expect(byIp.status).toBe(200);
    expect(byIp.body.data.length).toBeGreaterThan(0);
  });

  it('pages and sorts on the server', async () => {
    const all = await list('pageSize=100&sort=seq&order=asc');
    expect(all.status).toBe(200);
    expect(all.body.meta.pagination.total).toBe(24);
    expect(all.body.data.map((r: any) => Number(r.seq))).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    const page2 = await list('page=2&pageSize=10&sort=seq&order=asc');
    expect(page2.body.data.map((r: any) => Number(r.seq))).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(page2.body.meta.pagination).toEqual({ page: 2, pageSize: 10, pageCount: 3, total: 24 });
    const newest = await list('pageSize=1');
    expect(newest.body.data[0].action).toBe('withdrawn');
    // IP and subject come from the personal store; the page URL of the event is origin and path.
    expect(all.body.data[0]).toMatchObject({
      agreementName: 'Personal data',
      formKey: 'contact',
      versionNumber: 1,
      ip: '198.51.100.1',
      subject: { email: 'early0@example.com', phone: '+7 (900) 111-22-33' },
      pageUrl: 'https://site.example/landing',
      erased: false,
    });
  });

  it('sorts by IP (from the personal store)', async () => {
    const byIp = await list('sort=ip&order=asc&pageSize=100');
    expect(byIp.status).toBe(200);
    const ips = byIp.body.data.map((r: any) => r.ip);
    expect(ips).toHaveLength(24);
    expect(ips).toEqual([...ips].sort());
    // The withdrawal was posted without X-Forwarded-For: it records the direct peer.
    expect(ips[0]).toBe('127.0.0.1');
  });

  it('sorts by the state the log shows, across pages', async () => {
    // Three pages of 10, as the panel pages them: the order must hold across the page breaks.
    const pages = async (order: 'asc' | 'desc') => {
      const rows: any[] = [];
      for (let page = 1; page <= 3; page += 1) {
        const res = await list(`sort=state&order=${order}&pageSize=10&page=${page}`);
        expect(res.status).toBe(200);
        rows.push(...res.body.data);
      }
      return rows;
    };
    const asc = await pages('asc');
    // What the State column shows: the decision's state, or the action of an event that has none.
    const shown = asc.map((r) => r.state ?? r.action);
    // Current consents first, then the withdrawn one with its withdrawal, then the refusals; each group oldest first.
    expect(shown).toEqual([...Array(18).fill('given'), 'withdrawn', 'withdrawn', ...Array(4).fill('refused')]);
    expect(asc.slice(18, 20).map((r) => [r.action, r.state])).toEqual([
      ['given', 'withdrawn'],
      ['withdrawn', null],
    ]);
    for (const group of [asc.slice(0, 18), asc.slice(18, 20), asc.slice(20)]) {
      const seqs = group.map((r) => Number(r.seq));
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
    // Descending is the same order reversed.
    expect((await pages('desc')).map((r) => r.id)).toEqual(asc.map((r) => r.id).reverse());
  });

  it.each([
    ['agreement', () => `agreement=${s.agreements.ads}`, 11],
    ['version', () => `version=${s.versions.terms}`, 1],
    ['form', () => 'form=shop', 1],
    ['action given', () => 'action=given', 19],
    ['action refused', () => 'action=refused', 4],
    ['action withdrawn', () => 'action=withdrawn', 1],
    ['exact IP', () => 'ip=203.0.113.2', 2],
    ['IP prefix', () => 'ip=203.0.113.', 8],
    ['IP prefix with *', () => 'ip=198.51.100.*', 14],
    ['page URL contains (any case)', () => 'pageUrl=checkout', 8],
    ['page URL: origin and path', () => 'pageUrl=site.example/landing', 12],
    // The query of a page URL is personal: the event does not hold it, the filter does not find it.
    ['page URL: not its query', () => `pageUrl=${encodeURIComponent('landing?i=')}`, 0],
    ['subject e-mail (any case)', () => 'subject=EARLY3@example.com', 2],
    ['subject phone', () => `subject=${encodeURIComponent('+79001112233')}`, 23],
    ['date range from', () => `from=${encodeURIComponent(middle)}`, 12],
    ['date range to', () => `to=${encodeURIComponent(middle)}`, 12],
    ['agreement + date range', () => `agreement=${s.agreements.pd}&from=${encodeURIComponent(middle)}`, 6],
  ])('filters by %s', async (_what, query, expected) => {
    const res = await list(`pageSize=100&${query()}`);
    expect(res.status).toBe(200);
    expect(res.body.meta.pagination.total).toBe(expected);
    expect(res.body.data).toHaveLength(expected);
  });

  it.each(['sort=password', 'action=deleted', 'from=yesterday', 'ip=1.2.3.4;drop', 'pageSize=1000', 'agreement=abc', 'unknown=1'])('refuses %s with a 400', async (q) => {
    const res = await list(q);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
  });

  it('keeps personal data and receipt tokens out of the request log', async () => {
    const lines: string[] = [];
    const spy = jest.spyOn(h.strapi.log, 'http').mockImplementation(((line: string) => {
      lines.push(String(line));
    }) as any);
    try {
      await list('subject=early1%40example.com&ip=198.51.100.2');
      await h.admin.post('/user-consent/consents/export').send({ ip: '198.51.100.' }).buffer(true);
      await h.admin.post('/user-consent/subjects/lookup').send({ email: 'early1@example.com' });
      const r = await submit('198.51.100.77', 'https://site.example/log', 'logcheck@example.com', true);
      await h.http().get(`/api/user-consent/receipts/${r[0].id}?token=${encodeURIComponent(r[0].token)}`);
    } finally {
      spy.mockRestore();
    }
    expect(lines.length).toBeGreaterThanOrEqual(5);
    const joined = lines.join('\n');
    for (const secret of ['early1', 'example.com', '198.51.100.2', '198.51.100.77', 'logcheck', 'token=']) {
      expect(joined.includes(secret) && !joined.includes(`${secret.split('=')[0]}=%5Bhidden%5D`)).toBe(false);
    }
    // The personal filters travelled in bodies: the logged lines name the routes only.
    expect(joined).toContain('POST /user-consent/consents/search');
  });

  it('hides personal data from a role without the permission, and refuses filtering by it', async () => {
    const reader = await h.adminWithActions([`${P}consents.read`]);
    const res = await list('pageSize=5', reader);
    expect(res.status).toBe(200);
    expect(res.body.meta.personalData).toBe(false);
    for (const r of res.body.data) {
      expect(r.ip).toBeNull();
      expect(r.subject).toBeNull();
    }
    expect((await list('ip=203.0.113.1', reader)).status).toBe(403);
    const detail = await reader.get(`/user-consent/consents/${res.body.data[0].id}`);
    expect(detail.body.data.record.ip).toBeNull();
    expect(detail.body.data.record.userAgent).toBeNull();
    expect(detail.body.data.record.subject).toBeNull();
    expect(detail.body.data.record.pageQuery).toBeNull();
    expect(detail.body.data.record.personal).toEqual({ erased: false, erasureId: null, erasedAt: null });
    expect(detail.body.data.receipt.piiPrincipalId).toBeNull();
    expect(detail.body.data.submission).toBeUndefined();
    expect((await reader.get('/user-consent/consents/export')).status).toBe(403);
    const exportsSeen = await reader.get('/user-consent/exports');
    for (const e of exportsSeen.body.data) {
      if (e.filter?.ip) expect(e.filter.ip).toBe('[hidden]');
      if (e.filter?.subject) expect(e.filter.subject).toBe('[hidden]');
    }
  });

  it('shows a record in full: the version as seen, how it was expressed, receipt, withdrawal, chain, client data', async () => {
    const row = await h.strapi.db.query(`${P}consent`).findOne({ where: { receiptId: ids.late[0] } });
    const res = await h.admin.get(`/user-consent/consents/${row.id}`);
    expect(res.status).toBe(200);
    const d = res.body.data;
    expect(d.record).toMatchObject({
      id: row.id,
      ip: '203.0.113.1',
      userAgent: 'LogTest 203.0.113.1',
      subject: { email: 'late0@example.com', phone: '+7 (900) 111-22-33' },
      pageUrl: 'https://shop.example/Checkout/0',
      pageQuery: null,
      note: null,
      action: 'given',
      personalId: row.personalId,
      personal: { erased: false, erasureId: null, erasedAt: null },
    });
    expect(d.record.tokenHash).toBeUndefined();
    const early = await h.strapi.db.query(`${P}consent`).findOne({ where: { receiptId: ids.early[6] } }); // the 4th capture (two receipts each)
    const earlyDetail = (await h.admin.get(`/user-consent/consents/${early.id}`)).body.data;
    expect(earlyDetail.record).toMatchObject({ pageUrl: 'https://site.example/landing', pageQuery: '?i=3' });
    expect(earlyDetail.receipt.event.pageUrl).toBe('https://site.example/landing?i=3');
    expect(d.version).toMatchObject({ id: s.versions.pd, number: 1, label: 'Personal data: I agree to the full text' });
    expect(d.version.html).toContain('Ромашка');
    // The agreement lists no data categories: its text listed the captions of the form's fields.
    expect(d.expressed).toEqual({ behaviour: 'required-read', prechecked: false, fullTextOpened: true, channel: 'web', dataShown: ['Name', 'E-mail', 'Phone', 'Comment'] });
    expect(d.receipt).toMatchObject({ consentReceiptID: ids.late[0], state: 'given' });
    expect(d.chain).toMatchObject({ ownHashValid: true, linksToPrevious: true, linkedFromNext: true });
    expect(d.submission).toEqual({ formKey: 'contact', data: { name: 'Клиент', email: 'late0@example.com', comment: 'Комментарий с кириллицей' }, receivedAt: expect.anything() });
    expect(new Date(d.submission.receivedAt).getTime()).toBe(new Date(row.recordedAt).getTime());
    const withdrawn = await h.strapi.db.query(`${P}consent`).findOne({ where: { action: 'withdrawn' } });
    const original = await h.admin.get(`/user-consent/consents/${withdrawn.withdrawsId}`);
    expect(original.body.data.withdrawals).toHaveLength(1);
    expect(original.body.data.receipt.state).toBe('withdrawn');
    expect((await h.admin.get('/user-consent/consents/999999')).status).toBe(404);
  });

  describe('the proof of a consent event as a PDF', () => {
    const proof = async (id: number | string, query = '', agent = h.admin) => {
      const res = await binary(agent.get(`/user-consent/consents/${id}/proof${query}`));
      return res;
    };
    /**
     * The text a reader sees in the file, without spaces or line breaks (a long value wraps), and without
     * the page footers (drawn last on each page, they would cut a text that runs over a page).
     */
    const textOf = (pdf: Buffer) => squash(parsePdf(pdf).lines.filter((l) => !/ · (стр\.|page) \d+ (из|of) \d+$/.test(l)).join(''));
    const recordOf = (receiptId: string) => h.strapi.db.query(`${P}consent`).findOne({ where: { receiptId } });

    it('holds who, when, where, how, the Cyrillic text as shown, its hash, the chain check and the receipt, in Russian', async () => {
      const row = await recordOf(ids.early[6]); // the 4th capture: page query ?i=3
      const res = await proof(row.id, '?lang=ru');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="consent-proof-${row.seq}-ru.pdf"`);
      const pdf = res.body as Buffer;
      expectValidPdf(pdf);
      const parsed = parsePdf(pdf);
      expect(parsed.fonts.every((f) => /DejaVuSans/.test(f))).toBe(true);
      expect(parsed.lang).toBe('ru');
      const text = textOf(pdf);
      const version = await h.strapi.db.query(`${P}agreement-version`).findOne({ where: { id: s.versions.pd } });
      expect(version.text).toMatch(/Ромашка/);
      // The text as the person was shown it, whole (the captions of the form's fields in its data list),
      // and the version's and the event's hashes.
      const shown = version.text.replace(/\n- [^\n]*указываю в полях формы[^\n]*/, '\n- Name\n- E-mail\n- Phone\n- Comment');
      expect(shown).not.toBe(version.text);
      expect(text).toContain(squash(shown));
      expect(text).toContain(squash(version.label));
      expect(text).toContain(version.hash);
      expect(text).toContain(row.hash);
      expect(text).toContain(row.prevHash);
      expect(text).toContain(squash('Доказательство согласия'));
      expect(text).toContain(squash('Результат: запись не изменена и стоит на своём месте в цепочке.'));
      // Who (a role with the personal-data action), where, how, the receipt.
      for (const value of ['early3@example.com', '198.51.100.4', 'LogTest 198.51.100.4', '?i=3', 'Комментарий с кириллицей', 'https://site.example/landing', ids.early[6]]) {
        expect(text).toContain(squash(value));
      }
      expect(text).toContain(squash('обязательная отметка после открытия полного текста'));
      expect(text).toContain(squash('Квитанция (JSON)'));
      expect(text).toContain(squash('/api/user-consent/jwks.json'));
      expect(text).toContain(squash('npm run verify-consents'));
      // The file's name and its document information name nobody.
      expect(JSON.stringify(parsed.info)).not.toContain('example.com');
    });

    it('speaks the admin\'s language: English by ?lang or Accept-Language', async () => {
      const row = await recordOf(ids.late[0]);
      const en = await proof(row.id, '?lang=en');
      expect(en.status).toBe(200);
      const text = textOf(en.body);
      expect(text).toContain(squash('Proof of consent'));
      expect(text).toContain(squash('Result: the record is unaltered and in its place in the chain.'));
      expect(text).toContain(row.hash);
      // The agreement's own text stays as it was shown (Russian), the document's words are English.
      expect(text).toMatch(/Ромашка/);
      expect(text).not.toContain(squash('Доказательство согласия'));
      const ru = await binary(h.admin.get(`/user-consent/consents/${row.id}/proof`).set('Accept-Language', 'ru-RU,ru;q=0.9'));
      expect(ru.headers['content-disposition']).toContain('-ru.pdf');
      expect(textOf(ru.body)).toContain(squash('Доказательство согласия'));
    });

    it('shows the withdrawal of a withdrawn consent, and the consent a withdrawal withdraws', async () => {
      const withdrawal = await h.strapi.db.query(`${P}consent`).findOne({ where: { action: 'withdrawn' } });
      const original = await h.strapi.db.query(`${P}consent`).findOne({ where: { id: withdrawal.withdrawsId } });
      const text = textOf((await proof(original.id, '?lang=en')).body);
      expect(text).toContain(squash('Consent withdrawn'));
      expect(text).toContain(squash(`Record No. ${withdrawal.seq}`));
      const own = textOf((await proof(withdrawal.id, '?lang=en')).body);
      expect(own).toContain(squash('This event withdraws'));
      expect(own).toContain(squash(`Record No. ${original.seq}`));
      expect(own).toContain(withdrawal.hash);
      expect(own).toContain(squash('This event has no receipt'));
    });

    it('gives a role without the personal-data action no personal field, and says so', async () => {
      const reader = await h.adminWithActions([`${P}consents.read`], 'proof-reader');
      const row = await recordOf(ids.early[6]);
      const res = await proof(row.id, '?lang=en', reader);
      expect(res.status).toBe(200);
      const text = textOf(res.body);
      expect(text).toContain(row.hash);
      expect(text).toMatch(/Ромашка/);
      expect(text).toContain(squash("hidden: the admin's role may not see personal data"));
      expect(text).toContain(squash('https://site.example/landing'));
      for (const value of ['early3@example.com', '+7 (900) 111-22-33', '198.51.100.4', 'LogTest', 'landing?i=3', 'Комментарий с кириллицей']) {
        expect(text).not.toContain(squash(value));
      }
      // The record page gives such a role the page address without its query in the receipt too.
      const detail = await reader.get(`/user-consent/consents/${row.id}`);
      expect(detail.body.data.receipt.event.pageUrl).toBe('https://site.example/landing');
      // Reading the log is needed at all.
      const none = await h.adminWithActions([`${P}forms.read`], 'proof-none');
      expect((await none.get(`/user-consent/consents/${row.id}/proof`)).status).toBe(403);
    });

    it('answers an unknown id with a 404 and a bad id or language with a 400, in Strapi\'s error shape', async () => {
      const missing = await h.admin.get('/user-consent/consents/999999/proof');
      expect(missing.status).toBe(404);
      expect(missing.body.error).toMatchObject({ status: 404, name: 'NotFoundError', details: { code: 'not-found' } });
      const bad = await h.admin.get('/user-consent/consents/abc/proof');
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ status: 400, name: 'ValidationError', details: { code: 'invalid-id' } });
      const row = await recordOf(ids.late[0]);
      const lang = await h.admin.get(`/user-consent/consents/${row.id}/proof?lang=de`);
      expect(lang.status).toBe(400);
      expect(lang.body.error.name).toBe('ValidationError');
    });
  });

  it('gives the time a submission was received as an ISO date on every database (the admin contract)', async () => {
    const row = await h.strapi.db.query(`${P}consent`).findOne({ where: { receiptId: ids.late[1] } });
    const d = (await h.admin.get(`/user-consent/consents/${row.id}`)).body.data;
    expect(d.submission.receivedAt).toBe(new Date(row.recordedAt).toISOString());
  });

  it('exports the filtered log as a streamed CSV with a BOM, and records the export', async () => {
    const res = await binary(h.admin.post('/user-consent/consents/export').send({ ip: '203.0.113.', agreement: s.agreements.pd }));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="consents-.*\.csv"/);
    const buf: Buffer = res.body;
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Parsed as CSV: the data list as shown is a JSON cell, quoted (it holds commas).
    const [header, ...records] = parseCsv(buf.toString('utf8').slice(1).trim());
    expect(header).toEqual(expect.arrayContaining(['id', 'seq', 'recordedAt', 'action', 'agreement', 'pageUrl', 'ip', 'subjectEmail', 'hash', 'choices', 'dataShown']));
    const rows = records.map((l) => Object.fromEntries(l.map((v, i) => [header[i], v])));
    expect(rows).toHaveLength(4);
    for (const r of rows) {
      expect(r.ip).toMatch(/^203\.0\.113\./);
      expect(r.agreement).toBe('Personal data');
    }
    // A decision on the contact form (its agreement lists no categories) keeps the captions shown.
    expect(rows.filter((r) => r.action === 'given').map((r) => r.dataShown)).toContain('["Name","E-mail","Phone","Comment"]');
    const logged = await h.admin.get('/user-consent/exports');
    expect(logged.body.data[0]).toMatchObject({
      adminEmail: 'owner@example.com',
      filter: { ip: '203.0.113.', agreement: s.agreements.pd },
      withPersonalData: true,
      rows: 4,
    });
  });

  it('writes Cyrillic correctly and exports without personal columns for an exporter without that permission', async () => {
    const exporter = await h.adminWithActions([`${P}consents.read`, `${P}consents.export`]);
    const res = await binary(exporter.get(`/user-consent/consents/export?form=contact&action=refused`));
    expect(res.status).toBe(200);
    const text = (res.body as Buffer).toString('utf8');
    const header = text.slice(1).split('\n')[0].split(',');
    expect(header).not.toContain('ip');
    expect(header).not.toContain('subjectEmail');
    expect(text.trim().split('\n')).toHaveLength(1 + 4);
    const csvWithNames = await binary(h.admin.get('/user-consent/consents/export?form=shop'));
    expect((csvWithNames.body as Buffer).toString('utf8')).toContain('Terms');
  });
  it('quotes fields holding commas, quotes or line breaks (RFC 4180) and keeps the columns aligned', async () => {
    const target = await h.strapi.db.query(`${P}consent`).findOne({ where: { receiptId: ids.early[2] } });
    const note = 'Letter of 3 May, signed "I. Ivanov"\r\nsecond line';
    expect((await h.admin.post(`/user-consent/consents/${target.id}/withdraw`).send({ note })).status).toBe(201);
    const res = await binary(h.admin.get('/user-consent/consents/export?action=withdrawn'));
    expect(res.status).toBe(200);
    const text = (res.body as Buffer).toString('utf8').slice(1);
    expect(text).toContain('"Letter of 3 May, signed ""I. Ivanov""\r\nsecond line"');
    const rows = parseCsv(text);
    const [header, ...records] = rows;
    expect(records).toHaveLength(2);
    for (const r of records) expect(r).toHaveLength(header.length);
    const byName = records.map((r) => Object.fromEntries(header.map((name, i) => [name, r[i]])));
    const written = byName.find((r) => r.note === note);
    expect(written).toMatchObject({ action: 'withdrawn', channel: 'admin', prechecked: 'no' });
    expect(written!.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('records an IPv6 address in lower case, so that the IP filter finds it however the proxy wrote it', async () => {
    const res = await h
      .http()
      .post('/api/user-consent/forms/shop/consents')
      .set('Origin', 'https://shop.example')
      .set('X-Forwarded-For', '2001:DB8:0:0:0:0:0:ABCD')
      .send({ pageUrl: 'https://shop.example/v6', decisions: [{ version: s.versions.terms, accepted: true }] });
    expect(res.status).toBe(201);
    for (const ip of ['2001:db8:', '2001:DB8:*', '2001:db8:0:0:0:0:0:abcd']) {
      const found = await list(`ip=${encodeURIComponent(ip)}`);
      expect(found.status).toBe(200);
      expect(found.body.data.map((r: any) => r.ip)).toEqual(['2001:db8:0:0:0:0:0:abcd']);
    }
  });
});
