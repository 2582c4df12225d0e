import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Locator, Page, Response } from 'playwright-core';
import { adminApi, BASE, browserForSuite, dismissBanner, loginAdmin, screenshot } from '../helpers/browser';
import { parseCsv } from '../helpers/csv';
import { expectValidPdf, parsePdf, squash } from '../helpers/pdf';
import { CONSENT_STATES } from '../../shared/contracts/constants';

/**
 * The consent log in the production admin build, with the demo data: a consent given on the demo
 * contact page is found in the log by IP and date, opened (the version text as the person saw it,
 * how it was expressed, what they typed), reached again along the Bitrix path (form → Agreements tab
 * → pencil → "List of accepted consents"), exported as CSV (BOM, header, exactly the filtered rows; in
 * Russian with `;`, local times and the typed data) and as XLSX (read back), its proof downloaded as a
 * PDF (English and Russian), withdrawn by an operator, looked up by the person's e-mail, and the chain
 * verified intact. The IP filter is personal data: it travels in request bodies and the page's history
 * state, never in a URL.
 */

const PLUGIN = `${BASE}/admin/plugins/user-consent`;
const CONTACT = `${BASE}/demo/contact.html`;
const PD = 'Согласие на обработку персональных данных';
const ADS = 'Согласие на получение рекламной рассылки';
const STAMP = Date.now();
const NAME = `Мария Согласова ${STAMP}`;
const EMAIL = `consents-e2e-${STAMP}@example.com`;

const pad = (n: number) => String(n).padStart(2, '0');
/** A moment as a datetime-local value in this machine's time zone (the browser's too). */
const localInput = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** Waits until the log shows exactly these records, in this order (the server's answer rendered). */
const waitForRows = (page: Page, ids: number[]) =>
  page.waitForFunction(
    (want) => {
      const got = Array.from(document.querySelectorAll('[data-testid="consent-row"]')).map((r) => Number(r.getAttribute('data-consent-id')));
      return JSON.stringify(got) === JSON.stringify(want);
    },
    ids,
    { timeout: 15000 }
  );

/** The panel's search of the log (a POST: its filter may name a person) whose body holds these values. */
const isSearch = (r: Response, want: Record<string, string>) => {
  if (r.request().method() !== 'POST' || !new URL(r.url()).pathname.endsWith('/user-consent/consents/search')) return false;
  const body = r.request().postDataJSON() ?? {};
  return Object.entries(want).every(([k, v]) => String(body[k] ?? '') === v);
};

describe('consent log (production build)', () => {
  const browser = browserForSuite();
  let page: Page;
  let api: ReturnType<typeof adminApi>;
  let submittedAt = 0;
  let receipts: { given: string; refused: string };
  let userAgent = '';
  let listUrl = '';
  /** The log's filter as the panel sent it: the date in the URL, the IP only in the body. */
  let filter: { from: string; ip: string };
  let detailUrl = '';

  it('records a consent on the demo contact page: full text opened, box ticked, form sent', async () => {
    const visitor = await browser().newContext({ viewport: { width: 1024, height: 900 } });
    try {
      const p = await visitor.newPage();
      await p.goto(CONTACT);
      await p.locator('[data-user-consent-form][data-uc-state="ready"]').waitFor();
      const form = (await (await p.request.get(`${BASE}/api/user-consent/forms/contact`)).json()).data;
      const pd = p.getByRole('checkbox', { name: form.agreements[0].label, exact: true });

      await p.locator('#name').fill(NAME);
      await p.locator('#email').fill(EMAIL);
      await p.locator('#comment').fill('Прошу перезвонить после обеда.');
      await p.locator('.uc-i').filter({ has: pd }).getByRole('link').click();
      const dialog = p.getByRole('dialog');
      await dialog.getByText('Ромашка').first().waitFor();
      await dialog.getByRole('button', { name: 'Закрыть' }).click();
      await dialog.waitFor({ state: 'detached' });
      await pd.check();

      submittedAt = Date.now();
      const response = p.waitForResponse((r) => r.request().method() === 'POST' && /\/forms\/contact\/consents$/.test(r.url()));
      await p.getByRole('button', { name: 'Отправить' }).click();
      const res = await response;
      expect(res.status()).toBe(201);
      const sent = (await res.json()).data.receipts as { id: string; action: string }[];
      expect(sent.map((r) => r.action)).toEqual(['given', 'refused']);
      receipts = { given: sent[0].id, refused: sent[1].id };
      userAgent = await p.evaluate(() => navigator.userAgent);
    } finally {
      await visitor.close();
    }
  });

  it('finds that consent in the log by IP and date range, with its page URL; sorts on the server', async () => {
    ({ page } = await loginAdmin(browser()));
    api = adminApi(page);
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(`${PLUGIN}/consents`);
    await page.getByRole('heading', { name: 'Consent log', level: 1 }).waitFor();
    await dismissBanner(page);
    // The plugin's navigation in the order a Bitrix user knows.
    const nav = page.getByRole('navigation', { name: 'Consents' });
    expect((await nav.getByRole('link').allInnerTexts()).map((s) => s.trim())).toEqual(['Overview', 'Agreements', 'Forms', 'Consent log', 'Import', 'Companies', 'Event deliveries']);

    const from = localInput(submittedAt - 60_000);
    await page.getByLabel('From', { exact: true }).fill(from);
    const filtered = page.waitForResponse((r) => isSearch(r, { ip: '127.0.0.1' }) && !!r.request().postDataJSON()?.from);
    await page.getByLabel('IP address', { exact: true }).fill('127.0.0.1');
    await page.getByLabel('IP address', { exact: true }).press('Enter');
    const searched = await filtered;
    expect(searched.status()).toBe(200);
    const body = searched.request().postDataJSON();
    filter = { from: body.from, ip: body.ip };
    // The bound is sent in UTC and is the minute typed, in local time.
    expect(Date.parse(filter.from)).toBeLessThanOrEqual(submittedAt - 60_000);
    expect(Date.parse(filter.from)).toBeGreaterThan(submittedAt - 121_000);
    // The date stays in the page's address (a link keeps it); the IP never goes into any URL.
    listUrl = page.url();
    expect(new URL(listUrl).searchParams.get('from')).toBe(filter.from);
    expect(new URL(listUrl).searchParams.get('ip')).toBeNull();
    // (The test server itself listens on 127.0.0.1: only the queries of the addresses are looked at.)
    for (const u of urls) expect(new URL(u).search).not.toContain('127.0.0.1');

    const given = page.locator(`[data-testid="consent-row"][data-receipt-id="${receipts.given}"]`);
    await given.waitFor();
    const text = await given.innerText();
    expect(text).toContain(PD);
    expect(text).toContain('v1');
    expect(text).toMatch(/\bgiven\b/i); // badges are set in capitals
    expect(text).toContain('127.0.0.1');
    expect(text).toContain('contact');
    expect(text).toContain(EMAIL);
    expect((await given.getByTestId('consent-page-url').innerText()).trim()).toBe(CONTACT);
    expect(await given.getByTestId('consent-page-url').getAttribute('title')).toBe(CONTACT);
    const refused = page.locator(`[data-testid="consent-row"][data-receipt-id="${receipts.refused}"]`);
    expect(await refused.innerText()).toMatch(/\brefused\b/i);
    expect(await refused.innerText()).toContain(ADS);

    // The table shows exactly what the server returns for the same filter; in a URL the IP is refused.
    const expected = await api.post('/user-consent/consents/search', { ...filter, pageSize: 100 });
    expect(expected.meta.pagination.total).toBeGreaterThanOrEqual(2);
    for (const r of expected.data) {
      expect(r.ip).toBe('127.0.0.1');
      expect(Date.parse(r.recordedAt)).toBeGreaterThanOrEqual(Date.parse(filter.from));
    }
    expect((await api.raw('get', '/user-consent/consents?ip=127.0.0.1')).status()).toBe(400);
    await waitForRows(
      page,
      expected.data.slice(0, 25).map((r: { id: number }) => r.id)
    );
    expect((await page.getByTestId('consent-total').innerText()).trim()).toBe(`${expected.meta.pagination.total} records`);
    await screenshot(page, 'consents-list-en');

    // Sorting is done by the server: by the state shown (current first, refusals last), then back to newest first; the filters stay.
    await page.getByTestId('sort-state').click();
    await page.waitForURL(/sort=state&order=asc/);
    const byState = await api.post('/user-consent/consents/search', { ...filter, sort: 'state', order: 'asc', pageSize: 25 });
    await waitForRows(
      page,
      byState.data.map((r: { id: number }) => r.id)
    );
    // An event without a state of its own ranks with the state of its name; a confirmation with the given.
    const ranks = byState.data.map((r: { state: string | null; action: string }) =>
      (CONSENT_STATES as readonly string[]).indexOf(r.state ?? (r.action === 'confirmed' ? 'given' : r.action))
    );
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(await page.locator('th[aria-sort="ascending"]').innerText()).toMatch(/state/i);
    await page.getByTestId('sort-recordedAt').click();
    await page.waitForURL(/sort=recordedAt&order=desc/);
    await waitForRows(
      page,
      expected.data.slice(0, 25).map((r: { id: number }) => r.id)
    );
    expect(await page.getByLabel('IP address', { exact: true }).inputValue()).toBe('127.0.0.1');

    // A reload keeps the IP filter (it is in the history entry's state), still out of the address.
    await page.reload();
    await waitForRows(
      page,
      expected.data.slice(0, 25).map((r: { id: number }) => r.id)
    );
    expect(await page.getByLabel('IP address', { exact: true }).inputValue()).toBe('127.0.0.1');
    expect(new URL(page.url()).search).not.toContain('127.0.0.1');
  });

  it('exports exactly the filtered records as CSV with a BOM, and lists the export', async () => {
    // Still the filtered log of the previous test.
    await page.locator(`[data-testid="consent-row"][data-receipt-id="${receipts.given}"]`).waitFor();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Export the log' }).waitFor();
    // A role with personal data is offered the typed form data; commas for the English panel.
    expect(await dialog.getByRole('checkbox', { name: /Include what people typed/ }).count()).toBe(1);
    // The browser's zone is chosen, and shown.
    const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(await dialog.getByRole('combobox', { name: 'Time zone' }).inputValue()).toBe(zone);
    await screenshot(page, 'consents-export-dialog-en');
    const downloading = page.waitForEvent('download');
    const issued = page.waitForResponse((r) => r.url().includes('/user-consent/consents/export-ticket'));
    await dialog.getByRole('button', { name: 'Download' }).click();
    const [download, response] = await Promise.all([downloading, issued]);
    // The panel posts the filter of the page (no paging) with the options for a one-time link, then
    // the browser downloads the file from that link; neither address carries the IP.
    expect(response.status()).toBe(201);
    expect(response.request().postDataJSON()).toEqual({ ...filter, format: 'csv', lang: 'en', delimiter: 'comma', timeZone: zone });
    expect(new URL(response.url()).search).toBe('');
    expect(new URL(download.url()).search).not.toContain('127.0.0.1');
    expect(download.url()).toContain('/user-consent/consents/export-download?ticket=');
    expect(download.suggestedFilename()).toMatch(/^consents-.+\.csv$/);

    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8')).filter((r) => r.length > 1);
    expect(header).toEqual(
      expect.arrayContaining([
        'Record number',
        'Sequence number',
        'Date and time (UTC)',
        `Date and time (${zone})`,
        'Action',
        'Agreement',
        'Version number',
        'Form key',
        'Page URL',
        'IP address',
        'Browser and device (User-Agent)',
        'E-mail address',
        'Record checksum (SHA-256)',
        'Previous record checksum',
      ])
    );
    const records = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));

    const expected = await api.post('/user-consent/consents/search', { ...filter, pageSize: 100 });
    expect(records.map((r) => Number(r['Record number'])).sort((a, b) => a - b)).toEqual(
      expected.data.map((r: { id: number }) => r.id).sort((a: number, b: number) => a - b)
    );
    for (const r of records) expect(r['IP address']).toBe('127.0.0.1');
    const mine = records.find((r) => r['Receipt number'] === receipts.given)!;
    expect(mine).toMatchObject({
      Action: 'consent given',
      Agreement: PD,
      'Form key': 'contact',
      'Page URL': CONTACT,
      'E-mail address': EMAIL,
      'Full name': NAME,
      'Full text opened': 'yes',
      'Checkbox mode': 'required, full text must be opened',
      'Browser and device (User-Agent)': userAgent,
    });

    // Every export is recorded: who, the filter, how many rows.
    await page.getByRole('link', { name: 'Exports' }).click();
    await page.getByRole('heading', { name: 'Exports', level: 1 }).waitFor();
    const last = page.getByTestId('export-row').first();
    await last.waitFor();
    expect(await last.innerText()).toContain('admin@example.com');
    expect(await last.getByTestId('export-filter').innerText()).toContain('IP address: 127.0.0.1');
    expect((await last.getByTestId('export-rows').innerText()).trim()).toBe(String(records.length));
    expect((await last.getByTestId('export-format').innerText()).trim()).toBe('CSV');
  });

  it('opens the record: the version text as seen, how it was expressed, what the client typed, its chain', async () => {
    // Back from the exports to the log: the history entry brings the IP filter back.
    await page.goBack();
    await page.getByRole('heading', { name: 'Consent log', level: 1 }).waitFor();
    expect(await page.getByLabel('IP address', { exact: true }).inputValue()).toBe('127.0.0.1');
    await page.locator(`[data-testid="consent-row"][data-receipt-id="${receipts.given}"]`).click();
    await page.waitForURL(/\/consents\/\d+$/);
    detailUrl = page.url();
    await page.getByRole('heading', { name: /^Consent record \d+$/, level: 1 }).waitFor();

    await page.getByTestId('consent-version-text').getByText('Ромашка').first().waitFor();
    expect(await page.getByTestId('consent-version-label').innerText()).toContain('согласие на обработку персональных данных');
    expect((await page.getByTestId('consent-version-number').innerText()).trim()).toBe('v1');
    expect(await page.getByTestId('term-versionHash').innerText()).toMatch(/[0-9a-f]{64}/);

    expect((await page.getByTestId('consent-behaviour').innerText()).trim()).toBe('Required, the full text must be read');
    expect((await page.getByTestId('consent-full-text-opened').innerText()).trim()).toBe('Yes');
    expect((await page.getByTestId('consent-prechecked').innerText()).trim()).toBe('No');

    const submission = page.getByTestId('consent-submission');
    expect(await submission.innerText()).toContain(NAME);
    expect(await submission.innerText()).toContain(EMAIL);
    expect(await submission.innerText()).toContain('Прошу перезвонить после обеда.');

    expect((await page.getByTestId('consent-record-page-url').innerText()).trim()).toBe(CONTACT);
    expect(await page.getByTestId('term-ip').innerText()).toContain('127.0.0.1');
    expect(await page.getByTestId('term-userAgent').innerText()).toContain(userAgent);
    // The receipt's state in the log's words (the states rule): a given consent that stands is current.
    expect((await page.getByTestId('receipt-state').innerText()).trim()).toBe('Current');
    expect((await page.getByTestId('chain-own-hash').innerText()).trim()).toBe('Valid');
    expect((await page.getByTestId('chain-previous').innerText()).trim()).toBe('Valid');
    await page.getByTestId('consent-not-withdrawn').waitFor();
    await dismissBanner(page);
    await screenshot(page, 'consent-detail-en');

    // The proof of this consent as a PDF, in the admin's language: fetched with the admin token, saved by the browser.
    const { data: record } = await api.get(`/user-consent/consents/${/\/consents\/(\d+)$/.exec(detailUrl)![1]}`);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download proof (PDF)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`consent-proof-${record.record.seq}-en.pdf`);
    const pdf = fs.readFileSync((await download.path())!);
    expectValidPdf(pdf);
    const text = squash(parsePdf(pdf).lines.join(''));
    for (const value of ['Proof of consent', 'Ромашка', NAME, EMAIL, record.chain.hash, 'Result: the record is unaltered']) expect(text).toContain(squash(value));
  });

  it('reaches the log of one agreement from the form editor: Agreements tab → pencil → List of accepted consents', async () => {
    await page.goto(`${PLUGIN}/forms`);
    await page.getByRole('row', { name: /Обратная связь/ }).click();
    await page.getByRole('heading', { name: 'Обратная связь', level: 1 }).waitFor();
    await page.getByRole('tab', { name: /^Agreements/ }).click();
    const row = page.getByTestId('form-agreement').filter({ has: page.getByTestId('form-agreement-name').getByText(PD, { exact: true }) });
    const pdId = await row.getAttribute('data-agreement-id');
    await row.getByRole('button', { name: 'Edit agreement' }).click();
    await page.waitForURL(new RegExp(`/agreements/${pdId}\\?form=contact$`));
    await page.getByRole('heading', { name: PD, level: 1 }).waitFor();

    // The list of one form's accepted consents to one agreement, as Bitrix has it.
    const loaded = page.waitForResponse((r) => isSearch(r, { agreement: pdId!, form: 'contact', action: 'given' }));
    await page.getByRole('link', { name: 'List of accepted consents' }).click();
    await page.waitForURL(new RegExp(`/consents\\?agreement=${pdId}&form=contact&action=given$`));
    await loaded;
    await page.getByRole('heading', { name: 'List of accepted consents', level: 1 }).waitFor();
    await page.getByText(`Consents to “${PD}” given through the form “Обратная связь”`).waitFor();
    expect(await page.getByRole('combobox', { name: 'Agreement' }).innerText()).toContain(PD);
    await page.locator(`[data-testid="consent-row"][data-receipt-id="${receipts.given}"]`).waitFor();
    expect(await page.locator(`[data-testid="consent-row"][data-receipt-id="${receipts.refused}"]`).count()).toBe(0);
    for (const text of await page.getByTestId('consent-row').allInnerTexts()) expect(text).toContain(PD);
    const expected = await api.get(`/user-consent/consents?agreement=${pdId}&form=contact&action=given&pageSize=1`);
    expect((await page.getByTestId('consent-total').innerText()).trim()).toBe(
      `${expected.meta.pagination.total} ${expected.meta.pagination.total === 1 ? 'record' : 'records'}`
    );
  });

  it('records a withdrawal received by letter, then finds every event of that person by e-mail', async () => {
    await page.goto(detailUrl);
    await page.getByRole('button', { name: 'Record withdrawal' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record a withdrawal' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Record withdrawal' }).click();
    await dialog.getByText('Say how the withdrawal was received').waitFor();
    await dialog.getByRole('textbox').fill('Письмо от клиента, вх. № 15');
    const posted = page.waitForResponse((r) => r.request().method() === 'POST' && /\/consents\/\d+\/withdraw$/.test(r.url()));
    await dialog.getByRole('button', { name: 'Record withdrawal' }).click();
    expect((await posted).status()).toBe(201);
    await dialog.waitFor({ state: 'detached' });
    const withdrawals = page.getByTestId('consent-withdrawals');
    await withdrawals.waitFor();
    expect(await withdrawals.innerText()).toContain('Письмо от клиента, вх. № 15');
    expect(await withdrawals.innerText()).toContain('Recorded by an operator in the admin panel');
    expect((await page.getByTestId('receipt-state').innerText()).trim()).toBe('Withdrawn');
    expect(await page.getByRole('button', { name: 'Record withdrawal' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Every consent event of this person' }).click();
    await page.getByRole('heading', { name: 'Data subject', level: 1 }).waitFor();
    // The person travels in the router state: the e-mail is in the search box, never in the URL.
    expect(page.url()).toBe(`${PLUGIN}/consents/subject`);
    expect(await page.getByLabel('E-mail', { exact: true }).inputValue()).toBe(EMAIL);
    await page.getByTestId('subject-event').first().waitFor();
    const events = await page.getByTestId('subject-event').allInnerTexts();
    expect(events).toHaveLength(3);
    expect(events.map((e) => (/withdrawn/i.test(e) ? 'withdrawn' : /refused/i.test(e) ? 'refused' : 'given'))).toEqual(['given', 'refused', 'withdrawn']);
    const current = await page.getByTestId('subject-current').allInnerTexts();
    expect(current.find((c) => c.includes(PD))).toMatch(/withdrawn/i);
    expect(current.find((c) => c.includes(ADS))).toMatch(/refused/i);
  });

  it('verifies the chain: intact', async () => {
    await page.goto(`${PLUGIN}/consents`);
    await page.getByRole('heading', { name: 'Consent log', level: 1 }).waitFor();
    const verified = page.waitForResponse((r) => r.url().endsWith('/user-consent/integrity'));
    await page.getByRole('button', { name: 'Verify chain' }).click();
    expect((await verified).status()).toBe(200);
    const result = page.getByTestId('integrity-result');
    await result.waitFor();
    const m = /(\d+) records checked/.exec(await result.innerText());
    expect(m).not.toBeNull();
    const total = (await api.get('/user-consent/consents?pageSize=1')).meta.pagination.total;
    expect(Number(m![1])).toBe(total);
    await screenshot(page, 'consents-integrity-en');
  });

  it('shows the log and the record in Russian', async () => {
    const ru = await loginAdmin(browser(), 'ru');
    try {
      await ru.page.goto(listUrl);
      await ru.page.getByRole('heading', { name: 'Журнал согласий', level: 1 }).waitFor();
      await dismissBanner(ru.page);
      const nav = ru.page.getByRole('navigation', { name: 'Согласия' });
      expect((await nav.getByRole('link').allInnerTexts()).map((s) => s.trim())).toEqual(['Обзор', 'Соглашения', 'Формы', 'Журнал согласий', 'Импорт', 'Реквизиты компаний', 'Доставка событий']);
      // The link keeps the date; the IP is typed again (it is never in a link).
      await ru.page.getByLabel('IP-адрес', { exact: true }).fill('127.0.0.1');
      await ru.page.getByLabel('IP-адрес', { exact: true }).press('Enter');
      const row = ru.page.locator(`[data-testid="consent-row"][data-receipt-id="${receipts.given}"]`);
      await row.waitFor();
      expect(await row.innerText()).toMatch(/дано/i);
      expect(await ru.page.getByRole('button', { name: 'Выгрузить', exact: true }).count()).toBe(1);
      await screenshot(ru.page, 'consents-list-ru');

      await row.click();
      await ru.page.getByRole('heading', { name: /^Запись о согласии № \d+$/, level: 1 }).waitFor();
      await ru.page.getByTestId('consent-version-text').getByText('Ромашка').first().waitFor();
      expect((await ru.page.getByTestId('consent-behaviour').innerText()).trim()).toBe('Согласие обязательно, нужно чтение полного текста');
      expect((await ru.page.getByTestId('consent-full-text-opened').innerText()).trim()).toBe('Да');
      expect(await ru.page.getByTestId('consent-submission').innerText()).toContain(NAME);
      await ru.page.getByText('Текст, который видел человек').waitFor();
      await screenshot(ru.page, 'consent-detail-ru');
      const downloading = ru.page.waitForEvent('download');
      await ru.page.getByRole('button', { name: 'Скачать доказательство (PDF)' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/^consent-proof-\d+-ru\.pdf$/);
      const pdf = fs.readFileSync((await download.path())!);
      expectValidPdf(pdf);
      expect(squash(parsePdf(pdf).lines.join(''))).toContain(squash('Доказательство согласия'));
    } finally {
      await ru.context.close();
    }
  });
  it('exports as a Russian admin: a CSV with `;`, Russian headers and values, local times, typed data; an XLSX read back', async () => {
    const ru = await loginAdmin(browser(), 'ru');
    try {
      await ru.page.goto(listUrl);
      await ru.page.getByRole('heading', { name: 'Журнал согласий', level: 1 }).waitFor();
      await dismissBanner(ru.page);
      await ru.page.getByLabel('IP-адрес', { exact: true }).fill('127.0.0.1');
      await ru.page.getByLabel('IP-адрес', { exact: true }).press('Enter');
      await ru.page.locator(`[data-testid="consent-row"][data-receipt-id="${receipts.given}"]`).waitFor();

      /** Opens the dialog, sets it up, downloads; the file's bytes. */
      const exportWith = async (setUp: (dialog: Locator) => Promise<void>, shot?: string) => {
        await ru.page.getByRole('button', { name: 'Выгрузить', exact: true }).click();
        const dialog = ru.page.getByRole('dialog');
        await dialog.getByRole('heading', { name: 'Выгрузка журнала' }).waitFor();
        await setUp(dialog);
        if (shot) await screenshot(ru.page, shot);
        const downloading = ru.page.waitForEvent('download');
        await dialog.getByRole('button', { name: 'Скачать' }).click();
        const download = await downloading;
        await dialog.waitFor({ state: 'detached' });
        return { name: download.suggestedFilename(), bytes: fs.readFileSync((await download.path())!) };
      };
      const pickZone = async (dialog: Locator, zone: string) => {
        const input = dialog.getByRole('combobox', { name: 'Часовой пояс' });
        // Typed key by key, as a person does: the list opens on a typed character and narrows to matches.
        await input.click();
        await input.fill('');
        await input.pressSequentially(zone.split('/')[1]);
        await ru.page.getByRole('option', { name: zone, exact: true }).click();
        expect(await input.inputValue()).toBe(zone);
      };

      // CSV: the Russian defaults (`;`), Vladivostok time, the typed data.
      const csv = await exportWith(async (dialog) => {
        await pickZone(dialog, 'Asia/Vladivostok');
        await dialog.getByRole('checkbox', { name: /Включить сведения, введённые в формы/ }).click();
      }, 'consents-export-dialog-ru');
      expect(csv.name).toMatch(/^consents-.+\.csv$/);
      expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = csv.bytes.subarray(3).toString('utf8');
      expect(text.split('\n')[0]).toContain(';');
      const [header, ...rows] = parseCsv(text, ';').filter((r) => r.length > 1);
      expect(header).toEqual(
        expect.arrayContaining(['Номер записи', 'Дата и время (UTC)', 'Дата и время (Asia/Vladivostok)', 'Действие', 'Соглашение', 'Адрес электронной почты', 'Поле формы «Имя»', 'Поле формы «Комментарий»'])
      );
      const records = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
      const mine = records.find((r) => r['Номер квитанции'] === receipts.given)!;
      expect(mine).toMatchObject({
        Действие: 'согласие дано',
        Соглашение: PD,
        'Режим флажка': 'согласие обязательно, нужно чтение полного текста',
        'Полный текст открыт': 'да',
        'Адрес электронной почты': EMAIL,
        'Поле формы «Имя»': NAME,
        'Поле формы «Комментарий»': 'Прошу перезвонить после обеда.',
      });
      const utc = new Date(mine['Дата и время (UTC)']);
      const vladivostok = new Date(utc.getTime() + 10 * 3600_000);
      const p2 = (n: number) => String(n).padStart(2, '0');
      expect(mine['Дата и время (Asia/Vladivostok)']).toBe(
        `${p2(vladivostok.getUTCDate())}.${p2(vladivostok.getUTCMonth() + 1)}.${vladivostok.getUTCFullYear()} ${p2(vladivostok.getUTCHours())}:${p2(vladivostok.getUTCMinutes())}:${p2(vladivostok.getUTCSeconds())}`
      );

      // XLSX, read back with exceljs: typed cells under Russian headers.
      const xlsx = await exportWith(async (dialog) => {
        await dialog.getByRole('radio', { name: 'Таблица Excel (XLSX)' }).click();
        expect(await dialog.getByText('Разделитель столбцов').count()).toBe(0);
        await pickZone(dialog, 'Europe/Moscow');
      });
      expect(xlsx.name).toMatch(/^consents-.+\.xlsx$/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      const sheet = book.worksheets[0];
      expect(sheet.name).toBe('Согласия');
      const cols = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
      const col = (name: string) => {
        expect(cols).toContain(name);
        return cols.indexOf(name) + 1;
      };
      expect(sheet.rowCount).toBe(1 + records.length);
      const row = [...Array(sheet.rowCount - 1).keys()].map((i) => sheet.getRow(i + 2)).find((r) => r.getCell(col('Номер квитанции')).value === receipts.given)!;
      expect(row.getCell(col('Номер записи')).value).toBe(Number(mine['Номер записи']));
      expect(row.getCell(col('Действие')).value).toBe('согласие дано');
      expect(row.getCell(col('Полный текст открыт')).value).toBe(true);
      const at = row.getCell(col('Дата и время (UTC)')).value as Date;
      expect(at).toBeInstanceOf(Date);
      expect(Math.abs(at.getTime() - utc.getTime())).toBeLessThan(2);
      expect(((row.getCell(col('Дата и время (Europe/Moscow)')).value as Date).getTime() - at.getTime()) / 3600_000).toBeCloseTo(3, 3);

      // The exports page records both, with their formats.
      await ru.page.getByRole('link', { name: 'Выгрузки' }).click();
      const last = ru.page.getByTestId('export-row');
      await last.first().waitFor();
      expect((await last.nth(0).getByTestId('export-format').innerText()).trim()).toBe('Таблица Excel (XLSX)');
      expect((await last.nth(1).getByTestId('export-format').innerText()).trim()).toBe('CSV');
      await screenshot(ru.page, 'consent-exports-ru');
    } finally {
      await ru.context.close();
    }
  });
});
