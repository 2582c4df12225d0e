import type { Page, Request } from 'playwright-core';
import { BASE, adminApi, browserForSuite, dismissBanner, loginAdmin, screenshot } from '../helpers/browser';

/**
 * An agreement in two languages in the production admin build: the editor ticks the languages, types
 * the English label and text in their tab, the preview and the version show each language (with its
 * hash), in the English and the Russian admin; then the widget on a page whose <html lang="en"> shows
 * the English label and records the language with the decision.
 */

const PLUGIN = `${BASE}/admin/plugins/user-consent`;
const NAME = 'Рассылка / Newsletter';
const RU = { label: 'Я подписываюсь на [рассылку]', html: '<p>Рассылка выходит раз в неделю.</p>' };
const EN = { label: 'I subscribe to the [newsletter]', html: '<p>The newsletter comes out once a week.</p>' };
/** A page of the site in English, served by the test on the app's own origin. */
const EN_PAGE = `${BASE}/e2e/languages-en.html`;
const pageHtml = (formKey: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Subscribe</title></head><body>
<form action="#" method="post"><input name="email" type="email" value="reader@example.com">
<div data-user-consent-form="${formKey}"></div><button type="submit">Subscribe</button></form>
<script src="/api/user-consent/widget.js" defer></script></body></html>`;

describe('an agreement in two languages (production build)', () => {
  const browser = browserForSuite();
  let page: Page;
  let agreementUrl = '';
  let agreementId = 0;

  beforeAll(async () => {
    ({ page } = await loginAdmin(browser()));
  });

  it('is written in Russian and English in the editor, with a preview in each language', async () => {
    await page.goto(`${PLUGIN}/agreements`);
    await dismissBanner(page);
    await page.getByRole('button', { name: 'Create agreement' }).click();
    await page.getByRole('textbox', { name: /^Name/ }).fill(NAME);
    await page.getByRole('radio', { name: 'Custom (your own text)' }).click();
    await page.getByRole('textbox', { name: /^Checkbox label/ }).fill(RU.label);
    await page.getByRole('textbox', { name: /^Agreement text \(HTML\)/ }).fill(RU.html);
    // Russian first (the default), then English: its tab asks for the English label and text.
    await page.getByTestId('agreement-language-ru').click();
    await page.getByTestId('agreement-language-en').click();
    await page.getByTestId('agreement-language-tab-en').waitFor();
    await page.getByRole('textbox', { name: /^Checkbox label in English/ }).fill(EN.label);
    await page.getByRole('textbox', { name: /^Agreement text \(HTML\) in English/ }).fill(EN.html);
    await page.getByTestId('preview-language-en').click();
    await page.getByTestId('preview-text').filter({ hasText: 'once a week' }).waitFor();
    await page.getByTestId('preview-label').locator('a', { hasText: 'newsletter' }).waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Version 1 created').waitFor();
    await page.waitForURL(/\/agreements\/\d+$/);
    agreementUrl = page.url();
    agreementId = Number(/\/agreements\/(\d+)$/.exec(agreementUrl)![1]);
    await page.getByTestId('agreement-language-tab-en').waitFor();
    await page.getByTestId('preview-language-en').click();
    await page.getByTestId('preview-text').filter({ hasText: 'once a week' }).waitFor();
    await page.getByTestId('agreement-languages').evaluate((el) => (el.scrollIntoView({ block: 'start' }), window.scrollBy(0, -160)));
    await screenshot(page, 'agreement-languages-en');
  });

  it('shows each language of the version with its own hash', async () => {
    await page.getByRole('tab', { name: 'Version history' }).click();
    await page.getByTestId('version-row-1').waitFor();
    await page.getByRole('button', { name: 'View version 1' }).click();
    const languages = page.getByTestId('version-languages');
    await languages.waitFor();
    const hashes = await languages.getByText(/^[0-9a-f]{64}$/).allInnerTexts();
    expect(hashes).toHaveLength(2);
    expect(hashes[0]).not.toBe(hashes[1]);
    // The version's own hash covers both languages: it is neither one's.
    const all = (await page.getByTestId('version-hash').innerText()).trim();
    expect(all).toMatch(/^[0-9a-f]{64}$/);
    expect(hashes).not.toContain(all);
    await page.getByTestId('version-language-en').click();
    await page.getByTestId('version-text').filter({ hasText: 'once a week' }).waitFor();
    await screenshot(page, 'agreement-version-languages-en');
  });

  it('reads the same in the Russian admin', async () => {
    const ru = await loginAdmin(browser(), 'ru');
    await ru.page.goto(agreementUrl);
    await ru.page.getByRole('heading', { name: 'Языки', level: 2 }).waitFor();
    await ru.page.getByTestId('agreement-language-tab-en').waitFor();
    await ru.page.getByRole('textbox', { name: /^Подпись у галочки \(/ }).waitFor();
    await ru.page.getByTestId('preview-text').filter({ hasText: 'раз в неделю' }).waitFor();
    await ru.page.getByTestId('agreement-languages').evaluate((el) => (el.scrollIntoView({ block: 'start' }), window.scrollBy(0, -160)));
    await screenshot(ru.page, 'agreement-languages-ru');
    await ru.context.close();
  });

  it('the widget on a page in English shows the English label and records the language', async () => {
    const api = adminApi(page);
    await page.goto(agreementUrl);
    await page.getByTestId('agreement-languages').waitFor();
    const key = `lang-${Date.now()}`;
    await api.post('/user-consent/forms', { key, name: 'Languages', fields: [{ name: 'email', label: 'E-mail', type: 'email', required: false }], agreements: [{ agreementId, behaviour: 'optional-unchecked' }] });

    const visitor = await browser().newContext({ viewport: { width: 900, height: 700 } });
    const site = await visitor.newPage();
    await site.route(EN_PAGE, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: pageHtml(key) }));
    const sent: Request[] = [];
    site.on('request', (r) => r.method() === 'POST' && /\/consents$/.test(r.url()) && sent.push(r));
    await site.goto(EN_PAGE);
    await site.locator('[data-user-consent-form][data-uc-state="ready"]').waitFor();
    const label = site.locator('.uc-i').first();
    expect((await label.innerText()).trim()).toBe('I subscribe to the newsletter');
    await screenshot(site, 'widget-language-en');
    await site.getByRole('checkbox').first().check();
    await site.getByRole('button', { name: 'Subscribe' }).click();
    await site.locator('.uc-s.uc-ok').waitFor();
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0].postData() ?? '{}').decisions[0]).toMatchObject({ accepted: true, language: 'en' });
    await visitor.close();
  });
});
