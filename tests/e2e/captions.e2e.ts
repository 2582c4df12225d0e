import path from 'node:path';
import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { adminApi, BASE, browserForSuite, consentOnContact, dismissBanner, loginAdmin, screenshot, SHOTS } from '../helpers/browser';

/**
 * Issue 16 in the production admin build, in English and Russian:
 * - the data list as shown: a consent to the demo's personal-data agreement (no data categories) on the
 *   contact form; its record page lists the captions of the form's fields the text showed, and the
 *   text as shown lists them in its data section;
 * - the agreement editor's operator sections (a standard agreement's "Template and operator", a custom
 *   one's "Operator") and its "What the person chooses" section (advertising channels, categories of a
 *   consent to distribution), each saved as its own picture and the page whole.
 */

const PLUGIN = `${BASE}/admin/plugins/user-consent`;
const STAMP = Date.now();
const CAPTIONS = ['Имя', 'E-mail', 'Телефон', 'Комментарий'];

const WORDS = {
  en: { source: 'Template and operator', operator: 'Operator', choices: 'What the person chooses', record: /^Consent record \d+$/ },
  ru: { source: 'Шаблон и оператор', operator: 'Оператор', choices: 'Что выбирает субъект', record: /^Запись о согласии № \d+$/ },
};

/** The card of a section of the editor (components/Section.tsx): the box around its heading. */
const sectionOf = (page: Page, title: string) => page.getByRole('heading', { name: title, exact: true, level: 2 }).locator('xpath=../../..');

const shoot = async (section: Locator, name: string) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await section.scrollIntoViewIfNeeded();
  await section.screenshot({ path: path.join(SHOTS, `${name}.png`), animations: 'disabled' });
};

describe('data list as shown; the agreement editor’s operator and choices sections (production build)', () => {
  const browser = browserForSuite();
  let recordId = 0;
  let ids: { pd: number; channels: number; distribution: number; custom: number };

  beforeAll(async () => {
    const { context, page } = await loginAdmin(browser(), 'en');
    try {
      // Listening before the first plugin page: the panel's own requests give the token.
      const api = adminApi(page);
      await page.goto(`${PLUGIN}/agreements`);
      await page.getByRole('heading', { name: 'Agreements', level: 1 }).waitFor();
      const receipts = await consentOnContact(page, { email: `captions-${STAMP}@example.com`, name: 'Нина Подписная' });
      const agreements = (await api.get('/user-consent/agreements?pageSize=100')).data as { id: number; name: string; type: string; template: string | null; channels?: string[] }[];
      const pd = agreements.find((a) => a.template === 'ru-personal-data')!;
      ids = {
        pd: pd.id,
        channels: agreements.find((a) => a.template === 'ru-advertising' && a.channels?.length)!.id,
        distribution: agreements.find((a) => a.template === 'ru-distribution')!.id,
        custom: agreements.find((a) => a.type === 'custom')!.id,
      };
      const given = (await api.get(`/user-consent/consents?form=contact&action=given&sort=seq&order=desc&pageSize=100`)).data as { id: number; receiptId: string }[];
      recordId = given.find((r) => receipts.some((x) => x.id === r.receiptId))!.id;
    } finally {
      await context.close();
    }
  });

  for (const lang of ['en', 'ru'] as const) {
    it(`the record page lists the captions the text showed (${lang})`, async () => {
      const { context, page } = await loginAdmin(browser(), lang);
      try {
        await page.goto(`${PLUGIN}/consents/${recordId}`);
        await page.getByRole('heading', { name: WORDS[lang].record, level: 1 }).waitFor();
        await dismissBanner(page);
        const list = page.getByTestId('consent-data-shown');
        await list.waitFor();
        expect((await list.getByRole('listitem').allInnerTexts()).map((s) => s.trim())).toEqual(CAPTIONS);
        // The text as shown: its data section lists the same captions, not the general words.
        const text = page.getByTestId('consent-version-text');
        const shown = text.locator('ul[data-uc-form-fields] li');
        expect((await shown.allInnerTexts()).map((s) => s.trim())).toEqual(CAPTIONS);
        expect(await text.innerText()).not.toContain('которые я указываю в полях формы');
        await shoot(list.locator('xpath=ancestor::div[.//h2][1]'), `consent-data-shown-section.${lang}`);
        await screenshot(page, `consent-data-shown.${lang}`);
      } finally {
        await context.close();
      }
    });

    it(`the agreement editor's operator and choices sections (${lang})`, async () => {
      const { context, page } = await loginAdmin(browser(), lang);
      try {
        await page.setViewportSize({ width: 1280, height: 900 });
        const open = async (id: number) => {
          await page.goto(`${PLUGIN}/agreements/${id}`);
          await page.locator('main h1').first().waitFor();
          await dismissBanner(page);
          await page.getByRole('heading', { level: 2 }).first().waitFor();
        };
        await open(ids.channels);
        await page.getByTestId('agreement-channel-email').waitFor();
        await shoot(sectionOf(page, WORDS[lang].source), `agreement-operator-standard.${lang}`);
        await shoot(sectionOf(page, WORDS[lang].choices), `agreement-choices-channels.${lang}`);
        await screenshot(page, `agreement-choices-channels-page.${lang}`);

        await open(ids.distribution);
        const choices = sectionOf(page, WORDS[lang].choices);
        await choices.waitFor();
        await shoot(choices, `agreement-choices-distribution.${lang}`);

        await open(ids.custom);
        await shoot(sectionOf(page, WORDS[lang].operator), `agreement-operator-custom.${lang}`);
      } finally {
        await context.close();
      }
    });
  }
});
