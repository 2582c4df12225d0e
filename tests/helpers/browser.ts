/** Debian's Chromium through playwright-core: never a browser download. */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const BASE = process.env.E2E_BASE_URL || 'http://127.0.0.1:1347';
export const DEMO_ADMIN = { email: 'admin@example.com', password: 'Admin-Demo-1' };
export const SHOTS = path.resolve(__dirname, '../../artifacts/screenshots');

export const launch = async (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.E2E_CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

export const screenshot = async (page: Page, name: string) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  // Finite CSS animations (a dialog fading in) are run to their end, so a shot never catches one half-way.
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
};

/** Logs into the admin panel; `locale` sets the admin UI language before the first render. */
export const loginAdmin = async (browser: Browser, locale: 'en' | 'ru' = 'en') => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript((l) => {
    (globalThis as any).localStorage.setItem('strapi-admin-language', l);
  }, locale);
  const page = await context.newPage();
  await page.goto(`${BASE}/admin/auth/login`);
  await page.getByLabel(/email/i).fill(DEMO_ADMIN.email);
  await page
    .getByLabel(/password|пароль/i)
    .first()
    .fill(DEMO_ADMIN.password);
  await page.getByRole('button', { name: /login|log in|войти/i }).click();
  await page.waitForURL(/\/admin(\/)?$/, { timeout: 60000 });
  return { context, page };
};

/** Strapi's own "new Media Library" banner covers the page in screenshots; close it when shown. */
export const dismissBanner = async (page: Page) => {
  const close = page.getByRole('button', { name: /close the banner|закрыть баннер/i });
  if (await close.count()) await close.first().click();
};

/**
 * Calls to the plugin's admin API as the signed-in admin: the bearer token is read from the panel's
 * own requests (no second login), so the page must have shown a plugin page before the first call.
 * Every call must succeed (2xx); `raw` hands on the answer of one that may not.
 */
export const adminApi = (page: Page) => {
  let auth = '';
  page.on('request', (r) => {
    const header = r.headers()['authorization'];
    if (!auth && header && r.url().includes('/user-consent/')) auth = header;
  });
  const raw = (method: 'get' | 'post' | 'put' | 'delete', path: string, data?: unknown) => {
    if (!auth) throw new Error('no admin token seen yet: open a plugin page first');
    return page.request[method](`${BASE}${path}`, { headers: { Authorization: auth }, data });
  };
  const call = async (method: 'get' | 'post' | 'put' | 'delete', path: string, data?: unknown) => {
    const res = await raw(method, path, data);
    if (res.status() >= 300) throw new Error(`${method.toUpperCase()} ${path}: ${res.status()} ${await res.text()}`);
    return res.json();
  };
  return {
    raw,
    get: (path: string) => call('get', path),
    post: (path: string, body: unknown) => call('post', path, body),
  };
};

/**
 * The browser of a describe block: launched before its tests and closed after them, with every
 * context and page they opened. Call it at the top of the block; the function returns the browser.
 */
export const browserForSuite = () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is launched in beforeAll');
    return browser;
  };
};

/**
 * A visitor's consent on the demo contact form, sent through the public API as a site sends it (from
 * the page's own request context): every agreement the form shows now, accepted with its full text
 * opened. Fails the test unless it was stored (201); answers the receipts.
 */
export const consentOnContact = async (page: Page, visitor: { email: string; name: string }) => {
  const form = (await (await page.request.get(`${BASE}/api/user-consent/forms/contact`)).json()).data;
  const res = await page.request.post(`${BASE}/api/user-consent/forms/contact/consents`, {
    data: {
      pageUrl: 'https://shop.example/contact',
      subject: { email: visitor.email },
      data: { name: visitor.name, email: visitor.email },
      decisions: form.agreements.map((a: { version: { id: number } }) => ({ version: a.version.id, accepted: true, fullTextOpened: true })),
    },
  });
  expect(res.status()).toBe(201);
  return (await res.json()).data.receipts as { id: string; agreement: number; action: string }[];
};

/**
 * A webhook that receives the given and withdrawn consent events at a host that does not resolve, so
 * that the deliveries page has rows (failed, waiting for a retry) to lay out: an event no webhook
 * receives is not queued. Answers its id; the caller removes it (`DELETE /admin/webhooks/:id`).
 */
export const failingWebhook = async (api: ReturnType<typeof adminApi>, stamp: number | string) => {
  const hook = await api.raw('post', '/admin/webhooks', {
    name: `CRM ${stamp}`,
    url: `https://crm-${stamp}.invalid/hooks/consent`,
    headers: {},
    events: ['user-consent.given', 'user-consent.withdrawn'],
  });
  if (hook.status() !== 201) throw new Error(`webhook not created: ${hook.status()}`);
  return String((await hook.json()).data.id);
};

/** The error text a design-system field shows under its input (found through aria-describedby). */
export const fieldError = async (page: Page, label: RegExp) => {
  const input = page.getByLabel(label).first();
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
  if (!ids.length) return null;
  const error = page.locator(`[id="${ids[0]}"]`);
  // The error may go between the two looks (the panel's check runs as the user types): then there is none.
  const text = await error.innerText({ timeout: 1000 }).catch(() => null);
  return text === null ? null : text.trim();
};

/** Waits until the field under `label` shows `text` (or no error, for null). */
export const waitForFieldError = async (page: Page, label: RegExp, text: string | null) => {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const now = await fieldError(page, label);
    if (now === text) return;
    if (Date.now() > deadline) throw new Error(`field ${label}: expected error ${JSON.stringify(text)}, got ${JSON.stringify(now)}`);
    await page.waitForTimeout(100);
  }
};
