import type { Page } from 'playwright-core';
import { adminApi, BASE, browserForSuite, dismissBanner, loginAdmin, screenshot } from '../helpers/browser';

/**
 * The search box of the server-paged lists (companies, agreements, forms) with the characters a URL
 * gives a meaning to: "&" (a new parameter), "#" (the fragment), "+" (a space) and "%" (an escape).
 * Each search reaches the server as typed and finds exactly the rows whose names contain it; sent
 * unencoded, each would find other rows or none (the decoys below).
 */

const PLUGIN = `${BASE}/admin/plugins/user-consent`;
const P = `Srch${Date.now()}`;
/** Names that contain the searched text, each with a decoy that an unencoded search would find instead. */
const NAMES = ['R&D', 'R', '#5', 'C++', 'C', '5%20', '5 x'].map((n) => `${P} ${n}`);
const SEARCHES = ['R&D', '#5', 'C++', '5%20'].map((n) => `${P} ${n}`);

const LISTS = [
  {
    path: 'companies',
    label: 'Search by name',
    create: (name: string) => ({ name, country: 'OTHER' }),
  },
  {
    path: 'agreements',
    label: 'Search by name',
    create: (name: string) => ({ name, type: 'custom', label: 'I agree to [the terms]', customHtml: '<p>Terms</p>', active: true }),
  },
  {
    path: 'forms',
    label: 'Search by name or key',
    create: (name: string, i: number) => ({ key: `srch-${P.toLowerCase()}-${i}`, name }),
  },
] as const;

/** Waits until the list shows exactly these rows (by the first cell, the name). */
const waitForNames = (page: Page, want: string[]) =>
  page.waitForFunction(
    (names) => {
      const got = Array.from(document.querySelectorAll('tbody tr')).map((tr) => (tr.querySelector('td')?.textContent ?? '').trim());
      return JSON.stringify(got) === JSON.stringify(names);
    },
    want,
    { timeout: 15000 }
  );

/** The list's request with this search (the `q` parameter, decoded). */
const searched = (page: Page, path: string, term: string) =>
  page.waitForResponse((r) => {
    const url = new URL(r.url());
    return url.pathname.endsWith(`/user-consent/${path}`) && url.searchParams.get('q') === term;
  });

describe('list searches with &, #, + and % (production build)', () => {
  let page: Page;
  let api: ReturnType<typeof adminApi>;
  /** What this file created, deleted afterwards so that the other files' lists keep their first pages. */
  const created: string[] = [];
  // Declared before the browser's own hooks: Jest runs afterAll hooks in order, so this one runs
  // while the browser is still open.
  afterAll(async () => {
    for (const path of created) await api?.raw('delete', path);
  });
  const browser = browserForSuite();

  beforeAll(async () => {
    ({ page } = await loginAdmin(browser()));
    api = adminApi(page);
    await page.goto(`${PLUGIN}/companies`);
    await page.getByRole('heading', { name: 'Companies', level: 1 }).waitFor();
    await dismissBanner(page);
    for (const list of LISTS) {
      for (const [i, name] of NAMES.entries()) {
        const { data } = await api.post(`/user-consent/${list.path}`, list.create(name, i));
        created.push(`/user-consent/${list.path}/${data.id}`);
      }
    }
  });
  for (const list of LISTS) {
    it(`finds exactly the ${list.path} whose names contain the search`, async () => {
      await page.goto(`${PLUGIN}/${list.path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      // Strapi's search box opens from its "Search" button; the box is named after the list's label.
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      const box = page.getByRole('searchbox', { name: list.label }).or(page.locator('input[name="search"]'));
      for (const term of SEARCHES) {
        const answered = searched(page, list.path, term);
        await box.fill(term);
        await box.press('Enter');
        expect((await answered).status()).toBe(200);
        // The page's address keeps the search as typed.
        expect(new URL(page.url()).searchParams.get('_q')).toBe(term);
        await waitForNames(page, [term]);
      }

      // A reload reads the search back from the address and asks the same again.
      const again = searched(page, list.path, SEARCHES[0]);
      await page.goto(`${PLUGIN}/${list.path}?_q=${encodeURIComponent(SEARCHES[0])}`);
      expect((await again).status()).toBe(200);
      await waitForNames(page, [SEARCHES[0]]);
      expect(await page.locator('input[name="search"]').inputValue()).toBe(SEARCHES[0]);
      await dismissBanner(page);
      await screenshot(page, `search-${list.path}-en`);
    });
  }
});
