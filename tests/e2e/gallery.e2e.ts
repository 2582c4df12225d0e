import type { Page } from 'playwright-core';
import { adminApi, BASE, browserForSuite, dismissBanner, failingWebhook, loginAdmin, screenshot } from '../helpers/browser';
import { latinWords, offscreenColumns, sidewaysScroll } from '../helpers/page-checks';

/**
 * The gallery: every page of the plugin's admin, in English and in Russian, and the widget on the
 * demo pages in both languages, each saved as `<page>.<lang>.png` in artifacts/screenshots (the
 * README's gallery lists them). The pages show rows made here first (consents given, refused and
 * withdrawn, an erasure, an export, a webhook that fails), not empty lists. On every page at 1280 px:
 * nothing scrolls sideways and every table column is on screen; on a Russian page, no English word.
 * One browser, one login per language.
 */

const PLUGIN = `${BASE}/admin/plugins/user-consent`;
const STAMP = Date.now();
const PD = 'Согласие на обработку персональных данных';
const ROWS = 'main tbody tr';

/** The ids of the records the pages open, found or made in beforeAll; `{name}` in a path or selector. */
type Ids = Record<'agreement' | 'form' | 'company' | 'companyName' | 'withdrawn', string>;

/**
 * One page of the gallery: its file name, its address under the plugin (`{agreement}` and the like are
 * replaced), what shows that it has loaded (besides its heading), and the tab to open, by position.
 */
interface Shot {
  name: string;
  path: string;
  ready?: string;
  tab?: number;
  /** Something to do on the page before the shot (the subject page looks a person up). */
  act?: (page: Page) => Promise<void>;
}

/** A person the pages show, sent through the demo contact form as a site would send them. */
const PEOPLE = {
  shown: { email: `gallery-${STAMP}@example.com`, name: 'Анна Галерейная' },
  withdrawn: {
    email: `gallery-withdrawn-${STAMP}@example.com`,
    name: 'Борис Отозвавший',
  },
  erased: {
    email: `gallery-erased-${STAMP}@example.com`,
    name: 'Вера Удалённая',
  },
};

/** The Data subject page, with the person looked up (a POST: the e-mail is typed, never in a URL). */
const lookUp = async (page: Page) => {
  await page.locator('main input[type="email"]').fill(PEOPLE.shown.email);
  await page.locator('main form button[type="submit"]').click();
};

const PAGES: Shot[] = [
  { name: 'home', path: '', ready: '[data-testid="home-chart"]' },
  { name: 'agreements', path: 'agreements', ready: ROWS },
  { name: 'agreement-new', path: 'agreements/new', ready: '[data-testid="agreement-preview"]' },
  { name: 'agreement-edit', path: 'agreements/{agreement}', ready: '[data-testid="consent-states"]' },
  { name: 'agreement-versions', path: 'agreements/{agreement}', tab: 1, ready: '[role="tabpanel"] tbody tr' },
  { name: 'forms', path: 'forms', ready: ROWS },
  { name: 'form-new', path: 'forms/new', ready: '[role="tabpanel"] input' },
  { name: 'form-general', path: 'forms/{form}', ready: '[data-testid="embed-snippet"]' },
  { name: 'form-fields', path: 'forms/{form}', tab: 1, ready: '[role="tabpanel"] input' },
  { name: 'form-agreements', path: 'forms/{form}', tab: 2, ready: '[data-testid="form-agreement"]' },
  { name: 'companies', path: 'companies', ready: ROWS },
  { name: 'company-new', path: 'companies/new', ready: 'main input' },
  { name: 'company-edit', path: 'companies/{company}', ready: 'main h1:text-is("{companyName}")' },
  { name: 'consents', path: 'consents', ready: '[data-testid="consent-row"]' },
  { name: 'consents-accepted', path: 'consents?agreement={agreement}&form=contact&action=given', ready: '[data-testid="consent-row"]' },
  { name: 'consent-detail', path: 'consents/{withdrawn}', ready: '[data-testid="receipt-state"]' },
  { name: 'subject', path: 'consents/subject', act: lookUp, ready: '[data-testid="subject-event"]' },
  { name: 'exports', path: 'consents/exports', ready: ROWS },
  { name: 'erasures', path: 'consents/erasures', ready: ROWS },
  { name: 'import', path: 'import', ready: '[data-testid="import-csv-form"]' },
  { name: 'deliveries', path: 'deliveries', ready: '[data-testid="delivery-row"]' },
];

/** The widget on the playground's demo pages, each in both languages (the page's `<html lang>` set to it). */
const WIDGET = [
  { name: 'widget-contact', path: '/demo/contact.html' },
  { name: 'widget-all-modes', path: '/demo/all-modes.html' },
];
/** The widget's hint under a box whose full text must be read, in each language (both demo forms have one). */
const READ_HINT = {
  en: 'The full text opens: read it, then press Accept.',
  ru: 'Откроется полный текст: прочитайте его и нажмите «Принять».',
};

const fill = (text: string, ids: Ids) => text.replace(/\{(\w+)\}/g, (_, key: keyof Ids) => ids[key]);

describe('gallery: every page in English and Russian at 1280 px (production build)', () => {
  const browser = browserForSuite();

  /** Names of the data on the pages (made by people, not the panel's words). */
  const names: string[] = Object.values(PEOPLE).map((p) => p.name);

  // Nested, so that its afterAll (the webhook removed, the sessions closed) runs before the browser closes.
  describe('admin', () => {
    const ids = {} as Ids;
    const sessions: Partial<Record<'en' | 'ru', Awaited<ReturnType<typeof loginAdmin>>>> = {};
    let hookId = '';
    let api: ReturnType<typeof adminApi>;

    beforeAll(async () => {
      for (const lang of ['en', 'ru'] as const) {
        sessions[lang] = await loginAdmin(browser(), lang);
        await sessions[lang]!.page.setViewportSize({
          width: 1280,
          height: 900,
        });
      }
      const { page } = sessions.en!;
      api = adminApi(page);
      await page.goto(`${PLUGIN}/agreements`);
      await page.getByRole('heading', { name: 'Agreements', level: 1 }).waitFor();

      // Deliveries to lay out (removed afterwards).
      hookId = await failingWebhook(api, STAMP);

      // Three people through the demo contact form: one consents to both agreements, one refuses the
      // mailing and later withdraws the other, one asks for their data to be destroyed.
      const form = (await (await page.request.get(`${BASE}/api/user-consent/forms/contact`)).json()).data;
      const send = async (person: { email: string; name: string }, ads: boolean) => {
        const res = await page.request.post(`${BASE}/api/user-consent/forms/contact/consents`, {
          data: {
            pageUrl: 'https://shop.example/contact',
            subject: { email: person.email, name: person.name },
            data: {
              name: person.name,
              email: person.email,
              comment: 'Перезвоните мне, пожалуйста.',
            },
            decisions: form.agreements.map((a: { version: { id: number } }, i: number) => ({
              version: a.version.id,
              accepted: i === 0 || ads,
              fullTextOpened: true,
            })),
          },
        });
        expect(res.status()).toBe(201);
        return (await res.json()).data.receipts as {
          id: string;
          action: string;
        }[];
      };
      await send(PEOPLE.shown, true);
      const receipts = await send(PEOPLE.withdrawn, false);
      await send(PEOPLE.erased, true);

      const agreements = (await api.get('/user-consent/agreements?pageSize=100')).data as { id: number; name: string }[];
      ids.agreement = String(agreements.find((a) => a.name === PD)!.id);
      const given = (await api.get(`/user-consent/consents?form=contact&action=given&agreement=${ids.agreement}&pageSize=100`)).data as {
        id: number;
        receiptId: string;
      }[];
      ids.withdrawn = String(given.find((r) => receipts.some((x) => x.id === r.receiptId))!.id);
      await api.post(`/user-consent/consents/${ids.withdrawn}/withdraw`, {
        note: 'Письмо от клиента',
      });
      await api.post('/user-consent/subjects/erasures', {
        email: PEOPLE.erased.email,
        reason: 'subject-request',
      });
      // An export, for the exports page.
      expect((await api.raw('get', '/user-consent/consents/export?form=contact&lang=ru&delimiter=semicolon')).status()).toBe(200);

      const forms = (await api.get('/user-consent/forms?pageSize=100')).data as { id: number; name: string; key: string }[];
      ids.form = String(forms.find((f) => f.key === 'contact')!.id);
      const companies = (await api.get('/user-consent/companies?pageSize=100')).data as { id: number; name: string }[];
      ids.company = String(companies[0].id);
      ids.companyName = companies[0].name;
      names.push(...agreements.map((a) => a.name), ...forms.flatMap((f) => [f.name, f.key]), ...companies.map((c) => c.name));
      names.push(await page.evaluate(() => navigator.userAgent));
    // The signed-in admin's name (the acts say who destroyed the data).
    const me = (await (await api.raw('get', '/admin/users/me')).json()).data as { firstname: string | null; lastname: string | null };
    names.push(...[me.firstname, me.lastname].filter((n): n is string => !!n));
    });

    afterAll(async () => {
      if (hookId) expect((await api.raw('delete', `/admin/webhooks/${hookId}`)).status()).toBe(200);
      for (const s of Object.values(sessions)) await s?.context.close();
    });

    for (const lang of ['en', 'ru'] as const) {
      describe(lang, () => {
        it.each(PAGES.map((p) => [p.name, p] as const))(`%s.${lang}`, async (_name, shot) => {
          const { page } = sessions[lang]!;
          await page.goto(`${PLUGIN}/${fill(shot.path, ids)}`);
          await page.locator('main h1').first().waitFor();
          await dismissBanner(page);
          if (shot.tab !== undefined) await page.getByRole('tab').nth(shot.tab).click();
          if (shot.act) await shot.act(page);
          if (shot.ready) await page.locator(fill(shot.ready, ids)).first().waitFor();
          // What loads after the first rows (names of agreements, counts) settles before the shot.
          await page.waitForLoadState('networkidle');
          expect(await sidewaysScroll(page)).toBe(0);
          expect(await offscreenColumns(page)).toEqual([]);
          if (lang === 'ru') expect(await latinWords(page, names)).toEqual([]);
          await screenshot(page, `${shot.name}.${lang}`);
        });
      });
    }
  });

  describe('widget', () => {
    for (const lang of ['en', 'ru'] as const) {
      it.each(WIDGET.map((w) => [w.name, w] as const))(`%s.${lang}`, async (_name, shot) => {
        const context = await browser().newContext({
          viewport: { width: 1280, height: 900 },
        });
        try {
          const page = await context.newPage();
          const url = `${BASE}${shot.path}`;
          // The widget speaks the page's language: the demo page is served with <html lang> set to this one.
          await page.route(url, async (route) => {
            const res = await route.fetch();
            await route.fulfill({
              response: res,
              body: (await res.text()).replace(/<html lang="[a-z]+">/, `<html lang="${lang}">`),
            });
          });
          await page.goto(url);
          await page.locator('[data-user-consent-form][data-uc-state="ready"]').waitFor();
          await page.getByText(READ_HINT[lang]).waitFor();
          expect(await sidewaysScroll(page)).toBe(0);
          // The widget's words (the demo page around it is the site's own, in the language its author wrote).
          if (lang === 'ru')
            expect(
              await latinWords(page, names, {
                within: '[data-user-consent-form]',
              })
            ).toEqual([]);
          await screenshot(page, `${shot.name}.${lang}`);
        } finally {
          await context.close();
        }
      });
    }
  });
});
