import { BASE, browserForSuite, loginAdmin, screenshot } from '../helpers/browser';

describe('admin panel (production build)', () => {
  const browser = browserForSuite();

  it('logs in as the demo admin, finds the plugin in the menu and opens its page', async () => {
    const { page, context } = await loginAdmin(browser());
    const link = page.getByRole('link', { name: 'Consents' });
    await link.first().click();
    await page.waitForURL(/\/admin\/plugins\/user-consent/);
    // It opens on its overview; the plugin's own navigation lists the sections the user may read.
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Companies' }).waitFor();
    await screenshot(page, 'plugin-home-en');
    await context.close();
  });

  it('shows the plugin in Russian', async () => {
    const { page, context } = await loginAdmin(browser(), 'ru');
    await page.goto(`${BASE}/admin/plugins/user-consent`);
    await page.getByRole('heading', { name: 'Обзор', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Реквизиты компаний' }).waitFor();
    await screenshot(page, 'plugin-home-ru');
    await context.close();
  });
});
