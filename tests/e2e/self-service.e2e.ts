import type { BrowserContext, Page } from 'playwright-core';
import { BASE, browserForSuite, consentOnContact, dismissBanner, loginAdmin, screenshot } from '../helpers/browser';

/**
 * The person's side in a real browser, against the production build with the demo data: the demo
 * contact form sent through the widget shows a link to the receipt page, whose one button withdraws
 * the consent; "My consents" is asked for on its page, opened from the mail at /demo/mail, and lists
 * the person's consents with a Withdraw button each. English and Russian.
 */

const CONTACT = `${BASE}/demo/contact.html`;
// The playground keeps its mail between runs: addresses of this run only.
const RUN = Date.now().toString(36);
const OLGA = `olga.${RUN}@example.com`;
const PAVEL = `pavel.${RUN}@example.com`;

/** The newest message at /demo/mail with this subject, opened (waits until the catcher has it). */
const openMail = async (page: Page, subject: string, to: string) => {
  for (let i = 0; ; i += 1) {
    await page.goto(`${BASE}/demo/mail`);
    const row = page.locator('tr').filter({ hasText: to }).getByRole('link', { name: subject, exact: true });
    if ((await row.count()) > 0) {
      await row.first().click();
      return;
    }
    if (i > 100) throw new Error(`no mail "${subject}" to ${to}`);
    await page.waitForTimeout(100);
  }
};

describe('receipt page and My consents (production build)', () => {
  const browser = browserForSuite();
  let context: BrowserContext;
  let page: Page;

  beforeEach(async () => {
    context = await browser().newContext({ viewport: { width: 900, height: 900 } });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });

  it('links the widget’s success to the receipt page, whose button withdraws the consent (RU, then EN)', async () => {
    await page.goto(CONTACT);
    await page.locator('[data-user-consent-form][data-uc-state="ready"]').waitFor();
    await page.locator('#name').fill('Ольга');
    await page.locator('#email').fill(OLGA);
    const form = (await (await page.request.get(`${BASE}/api/user-consent/forms/contact`)).json()).data;
    await page.getByRole('checkbox', { name: form.agreements[0].label, exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Принять' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Отправить' }).click();
    await page.getByRole('status').filter({ hasText: 'Спасибо! Мы получили ваше сообщение.' }).waitFor();
    const link = page.getByRole('link', { name: 'посмотреть или отозвать' });
    await link.waitFor();
    expect(await page.locator('.uc-c').innerText()).toBe('Квитанция о согласии: посмотреть или отозвать');
    await screenshot(page, 'self-widget-receipt-line-ru');
    // The tokens ride in the fragment only: the path and query carry none.
    const href = new URL((await link.getAttribute('href'))!);
    expect(href.pathname).toBe('/api/user-consent/pages/receipt');
    expect(href.search).toBe('?lang=ru');
    expect(href.hash).toMatch(/^#r=[0-9a-f-]{36}\.[\w-]+&r=[0-9a-f-]{36}\.[\w-]+$/);

    const [receiptPage] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await receiptPage.getByRole('heading', { level: 1, name: 'Квитанция о вашем согласии' }).waitFor();
    const pd = receiptPage.locator('section').filter({ has: receiptPage.getByRole('heading', { name: form.agreements[0].label }) });
    await pd.getByText('дано', { exact: true }).waitFor();
    await receiptPage.locator('section').filter({ hasText: 'не дано' }).waitFor();
    expect(await pd.getByRole('link', { name: 'редакция 1: прочитать текст' }).getAttribute('href')).toBe(`/api/user-consent/versions/${form.agreements[0].version.id}/text`);
    // The fragment is gone from the address bar once read.
    expect(new URL(receiptPage.url()).hash).toBe('');
    await screenshot(receiptPage, 'self-receipt-ru');

    // The same receipt in English, withdrawn with its one button.
    const en = await context.newPage();
    await en.goto(`${BASE}/api/user-consent/pages/receipt?lang=en${href.hash}`);
    const given = en.locator('section').filter({ has: en.getByRole('heading', { name: form.agreements[0].label }) });
    await given.getByText('given', { exact: true }).waitFor();
    await screenshot(en, 'self-receipt-en');
    await given.getByRole('button', { name: 'Withdraw this consent' }).click();
    await en.getByRole('status').filter({ hasText: 'Your consent is withdrawn.' }).waitFor();
    await given.getByText('withdrawn', { exact: true }).waitFor();
    expect(await given.getByRole('button').count()).toBe(0);
    await screenshot(en, 'self-receipt-withdrawn-en');

    // The form's switch is on in the demo: the same link went to the address typed.
    await openMail(page, 'Квитанция о вашем согласии', OLGA);
    await page.getByRole('link', { name: 'Открыть квитанцию' }).waitFor();
  });

  it('mails a My consents link asked for on its page; the page from /demo/mail lists the consents and withdraws one (RU, then EN)', async () => {
    await consentOnContact(page, { email: PAVEL, name: 'Павел' });
    await page.goto(`${BASE}/api/user-consent/pages/me?lang=ru`);
    await page.getByText('Откройте эту страницу по ссылке из письма.').waitFor();
    await page.getByLabel('Ваш e-mail').fill(PAVEL);
    await page.getByRole('button', { name: 'Прислать ссылку' }).click();
    await page.getByRole('status').filter({ hasText: 'Если для этого адреса есть согласия' }).waitFor();

    await openMail(page, 'Ссылка на ваши согласия', PAVEL);
    await page.getByRole('link', { name: 'Открыть «Мои согласия»' }).click();
    await page.getByRole('heading', { level: 1, name: 'Мои согласия' }).waitFor();
    const sections = page.locator('section');
    await sections.first().waitFor();
    expect(await sections.count()).toBe(2);
    expect(await page.getByRole('button', { name: 'Отозвать это согласие' }).count()).toBe(2);
    expect(new URL(page.url()).hash).toBe('');
    await screenshot(page, 'self-my-consents-ru');

    const ads = sections.nth(1);
    await ads.getByRole('button', { name: 'Отозвать это согласие' }).click();
    await page.getByRole('status').filter({ hasText: 'Ваше согласие отозвано.' }).waitFor();
    await ads.getByText('отозвано', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Отозвать это согласие' }).count()).toBe(1);
    await screenshot(page, 'self-my-consents-withdrawn-ru');

    // A reload keeps the session (it lives in this tab's sessionStorage, not in the URL).
    await page.reload();
    await page.locator('section').nth(1).getByText('отозвано', { exact: true }).waitFor();

    // The used link again: refused, with a way to ask for a new one.
    const again = await context.newPage();
    const res = await page.request.post(`${BASE}/api/user-consent/me/link`, { data: { email: PAVEL, lang: 'en' } });
    expect(res.status()).toBe(202);
    await openMail(again, 'Your link to My consents', PAVEL);
    await again.getByRole('link', { name: 'Open My consents' }).click();
    await again.getByRole('heading', { level: 1, name: 'My consents' }).waitFor();
    await again.locator('section').nth(1).getByText('withdrawn', { exact: true }).waitFor();
    await screenshot(again, 'self-my-consents-en');
  });

  it.each([
    ['en', 'The person’s receipt', 'Send the receipt by e-mail'],
    ['ru', 'Квитанция для человека', 'Отправлять квитанцию по e-mail'],
  ] as const)('shows the form’s switch for the receipt mail in the admin (%s), on for the demo contact form', async (locale, section, label) => {
    const { context: admin, page: p } = await loginAdmin(browser(), locale);
    try {
      await p.goto(`${BASE}/admin/plugins/user-consent/forms`);
      await p.getByText('Обратная связь', { exact: true }).first().click();
      await p.getByText(section, { exact: true }).waitFor();
      await dismissBanner(p);
      const toggle = p.getByLabel(label, { exact: true });
      expect(await toggle.isChecked()).toBe(true);
      await p.getByText(section, { exact: true }).scrollIntoViewIfNeeded();
      await screenshot(p, `self-form-receipt-switch-${locale}`);
    } finally {
      await admin.close();
    }
  });
});
