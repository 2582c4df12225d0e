import type { Locator, Page } from 'playwright-core';
import { BASE, adminApi, browserForSuite, dismissBanner, loginAdmin, screenshot } from '../helpers/browser';

/**
 * An agreement given by URL in the production admin build: a page that cannot be kept is refused under
 * the URL field in the admin's words; a page that can is fetched on save, and the editor shows the copy
 * the version keeps (fetch time, SHA-256) while the public text route shows it with the live page's link.
 * The page is the playground's own /demo/texts/terms (scripts/e2e.js allows this machine's addresses).
 */

const PLUGIN = `${BASE}/admin/plugins/user-consent`;

const fieldError = async (page: Page, input: Locator) => {
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
  return ids.length ? page.locator(`[id="${ids[0]}"]`).innerText() : null;
};

describe('external texts in the admin (production build)', () => {
  const browser = browserForSuite();
  let page: Page;
  let api: ReturnType<typeof adminApi>;

  beforeAll(async () => {
    ({ page } = await loginAdmin(browser()));
    api = adminApi(page);
  });

  it('refuses a page that cannot be kept, then keeps a copy of one that can and shows it', async () => {
    await page.goto(`${PLUGIN}/agreements`);
    await dismissBanner(page);
    await page.getByRole('button', { name: 'Create agreement' }).click();
    await page.getByRole('textbox', { name: /^Name/ }).fill('Terms of sale (external)');
    await page.getByRole('radio', { name: 'Custom (your own text)' }).click();
    await page.getByRole('textbox', { name: /^Checkbox label/ }).fill('I accept the [terms of sale]');
    await page.getByRole('radio', { name: 'External URL' }).click();
    const url = page.getByRole('textbox', { name: /^URL of the full text/ });

    await url.fill(`${BASE}/demo/texts/missing`);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('[data-strapi-field-error]').first().waitFor();
    // Save came right after typing: the panel's own check of the typed URL (250 ms later) must not
    // take the server's error away.
    await page.waitForTimeout(500);
    expect(await fieldError(page, url)).toBe('The page at 127.0.0.1 answered with status 404');
    expect(page.url()).toMatch(/\/agreements\/new$/);
    await screenshot(page, 'agreement-external-refused-en');

    await url.fill(`${BASE}/demo/texts/terms`);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Version 1 created').waitFor();
    const kept = page.getByTestId('external-snapshot');
    await kept.getByTestId('external-snapshot-text').filter({ hasText: 'Orders are delivered within three working days.' }).waitFor();
    // The page's script is not in the copy.
    expect(await kept.getByTestId('external-snapshot-text').locator('script').count()).toBe(0);
    const sha = (await kept.getByTestId('external-snapshot-sha256').innerText()).trim();
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    await kept.scrollIntoViewIfNeeded();
    await screenshot(page, 'agreement-external-kept-en');

    // The public text route: the copy, its hash, and the link to the live page.
    const id = Number(/\/agreements\/(\d+)/.exec(page.url())?.[1]);
    const version = (await api.get(`/user-consent/agreements/${id}`)).data.currentVersion;
    expect(version.externalText.sha256).toBe(sha);
    const text = await browser().newPage();
    await text.goto(`${BASE}/api/user-consent/versions/${version.id}/text`);
    await text.getByRole('heading', { name: 'Terms of sale' }).waitFor();
    expect(await text.locator('a[data-uc-live-page]').getAttribute('href')).toBe(`${BASE}/demo/texts/terms`);
    await text.getByText(sha).waitFor();
    await screenshot(text, 'external-text-public-page');
    await text.close();
  });
});
