import fs from 'node:fs';
import type { Download, Page, Request, Response } from 'playwright-core';
import path from 'node:path';
import { adminApi, BASE, browserForSuite, dismissBanner, loginAdmin, screenshot } from '../helpers/browser';

/**
 * A data-subject request in the production admin build, with the demo data: a person who consented
 * through the public API is found by e-mail (a POST: the e-mail never reaches a URL), everything held
 * about them is exported as JSON and PDF, their personal data is destroyed after a preview that lists
 * what goes and what stays, the act of destruction downloads as a PDF, and the log, the record page and
 * the acts page show the erasure while the chain still verifies. Then the same in Russian.
 */

const PLUGIN = `${BASE}/admin/plugins/user-consent`;
const PD = 'Согласие на обработку персональных данных';
const ADS = 'Согласие на получение рекламной рассылки';
const STAMP = Date.now();
const EN_PERSON = { email: `subject-e2e-${STAMP}@example.com`, name: `Субъект Проверочный ${STAMP}` };
const RU_PERSON = { email: `subject-e2e-ru-${STAMP}@example.com`, name: `Субъект Русский ${STAMP}` };
const NOTE = 'Запрос субъекта от 3 марта, вх. № 15';

/** The panel's English texts: an act's categories are shown as `erasure.category.<code>`. */
const EN: Record<string, string> = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../admin/src/translations/en.json'), 'utf8'));

/** A POST of the panel to this admin route (the path without the query). */
const postTo = (path: string) => (r: Request) => r.method() === 'POST' && new URL(r.url()).pathname.endsWith(path);
const answerTo = (path: string) => (r: Response) => postTo(path)(r.request());

const bytesOf = async (download: Download) => fs.readFileSync((await download.path())!);

/** One consent to each agreement of the demo contact form, sent as a site would send it. */
const seed = async (page: Page, person: { email: string; name: string }) => {
  const form = (await (await page.request.get(`${BASE}/api/user-consent/forms/contact`)).json()).data;
  const res = await page.request.post(`${BASE}/api/user-consent/forms/contact/consents`, {
    data: {
      pageUrl: 'https://shop.example/contact?utm_source=subject-e2e',
      subject: { email: person.email, name: person.name },
      data: { name: person.name, email: person.email, comment: 'Прошу удалить мои данные.' },
      decisions: form.agreements.map((a: { version: { id: number } }) => ({ version: a.version.id, accepted: true, fullTextOpened: true })),
    },
  });
  expect(res.status()).toBe(201);
  return (await res.json()).data.receipts as { id: string; action: string }[];
};

/** Opens the Data subject page from the log and looks the person up by e-mail. */
const lookUp = async (page: Page, email: string, labels: { log: string; subject: string; email: string; find: string }) => {
  await page.goto(`${PLUGIN}/consents`);
  await page.getByRole('heading', { name: labels.log, level: 1 }).waitFor();
  await dismissBanner(page);
  await page.getByRole('link', { name: labels.subject }).click();
  await page.getByRole('heading', { name: labels.subject, level: 1 }).waitFor();
  await page.getByLabel(labels.email, { exact: true }).fill(email);
  const request = page.waitForRequest(postTo('/user-consent/subjects/lookup'));
  const response = page.waitForResponse(answerTo('/user-consent/subjects/lookup'));
  await page.getByRole('button', { name: labels.find }).click();
  const [req, res] = await Promise.all([request, response]);
  expect(req.postDataJSON()).toEqual({ email });
  expect(res.status()).toBe(200);
  await page.getByTestId('subject-event').first().waitFor();
};

describe('data subject: look-up, export, erasure (production build)', () => {
  const browser = browserForSuite();
  let page: Page;
  let api: ReturnType<typeof adminApi>;
  /** Every address the panel asked for: none may carry the person's e-mail. */
  const urls: string[] = [];
  let receipts: { id: string; action: string }[] = [];
  let act = 0;

  it('finds the person by e-mail with a POST, the e-mail kept out of every URL', async () => {
    ({ page } = await loginAdmin(browser()));
    api = adminApi(page);
    page.on('request', (r) => urls.push(r.url()));
    receipts = await seed(page, EN_PERSON);
    expect(receipts.map((r) => r.action)).toEqual(['given', 'given']);

    await lookUp(page, EN_PERSON.email, { log: 'Consent log', subject: 'Data subject', email: 'E-mail', find: 'Find' });
    const rows = page.getByTestId('subject-event');
    expect(await rows.count()).toBe(2);
    for (const text of await rows.allInnerTexts()) {
      expect(text).toContain('127.0.0.1');
      expect(text).toMatch(/\bgiven\b/i);
    }
    expect(await page.locator('[data-testid="subject-event"][data-erased="true"]').count()).toBe(0);
    const current = await page.getByTestId('subject-current').allInnerTexts();
    expect(current.some((c) => c.includes(PD))).toBe(true);
    expect(current.some((c) => c.includes(ADS))).toBe(true);

    expect(page.url()).toBe(`${PLUGIN}/consents/subject`);
    for (const u of urls) {
      expect(u).not.toContain(EN_PERSON.email);
      expect(u).not.toContain(encodeURIComponent(EN_PERSON.email));
    }
    await screenshot(page, 'subject-en');
  });

  it('exports everything held about the person as JSON and as PDF', async () => {
    const json = page.waitForEvent('download');
    const jsonRequest = page.waitForRequest(postTo('/user-consent/subjects/export'));
    await page.getByRole('button', { name: 'Export everything held (JSON)' }).click();
    const [jsonFile, jsonReq] = await Promise.all([json, jsonRequest]);
    expect(new URL(jsonReq.url()).searchParams.get('format')).toBe('json');
    expect(jsonReq.postDataJSON()).toEqual({ email: EN_PERSON.email });
    expect(jsonFile.suggestedFilename()).toMatch(/^subject-export-\d{4}-\d{2}-\d{2}\.json$/);
    const report = JSON.parse((await bytesOf(jsonFile)).toString('utf8'));
    expect(report.identifier).toEqual({ kind: 'email', value: EN_PERSON.email });
    expect(report.events).toHaveLength(2);
    expect(report.events.map((e: { receiptId: string }) => e.receiptId).sort()).toEqual(receipts.map((r) => r.id).sort());
    expect(report.events[0]).toMatchObject({ ip: '127.0.0.1', erased: false, subject: { email: EN_PERSON.email, name: EN_PERSON.name } });

    const pdf = page.waitForEvent('download');
    const pdfRequest = page.waitForRequest(postTo('/user-consent/subjects/export'));
    await page.getByRole('button', { name: 'Export everything held (PDF)' }).click();
    const [pdfFile, pdfReq] = await Promise.all([pdf, pdfRequest]);
    expect(Object.fromEntries(new URL(pdfReq.url()).searchParams)).toEqual({ format: 'pdf', lang: 'en' });
    expect(pdfFile.suggestedFilename()).toMatch(/^subject-export-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect((await bytesOf(pdfFile)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('previews what the erasure destroys and what stays, and insists on a reason', async () => {
    const previewed = page.waitForResponse(answerTo('/user-consent/subjects/erasures/preview'));
    await page.getByRole('button', { name: 'Erase personal data' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase personal data' });
    await dialog.waitFor();
    const res = await previewed;
    expect(res.status()).toBe(200);
    expect(res.request().postDataJSON()).toEqual({ email: EN_PERSON.email });
    const preview = (await res.json()).data;
    expect(preview).toMatchObject({ events: 2, subjects: 1, forms: ['contact'] });
    expect(preview.categories).toEqual(expect.arrayContaining(['email', 'name', 'ip', 'userAgent', 'formData']));

    await dialog.getByTestId('erasure-preview-events').waitFor();
    expect((await dialog.getByTestId('erasure-preview-events').innerText()).trim()).toBe('2');
    expect((await dialog.getByTestId('erasure-preview-subjects').innerText()).trim()).toBe('1');
    const categories = await dialog.getByTestId('erasure-preview-categories').innerText();
    for (const c of preview.categories) expect(categories).toContain(EN[`erasure.category.${c}`]);
    expect(await dialog.getByTestId('erasure-preview-forms').innerText()).toContain('contact');
    const agreements = await dialog.getByTestId('erasure-preview-agreements').innerText();
    expect(agreements).toContain(PD);
    expect(agreements).toContain(ADS);
    expect(await dialog.getByTestId('term-erasure-first').innerText()).not.toContain('—');
    const kept = await dialog.getByTestId('erasure-kept').innerText();
    expect(kept).toContain('stays provable');
    expect(kept).toContain('hash chain still verifies');
    await screenshot(page, 'subject-erase-en');

    // No reason, then "other" without a note: refused in the dialog, nothing sent.
    let sent = 0;
    const count = (r: Request) => {
      if (postTo('/user-consent/subjects/erasures')(r)) sent += 1;
    };
    page.on('request', count);
    await dialog.getByRole('button', { name: 'Destroy the personal data' }).click();
    await dialog.getByText('Choose why the data is destroyed').waitFor();
    await dialog.getByRole('combobox', { name: 'Reason' }).click();
    await page.getByRole('option', { name: 'Other reason', exact: true }).click();
    await dialog.getByRole('button', { name: 'Destroy the personal data' }).click();
    await dialog.getByText('Describe the reason').waitFor();
    page.off('request', count);
    expect(sent).toBe(0);
  });

  it('erases, then downloads the act of destruction as a PDF; the events show as erased', async () => {
    const dialog = page.getByRole('dialog', { name: 'Erase personal data' });
    await dialog.getByRole('combobox', { name: 'Reason' }).click();
    await page.getByRole('option', { name: 'Request of the data subject', exact: true }).click();
    await dialog.getByRole('textbox', { name: 'Note' }).fill(NOTE);
    const erased = page.waitForResponse(answerTo('/user-consent/subjects/erasures'));
    await dialog.getByRole('button', { name: 'Destroy the personal data' }).click();
    const res = await erased;
    expect(res.status()).toBe(201);
    expect(res.request().postDataJSON()).toEqual({ email: EN_PERSON.email, reason: 'subject-request', note: NOTE });
    const result = (await res.json()).data;
    expect(result).toMatchObject({ id: expect.any(Number), events: 2, subjects: 1 });
    act = result.id;
    await dialog.waitFor({ state: 'detached' });

    const done = page.getByTestId('erasure-result');
    await done.waitFor();
    expect(await done.innerText()).toContain(`Act No. ${act}`);
    const downloading = page.waitForEvent('download');
    const fetched = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith(`/user-consent/erasures/${act}/act`));
    await done.getByRole('button', { name: 'Download act (PDF)' }).click();
    const [download, actResponse] = await Promise.all([downloading, fetched]);
    expect(new URL(actResponse.url()).searchParams.get('lang')).toBe('en');
    expect(download.suggestedFilename()).toBe(`erasure-act-${act}.pdf`);
    expect((await bytesOf(download)).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The look-up is made again; the events of the person show as erased, their IP gone.
    await page.waitForFunction(() => {
      const rows = Array.from(document.querySelectorAll('[data-testid="subject-event"]'));
      return rows.length === 2 && rows.every((r) => r.getAttribute('data-erased') === 'true');
    });
    for (const text of await page.getByTestId('subject-event').allInnerTexts()) {
      expect(text).toMatch(/\berased\b/i);
      expect(text).not.toContain('127.0.0.1');
    }
    for (const u of urls) expect(u).not.toContain(EN_PERSON.email);
    await screenshot(page, 'subject-erased-en');
  });

  it('shows the erasure on the record page and in the log; the chain still verifies', async () => {
    await page.getByTestId('subject-event').first().click();
    await page.waitForURL(/\/consents\/\d+$/);
    const notice = page.getByTestId('consent-erased');
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(new RegExp(`^Personal data erased on .+ \\(act No\\. ${act}\\)`));
    expect(await page.getByTestId('term-ip').innerText()).toMatch(/erased/i);
    expect(await page.getByTestId('term-subject').innerText()).toMatch(/erased/i);
    expect((await page.getByTestId('chain-own-hash').innerText()).trim()).toBe('Valid');
    await screenshot(page, 'consent-erased-en');

    await page.goto(`${PLUGIN}/consents`);
    for (const r of receipts) {
      const row = page.locator(`[data-testid="consent-row"][data-receipt-id="${r.id}"]`);
      await row.waitFor();
      expect(await row.getAttribute('data-erased')).toBe('true');
      expect(await row.innerText()).toMatch(/erased/i);
      expect(await row.innerText()).not.toContain(EN_PERSON.email);
    }
    const report = (await api.get('/user-consent/integrity')).data;
    expect(report.intact).toBe(true);
  });

  it('lists the act among the acts of destruction, with its PDF', async () => {
    await page.getByRole('link', { name: 'Acts of destruction' }).click();
    await page.getByRole('heading', { name: 'Acts of destruction', level: 1 }).waitFor();
    const row = page.locator(`[data-testid="erasure-row"][data-erasure-id="${act}"]`);
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('Request of the data subject');
    expect(text).toContain(NOTE);
    expect(text).toContain('One person, by e-mail');
    expect(text).toContain('admin@example.com');
    expect((await row.getByTestId('erasure-events').innerText()).trim()).toBe('2');
    expect((await row.getByTestId('erasure-subjects').innerText()).trim()).toBe('1');
    expect(await row.getByTestId('erasure-categories').innerText()).toContain('IP address');
    expect(text).not.toContain(EN_PERSON.email);
    const downloading = page.waitForEvent('download');
    await row.getByRole('button', { name: 'Download act (PDF)' }).click();
    expect((await bytesOf(await downloading)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await screenshot(page, 'erasures-en');
  });

  it('does the same in Russian', async () => {
    const ru = await loginAdmin(browser(), 'ru');
    try {
      await seed(ru.page, RU_PERSON);
      await lookUp(ru.page, RU_PERSON.email, { log: 'Журнал согласий', subject: 'Субъект данных', email: 'Эл. почта', find: 'Найти' });
      expect(await ru.page.getByTestId('subject-event').count()).toBe(2);
      expect(await ru.page.getByRole('button', { name: 'Выгрузить все сведения (PDF)' }).count()).toBe(1);
      await screenshot(ru.page, 'subject-ru');

      await ru.page.getByRole('button', { name: 'Уничтожить персональные данные' }).click();
      const dialog = ru.page.getByRole('dialog', { name: 'Уничтожить персональные данные' });
      await dialog.getByTestId('erasure-preview-events').waitFor();
      expect((await dialog.getByTestId('erasure-preview-events').innerText()).trim()).toBe('2');
      expect(await dialog.getByTestId('erasure-preview-categories').innerText()).toContain('IP-адрес');
      expect(await dialog.getByTestId('erasure-kept').innerText()).toContain('Цепочка хешей по-прежнему проходит проверку');
      await screenshot(ru.page, 'subject-erase-ru');

      await dialog.getByRole('combobox', { name: 'Основание' }).click();
      await ru.page.getByRole('option', { name: 'Запрос субъекта персональных данных', exact: true }).click();
      const erased = ru.page.waitForResponse(answerTo('/user-consent/subjects/erasures'));
      await dialog.getByRole('button', { name: 'Уничтожить персональные данные' }).click();
      const res = await erased;
      expect(res.status()).toBe(201);
      const id = (await res.json()).data.id;
      await dialog.waitFor({ state: 'detached' });
      expect(await ru.page.getByTestId('erasure-result').innerText()).toContain(`Акт № ${id}`);
      await ru.page.waitForFunction(() => {
        const rows = Array.from(document.querySelectorAll('[data-testid="subject-event"]'));
        return rows.length === 2 && rows.every((r) => r.getAttribute('data-erased') === 'true');
      });
      for (const text of await ru.page.getByTestId('subject-event').allInnerTexts()) expect(text).toMatch(/удалены/i);
      await screenshot(ru.page, 'subject-erased-ru');

      const downloading = ru.page.waitForEvent('download');
      const fetched = ru.page.waitForResponse((r) => new URL(r.url()).pathname.endsWith(`/user-consent/erasures/${id}/act`));
      await ru.page.getByTestId('erasure-result').getByRole('button', { name: 'Скачать акт (PDF)' }).click();
      const [download, actResponse] = await Promise.all([downloading, fetched]);
      expect(new URL(actResponse.url()).searchParams.get('lang')).toBe('ru');
      expect((await bytesOf(download)).subarray(0, 5).toString('latin1')).toBe('%PDF-');

      await ru.page.goto(`${PLUGIN}/consents/erasures`);
      await ru.page.getByRole('heading', { name: 'Акты об уничтожении', level: 1 }).waitFor();
      const row = ru.page.locator(`[data-testid="erasure-row"][data-erasure-id="${id}"]`);
      await row.waitFor();
      expect(await row.innerText()).toContain('Запрос субъекта персональных данных');
      await dismissBanner(ru.page);
      await screenshot(ru.page, 'erasures-ru');
    } finally {
      await ru.context.close();
    }
  });
});
