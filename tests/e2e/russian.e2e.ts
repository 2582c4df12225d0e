import type { Page } from 'playwright-core';
import { adminApi, BASE, browserForSuite, consentOnContact, dismissBanner, failingWebhook, fieldError, loginAdmin, screenshot, waitForFieldError } from '../helpers/browser';
import { latinWords, offscreenColumns } from '../helpers/page-checks';

/**
 * The admin as a Russian-speaking editor meets it, at 1280×900, in Russian and in English: no English
 * word left on the Russian pages (proper names, codes, e-mails, URLs and hashes aside), every table's
 * columns on screen, a company's wrong INN said next to the INN field as it is typed and again by the
 * server on Save, a website typed without https:// fixed up, the Bitrix path landing on «Список
 * принятых согласий» of that form and agreement, and a withdrawn consent shown as withdrawn.
 */

const PLUGIN = `${BASE}/admin/plugins/user-consent`;
const STAMP = Date.now();
const PD = 'Согласие на обработку персональных данных';
const WRONG_INN = '7707083894';
// Valid INNs (python-stdnum's test list) of no other company, one per language: the same INN twice
// would be a duplicate to confirm.
const INN: Record<string, string> = { ru: '7709442668', en: '7716450028' };

const TEXTS = {
  ru: {
    agreements: 'Соглашения',
    companies: 'Реквизиты компаний',
    newCompany: 'Новая компания',
    legalName: /^Полное наименование/,
    inn: /^ИНН/,
    website: /^Сайт/,
    save: 'Сохранить',
    wrongInn: 'Неверный ИНН: не сходится контрольное число',
    forms: 'Формы',
    agreementsTab: /^Соглашения/,
    edit: 'Редактировать соглашение',
    accepted: 'Список принятых согласий',
    acceptedSubtitle: `Согласия по соглашению «${PD}», полученные через форму «Обратная связь»`,
    log: 'Журнал согласий',
    withdrawn: 'Отозвано',
    eventGiven: 'Событие: согласие дано',
    verify: 'Проверить цепочку',
    intact: [/Цепочка цела/, /Проверено записей: \d+/, /Цела:/],
    deliveries: 'Доставка событий',
    preview: 'Предпросмотр',
    record: /^Запись о согласии № \d+$/,
    headerEvent: /^Событие:\s*Дано$/,
    headerState: /^Состояние сейчас:\s*Отозвано$/,
  },
  en: {
    agreements: 'Agreements',
    companies: 'Companies',
    newCompany: 'New company',
    legalName: /^Legal name/,
    inn: /^INN/,
    website: /^Website/,
    save: 'Save',
    wrongInn: 'Wrong INN: its check digits do not match',
    forms: 'Forms',
    agreementsTab: /^Agreements/,
    edit: 'Edit agreement',
    accepted: 'List of accepted consents',
    acceptedSubtitle: `Consents to “${PD}” given through the form “Обратная связь”`,
    log: 'Consent log',
    withdrawn: 'Withdrawn',
    eventGiven: 'Event: consent given',
    verify: 'Verify chain',
    intact: [/Chain intact/, /\d+ records checked/, /Intact:/],
    deliveries: 'Event deliveries',
    preview: 'Preview',
    record: /^Consent record \d+$/,
    headerEvent: /^Event:\s*Given$/,
    headerState: /^State now:\s*Withdrawn$/,
  },
} as const;

type Lang = keyof typeof TEXTS;

describe('the admin in Russian and English at 1280 px (production build)', () => {
  const browser = browserForSuite();
  /** Names of the data on the pages (made by people, not the panel's words). */
  const names: string[] = [];
  let withdrawnId = 0;
  let hookId = '';
  let withdrawnReceipt = '';
  let pdId = '';

  /** Every page: no English word in Russian, every column on screen, a screenshot. */
  const check = async (page: Page, lang: Lang, shot: string) => {
    await dismissBanner(page);
    expect(await offscreenColumns(page)).toEqual([]);
    if (lang === 'ru') expect(await latinWords(page, names)).toEqual([]);
    await screenshot(page, `${shot}-${lang}`);
  };

  beforeAll(async () => {
    // A consent on the demo contact form, then its withdrawal by an operator: the log must show it withdrawn.
    const { page, context } = await loginAdmin(browser());
    const api = adminApi(page);
    await page.goto(`${PLUGIN}/agreements`);
    await page.getByRole('heading', { name: 'Agreements', level: 1 }).waitFor();
    // Deliveries to lay out (removed afterwards).
    hookId = await failingWebhook(api, STAMP);
    const receipts = await consentOnContact(page, { email: `russian-e2e-${STAMP}@example.com`, name: 'Иван Проверкин' });
    const rows = (await api.get('/user-consent/consents?form=contact&action=given&pageSize=50')).data as { id: number; receiptId: string; agreementId: number }[];
    const agreements = (await api.get('/user-consent/agreements?pageSize=100')).data as { id: number; name: string }[];
    pdId = String(agreements.find((a) => a.name === PD)!.id);
    const mine = rows.find((r) => receipts.some((x) => x.id === r.receiptId) && String(r.agreementId) === pdId)!;
    withdrawnId = mine.id;
    withdrawnReceipt = mine.receiptId;
    await api.post(`/user-consent/consents/${withdrawnId}/withdraw`, { note: 'Письмо от клиента' });
    // The names the pages show as data.
    names.push(...agreements.map((a) => a.name));
    names.push(...((await api.get('/user-consent/forms?pageSize=100')).data as { name: string; key: string }[]).flatMap((f) => [f.name, f.key]));
    names.push(...((await api.get('/user-consent/companies?pageSize=100')).data as { name: string }[]).map((c) => c.name));
    names.push(await page.evaluate(() => navigator.userAgent));
    await context.close();
  });

  for (const lang of ['ru', 'en'] as const) {
    describe(lang, () => {
      const T = TEXTS[lang];
      let page: Page;
      let close: () => Promise<void>;

      beforeAll(async () => {
        const session = await loginAdmin(browser(), lang);
        page = session.page;
        close = () => session.context.close();
        await page.setViewportSize({ width: 1280, height: 900 });
      });
      afterAll(async () => close());

      it('lists agreements, companies and forms with every column on screen', async () => {
        await page.goto(`${PLUGIN}/agreements`);
        await page.getByRole('heading', { name: T.agreements, level: 1 }).waitFor();
        await page.getByTestId('agreement-name').first().waitFor();
        // A long name is cut to one line, whole on hover.
        const first = page.getByTestId('agreement-name').first();
        expect(await first.getAttribute('title')).toBe((await first.textContent())?.trim());
        await check(page, lang, 'layout-agreements');
        await page.goto(`${PLUGIN}/companies`);
        await page.getByRole('heading', { name: T.companies, level: 1 }).waitFor();
        await page.locator('main tbody tr').first().waitFor();
        await check(page, lang, 'layout-companies');
        await page.goto(`${PLUGIN}/forms`);
        await page.getByRole('heading', { name: T.forms, level: 1 }).waitFor();
        await page.locator('main tbody tr').first().waitFor();
        await check(page, lang, 'layout-forms');
      });

      it('says a wrong INN next to the field as it is typed, and again when the server refuses it', async () => {
        await page.goto(`${PLUGIN}/companies/new`);
        await page.getByRole('heading', { name: T.newCompany, level: 1 }).waitFor();
        await dismissBanner(page);
        const posts: string[] = [];
        page.on('request', (r) => {
          if (r.method() === 'POST' && r.url().endsWith('/user-consent/companies')) posts.push(r.url());
        });
        const name = `Ромашка ${lang} ${STAMP}`;
        names.push(name);
        await page.getByLabel(T.legalName).fill(name);
        await page.getByLabel(T.inn).fill(WRONG_INN);
        // As typed: the panel's own check, nothing sent.
        await waitForFieldError(page, T.inn, T.wrongInn);
        expect(posts).toEqual([]);
        // A website without https:// is not an error: it is fixed up.
        await page.getByLabel(T.website).fill(`romashka-${lang}-${STAMP}.example`);
        await page.waitForTimeout(400);
        expect(await fieldError(page, T.website)).toBeNull();
        if (lang === 'ru') expect(await latinWords(page, [...names, WRONG_INN])).toEqual([]);
        await screenshot(page, `company-inn-typed-${lang}`);

        // On Save the server decides: the same text, from its code, next to the same field.
        const refused = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/user-consent/companies'));
        await page.getByRole('button', { name: T.save }).click();
        const answer = await refused;
        expect(answer.status()).toBe(400);
        const body = await answer.json();
        expect(body.error.details.errors).toEqual([expect.objectContaining({ path: ['inn'], code: 'requisite-check-digit', params: { number: 'inn' } })]);
        await waitForFieldError(page, T.inn, T.wrongInn);
        expect(page.url()).toMatch(/\/companies\/new$/);
        await check(page, lang, 'company-inn-refused');

        // Fixed as typed: the error goes at once; saved, the website reads https://.
        await page.getByLabel(T.inn).fill(INN[lang]);
        await waitForFieldError(page, T.inn, null);
        await page.getByRole('button', { name: T.save }).click();
        await page.waitForURL(/\/companies\/\d+$/);
        await page.getByRole('heading', { name, level: 1 }).waitFor();
        expect(await page.getByLabel(T.website).inputValue()).toBe(`https://romashka-${lang}-${STAMP}.example`);
      });

      it('follows the Bitrix path to «Список принятых согласий» of that form and agreement, given consents only', async () => {
        await page.goto(`${PLUGIN}/forms`);
        await page.getByRole('row', { name: /Обратная связь/ }).click();
        await page.getByRole('heading', { name: 'Обратная связь', level: 1 }).waitFor();
        await page.getByRole('tab', { name: T.agreementsTab }).click();
        const row = page.getByTestId('form-agreement').filter({ has: page.getByTestId('form-agreement-name').getByText(PD, { exact: true }) });
        await row.getByRole('button', { name: T.edit }).click();
        await page.waitForURL(new RegExp(`/agreements/${pdId}\\?form=contact$`));
        await page.getByRole('heading', { name: PD, level: 1 }).waitFor();
        await page.getByRole('heading', { name: T.preview }).waitFor();
        await check(page, lang, 'layout-agreement-edit');

        await page.getByRole('link', { name: T.accepted }).click();
        await page.waitForURL(new RegExp(`/consents\\?agreement=${pdId}&form=contact&action=given$`));
        await page.getByRole('heading', { name: T.accepted, level: 1 }).waitFor();
        await page.getByText(T.acceptedSubtitle).waitFor();
        const withdrawn = page.locator(`[data-testid="consent-row"][data-consent-id="${withdrawnId}"]`);
        await withdrawn.waitFor();
        // Given consents only: every row records a consent given, each with its state now.
        const actions = await page.getByTestId('consent-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
        expect(new Set(actions)).toEqual(new Set(['given']));
        // The withdrawn consent reads withdrawn, the event it records under the badge.
        expect((await withdrawn.getByTestId('consent-state').innerText()).trim()).toBe(T.withdrawn);
        expect((await withdrawn.getByTestId('consent-event').innerText()).trim()).toBe(T.eventGiven);
        expect(await withdrawn.getAttribute('data-receipt-id')).toBe(withdrawnReceipt);
        // The source is the form's name, its key on hover.
        expect((await withdrawn.getByTestId('consent-source').innerText()).trim()).toBe('Обратная связь');
        expect(await withdrawn.getByTestId('consent-source').getAttribute('title')).toBe('contact');
        await check(page, lang, 'consents-accepted');
      });

      it('shows the whole log and verifies the chain, said once', async () => {
        await page.goto(`${PLUGIN}/consents`);
        await page.getByRole('heading', { name: T.log, level: 1 }).waitFor();
        await page.getByTestId('consent-row').first().waitFor();
        await page.getByRole('button', { name: T.verify }).click();
        const result = page.getByTestId('integrity-result');
        await result.waitFor();
        // The title says intact; the line under it says how many, without saying "intact" again.
        const [title, count, repeated] = T.intact;
        const text = await result.innerText();
        expect(text).toMatch(title);
        expect(text).toMatch(count);
        expect(text).not.toMatch(repeated);
        await check(page, lang, 'layout-consents-log');
      });

      it('opens the withdrawn consent: its state in the header, every field in the admin language', async () => {
        await page.goto(`${PLUGIN}/consents/${withdrawnId}`);
        await page.getByRole('heading', { name: T.record, level: 1 }).waitFor();
        await page.getByTestId('receipt-state').waitFor();
        expect((await page.locator('header, main').getByTestId('consent-state').first().innerText()).trim()).toBe(T.withdrawn);
        // Each badge of the header says what it is: the event recorded, the state now.
        const said = async (id: string) => (await page.getByTestId(id).innerText()).trim();
        expect(await said('consent-header-event')).toMatch(T.headerEvent);
        expect(await said('consent-header-state')).toMatch(T.headerState);
        await check(page, lang, 'consent-withdrawn');
      });

      it('keeps every column of the deliveries on screen', async () => {
        await page.goto(`${PLUGIN}/deliveries`);
        await page.getByRole('heading', { name: T.deliveries, level: 1 }).waitFor();
        await page.locator('[data-testid="delivery-row"]').first().waitFor();
        await check(page, lang, 'layout-deliveries');
      });
    });
  }

  // Last, while the browser is open: the webhook made for the deliveries page goes.
  it('removes the webhook it made', async () => {
    const { page, context } = await loginAdmin(browser());
    const api = adminApi(page);
    await page.goto(`${PLUGIN}/deliveries`);
    await page.getByRole('heading', { name: 'Event deliveries', level: 1 }).waitFor();
    expect((await api.raw('delete', `/admin/webhooks/${hookId}`)).status()).toBe(200);
    await context.close();
  });
});
