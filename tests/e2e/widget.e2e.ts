import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import { BASE, DEMO_ADMIN, launch, screenshot } from '../helpers/browser';

/**
 * The embeddable widget (GET /api/user-consent/widget.js) on the playground's demo pages, against the
 * production build with the demo data: the four checkbox behaviours, the full text in a modal dialog
 * with Accept and Close (ticking a must-read box opens it, as in Bitrix), a submission blocked in the
 * page and refused by the server, the success message, a recorded consent with its receipt and,
 * through the admin API, the IP, user agent and page URL the server recorded; and the receipts kept in
 * the browser: a consent that stands is shown as given, one a renewal-flagged version outdated is asked again.
 */

const ALL_MODES = `${BASE}/demo/all-modes.html`;
const CONTACT = `${BASE}/demo/contact.html`;

type PublicAgreement = { agreement: number; label: string; behaviour: string; version: { id: number }; language: string | null };

const isConsentPost = (r: Request) => r.method() === 'POST' && /\/api\/user-consent\/forms\/[^/]+\/consents$/.test(r.url());

/** Opens a demo page and waits for its widget to render; counts the consent requests it sends. */
const open = async (page: Page, url: string) => {
  const sent: Request[] = [];
  page.on('request', (r) => {
    if (isConsentPost(r)) sent.push(r);
  });
  await page.goto(url);
  await page.locator('[data-user-consent-form][data-uc-state="ready"]').waitFor();
  return sent;
};

const publicForm = async (page: Page, key: string): Promise<PublicAgreement[]> => {
  const res = await page.request.get(`${BASE}/api/user-consent/forms/${key}`);
  expect(res.status()).toBe(200);
  return (await res.json()).data.agreements;
};

/** The link to the full text inside a checkbox's label. */
const linkOf = (page: Page, box: Locator) => page.locator('.uc-i').filter({ has: box }).getByRole('link');

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

/** The success message is hard to miss: a coloured box in view, still there a while later. */
const expectProminent = async (page: Page, message: Locator) => {
  const style = await message.evaluate((el) => {
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return { bg: cs.backgroundColor, border: cs.borderTopWidth, weight: Number(cs.fontWeight), inView: r.top >= 0 && r.bottom <= innerHeight };
  });
  expect(style.bg).not.toBe('rgba(0, 0, 0, 0)');
  expect(style.border).not.toBe('0px');
  expect(style.weight).toBeGreaterThanOrEqual(600);
  expect(style.inView).toBe(true);
  await page.waitForTimeout(1500);
  expect(await message.isVisible()).toBe(true);
};

describe('consent widget on the demo pages (production build)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });

  it('serves the script with its type, a short cache and an ETag', async () => {
    const res = await page.request.get(`${BASE}/api/user-consent/widget.js`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/javascript; charset=utf-8');
    expect(res.headers()['cache-control']).toBe('public, max-age=300');
    const etag = res.headers()['etag'];
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    const script = await res.text();
    expect(script).toContain('UserConsent');
    // The minified build (npm run build), within the budget sites pay for it: 6 KB gzipped.
    expect(script.length).toBeLessThan(fs.readFileSync(path.join(__dirname, '../../widget/user-consent-widget.js'), 'utf8').length);
    expect(zlib.gzipSync(script, { level: 9 }).length).toBeLessThanOrEqual(6 * 1024);
    const again = await page.request.get(`${BASE}/api/user-consent/widget.js`, { headers: { 'If-None-Match': etag } });
    expect(again.status()).toBe(304);
  });

  it('renders the four behaviours of the all-modes form and blocks a submission without the required boxes', async () => {
    const agreements = await publicForm(page, 'all-modes');
    expect(agreements.map((a) => a.behaviour)).toEqual(['required-prechecked', 'required-read', 'optional-prechecked', 'optional-unchecked']);
    const sent = await open(page, ALL_MODES);
    const boxes = page.getByRole('checkbox');
    expect(await boxes.count()).toBe(4);
    const [reqPre, reqRead, optPre, optUn] = agreements.map((a) => page.getByRole('checkbox', { name: a.label, exact: true }));

    // Pre-ticked where the mode says; required ones say so to assistive technology.
    expect(await reqPre.isChecked()).toBe(true);
    expect(await reqPre.isEnabled()).toBe(true);
    expect(await reqPre.getAttribute('aria-required')).toBe('true');
    expect(await reqRead.isChecked()).toBe(false);
    expect(await reqRead.isEnabled()).toBe(true); // ticking it opens the full text
    expect(await reqRead.getAttribute('aria-haspopup')).toBe('dialog');
    expect(await reqRead.getAttribute('aria-required')).toBe('true');
    expect(await optPre.isChecked()).toBe(true);
    expect(await optPre.getAttribute('aria-required')).toBeNull();
    expect(await optUn.isChecked()).toBe(false);
    expect(await optUn.isEnabled()).toBe(true);
    expect(await optUn.getAttribute('aria-required')).toBeNull();
    // required-read: a visible hint, tied to the box.
    const hint = page.getByText('The full text opens: read it, then press Accept.');
    await hint.waitFor();
    expect(await reqRead.getAttribute('aria-describedby')).toBe(await hint.getAttribute('id'));
    await screenshot(page, 'widget-all-modes-initial');

    // Submitting now is blocked in the page: an alert, focus on the missing box, no request.
    await page.getByRole('button', { name: 'Send' }).click();
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'Please tick the required boxes.' }).waitFor();
    expect(await reqRead.getAttribute('aria-invalid')).toBe('true');
    expect(await reqRead.evaluate((el) => el === document.activeElement)).toBe(true);
    const readLink = linkOf(page, reqRead);
    expect(sent).toHaveLength(0);

    // The full text opens in a modal dialog; focus moves in, Escape closes it and focus comes back.
    await readLink.click();
    const dialog = page.getByRole('dialog', { name: agreements[1].label });
    await dialog.waitFor();
    await dialog.getByText('Ромашка').first().waitFor();
    expect(await page.evaluate(() => !!document.activeElement?.closest('[role=dialog],dialog'))).toBe(true);
    await screenshot(page, 'widget-full-text-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focusedText(page)).toBe(await readLink.innerText());
    expect(await reqRead.isEnabled()).toBe(true);
    expect(await hint.count()).toBe(0);

    // Unticking the pre-ticked required box blocks the submission again, with focus on that box.
    await reqPre.uncheck();
    await page.getByRole('button', { name: 'Send' }).click();
    await alert.filter({ hasText: 'Please tick the required boxes.' }).waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('checkbox');
    expect(await reqPre.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(sent).toHaveLength(0);
    await screenshot(page, 'widget-all-modes-blocked');

    // Ticked from the keyboard, then sent: one request with a decision per agreement.
    await reqPre.focus();
    await page.keyboard.press('Space');
    await reqRead.focus();
    await page.keyboard.press('Space');
    expect(await reqRead.isChecked()).toBe(true);
    const response = page.waitForResponse((r) => isConsentPost(r.request()));
    await page.getByRole('button', { name: 'Send' }).click();
    const res = await response;
    expect(res.status()).toBe(201);
    const success = page.getByRole('status').filter({ hasText: 'Thank you, your consents are recorded.' });
    await success.waitFor();
    await expectProminent(page, success);
    expect(await alert.innerText()).toBe('');
    expect(sent).toHaveLength(1);
    const body = sent[0].postDataJSON();
    expect(body.pageUrl).toBe(ALL_MODES);
    expect(body.decisions).toEqual(
      // Each decision names the language its text was shown in.
      agreements.map((a, i) => ({ version: a.version.id, accepted: i < 3, fullTextOpened: i === 1, ...(a.language ? { language: a.language } : {}) }))
    );
    expect(body.data).toBeUndefined(); // the e-mail was left empty
    const receipts = (await res.json()).data.receipts;
    expect(receipts.map((r: any) => r.action)).toEqual(['given', 'given', 'given', 'refused']);
    await screenshot(page, 'widget-all-modes-sent');
  });

  it('has the server refuse a direct submission without a required consent (400)', async () => {
    const agreements = await publicForm(page, 'all-modes');
    const post = (decisions: object[]) =>
      page.request.post(`${BASE}/api/user-consent/forms/all-modes/consents`, { data: { pageUrl: ALL_MODES, decisions } });
    const all = (over: Record<number, object>) =>
      agreements.map((a, i) => ({ version: a.version.id, accepted: true, fullTextOpened: true, ...over[i] }));

    const missing = await post(all({ 1: { accepted: false } }));
    expect(missing.status()).toBe(400);
    const err = (await missing.json()).error;
    expect(err.name).toBe('ValidationError');
    expect(err.message).toMatch(/is required and was not accepted/);

    const unread = await post(all({ 1: { fullTextOpened: false } }));
    expect(unread.status()).toBe(400);
    expect((await unread.json()).error.message).toMatch(/must be read in full/);
  });

  it('mounts a widget added to the page later, once', async () => {
    await open(page, ALL_MODES);
    const count = await page.evaluate(async () => {
      const form = document.createElement('form');
      const box = document.createElement('div');
      box.setAttribute('data-user-consent-form', 'all-modes');
      form.append(box);
      document.body.append(form);
      const uc = (window as any).UserConsent;
      await uc.mount(box);
      await uc.mount(form);
      return { boxes: box.querySelectorAll('input[type=checkbox]').length, version: uc.version };
    });
    expect(count.boxes).toBe(4);
    expect(typeof count.version).toBe('string');
  });

  it('shows the server’s message when it refuses a submission', async () => {
    const agreements = await publicForm(page, 'contact');
    const sent = await open(page, CONTACT);
    await page.locator('#name').fill('Иван');
    await page.locator('#email').fill('ivan@example.com');
    await page.locator('#phone').fill('not a phone');
    await linkOf(page, page.getByRole('checkbox', { name: agreements[0].label, exact: true })).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Ромашка').first().waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('checkbox', { name: agreements[0].label, exact: true }).check();
    const response = page.waitForResponse((r) => isConsentPost(r.request()));
    await page.getByRole('button', { name: 'Отправить' }).click();
    expect((await response).status()).toBe(400);
    await page.getByRole('alert').filter({ hasText: 'subject.phone: must be a phone number' }).waitFor();
    expect(sent).toHaveLength(1);
    expect(await page.locator('#name').inputValue()).toBe('Иван'); // nothing was lost
  });

  it('falls back to an ARIA dialog without <dialog> support: focus inside, Tab kept in, Escape closes', async () => {
    await context.addInitScript(() => {
      delete (window as any).HTMLDialogElement;
    });
    const agreements = await publicForm(page, 'all-modes');
    await open(page, ALL_MODES);
    const box = page.getByRole('checkbox', { name: agreements[1].label, exact: true });
    const link = linkOf(page, box);
    await link.focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('div[role=dialog][aria-modal=true]');
    await dialog.getByText('Ромашка').first().waitFor();
    expect(await dialog.getAttribute('aria-label')).toBe(agreements[1].label);
    const inside = () => page.evaluate(() => !!document.activeElement?.closest('[role=dialog]'));
    expect(await inside()).toBe(true);
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await inside()).toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    expect(await inside()).toBe(true);
    await screenshot(page, 'widget-dialog-fallback');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await link.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await box.isEnabled()).toBe(true);
  });

  it('records a contact-form submission in Russian: the box opens the text, «Принять» ticks it, receipt with the page URL', async () => {
    const agreements = await publicForm(page, 'contact');
    expect(agreements.map((a) => a.behaviour)).toEqual(['required-read', 'optional-unchecked']);
    const sent = await open(page, CONTACT);
    const [pd, ads] = agreements.map((a) => page.getByRole('checkbox', { name: a.label, exact: true }));
    await page.getByText('Откроется полный текст: прочитайте его и нажмите «Принять».').waitFor();
    expect(await pd.isEnabled()).toBe(true);
    expect(await ads.isChecked()).toBe(false);

    await page.locator('#name').fill('Иван Петров');
    await page.locator('#email').fill('ivan@example.com');
    await page.locator('#phone').fill('+7 999 123-45-67');
    await page.locator('#comment').fill('Перезвоните мне, пожалуйста.');
    await page.getByRole('button', { name: 'Отправить' }).click();
    await page.getByRole('alert').filter({ hasText: 'Отметьте обязательные согласия.' }).waitFor();
    expect(sent).toHaveLength(0);

    // Ticking the box opens the text (the box stays unticked); «Принять» ticks it and the error goes at once.
    await pd.click();
    const dialog = page.getByRole('dialog', { name: agreements[0].label });
    await dialog.getByText('Ромашка').first().waitFor();
    expect(await pd.isChecked()).toBe(false);
    await dialog.getByRole('button', { name: 'Закрыть' }).waitFor();
    await screenshot(page, 'widget-must-read-dialog-ru');
    await dialog.getByRole('button', { name: 'Принять' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await pd.isChecked()).toBe(true);
    expect(await pd.getAttribute('aria-invalid')).toBeNull();
    expect(await page.getByRole('alert').innerText()).toBe('');
    expect(await pd.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, 'widget-contact-filled-ru');

    const response = page.waitForResponse((r) => isConsentPost(r.request()));
    await page.getByRole('button', { name: 'Отправить' }).click();
    const res = await response;
    expect(res.status()).toBe(201);
    const success = page.getByRole('status').filter({ hasText: 'Спасибо! Мы получили ваше сообщение.' });
    await success.waitFor();
    expect(await page.locator('#name').inputValue()).toBe(''); // the host form was reset
    await expectProminent(page, success);
    const body = sent[0].postDataJSON();
    expect(body).toEqual({
      pageUrl: CONTACT,
      data: { name: 'Иван Петров', email: 'ivan@example.com', phone: '+7 999 123-45-67', comment: 'Перезвоните мне, пожалуйста.' },
      subject: { name: 'Иван Петров', email: 'ivan@example.com', phone: '+7 999 123-45-67' },
      decisions: [
        // The language each text was shown in (the demo's agreements are in Russian).
        { version: agreements[0].version.id, accepted: true, fullTextOpened: true, language: 'ru' },
        { version: agreements[1].version.id, accepted: false, fullTextOpened: false, language: 'ru' },
      ],
    });
    await screenshot(page, 'widget-contact-sent-ru');

    // The submitter's own receipts: what was recorded, where and how.
    const { receipts } = (await res.json()).data;
    expect(receipts.map((r: any) => r.action)).toEqual(['given', 'refused']);
    const receipt = async (r: { id: string; token: string }) => {
      const got = await page.request.get(`${BASE}/api/user-consent/receipts/${r.id}?token=${encodeURIComponent(r.token)}`);
      expect(got.status()).toBe(200);
      return (await got.json()).data;
    };
    const given = await receipt(receipts[0]);
    expect(given.state).toBe('given');
    expect(given.event).toMatchObject({ type: 'given', method: 'required-read', fullTextOpened: true, prechecked: false, pageUrl: CONTACT });
    expect(given.collectionMethod).toContain('web form "contact"');
    expect(given.principal).toEqual({ id: 'ivan@example.com', name: 'Иван Петров' });
    expect(given.notice.version).toBe(agreements[0].version.id);
    const refused = await receipt(receipts[1]);
    expect(refused.state).toBe('refused');
    expect(refused.event).toMatchObject({ type: 'refused', method: 'optional-unchecked', pageUrl: CONTACT });

    // What the server recorded, as the admin API shows it: the browser's address (no proxy in front
    // of the test server), its user agent and the page, for both decisions.
    const login = await page.request.post(`${BASE}/admin/login`, { data: DEMO_ADMIN });
    expect(login.status()).toBe(200);
    const headers = { Authorization: `Bearer ${(await login.json()).data.token}` };
    const list = await page.request.get(`${BASE}/user-consent/consents?pageUrl=${encodeURIComponent('/demo/contact.html')}&pageSize=100`, { headers });
    expect(list.status()).toBe(200);
    const ids = receipts.map((r: { id: string }) => r.id);
    const recorded = (await list.json()).data.filter((row: { receiptId: string }) => ids.includes(row.receiptId));
    expect(recorded.map((row: { receiptId: string }) => ids.indexOf(row.receiptId)).sort()).toEqual([0, 1]);
    const userAgent = await page.evaluate(() => navigator.userAgent);
    for (const row of recorded) {
      expect(row).toMatchObject({ ip: '127.0.0.1', pageUrl: CONTACT, formKey: 'contact', subject: { email: 'ivan@example.com' } });
      const detail = await page.request.get(`${BASE}/user-consent/consents/${row.id}`, { headers });
      expect(detail.status()).toBe(200);
      const { record, submission } = (await detail.json()).data;
      expect(record).toMatchObject({ ip: '127.0.0.1', userAgent, pageUrl: CONTACT, receiptId: row.receiptId });
      expect(submission.data.name).toBe('Иван Петров');
    }

    // The message stays until the visitor does something in the form again.
    await page.locator('#comment').fill('Ещё вопрос');
    expect(await page.getByRole('status').innerText()).toBe('');

    // Back later: the consent that stands is shown as given, with its date; the browser kept only ids and tokens.
    const asked = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/user-consent/receipts/states'));
    await page.reload();
    await page.locator('[data-user-consent-form][data-uc-state="ready"]').waitFor();
    const query = await asked;
    expect(query.postDataJSON()).toEqual({ receipts: [{ id: receipts[0].id, token: receipts[0].token }] });
    const kept = await page.evaluate(() => Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)]));
    expect(kept).toEqual([[`user-consent:${BASE}/api/user-consent#contact`, JSON.stringify([{ id: receipts[0].id, token: receipts[0].token, agreement: agreements[0].agreement }])]]);
    expect(await pd.isChecked()).toBe(true);
    expect(await pd.isDisabled()).toBe(true);
    const line = page.locator('.uc-i').filter({ has: pd }).getByText(/^Вы дали согласие \d{1,2} [а-я]+ \d{4} г\.$/);
    await line.waitFor();
    expect(await pd.getAttribute('aria-describedby')).toBe(await line.getAttribute('id'));
    expect(await ads.isChecked()).toBe(false);
    expect(await ads.isEnabled()).toBe(true);
    await screenshot(page, 'widget-contact-agreed-ru');
  });
  it('opens a must-read text from its box or label in English: Close leaves it unticked, Accept ticks it and clears the error', async () => {
    const agreements = await publicForm(page, 'all-modes');
    await open(page, ALL_MODES);
    const reqRead = page.getByRole('checkbox', { name: agreements[1].label, exact: true });
    const row = page.locator('.uc-i').filter({ has: reqRead });
    const alert = page.getByRole('alert');
    await page.getByRole('button', { name: 'Send' }).click();
    await alert.filter({ hasText: 'Please tick the required boxes.' }).waitFor();

    // A click on the label's words (not its link) opens the text too; the box stays unticked.
    await row.locator('label').click({ position: { x: 3, y: 5 } });
    const dialog = page.getByRole('dialog', { name: agreements[1].label });
    await dialog.getByText('Ромашка').first().waitFor();
    expect(await reqRead.isChecked()).toBe(false);
    const accept = dialog.getByRole('button', { name: 'Accept' });
    const close = dialog.getByRole('button', { name: 'Close' });
    expect(await accept.isEnabled()).toBe(true);
    await screenshot(page, 'widget-must-read-dialog-en');
    await close.click();
    await dialog.waitFor({ state: 'detached' });
    expect(await reqRead.isChecked()).toBe(false);
    expect(await reqRead.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await alert.innerText()).toBe('Please tick the required boxes.');

    // Read once, the box ticks like any other, and the error goes as soon as it is ticked.
    await reqRead.click();
    expect(await reqRead.isChecked()).toBe(true);
    expect(await alert.innerText()).toBe('');
    expect(await reqRead.getAttribute('aria-invalid')).toBeNull();

    // Accept from the link, in a fresh page: the box is ticked and focused, the error gone.
    await page.reload();
    await page.locator('[data-user-consent-form][data-uc-state="ready"]').waitFor();
    await page.getByRole('button', { name: 'Send' }).click();
    await alert.filter({ hasText: 'Please tick the required boxes.' }).waitFor();
    await linkOf(page, reqRead).click();
    await dialog.getByText('Ромашка').first().waitFor();
    // Escape closes it like Close.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await reqRead.isChecked()).toBe(false);
    await linkOf(page, reqRead).click();
    await dialog.getByText('Ромашка').first().waitFor();
    await dialog.getByRole('button', { name: 'Accept' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await reqRead.isChecked()).toBe(true);
    expect(await reqRead.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await alert.innerText()).toBe('');
  });

  it('asks again for a consent a renewal-flagged version outdated, with a note, in English and Russian', async () => {
    // An agreement and a form of this test's own (the demo's stay as they are), through the admin API.
    const login = await page.request.post(`${BASE}/admin/login`, { data: DEMO_ADMIN });
    const headers = { Authorization: `Bearer ${(await login.json()).data.token}` };
    const created = await page.request.post(`${BASE}/user-consent/agreements`, {
      headers,
      data: { name: 'Delivery terms (e2e renewal)', type: 'custom', label: 'I accept the [delivery terms]', customHtml: '<p>Delivery within three days.</p>' },
    });
    expect(created.status()).toBe(201);
    const agreement = (await created.json()).data.id;
    const form = await page.request.post(`${BASE}/user-consent/forms`, {
      headers,
      data: { key: 'e2e-renewal', name: 'E2E renewal', fields: [], agreements: [{ agreementId: agreement, behaviour: 'required-read' }], successMessage: 'Saved.', storeSubmissions: false },
    });
    expect(form.status()).toBe(201);

    /** The e2e-renewal form added to a demo page (the widget mounts it), and its checkbox. */
    const mountOn = async (url: string) => {
      await open(page, url);
      await page.evaluate(async () => {
        const f = document.createElement('form');
        f.id = 'renewal';
        f.innerHTML = '<div data-user-consent-form="e2e-renewal"></div><button type="submit">Save terms</button>';
        document.body.append(f);
        await (window as any).UserConsent.mount(f);
      });
      const scope = page.locator('#renewal');
      return { scope, box: scope.getByRole('checkbox') };
    };

    // Agreed once.
    let { scope, box } = await mountOn(ALL_MODES);
    await box.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Accept' }).click();
    // The box is ticked when the dialog has closed (its close event), not at the click.
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await box.isChecked()).toBe(true);
    await scope.getByRole('button', { name: 'Save terms' }).click();
    await scope.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    // Shown as agreed at once, and after a reload.
    ({ scope, box } = await mountOn(ALL_MODES));
    await scope.getByText(/^You agreed on [A-Z][a-z]+ \d{1,2}, \d{4}\.$/).waitFor();
    expect(await box.isChecked()).toBe(true);
    expect(await box.isDisabled()).toBe(true);

    // A typo fixed (no renewal): still agreed.
    const save = async (label: string, requiresRenewal: boolean) => {
      const res = await page.request.put(`${BASE}/user-consent/agreements/${agreement}`, { headers, data: { label, requiresRenewal } });
      expect(res.status()).toBe(200);
      expect((await res.json()).meta).toEqual({ versionCreated: true, requiresRenewal });
    };
    await save('I accept the [delivery terms].', false);
    // A material change: asked again, with a short note why.
    await save('I accept the [delivery terms], now by courier', true);
    ({ scope, box } = await mountOn(ALL_MODES));
    const note = scope.getByText('The text has changed since you agreed: please read it and agree again.');
    await note.waitFor();
    expect(await box.isChecked()).toBe(false);
    expect(await box.isEnabled()).toBe(true);
    expect((await box.getAttribute('aria-describedby'))!.split(' ')).toContain(await note.getAttribute('id'));
    await screenshot(page, 'widget-renewal-en');
    // The same in Russian on a Russian page.
    ({ scope, box } = await mountOn(CONTACT));
    await scope.getByText('Текст соглашения изменился с тех пор, как вы его приняли: прочитайте и примите его снова.').waitFor();
    await scope.getByText('Откроется полный текст: прочитайте его и нажмите «Принять».').waitFor();
    // The reason first, then how to agree.
    expect(await scope.locator('.uc-n + .uc-h').count()).toBe(1);
    await screenshot(page, 'widget-renewal-ru');

    // Agreed again on the new version: shown as agreed, and the server has it as given.
    await box.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Принять' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const response = page.waitForResponse((r) => isConsentPost(r.request()));
    await scope.getByRole('button', { name: 'Save terms' }).click();
    const receipt = (await (await response).json()).data.receipts[0];
    ({ scope, box } = await mountOn(ALL_MODES));
    await scope.getByText(/^You agreed on /).waitFor();
    const states = await page.request.post(`${BASE}/api/user-consent/receipts/states`, { data: { receipts: [{ id: receipt.id, token: receipt.token }] } });
    expect((await states.json()).data[0]).toMatchObject({ id: receipt.id, state: 'given', agreement, versionNumber: 3 });
  });
});
