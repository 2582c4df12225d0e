import { adminApi, BASE, browserForSuite, consentOnContact, dismissBanner, loginAdmin, screenshot } from '../helpers/browser';

/**
 * The Event deliveries page in the production admin build: a webhook made in Settings → Webhooks is
 * subscribed to the consent events here, a consent sent through the public API shows up as a delivery
 * to it, and one the receiver never accepted (the URL does not resolve) can be retried. Then the same
 * page in Russian.
 */

const PLUGIN = `${BASE}/admin/plugins/user-consent`;
const STAMP = Date.now();

describe('Event deliveries page (production build)', () => {
  const browser = browserForSuite();

  it('subscribes a webhook to the consent events, lists the delivery and retries a failed one', async () => {
    const { page, context } = await loginAdmin(browser());
    const api = adminApi(page);
    await page.goto(`${PLUGIN}/deliveries`);
    await page.getByRole('heading', { name: 'Event deliveries', level: 1 }).waitFor();
    await dismissBanner(page);

    // A webhook as an admin makes it in Settings → Webhooks (Strapi's own API), with no consent event.
    const name = `CRM ${STAMP}`;
    const made = await api.raw('post', '/admin/webhooks', { name, url: `https://crm-${STAMP}.invalid/hooks/consent`, headers: {}, events: ['entry.create'] });
    expect(made.status()).toBe(201);
    const hookId = String((await made.json()).data.id);
    await page.reload();
    const row = page.locator(`[data-testid="webhook-row"][data-webhook-id="${hookId}"]`);
    await row.waitFor();
    for (const event of ['user-consent.given', 'user-consent.withdrawn']) {
      const box = row.getByRole('checkbox', { name: `${name}: ${event}` });
      const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith(`/user-consent/webhooks/${hookId}/events`));
      await box.click();
      expect((await saved).status()).toBe(200);
      // Saved and read back: the list shows the webhook's new events before the next click.
      await row.locator(`[role="checkbox"][aria-label="${name}: ${event}"][aria-checked="true"]`).waitFor();
    }
    const stored = (await (await api.raw('get', `/admin/webhooks/${hookId}`)).json()).data;
    expect(stored.events.sort()).toEqual(['entry.create', 'user-consent.given', 'user-consent.withdrawn']);

    // A consent: its delivery to the unreachable webhook fails after the configured attempts.
    const [receipt] = await consentOnContact(page, { email: `deliveries-e2e-${STAMP}@example.com`, name: 'Delivery Check' });
    const delivery = page.locator('[data-testid="delivery-row"]', { hasText: receipt.id });
    const deadline = Date.now() + 60_000;
    while (!(await api.get('/user-consent/deliveries?state=failed&pageSize=50')).data.some((d: { receiptId: string }) => d.receiptId === receipt.id)) {
      if (Date.now() > deadline) throw new Error('the delivery did not fail in time');
      await page.waitForTimeout(500);
    }
    await page.reload();
    await delivery.waitFor();
    expect(await delivery.getAttribute('data-state')).toBe('failed');
    expect(await delivery.getByTestId('delivery-target').first().innerText()).toContain(name);
    await screenshot(page, 'deliveries-en');

    const retried = page.waitForResponse((r) => r.request().method() === 'POST' && /\/user-consent\/deliveries\/\d+\/retry$/.test(r.url()));
    await delivery.getByTestId('delivery-retry').click();
    expect((await retried).status()).toBe(200);
    await page.getByText(/will be sent again/).first().waitFor();

    // Leave the demo as it was: no webhook keeps failing after this test.
    expect((await api.raw('delete', `/admin/webhooks/${hookId}`)).status()).toBe(200);
    await context.close();
  });

  it('shows the page in Russian', async () => {
    const { page, context } = await loginAdmin(browser(), 'ru');
    await page.goto(`${PLUGIN}/deliveries`);
    await page.getByRole('heading', { name: 'Доставка событий', level: 1 }).waitFor();
    await dismissBanner(page);
    await page.getByRole('heading', { name: 'Вебхуки, получающие события согласий' }).waitFor();
    await page.locator('[data-testid="delivery-row"]').first().waitFor();
    await page.getByText('Согласие дано').first().waitFor();
    await screenshot(page, 'deliveries-ru');
    await context.close();
  });
});
