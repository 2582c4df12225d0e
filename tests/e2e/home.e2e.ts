import type { Page } from 'playwright-core';
import { adminApi, BASE, browserForSuite, dismissBanner, loginAdmin, screenshot } from '../helpers/browser';
import { latinWords, offscreenColumns } from '../helpers/page-checks';

/**
 * The plugin's home page and the «Согласия» widget on Strapi's home page, in English and Russian at
 * 1280 px: the chart of consents per day with its text alternative, the counts per form and agreement,
 * the outdated and expired consents, the latest integrity check; the numbers are the server's.
 */

const PLUGIN = `${BASE}/admin/plugins/user-consent`;
const STAMP = Date.now();

const TEXTS = {
  en: { title: 'Overview', nav: 'Overview', intact: 'Chain intact', chart: 'Consents per day', numbers: 'Show the numbers', widget: 'Consents', widgetLink: 'Open the overview', given: 'Given', checkpoint: 'Checkpoint No.', sign: 'Sign a checkpoint now', signed: /Checkpoint No\. \d+ signed|has not moved/ },
  ru: { title: 'Обзор', nav: 'Обзор', intact: 'Цепочка цела', chart: 'Согласия по дням', numbers: 'Показать числа', widget: 'Согласия', widgetLink: 'Открыть обзор', given: 'Дано', checkpoint: 'Контрольная точка №', sign: 'Подписать контрольную точку сейчас', signed: /Контрольная точка № \d+ подписана|не изменилась/ },
} as const;

type Overview = {
  perDay: { day: string; counts: Record<string, number> }[];
  totals: Record<string, number>;
  forms: { key: string | null; counts: Record<string, number> }[];
  agreements: { id: number; counts: Record<string, number> }[];
  states: { outdated: number; expired: number };
  integrity: { intact: boolean; checked: number } | null;
};

const digits = (s: string | null) => Number((s ?? '').replace(/[^\d]/g, ''));
const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);

describe('the home page and the Strapi home widget (production build)', () => {
  const browser = browserForSuite();
  const names: string[] = [];
  let checked = 0;

  beforeAll(async () => {
    // Two consents on the demo contact form, one withdrawn by an operator, and a check of the chain.
    const { page, context } = await loginAdmin(browser());
    const api = adminApi(page);
    await page.goto(`${PLUGIN}/agreements`);
    await page.getByRole('heading', { name: 'Agreements', level: 1 }).waitFor();
    const form = (await (await page.request.get(`${BASE}/api/user-consent/forms/contact`)).json()).data;
    const receipts: string[] = [];
    for (const who of ['one', 'two']) {
      const email = `home-e2e-${who}-${STAMP}@example.com`;
      const res = await page.request.post(`${BASE}/api/user-consent/forms/contact/consents`, {
        data: {
          pageUrl: 'https://shop.example/contact',
          subject: { email },
          data: { name: 'Анна Обзорова', email },
          decisions: form.agreements.map((a: { version: { id: number } }) => ({ version: a.version.id, accepted: true, fullTextOpened: true })),
        },
      });
      expect(res.status()).toBe(201);
      receipts.push(...((await res.json()).data.receipts as { id: string }[]).map((r) => r.id));
    }
    const rows = (await api.get('/user-consent/consents?form=contact&action=given&pageSize=100')).data as { id: number; receiptId: string }[];
    const mine = rows.find((r) => receipts.includes(r.receiptId))!;
    await api.post(`/user-consent/consents/${mine.id}/withdraw`, { note: 'Письмо от клиента' });
    checked = (await api.get('/user-consent/integrity')).data.checked;
    names.push(...((await api.get('/user-consent/agreements?pageSize=100')).data as { name: string }[]).map((a) => a.name));
    names.push(...((await api.get('/user-consent/forms?pageSize=100')).data as { name: string; key: string }[]).flatMap((f) => [f.name, f.key]));
    await context.close();
  });

  for (const lang of ['en', 'ru'] as const) {
    describe(lang, () => {
      const T = TEXTS[lang];
      let page: Page;
      let close: () => Promise<void>;
      /** What the server says for the browser's own time zone: the page must show the same. */
      let expected: (days: number) => Promise<Overview>;
      let api: ReturnType<typeof adminApi>;

      beforeAll(async () => {
        const session = await loginAdmin(browser(), lang);
        page = session.page;
        close = () => session.context.close();
        await page.setViewportSize({ width: 1280, height: 900 });
        api = adminApi(page);
        const tz = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
        expected = async (days) => (await api.get(`/user-consent/overview?days=${days}&tz=${encodeURIComponent(tz)}`)).data;
      });
      afterAll(async () => close());

      it('opens the plugin on its home page: the chart, its text alternative and the numbers', async () => {
        await page.goto(PLUGIN);
        await page.waitForURL(/\/plugins\/user-consent\/overview$/);
        await page.getByRole('heading', { name: T.title, level: 1 }).waitFor();
        await dismissBanner(page);
        const data = await expected(90);
        expect(data.totals.given).toBeGreaterThanOrEqual(2 * 2);
        expect(data.totals.withdrawn).toBeGreaterThanOrEqual(1);

        // The overview is the first entry of the plugin's navigation; the other pages stay there.
        const nav = page.getByRole('navigation', { name: lang === 'en' ? 'Consents' : 'Согласия' });
        const links = (await nav.getByRole('link').allInnerTexts()).map((s) => s.trim());
        expect(links[0]).toBe(T.nav);
        expect(links.length).toBeGreaterThan(4);

        // The chart: one column per day, today's as high as the server counts, and a label with the totals.
        const chart = page.getByRole('img', { name: new RegExp(`${T.given}: \\d`) });
        await chart.waitFor();
        const label = (await chart.locator('title').first().textContent()) ?? '';
        expect(digits(new RegExp(`${T.given}: ([\\d\\s\\u00a0]+)`).exec(label)?.[1] ?? '')).toBe(data.totals.given);
        expect(await page.locator('[data-testid="home-chart"] g[data-day]').count()).toBe(90);
        const today = data.perDay[data.perDay.length - 1];
        expect(Number(await page.locator(`[data-testid="home-chart"] g[data-day="${today.day}"]`).getAttribute('data-total'))).toBe(sum(today.counts));
        expect(await page.locator(`[data-testid="home-chart"] g[data-day="${today.day}"] rect[fill]:not([fill="transparent"])`).count()).toBeGreaterThan(0);
        expect(digits(await page.getByTestId('home-total-given').textContent())).toBe(data.totals.given);
        expect(digits(await page.getByTestId('home-total-withdrawn').textContent())).toBe(data.totals.withdrawn);

        // The cards.
        expect(digits(await page.getByTestId('home-given-value').textContent())).toBe(data.totals.given);
        expect(digits(await page.getByTestId('home-withdrawn-value').textContent())).toBe(data.totals.withdrawn);
        expect(digits(await page.getByTestId('home-stale-value').textContent())).toBe(data.states.outdated + data.states.expired);
        expect(digits(await page.getByTestId('home-outdated').textContent())).toBe(data.states.outdated);
        expect(digits(await page.getByTestId('home-expired').textContent())).toBe(data.states.expired);
        expect(await page.getByTestId('home-integrity-value').textContent()).toBe(T.intact);
        expect(digits(await page.getByTestId('home-integrity-checked').textContent())).toBeGreaterThanOrEqual(checked);

        // The latest signed checkpoint of the chain, and "Sign a checkpoint now": the chain moved since the
        // last one (the consents above), so the first language signs one; the second finds nothing new.
        const latest = (await api.get('/user-consent/checkpoints/latest')).data.latest;
        expect(await page.getByTestId('home-checkpoint-latest').textContent()).toBe(`${T.checkpoint} ${latest.number}: ${lang === 'en' ? 'record' : 'запись'} ${latest.seq}`);
        await page.getByRole('button', { name: T.sign }).click();
        await page.getByText(T.signed).first().waitFor();
        const after = (await api.get('/user-consent/checkpoints/latest')).data.latest;
        expect(after.seq).toBe(String((await api.get('/user-consent/integrity')).data.head.seq));
        await page.getByTestId('home-checkpoint-latest').getByText(new RegExp(` ${after.number}: `)).waitFor();

        // Per form and per agreement.
        const contact = data.forms.find((f) => f.key === 'contact')!;
        const cells = await page.locator('[data-testid="home-form-row"][data-form="contact"] td').allInnerTexts();
        expect(cells[0]).toContain('contact');
        expect(cells.slice(1).map(digits)).toEqual(['given', 'refused', 'withdrawn', 'expired'].map((a) => contact.counts[a]));
        expect(await page.getByTestId('home-agreement-row').count()).toBe(data.agreements.length);

        expect(await offscreenColumns(page)).toEqual([]);
        if (lang === 'ru') expect(await latinWords(page, names)).toEqual([]);
        await screenshot(page, `home-${lang}`);

        // The numbers behind the chart, as a table: today's row among them.
        await page.getByText(T.numbers).click();
        const table = page.getByTestId('home-chart-table').locator('table');
        await table.waitFor();
        expect(await table.locator('tbody tr').count()).toBe(data.perDay.filter((d) => sum(d.counts) > 0).length);
        expect(await offscreenColumns(page)).toEqual([]);
        if (lang === 'ru') expect(await latinWords(page, names)).toEqual([]);
        await screenshot(page, `home-numbers-${lang}`);
      });

      it('shows the widget on Strapi’s home page, with the last 30 days and a link to the overview', async () => {
        await page.goto(`${BASE}/admin`);
        const widget = page.getByTestId('consents-widget');
        await widget.waitFor();
        await dismissBanner(page);
        const data = await expected(30);
        expect(digits(await page.getByTestId('widget-given-value').textContent())).toBe(data.totals.given);
        expect(digits(await page.getByTestId('widget-withdrawn-value').textContent())).toBe(data.totals.withdrawn);
        expect(await page.getByTestId('widget-integrity').textContent()).toContain(lang === 'en' ? 'chain intact' : 'цепочка цела');
        // No English in the widget of a Russian admin (Strapi's own page around it is Strapi's).
        if (lang === 'ru') expect((await widget.innerText()).match(/[A-Za-z]{2,}/g)).toBeNull();
        await widget.scrollIntoViewIfNeeded();
        await screenshot(page, `strapi-home-widget-${lang}`);
        await page.getByRole('link', { name: T.widgetLink }).click();
        await page.waitForURL(/\/plugins\/user-consent\/overview$/);
        await page.getByRole('heading', { name: T.title, level: 1 }).waitFor();
      });
    });
  }
});
