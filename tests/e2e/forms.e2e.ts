import type { Locator, Page } from 'playwright-core';
import { BASE, browserForSuite, dismissBanner, loginAdmin, screenshot } from '../helpers/browser';

/**
 * Forms in the production admin build, with the demo data: the list, a form created with fields and
 * agreements whose order and checkbox behaviours survive a reload and reach the public route, a
 * keyboard reorder that keeps focus, the embed code, the live GDPR warning, the pencil of an attached
 * agreement opening its editor, and a delete the server refuses because the form has consents.
 */

const PLUGIN = `${BASE}/admin/plugins/user-consent`;
const PD = 'Согласие на обработку персональных данных';
const ADS = 'Согласие на получение рекламной рассылки';
const TERMS = 'Пользовательское соглашение';
const GDPR = 'GDPR consent (e2e)';

const pick = async (page: Page, combobox: Locator, option: string) => {
  await combobox.click();
  await page.getByRole('option', { name: option, exact: true }).click();
};

/** The attached agreements as the editor lists them: names, behaviours and ids, in order. */
const attachedRows = async (page: Page) => {
  const rows = page.getByTestId('form-agreement');
  const out: { name: string; behaviour: string; id: number }[] = [];
  for (let i = 0; i < (await rows.count()); i += 1) {
    const row = rows.nth(i);
    out.push({
      name: (await row.getByTestId('form-agreement-name').innerText()).trim(),
      behaviour: (await row.getByRole('combobox').innerText()).trim(),
      id: Number(await row.getAttribute('data-agreement-id')),
    });
  }
  return out;
};

const rowOf = (page: Page, name: string) =>
  page.getByTestId('form-agreement').filter({ has: page.getByTestId('form-agreement-name').getByText(name, { exact: true }) });

/** Waits until the focused element is the button with this label (IconButton names itself by aria-label or hidden text). */
const waitForFocus = (page: Page, label: string) =>
  page.waitForFunction(
    (l) => {
      const el = document.activeElement;
      return !!el && el.tagName === 'BUTTON' && ((el.getAttribute('aria-label') ?? '') + (el.textContent ?? '')).includes(l);
    },
    label,
    { timeout: 5000 }
  );

const openTab = async (page: Page, name: RegExp) => {
  await page.getByRole('tab', { name }).click();
};

describe('forms (production build)', () => {
  const browser = browserForSuite();
  let page: Page;
  let formUrl = '';

  beforeAll(async () => {
    const session = await loginAdmin(browser());
    page = session.page;
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
  });

  it('lists Forms between Agreements and Companies, and the demo forms with their counts', async () => {
    await page.goto(`${PLUGIN}/forms`);
    await page.getByRole('heading', { name: 'Forms', level: 1 }).waitFor();
    await dismissBanner(page);
    const nav = await page.getByRole('link', { name: /^(Agreements|Forms|Companies)$/ }).allInnerTexts();
    expect(nav.map((s) => s.trim())).toEqual(['Agreements', 'Forms', 'Companies']);

    const contact = page.getByRole('row', { name: /Обратная связь/ });
    await contact.waitFor();
    const contactText = await contact.innerText();
    expect(contactText).toContain('contact');
    expect(contactText).toMatch(/\b2\b/);
    expect(contactText).toContain('Yes');
    const allModes = await page.getByRole('row', { name: /All four checkbox modes/ }).innerText();
    expect(allModes).toContain('all-modes');
    expect(allModes).toMatch(/\b4\b/);
    expect(allModes).toContain('No');
    await screenshot(page, 'forms-list-en');

    // The search reaches the server: only the matching form stays.
    await page.goto(`${PLUGIN}/forms?_q=all-modes`);
    await page.getByRole('row', { name: /All four checkbox modes/ }).waitFor();
    expect(await page.getByRole('row', { name: /Обратная связь/ }).count()).toBe(0);
    await page.goto(`${PLUGIN}/forms?_q=nothing-like-this`);
    await page.getByText('Nothing matches these filters').waitFor();
  });

  it('creates a form with two fields and two agreements, behaviours set and reordered', async () => {
    await page.goto(`${PLUGIN}/forms`);
    await page.getByRole('button', { name: 'Create form' }).click();
    await page.getByRole('heading', { name: 'New form', level: 1 }).waitFor();

    await page.locator('input[name="name"]').fill('E2E form');
    // First with the key of a demo form: refused, and shown on the General tab under the key.
    await page.locator('input[name="key"]').fill('contact');

    await openTab(page, /^Fields/);
    await page.getByRole('button', { name: 'Add a field' }).click();
    await page.getByRole('button', { name: 'Add a field' }).click();
    await page.locator('input[name="fields.0.name"]').fill('email');
    await page.locator('input[name="fields.0.label"]').fill('E-mail');
    await pick(page, page.getByTestId('field-row-0').getByRole('combobox'), 'E-mail');
    await page.getByTestId('field-row-0').getByRole('checkbox', { name: 'Required' }).click();
    await page.locator('input[name="fields.1.name"]').fill('comment');
    await page.locator('input[name="fields.1.label"]').fill('Comment');
    await pick(page, page.getByTestId('field-row-1').getByRole('combobox'), 'Long text');

    // Reordering by keyboard keeps focus on the moved row: at the top, on its "down" button.
    await page.getByRole('button', { name: 'Move Comment up' }).focus();
    await page.keyboard.press('Enter');
    await waitForFocus(page, 'Move Comment down');
    expect(await page.locator('input[name="fields.0.name"]').inputValue()).toBe('comment');
    await page.keyboard.press('Enter');
    await waitForFocus(page, 'Move Comment up');
    expect(await page.locator('input[name="fields.0.name"]').inputValue()).toBe('email');

    await openTab(page, /^Agreements/);
    const attach = page.getByRole('combobox', { name: /^Attach an agreement/ });
    await pick(page, attach, TERMS);
    await pick(page, attach, ADS);
    // New rows start valid everywhere: "read first", and an advertising consent optional and unticked.
    expect((await attachedRows(page)).map((r) => [r.name, r.behaviour])).toEqual([
      [TERMS, 'Required, the full text must be read'],
      [ADS, 'Optional, not accepted automatically'],
    ]);

    await pick(page, rowOf(page, TERMS).getByRole('combobox'), 'Required, accepted automatically');
    // A consent to advertising may not be pre-ticked (38-FZ art. 18): the editor says so at once, and it stays unticked.
    await pick(page, rowOf(page, ADS).getByRole('combobox'), 'Optional, accepted automatically');
    await page.locator('[data-strapi-field-error]').filter({ hasText: 'neither required nor pre-ticked' }).first().waitFor();
    await pick(page, rowOf(page, ADS).getByRole('combobox'), 'Optional, not accepted automatically');
    await page.getByRole('button', { name: `Move ${ADS} up` }).focus();
    await page.keyboard.press('Enter');
    await waitForFocus(page, `Move ${ADS} down`);
    expect((await attachedRows(page)).map((r) => [r.name, r.behaviour])).toEqual([
      [ADS, 'Optional, not accepted automatically'],
      [TERMS, 'Required, accepted automatically'],
    ]);
    // Neither is an eu-gdpr agreement: no warning.
    expect(await page.getByTestId('gdpr-warning').count()).toBe(0);

    await page.getByRole('button', { name: 'Save' }).click();
    const key = page.locator('input[name="key"]');
    await key.waitFor();
    expect(await key.getAttribute('aria-invalid')).toBe('true');
    // The rule form-key-taken said next to the key in the admin's words.
    await page.locator('[data-strapi-field-error]').filter({ hasText: 'A form with this key already exists' }).waitFor();
    expect(page.url()).toMatch(/\/forms\/new$/);

    await key.fill('e2e-form');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/forms\/\d+$/);
    await page.getByRole('heading', { name: 'E2E form', level: 1 }).waitFor();
    formUrl = page.url();
  });

  it('keeps the order and the behaviours after a reload, and serves them on the public route', async () => {
    await page.goto(formUrl);
    await page.getByRole('heading', { name: 'E2E form', level: 1 }).waitFor();
    await openTab(page, /^Agreements/);
    await page.getByTestId('form-agreement').first().waitFor();
    const rows = await attachedRows(page);
    expect(rows.map((r) => [r.name, r.behaviour])).toEqual([
      [ADS, 'Optional, not accepted automatically'],
      [TERMS, 'Required, accepted automatically'],
    ]);
    await screenshot(page, 'form-agreements-en');

    await openTab(page, /^Fields/);
    expect(await page.locator('input[name="fields.0.name"]').inputValue()).toBe('email');
    expect(await page.locator('input[name="fields.1.name"]').inputValue()).toBe('comment');

    const res = await page.request.get(`${BASE}/api/user-consent/forms/e2e-form`);
    expect(res.status()).toBe(200);
    const data = (await res.json()).data;
    expect(data.fields.map((f: { name: string; type: string; required: boolean }) => [f.name, f.type, f.required])).toEqual([
      ['email', 'email', true],
      ['comment', 'textarea', false],
    ]);
    expect(
      data.agreements.map((a: { agreement: number; behaviour: string; required: boolean; prechecked: boolean }) => [
        a.agreement,
        a.behaviour,
        a.required,
        a.prechecked,
      ])
    ).toEqual([
      [rows[0].id, 'optional-unchecked', false, false],
      [rows[1].id, 'required-prechecked', true, true],
    ]);
    expect(data.agreements[0].label).toMatch(/рекламные/);
  });

  it('shows the embed code for the form and copies it', async () => {
    await page.goto(formUrl);
    await page.getByRole('heading', { name: 'E2E form', level: 1 }).waitFor();
    const snippet = (await page.getByTestId('embed-snippet').innerText()).trim();
    // Labelled inputs; the site's language is the agreements' (Russian), not the admin's (English).
    expect(snippet).toContain('<div data-user-consent-form="e2e-form" data-lang="ru"></div>');
    expect(snippet).toContain(`<script src="${BASE}/api/user-consent/widget.js" defer></script>`);
    expect(snippet).toContain('<label for="e2e-form-email">E-mail</label>');
    expect(snippet).toContain('<input id="e2e-form-email" name="email" type="email" autocomplete="email" placeholder="ivan@example.ru" required>');
    expect(snippet).toContain('<label for="e2e-form-comment">Comment</label>');
    expect(snippet).toContain('<textarea id="e2e-form-comment" name="comment"></textarea>');
    expect(snippet).toContain('<button type="submit">Отправить</button>');
    await dismissBanner(page);
    await screenshot(page, 'form-general-en');
    // The editor may choose another language for the site.
    const language = page.getByRole('combobox', { name: 'Language of the site' });
    expect((await language.innerText()).trim()).toBe('Russian');
    await pick(page, language, 'English');
    const english = (await page.getByTestId('embed-snippet').innerText()).trim();
    expect(english).toContain('<div data-user-consent-form="e2e-form" data-lang="en"></div>');
    expect(english).toContain('placeholder="name@example.com"');
    expect(english).toContain('<button type="submit">Send</button>');

    await page.getByRole('button', { name: 'Copy embed code' }).click();
    await page.getByText('Embed code copied').waitFor();
    expect((await page.evaluate(() => navigator.clipboard.readText())).trim()).toBe(english);
  });

  it('keeps the personal data settings: IP policy and the two retention periods, checked before sending', async () => {
    await page.goto(formUrl);
    await page.getByRole('heading', { name: 'E2E form', level: 1 }).waitFor();
    // A new form starts with the whole IP, no retention period and 30 days after a withdrawal.
    const ip = page.getByRole('combobox', { name: 'Client IP address' });
    expect((await ip.innerText()).trim()).toBe('The whole address');
    expect(await page.locator('input[name="retentionDays"]').inputValue()).toBe('');
    expect(await page.locator('input[name="withdrawalRetentionDays"]').inputValue()).toBe('30');
    await page.getByText('Shortened keeps IPv4 /24 and IPv6 /48').waitFor();

    // Out of bounds: explained under the field, nothing sent.
    let puts = 0;
    const count = (r: { method: () => string; url: () => string }) => {
      if (r.method() === 'PUT' && /\/user-consent\/forms\/\d+$/.test(r.url())) puts += 1;
    };
    page.on('request', count);
    await page.locator('input[name="withdrawalRetentionDays"]').fill('5000');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('[data-strapi-field-error]').filter({ hasText: 'A whole number of days from 0 to 3650' }).waitFor();
    page.off('request', count);
    expect(puts).toBe(0);

    await pick(page, ip, 'Shortened (network part only)');
    await page.locator('input[name="retentionDays"]').fill('365');
    await page.locator('input[name="withdrawalRetentionDays"]').fill('10');
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && /\/user-consent\/forms\/\d+$/.test(r.url()));
    await page.getByRole('button', { name: 'Save' }).click();
    const res = await saved;
    expect(res.status()).toBe(200);
    // Only what changed is sent, as numbers.
    expect(res.request().postDataJSON()).toEqual({ ipPolicy: 'truncated', retentionDays: 365, withdrawalRetentionDays: 10 });
    expect((await res.json()).data).toMatchObject({ ipPolicy: 'truncated', retentionDays: 365, withdrawalRetentionDays: 10 });

    await page.reload();
    await page.getByRole('heading', { name: 'E2E form', level: 1 }).waitFor();
    expect((await page.getByRole('combobox', { name: 'Client IP address' }).innerText()).trim()).toBe('Shortened (network part only)');
    expect(await page.locator('input[name="retentionDays"]').inputValue()).toBe('365');
    expect(await page.locator('input[name="withdrawalRetentionDays"]').inputValue()).toBe('10');
    await dismissBanner(page);
    await page.getByRole('heading', { name: 'Keeping personal data' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'form-personal-en');

    // Emptied, the retention period is "until erased" again.
    await page.locator('input[name="retentionDays"]').fill('');
    const cleared = page.waitForResponse((r) => r.request().method() === 'PUT' && /\/user-consent\/forms\/\d+$/.test(r.url()));
    await page.getByRole('button', { name: 'Save' }).click();
    expect((await cleared).request().postDataJSON()).toEqual({ retentionDays: null });
  });

  it('warns live when an eu-gdpr agreement is pre-ticked (GDPR recital 32)', async () => {
    // An agreement from the EU template, filled from the demo company.
    await page.goto(`${PLUGIN}/agreements/new`);
    await page.getByRole('heading', { name: 'New agreement', level: 1 }).waitFor();
    await page.getByRole('textbox', { name: /^Name/ }).fill(GDPR);
    await pick(page, page.getByRole('combobox', { name: /^Template/ }), 'EU: consent to personal data processing (GDPR)');
    await page.waitForFunction(`document.querySelector('input[name="label"]')?.value.includes('[')`);
    await pick(page, page.getByRole('combobox', { name: /^Company/ }), 'Ромашка');
    await page.getByTestId('preview-text').waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Version 1 created').waitFor();

    await page.goto(formUrl);
    await page.getByRole('heading', { name: 'E2E form', level: 1 }).waitFor();
    await openTab(page, /^Agreements/);
    await pick(page, page.getByRole('combobox', { name: /^Attach an agreement/ }), GDPR);
    const row = rowOf(page, GDPR);
    expect((await row.getByRole('combobox').innerText()).trim()).toBe('Required, the full text must be read');
    expect(await row.getByTestId('gdpr-warning').count()).toBe(0);

    await pick(page, row.getByRole('combobox'), 'Optional, accepted automatically');
    const warning = row.getByTestId('gdpr-warning');
    await warning.waitFor();
    expect(await warning.innerText()).toMatch(/recital 32/);
    await warning.scrollIntoViewIfNeeded();
    // Only that row warns: the other pre-ticked agreements are not under the GDPR template.
    expect(await page.getByTestId('gdpr-warning').count()).toBe(1);
    await screenshot(page, 'form-gdpr-warning-en');

    await pick(page, row.getByRole('combobox'), 'Optional, not accepted automatically');
    await warning.waitFor({ state: 'detached' });
    // Nothing saved: the pencil now asks before leaving the unsaved form (the admin's own guard); stay.
    await rowOf(page, TERMS).getByRole('button', { name: 'Edit agreement' }).click();
    const dialog = page.getByRole('alertdialog').or(page.getByRole('dialog'));
    await dialog.getByText(/modifications will be lost/).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(page.url()).toBe(formUrl);
  });

  it('opens an attached agreement from the pencil of the contact form', async () => {
    await page.goto(`${PLUGIN}/forms`);
    await page.getByRole('row', { name: /Обратная связь/ }).click();
    await page.getByRole('heading', { name: 'Обратная связь', level: 1 }).waitFor();
    await openTab(page, /^Agreements/);
    await page.getByTestId('form-agreement').first().waitFor();
    expect((await attachedRows(page)).map((r) => [r.name, r.behaviour])).toEqual([
      [PD, 'Required, the full text must be read'],
      [ADS, 'Optional, not accepted automatically'],
    ]);
    const pdId = await rowOf(page, PD).getAttribute('data-agreement-id');

    await rowOf(page, PD).getByRole('button', { name: 'Edit agreement' }).click();
    await page.waitForURL(new RegExp(`/plugins/user-consent/agreements/${pdId}\\?form=contact$`));
    await page.getByRole('heading', { name: PD, level: 1 }).waitFor();
    await page.getByTestId('preview-text').waitFor();
  });

  it('refuses to delete a form that has consents, with the server explaining why', async () => {
    // One consent through the public route, as a site would send it.
    const form = (await (await page.request.get(`${BASE}/api/user-consent/forms/contact`)).json()).data;
    const sent = await page.request.post(`${BASE}/api/user-consent/forms/contact/consents`, {
      data: {
        pageUrl: 'https://shop.example/contact',
        data: { name: 'Форма E2E', email: 'forms-e2e@example.com' },
        decisions: form.agreements.map((a: { version: { id: number } }) => ({
          version: a.version.id,
          accepted: true,
          fullTextOpened: true,
        })),
      },
    });
    expect(sent.status()).toBe(201);

    await page.goto(`${PLUGIN}/forms`);
    await page.getByRole('row', { name: /Обратная связь/ }).click();
    await page.getByRole('heading', { name: 'Обратная связь', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText(/consent record.* and cannot be deleted; deactivate it instead/).waitFor();
    expect(page.url()).toMatch(/\/forms\/\d+$/);
  });

  it('shows the list and the Agreements tab in Russian, with the Bitrix labels of the four modes', async () => {
    const ru = await loginAdmin(browser(), 'ru');
    try {
      await ru.page.goto(`${PLUGIN}/forms`);
      await ru.page.getByRole('heading', { name: 'Формы', level: 1 }).waitFor();
      await dismissBanner(ru.page);
      const nav = await ru.page.getByRole('link', { name: /^(Соглашения|Формы|Реквизиты компаний)$/ }).allInnerTexts();
      expect(nav.map((s) => s.trim())).toEqual(['Соглашения', 'Формы', 'Реквизиты компаний']);
      await ru.page.getByRole('row', { name: /All four checkbox modes/ }).waitFor();
      await screenshot(ru.page, 'forms-list-ru');

      await ru.page.getByRole('row', { name: /All four checkbox modes/ }).click();
      await ru.page.getByRole('heading', { name: 'All four checkbox modes', level: 1 }).waitFor();
      await openTab(ru.page, /^Соглашения/);
      await ru.page.getByTestId('form-agreement').first().waitFor();
      expect((await attachedRows(ru.page)).map((r) => r.behaviour)).toEqual([
        'Согласие обязательно, принято автоматически',
        'Согласие обязательно, нужно чтение полного текста',
        'Согласие не обязательно, принято автоматически',
        'Согласие не обязательно, не принято автоматически',
      ]);
      await ru.page.getByRole('button', { name: 'Редактировать соглашение' }).first().waitFor();
      await screenshot(ru.page, 'form-agreements-ru');

      await openTab(ru.page, /^Общие/);
      await ru.page.getByRole('heading', { name: 'Хранение персональных данных' }).waitFor();
      expect((await ru.page.getByRole('combobox', { name: 'IP-адрес клиента' }).innerText()).trim()).toBe('Полностью');
      await ru.page.getByText('Срок хранения после отзыва согласия, дней').waitFor();
      await ru.page.getByRole('heading', { name: 'Хранение персональных данных' }).scrollIntoViewIfNeeded();
      await screenshot(ru.page, 'form-personal-ru');
    } finally {
      await ru.context.close();
    }
  });
});
