import type { Page } from 'playwright-core';
import { adminApi, BASE, browserForSuite, dismissBanner, loginAdmin, screenshot } from '../helpers/browser';

/**
 * Double opt-in on the demo's `newsletter` form (production build, demo data): a visitor's
 * subscription waits for the address; the mail reaches the playground's catcher (/demo/mail); the link
 * opens the plugin's page, which records nothing until the visitor presses the button; a used link is
 * explained in words. Then the form's Double opt-in tab in the admin (EN and RU) shows the setting and
 * the counts.
 */

type Ref = { id: string; token: string; action: string };

const stateOf = async (page: Page, r: Ref) => {
  const res = await page.request.post(`${BASE}/api/user-consent/receipts/states`, { data: { receipts: [{ id: r.id, token: r.token }] } });
  return (await res.json()).data[0].state as string;
};

describe('double opt-in in the browser (production build)', () => {
  const browser = browserForSuite();
  const email = `doi.${Date.now()}@example.com`;
  let ads: Ref;

  it('confirms a subscription from the mailed link with one click, never on opening it', async () => {
    const context = await browser().newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    const form = (await (await page.request.get(`${BASE}/api/user-consent/forms/newsletter`)).json()).data;
    const [pd, adv] = form.agreements.map((a: any) => page.getByRole('checkbox', { name: a.label, exact: true }));

    // The demo page's widget: the personal-data text read and accepted, advertising ticked.
    await page.goto(`${BASE}/demo/newsletter.html`);
    await page.locator('[data-user-consent-form][data-uc-state="ready"]').waitFor();
    await page.getByLabel('E-mail').fill(email);
    await pd.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Принять' }).click();
    expect(await pd.isChecked()).toBe(true);
    await adv.check();
    const response = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/forms/newsletter/consents'));
    await page.getByRole('button', { name: 'Подписаться' }).click();
    const body = (await (await response).json()).data;
    expect(body.confirmation).toEqual({ sent: true });
    // The widget's line: the subscription waits for the mail.
    await page.getByRole('status').filter({ hasText: 'Спасибо за подписку! Подтвердите согласие по ссылке из письма.' }).waitFor();
    await screenshot(page, 'doi-widget-ru');
    ads = body.receipts.find((r: Ref) => r.action === 'requested');
    expect(await stateOf(page, ads)).toBe('pending');

    // The mail, as the demo lists it.
    await page.goto(`${BASE}/demo/mail`);
    await page.getByRole('row').filter({ hasText: email }).getByRole('link').click();
    const link = await page.getByRole('link', { name: /\/api\/user-consent\/confirm/ }).getAttribute('href');
    expect(link).toMatch(/#t=[A-Za-z0-9_-]{40,}$/);

    await page.goto(link!);
    const confirm = page.getByRole('button', { name: 'Подтвердить' });
    await confirm.waitFor();
    // The token left the address bar; opening the page recorded nothing.
    expect(page.url()).not.toContain('#t=');
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    expect(await page.locator('#agreements li').allTextContents()).toEqual([expect.stringMatching(/реклам/i)]);
    expect(await stateOf(page, ads)).toBe('pending');
    await screenshot(page, 'doi-confirm-page-ru');

    await confirm.click();
    await page.getByRole('status').filter({ hasText: 'Спасибо! Ваше согласие подтверждено.' }).waitFor();
    expect(await stateOf(page, ads)).toBe('given');
    await screenshot(page, 'doi-confirmed-ru');

    // The same link again, opened from the mail in a new tab: said in words, nothing recorded.
    const again = await context.newPage();
    await again.goto(link!);
    await again.getByRole('alert').filter({ hasText: 'Эта ссылка уже использована' }).waitFor();
    expect(await again.getByRole('button', { name: 'Подтвердить' }).isVisible()).toBe(false);
    expect(await stateOf(again, ads)).toBe('given');
    await screenshot(again, 'doi-used-link-ru');
    await context.close();
  });

  it('withdraws the confirmed subscription on its receipt page; the admin log keeps the request, its confirmation and the withdrawal', async () => {
    const context = await browser().newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${BASE}/api/user-consent/pages/receipt?lang=ru#r=${ads.id}.${ads.token}`);
    await page.getByRole('heading', { level: 1, name: 'Квитанция о вашем согласии' }).waitFor();
    await page.getByText('дано', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Отозвать это согласие' }).click();
    await page.getByRole('status').filter({ hasText: 'Ваше согласие отозвано.' }).waitFor();
    expect(await stateOf(page, ads)).toBe('withdrawn');
    await screenshot(page, 'doi-receipt-withdrawn-ru');
    await context.close();

    for (const locale of ['en', 'ru'] as const) {
      const { context: admin, page: p } = await loginAdmin(browser(), locale);
      const api = adminApi(p);
      // The log of the form, as the admin opens it (the API calls below reuse the page's admin token).
      await p.goto(`${BASE}/admin/plugins/user-consent/consents?form=newsletter`);
      await dismissBanner(p);
      await p.locator('[data-testid="consent-row"]').first().waitFor();
      const events = (await api.get('/user-consent/consents?form=newsletter&pageSize=100')).data as { id: number; action: string; receiptId: string | null; withdrawsId: number | null }[];
      const request = events.find((e) => e.receiptId === ads.id)!;
      expect(request.action).toBe('requested');
      // The whole history of the subscription, each a chained event that names the request.
      expect(events.filter((e) => e.withdrawsId === request.id).map((e) => e.action).sort()).toEqual(['confirmed', 'withdrawn']);
      await p.goto(`${BASE}/admin/plugins/user-consent/consents/${request.id}`);
      await dismissBanner(p);
      await p.getByTestId('consent-withdrawals').waitFor();
      expect(await p.getByTestId('consent-header-state').innerText()).toContain(locale === 'ru' ? 'Отозвано' : 'Withdrawn');
      await screenshot(p, `doi-record-withdrawn-${locale}`);
      await admin.close();
    }
  });

  it.each(['en', 'ru'] as const)('shows the setting and the counts on the form’s Double opt-in tab (%s)', async (locale) => {
    const { context, page } = await loginAdmin(browser(), locale);
    await page.goto(`${BASE}/admin/plugins/user-consent/forms`);
    await dismissBanner(page);
    const api = adminApi(page);
    await page.getByRole('row').filter({ hasText: 'Рассылка' }).first().waitFor();
    const forms = (await api.get('/user-consent/forms?q=newsletter')).data;
    const newsletter = forms.find((f: any) => f.key === 'newsletter');
    await page.goto(`${BASE}/admin/plugins/user-consent/forms/${newsletter.id}`);
    await dismissBanner(page);
    await page.getByRole('tab', { name: locale === 'ru' ? 'Подтверждение по почте' : 'Double opt-in' }).click();
    const agreements = (await api.get('/user-consent/agreements?pageSize=100')).data;
    const name = agreements.find((a: any) => a.id === newsletter.doubleOptIn.agreements[0]).name;
    const checkbox = page.getByRole('checkbox', { name });
    await checkbox.waitFor();
    expect(await checkbox.isChecked()).toBe(true);
    const counts = page.getByTestId('doi-counts');
    await counts.waitFor();
    const text = await counts.textContent();
    expect(text).toContain(locale === 'ru' ? 'Подтверждено' : 'Confirmed');
    const confirmed = await api.get(`/user-consent/forms/${newsletter.id}/double-opt-in`);
    expect(confirmed.data.confirmed).toBeGreaterThanOrEqual(1);
    await screenshot(page, `doi-form-tab-${locale}`);
    await context.close();
  });
});
