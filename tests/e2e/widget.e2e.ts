import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import { BASE, DEMO_ADMIN, launch, screenshot } from '../helpers/browser';

/**
 * The embeddable widget (GET /api/user-consent/widget.js) on the playground's demo pages, against the
 * production build with the demo data: the four checkbox behaviours, the full text in a modal dialog,
 * a submission blocked in the page and refused by the server, and a recorded consent with its receipt
 * and, through the admin API, the IP, user agent and page URL the server recorded.
 */

const ALL_MODES = `${BASE}/demo/all-modes.html`;
const CONTACT = `${BASE}/demo/contact.html`;

type PublicAgreement = { label: string; behaviour: string; version: { id: number } };

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
    expect(await res.text()).toContain('window.UserConsent');
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
    expect(await reqRead.isDisabled()).toBe(true);
    expect(await reqRead.getAttribute('aria-required')).toBe('true');
    expect(await optPre.isChecked()).toBe(true);
    expect(await optPre.getAttribute('aria-required')).toBeNull();
    expect(await optUn.isChecked()).toBe(false);
    expect(await optUn.isEnabled()).toBe(true);
    expect(await optUn.getAttribute('aria-required')).toBeNull();
    // required-read: a visible hint, tied to the box.
    const hint = page.getByText('Open the full text to be able to tick this box.');
    await hint.waitFor();
    expect(await reqRead.getAttribute('aria-describedby')).toBe(await hint.getAttribute('id'));
    await screenshot(page, 'widget-all-modes-initial');

    // Submitting now is blocked in the page: an alert, focus on the missing box's link, no request.
    await page.getByRole('button', { name: 'Send' }).click();
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'Please tick the required boxes.' }).waitFor();
    expect(await reqRead.getAttribute('aria-invalid')).toBe('true');
    const readLink = linkOf(page, reqRead);
    expect(await focusedText(page)).toBe(await readLink.innerText());
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
    await page.getByRole('status').filter({ hasText: 'Thank you, your consents are recorded.' }).waitFor();
    expect(await alert.innerText()).toBe('');
    expect(sent).toHaveLength(1);
    const body = sent[0].postDataJSON();
    expect(body.pageUrl).toBe(ALL_MODES);
    expect(body.decisions).toEqual(
      agreements.map((a, i) => ({ version: a.version.id, accepted: i < 3, fullTextOpened: i === 1 }))
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

  it('records a contact-form submission in Russian: full text read, consent given, receipt with the page URL', async () => {
    const agreements = await publicForm(page, 'contact');
    expect(agreements.map((a) => a.behaviour)).toEqual(['required-read', 'optional-unchecked']);
    const sent = await open(page, CONTACT);
    const [pd, ads] = agreements.map((a) => page.getByRole('checkbox', { name: a.label, exact: true }));
    await page.getByText('Откройте полный текст, чтобы поставить отметку.').waitFor();
    expect(await pd.isDisabled()).toBe(true);
    expect(await ads.isChecked()).toBe(false);

    await page.locator('#name').fill('Иван Петров');
    await page.locator('#email').fill('ivan@example.com');
    await page.locator('#phone').fill('+7 999 123-45-67');
    await page.locator('#comment').fill('Перезвоните мне, пожалуйста.');
    await page.getByRole('button', { name: 'Отправить' }).click();
    await page.getByRole('alert').filter({ hasText: 'Отметьте обязательные согласия.' }).waitFor();
    expect(sent).toHaveLength(0);

    // Read the text, close the dialog with its button, tick the box.
    await linkOf(page, pd).click();
    const dialog = page.getByRole('dialog', { name: agreements[0].label });
    await dialog.getByText('Ромашка').first().waitFor();
    await dialog.getByRole('button', { name: 'Закрыть' }).click();
    await dialog.waitFor({ state: 'detached' });
    await pd.check();
    await screenshot(page, 'widget-contact-filled-ru');

    const response = page.waitForResponse((r) => isConsentPost(r.request()));
    await page.getByRole('button', { name: 'Отправить' }).click();
    const res = await response;
    expect(res.status()).toBe(201);
    await page.getByRole('status').filter({ hasText: 'Спасибо! Мы получили ваше сообщение.' }).waitFor();
    expect(await page.locator('#name').inputValue()).toBe(''); // the host form was reset
    const body = sent[0].postDataJSON();
    expect(body).toEqual({
      pageUrl: CONTACT,
      data: { name: 'Иван Петров', email: 'ivan@example.com', phone: '+7 999 123-45-67', comment: 'Перезвоните мне, пожалуйста.' },
      subject: { name: 'Иван Петров', email: 'ivan@example.com', phone: '+7 999 123-45-67' },
      decisions: [
        { version: agreements[0].version.id, accepted: true, fullTextOpened: true },
        { version: agreements[1].version.id, accepted: false, fullTextOpened: false },
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
  });
});
