import type { Page } from 'playwright-core';
import { adminApi, BASE, browserForSuite, dismissBanner, loginAdmin, screenshot } from '../helpers/browser';

/**
 * Consents collected elsewhere, in the production admin build with the demo data: the Import page is
 * in the plugin's navigation; a CSV with a bad row is refused with the row and the field named in the
 * admin's language and nothing is stored; a good one imports, and its summary links to the log
 * filtered by channel, where each imported consent shows when it was given; its record shows it too.
 * In English, then in Russian.
 */

const PLUGIN = `${BASE}/admin/plugins/user-consent`;
const STAMP = Date.now();
const SCAN = Buffer.from(`%PDF-1.4\n% signed paper forms ${STAMP}\n%%EOF\n`);

/** The versions the demo contact form shows now: [personal data, advertising]. */
const versions = async (page: Page) => {
  const form = (await (await page.request.get(`${BASE}/api/user-consent/forms/contact`)).json()).data;
  return form.agreements.map((a: { version: { id: number } }) => a.version.id) as number[];
};

const csvOf = (rows: string[]) => ['email;name;version;decision;collectedAt;note', ...rows].join('\r\n');

/** Opens the Import page from the plugin's navigation. */
const openImport = async (page: Page, labels: { log: string; nav: string; title: string }) => {
  await page.goto(`${PLUGIN}/consents`);
  await page.getByRole('heading', { name: labels.log, level: 1 }).waitFor();
  await dismissBanner(page);
  await page.getByRole('link', { name: labels.nav, exact: true }).click();
  await page.getByRole('heading', { name: labels.title, level: 1 }).waitFor();
};

const send = async (page: Page, csv: string) => {
  await page.getByTestId('import-csv-file').setInputFiles({ name: 'consents.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.getByTestId('import-csv-evidence').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: SCAN });
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/user-consent/imports'));
  await page.getByTestId('import-csv-submit').click();
  return answer;
};

describe('import of consents collected elsewhere (production build)', () => {
  const browser = browserForSuite();

  const run = async (
    locale: 'en' | 'ru',
    labels: { log: string; nav: string; title: string; future: string; rows: string; summary: string; given: string; recordGiven: string }
  ) => {
    const { page } = await loginAdmin(browser(), locale);
    const api = adminApi(page);
    await openImport(page, labels);
    const [pd, ads] = await versions(page);
    const before = (await api.get('/user-consent/consents?channel=import&pageSize=1')).meta.pagination.total;

    // A date in the future on row 3: the whole file is refused, the row and the field named.
    const future = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const bad = await send(page, csvOf([`paper-${locale}-${STAMP}@example.com;Иван Бумажный;${pd};given;2025-03-05;Анкета №1`, `late-${locale}-${STAMP}@example.com;;${ads};given;${future};`]));
    expect(bad.status()).toBe(400);
    await page.getByTestId('import-refused').waitFor();
    expect(await page.getByTestId('import-refused').innerText()).toContain(labels.rows);
    const issue = page.locator('[data-testid="import-issue"][data-row="3"]');
    expect(await issue.getAttribute('data-code')).toBe('future-date');
    expect(await issue.getByTestId('import-issue-message').innerText()).toBe(labels.future);
    expect((await api.get('/user-consent/consents?channel=import&pageSize=1')).meta.pagination.total).toBe(before);
    await screenshot(page, `import-refused-${locale}`);

    // The good file: two consents, one given on paper, one refused on the phone.
    const good = await send(page, csvOf([`paper-${locale}-${STAMP}@example.com;Иван Бумажный;${pd};given;2025-03-05;Анкета №1`, `phone-${locale}-${STAMP}@example.com;;${ads};refused;2025-03-06T14:30:00+03:00;Звонок`]));
    expect(good.status()).toBe(201);
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-done-summary').innerText()).toBe(labels.summary);
    await screenshot(page, `import-done-${locale}`);

    // The link opens the log filtered by the channel: the imported consents, with when they were given.
    await page.getByTestId('import-log-link').click();
    await page.waitForURL(/\/consents\?.*channel=import/);
    await page.getByRole('heading', { name: labels.log, level: 1 }).waitFor();
    await page.getByTestId('consent-row').first().waitFor();
    expect(await page.getByTestId('consent-row').count()).toBe(before + 2);
    const dates = await page.getByTestId('consent-collected-at').allInnerTexts();
    expect(dates.length).toBe(before + 2);
    for (const d of dates) expect(d).toContain(labels.given);
    await screenshot(page, `import-log-${locale}`);

    // The record of the refusal shows when it was given on the phone (14:30 Moscow time is 11:30 UTC).
    const refusal = (await api.get('/user-consent/consents?channel=import&action=refused&pageSize=1')).data[0];
    await page.locator(`[data-testid="consent-row"][data-consent-id="${refusal.id}"]`).click();
    await page.waitForURL(/\/consents\/\d+$/);
    await page.getByTestId('consent-record-collected-at').waitFor();
    expect(await page.getByText(labels.recordGiven, { exact: true }).count()).toBe(1);
    expect(refusal.collectedAt).toBe('2025-03-06T11:30:00.000Z');
    expect((await api.get('/user-consent/integrity')).data.intact).toBe(true);
    await page.close();
  };

  it('imports in English: a refused file names its rows, a good one links to the log', async () => {
    await run('en', {
      log: 'Consent log',
      nav: 'Import',
      title: 'Import consents',
      future: 'The date is in the future',
      rows: 'Fix these rows and send the file again: 3.',
      summary: '2 consents imported: 1 given, 1 refused.',
      given: 'given:',
      recordGiven: 'Given at (collected elsewhere)',
    });
  });

  it('imports in Russian', async () => {
    await run('ru', {
      log: 'Журнал согласий',
      nav: 'Импорт',
      title: 'Импорт согласий',
      future: 'Дата ещё не наступила',
      rows: 'Исправьте строки и загрузите файл снова: 3.',
      summary: 'Загружено 2 согласия: дано — 1, отказов — 1.',
      given: 'дано:',
      recordGiven: 'Дано (получено вне сайта)',
    });
  });
});
