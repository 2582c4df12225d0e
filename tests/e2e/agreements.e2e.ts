import type { Locator, Page } from 'playwright-core';
import { BASE, browserForSuite, dismissBanner, loginAdmin, screenshot } from '../helpers/browser';

/**
 * Companies and agreements in the production admin build: requisites checked by the server and shown
 * on the right field, a standard agreement filled from a company, its live preview, versions made by
 * visible edits, and an old version still showing its old text.
 */

const PLUGIN = `${BASE}/admin/plugins/user-consent`;
const COMPANY = {
  name: 'ООО Ромашка',
  // Not the demo company's numbers: another company with them would be a duplicate to confirm.
  inn: '7736207543',
  wrongInn: '7736207544',
  ogrn: '1027739552642',
  kpp: '773601001',
  legalAddress: '117997, г. Москва, ул. Вавилова, д. 19',
  email: 'privacy@romashka.example',
};
const THIRD_PARTY = 'ООО Доставка';

/** The error text a design-system field shows under `input` (found through aria-describedby). */
const fieldError = async (page: Page, input: Locator) => {
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
  if (!ids.length) return null;
  return page.locator(`[id="${ids[0]}"]`).innerText();
};

const pick = async (page: Page, combobox: RegExp, option: RegExp | string) => {
  await page.getByRole('combobox', { name: combobox }).click();
  await page.getByRole('option', { name: option }).click();
};

describe('companies and agreements (production build)', () => {
  const browser = browserForSuite();
  let page: Page;
  let agreementUrl = '';

  beforeAll(async () => {
    ({ page } = await loginAdmin(browser()));
  });

  it('opens on the overview and lists Agreements before Companies in the plugin navigation', async () => {
    await page.goto(PLUGIN);
    await page.waitForURL(/\/plugins\/user-consent\/overview$/);
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await dismissBanner(page);
    const nav = await page.getByRole('link', { name: /^(Agreements|Companies)$/ }).allInnerTexts();
    expect(nav.map((s) => s.trim())).toEqual(['Agreements', 'Companies']);
  });

  it('refuses a wrong INN with the error under the INN field, then creates the company', async () => {
    await page.getByRole('link', { name: 'Companies' }).click();
    await page.getByRole('heading', { name: 'Companies', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Create company' }).click();
    await page.getByRole('heading', { name: 'New company', level: 1 }).waitFor();

    await page.getByLabel(/^Legal name/).fill(COMPANY.name);
    // Russia is the default country: its three numbers show, the Belarusian UNP does not.
    expect(await page.getByLabel(/^UNP/).count()).toBe(0);
    const inn = page.getByLabel(/^INN/);
    await inn.fill(COMPANY.wrongInn);
    await page.getByLabel(/^OGRN\/OGRNIP/).fill(COMPANY.ogrn);
    await page.getByLabel(/^KPP/).fill(COMPANY.kpp);
    await page.getByLabel(/^Legal address/).fill(COMPANY.legalAddress);
    await page.getByLabel(/^E-mail for data-subject requests/).fill(COMPANY.email);
    await page.getByRole('button', { name: 'Save' }).click();

    await page.locator('[data-strapi-field-error]').first().waitFor();
    expect(await inn.getAttribute('aria-invalid')).toBe('true');
    // The server's refusal (code requisite-check-digit on inn) said in the admin's words.
    expect(await fieldError(page, inn)).toBe('Wrong INN: its check digits do not match');
    expect(await fieldError(page, page.getByLabel(/^OGRN\/OGRNIP/))).toBeNull();
    expect(page.url()).toMatch(/\/companies\/new$/);
    await screenshot(page, 'company-wrong-inn-en');

    await inn.fill(COMPANY.inn);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/companies\/\d+$/);
    await page.getByRole('heading', { name: COMPANY.name, level: 1 }).waitFor();
    expect(await inn.getAttribute('aria-invalid')).not.toBe('true');

    await page.getByRole('link', { name: 'Companies' }).click();
    const row = page.getByRole('row', { name: new RegExp(COMPANY.name) });
    await row.waitFor();
    expect(await row.innerText()).toContain(COMPANY.inn);
    await screenshot(page, 'companies-list-en');
  });

  it('creates a standard agreement from the RU template filled from the company, with a live preview', async () => {
    await page.getByRole('link', { name: 'Agreements' }).click();
    await page.getByRole('button', { name: 'Create agreement' }).click();
    await page.getByRole('heading', { name: 'New agreement', level: 1 }).waitFor();

    await page.getByRole('textbox', { name: /^Name/ }).fill('Согласие на обработку ПД (сайт)');
    await pick(page, /^Template/, /processing \(152-FZ\)/);
    // Choosing a template on a new agreement proposes its label.
    await page.waitForFunction(`document.querySelector('input[name="label"]')?.value.includes('[')`);
    await pick(page, /^Company/, COMPANY.name);

    const text = page.getByTestId('preview-text');
    await text.filter({ hasText: COMPANY.name }).waitFor();
    await text.filter({ hasText: COMPANY.inn }).waitFor();
    // The bracketed part of the label is the link to the full text.
    await page.getByTestId('preview-label').locator('a[data-uc-full-text]').waitFor();
    await screenshot(page, 'agreement-editor-en');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Version 1 created').waitFor();
    await page.waitForURL(/\/agreements\/\d+$/);
    agreementUrl = page.url();
  });

  it('makes version 2 from a visible edit and keeps version 1 as it was', async () => {
    await page.getByRole('button', { name: 'Add a third party' }).click();
    await page.locator('input[name="thirdParties.0.name"]').fill(THIRD_PARTY);
    await page.locator('input[name="thirdParties.0.address"]').fill('г. Москва, ул. Складская, д. 1');
    await page.locator('input[name="thirdParties.0.purpose"]').fill('доставка заказов');
    await page.getByTestId('preview-text').filter({ hasText: THIRD_PARTY }).waitFor();

    // Saving an existing agreement asks whether the change requires renewed consent.
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alertdialog', { name: 'Does this change require renewed consent?' }).waitFor();
    await screenshot(page, 'agreement-renewal-question-en');
    await page.getByTestId('renewal-no').click();
    await page.getByText('Version 2 created').waitFor();

    // Saving again without a change makes no version.
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('renewal-no').click();
    await page.getByText('No visible change: no new version').waitFor();
    // The consents to it, per state, each a link to the log filtered so.
    expect(await page.getByTestId('consent-states-given').getAttribute('href')).toMatch(/\/consents\?agreement=\d+&state=given$/);

    await page.getByRole('tab', { name: 'Version history' }).click();
    await page.getByTestId('version-row-2').waitFor();
    await page.getByTestId('version-row-1').waitFor();
    expect(await page.locator('[data-testid^="version-row-"]').count()).toBe(2);
    await screenshot(page, 'agreement-versions-en');

    await page.getByRole('button', { name: 'View version 1' }).click();
    const old = page.getByTestId('version-text');
    await old.filter({ hasText: COMPANY.name }).waitFor();
    const oldText = await old.innerText();
    expect(oldText).toContain(COMPANY.inn);
    expect(oldText).not.toContain(THIRD_PARTY);
    await page
      .getByRole('dialog')
      .getByText(/^[0-9a-f]{64}$/)
      .first()
      .waitFor();
    await screenshot(page, 'agreement-version-1-en');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).first().click();

    await page.getByRole('button', { name: 'View version 2' }).click();
    await page.getByTestId('version-text').filter({ hasText: THIRD_PARTY }).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).first().click();
  });

  it('lists the agreement with its version and filters by template and activity', async () => {
    await page.getByRole('link', { name: 'Agreements' }).click();
    const row = page.getByRole('row', { name: /Согласие на обработку ПД \(сайт\)/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/v2/);
    await page.goto(`${PLUGIN}/agreements?active=false`);
    await page.getByText('Nothing matches these filters').waitFor();
    await page.goto(`${PLUGIN}/agreements?template=ru-personal-data&active=true`);
    await row.waitFor();
    await screenshot(page, 'agreements-list-en');
  });

  it('shows a custom HTML agreement after sanitising, as the public will see it', async () => {
    await page.getByRole('link', { name: 'Agreements' }).click();
    await page.getByRole('button', { name: 'Create agreement' }).click();
    await page.getByRole('textbox', { name: /^Name/ }).fill('Custom terms');
    await page.getByRole('radio', { name: 'Custom (your own text)' }).click();
    await page.getByRole('textbox', { name: /^Checkbox label/ }).fill('I accept the [terms of the newsletter]');
    await page
      .getByRole('textbox', { name: /^Agreement text \(HTML\)/ })
      .fill('<h2>Newsletter terms</h2><p>We write <b>once a month</b>.</p><script>window.pwned = 1</script><img src="x" onerror="window.pwned = 1">');
    const text = page.getByTestId('preview-text');
    await text.filter({ hasText: 'once a month' }).waitFor();
    expect(await text.locator('script, img[onerror]').count()).toBe(0);
    await page.getByTestId('preview-label').locator('a', { hasText: 'terms of the newsletter' }).waitFor();
    await screenshot(page, 'agreement-custom-en');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Version 1 created').waitFor();
  });

  it('refuses to delete a company an agreement uses, with the server explaining why', async () => {
    await page.getByRole('link', { name: 'Companies' }).click();
    await page.getByRole('row', { name: new RegExp(COMPANY.name) }).click();
    await page.getByRole('heading', { name: COMPANY.name, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText(/used by 1 agreement\(s\) and cannot be deleted/).waitFor();
    expect(page.url()).toMatch(/\/companies\/\d+$/);
    await screenshot(page, 'company-delete-refused-en');
  });

  it('says the server refusal of a company next to its fields in Russian', async () => {
    const ru = await loginAdmin(browser(), 'ru');
    try {
      await ru.page.goto(`${PLUGIN}/companies/new`);
      await ru.page.getByRole('heading', { name: 'Новая компания', level: 1 }).waitFor();
      await dismissBanner(ru.page);
      await ru.page.getByLabel(/^Полное наименование/).fill(COMPANY.name);
      const legalForm = ru.page.getByLabel(/^Организационно-правовая форма/);
      await legalForm.fill('О'.repeat(101));
      const inn = ru.page.getByLabel(/^ИНН/);
      await inn.fill(COMPANY.wrongInn);
      await ru.page.getByRole('button', { name: 'Сохранить' }).click();

      await ru.page.locator('[data-strapi-field-error]').first().waitFor();
      expect(await fieldError(ru.page, legalForm)).toBe('Не больше 100 символов');
      expect(await fieldError(ru.page, inn)).toBe('Неверный ИНН: не сходится контрольное число');
      expect(await fieldError(ru.page, ru.page.getByLabel(/^Полное наименование/))).toBeNull();
      await ru.page.getByText('Не сохранено, проверьте форму: Не больше 100 символов').first().waitFor();
      expect(ru.page.url()).toMatch(/\/companies\/new$/);
      await screenshot(ru.page, 'company-field-errors-ru');
    } finally {
      await ru.context.close();
    }
  });

  it('shows the agreement editor in Russian', async () => {
    const ru = await loginAdmin(browser(), 'ru');
    try {
      await ru.page.goto(agreementUrl);
      await ru.page.getByRole('heading', { name: 'Предпросмотр' }).waitFor();
      await dismissBanner(ru.page);
      await ru.page.getByText('Реквизиты моей компании').waitFor();
      await ru.page.getByTestId('preview-text').filter({ hasText: COMPANY.name }).waitFor();
      await ru.page.getByRole('link', { name: 'Соглашения' }).waitFor();
      await ru.page.getByRole('link', { name: 'Реквизиты компаний' }).waitFor();
      await screenshot(ru.page, 'agreement-editor-ru');
    } finally {
      await ru.context.close();
    }
  });
});
