import type { Page } from 'playwright-core';
import { BASE, browserForSuite, dismissBanner, loginAdmin, screenshot, waitForFieldError } from '../helpers/browser';
import { latinWords } from '../helpers/page-checks';

/**
 * A company's registration numbers in the company form, in Russian and in English, as the editor types
 * them: an OGRNIP starting with 2 and a Kazakh IIN born in month 32 said next to their fields before
 * anything is sent, gone once fixed; numbers typed with spaces and their names ("ОГРНИП ...",
 * "990 140 004 654") accepted and stored compact; an INN the demo company already has shown as a warning
 * naming that company, Cancel keeping the form, "Save anyway" saving it. Screenshots of each state.
 */

const PLUGIN = `${BASE}/admin/plugins/user-consent`;
const STAMP = Date.now();
/** The playground's demo company (playground/src/seed.js). */
const DEMO = { name: 'Ромашка', inn: '7707083893' };

const TEXTS = {
  ru: {
    newCompany: 'Новая компания',
    legalName: /^Полное наименование/,
    country: /^Страна/,
    kazakhstan: 'Казахстан',
    inn: /^ИНН/,
    ogrn: /^ОГРН\/ОГРНИП/,
    bin: /^БИН\/ИИН/,
    dpoName: /^Ответственный за защиту данных$/,
    save: 'Сохранить',
    ogrnipFirst: 'Неверный ОГРНИП: 15-значный ОГРНИП начинается с 3 или 4',
    iinDate: 'Неверный ИИН: первые 6 цифр — не дата рождения (ГГММДД)',
    duplicateTitle: 'Этот номер уже есть',
    duplicateMessage: `ИНН этой компании уже указан у: «${DEMO.name}»`,
    cancel: 'Отмена',
    confirm: 'Всё равно сохранить',
  },
  en: {
    newCompany: 'New company',
    legalName: /^Legal name/,
    country: /^Country/,
    kazakhstan: 'Kazakhstan',
    inn: /^INN/,
    ogrn: /^OGRN\/OGRNIP/,
    bin: /^BIN\/IIN/,
    dpoName: /^Data protection officer$/,
    save: 'Save',
    ogrnipFirst: 'Wrong OGRNIP: a 15-digit OGRNIP starts with 3 or 4',
    iinDate: 'Wrong IIN: the first 6 digits are not a date of birth (YYMMDD)',
    duplicateTitle: 'This number is already in use',
    duplicateMessage: `INN of this company is already entered for: «${DEMO.name}»`,
    cancel: 'Cancel',
    confirm: 'Save anyway',
  },
} as const;

/** A valid BIN per language (Halyk Bank's branches, kaz-person-id's test data), so that the two are no duplicates. */
const BIN = { ru: { typed: 'БИН 950 341 000 052', stored: '950341000052' }, en: { typed: '961 141 000 023', stored: '961141000023' } };

describe('registration numbers in the company form, as typed (production build)', () => {
  const browser = browserForSuite();

  for (const lang of ['ru', 'en'] as const) {
    describe(lang, () => {
      const T = TEXTS[lang];
      let page: Page;
      let close: () => Promise<void>;
      const posts: string[] = [];

      beforeAll(async () => {
        const session = await loginAdmin(browser(), lang);
        page = session.page;
        close = () => session.context.close();
        await page.setViewportSize({ width: 1280, height: 900 });
        page.on('request', (r) => {
          if (r.method() === 'POST' && r.url().endsWith('/user-consent/companies')) posts.push(r.url());
        });
      });
      afterAll(async () => close());

      const newCompany = async (name: string) => {
        await page.goto(`${PLUGIN}/companies/new`);
        await page.getByRole('heading', { name: T.newCompany, level: 1 }).waitFor();
        await dismissBanner(page);
        await page.getByLabel(T.legalName).fill(name);
      };

      it('says an OGRNIP starting with 2 is wrong as it is typed, and takes one written with its name and spaces', async () => {
        const name = `Василёк ${lang} ${STAMP}`;
        await newCompany(name);
        posts.length = 0;
        await page.getByLabel(T.ogrn).fill('285768585948942');
        await waitForFieldError(page, T.ogrn, T.ogrnipFirst);
        expect(posts).toEqual([]);
        // The DPO and the EU representative have their own fields, in the admin's language.
        await page.getByLabel(T.dpoName).waitFor();
        if (lang === 'ru') expect(await latinWords(page, [name])).toEqual([]);
        await screenshot(page, `company-ogrnip-typed-${lang}`);

        await page.getByLabel(T.ogrn).fill('ОГРНИП 304 500 116 000 157');
        await waitForFieldError(page, T.ogrn, null);
      });

      it('says a Kazakh IIN born in month 32 is wrong as it is typed; a BIN with spaces is saved compact', async () => {
        const name = `Жусан ${lang} ${STAMP}`;
        await newCompany(name);
        await page.getByRole('combobox', { name: T.country }).click();
        await page.getByRole('option', { name: T.kazakhstan }).click();
        await page.getByLabel(T.bin).fill('873208401420');
        await waitForFieldError(page, T.bin, T.iinDate);
        if (lang === 'ru') expect(await latinWords(page, [name])).toEqual([]);
        await screenshot(page, `company-iin-typed-${lang}`);

        await page.getByLabel(T.bin).fill(BIN[lang].typed);
        await waitForFieldError(page, T.bin, null);
        await page.getByRole('button', { name: T.save }).click();
        await page.waitForURL(/\/companies\/\d+$/);
        await page.getByRole('heading', { name, level: 1 }).waitFor();
        expect(await page.getByLabel(T.bin).inputValue()).toBe(BIN[lang].stored);
      });

      it('warns of an INN another company has, naming it; Cancel keeps the form, "Save anyway" saves', async () => {
        const name = `Ромашка-2 ${lang} ${STAMP}`;
        await newCompany(name);
        await page.getByLabel(T.inn).fill(`ИНН ${DEMO.inn.slice(0, 4)} ${DEMO.inn.slice(4, 7)} ${DEMO.inn.slice(7)}`);
        await waitForFieldError(page, T.inn, null);

        const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/user-consent/companies'));
        await page.getByRole('button', { name: T.save }).click();
        const refused = await answer;
        expect(refused.status()).toBe(409);
        expect((await refused.json()).error.details).toMatchObject({ code: 'duplicate-registration', params: { fields: ['inn'] } });
        const dialog = page.getByRole('alertdialog').or(page.getByRole('dialog'));
        await dialog.getByText(T.duplicateTitle).waitFor();
        expect(await page.getByTestId('duplicate-message').innerText()).toContain(T.duplicateMessage);
        if (lang === 'ru') expect(await latinWords(page, [name], { within: '[role="alertdialog"], [role="dialog"]' })).toEqual([]);
        await screenshot(page, `company-duplicate-${lang}`);

        await dialog.getByRole('button', { name: T.cancel }).click();
        await dialog.waitFor({ state: 'hidden' });
        expect(page.url()).toMatch(/\/companies\/new$/);

        await page.getByRole('button', { name: T.save }).click();
        await dialog.getByText(T.duplicateTitle).waitFor();
        const saved = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/user-consent/companies') && r.status() === 201);
        await dialog.getByRole('button', { name: T.confirm }).click();
        expect(JSON.parse((await saved).request().postData() ?? '{}')).toMatchObject({ confirmDuplicate: true });
        await page.waitForURL(/\/companies\/\d+$/);
        await page.getByRole('heading', { name, level: 1 }).waitFor();
        expect(await page.getByLabel(T.inn).inputValue()).toBe(DEMO.inn);
      });
    });
  }
});
