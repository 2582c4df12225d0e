/**
 * External texts: an agreement whose full text is a URL keeps a sanitised snapshot of the page in each
 * version, hashed with the URL and the fetch time; the public text route shows the snapshot with a link
 * to the live page; a page that cannot be kept refuses the save with a 400 and stores nothing.
 * The pages come from a local HTTP server on 127.0.0.1 (the harness allows private addresses; one test
 * turns that off at runtime to see a loopback address refused).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { withHarness, type Harness } from '../helpers/strapi';

interface Served {
  status?: number;
  type?: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** Sent in pieces without a Content-Length. */
  chunked?: boolean;
}

const AGREEMENTS = '/user-consent/agreements';
const VERSIONS = 'plugin::user-consent.agreement-version';
const CONFIG = 'plugin::user-consent.externalTexts';

/** Canonical JSON (keys sorted at every depth), as the plugin hashes it. */
const canonical = (v: unknown): string => {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
};
const sha256 = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');

const POLICY_V1 =
  '<!doctype html><html><head><title>Policy</title><style>p{color:red}</style><script>steal()</script></head><body>' +
  '<h1>Privacy policy</h1><p onclick="x()">We keep your e-mail for <b>two years</b>.</p><p>See <a href="/contacts">contacts</a>.</p>' +
  '<img src="/pixel.gif"><iframe src="https://evil.example"></iframe></body></html>';
const POLICY_V2 = POLICY_V1.replace('two years', 'three years');

describe('external texts: snapshots of pages given by URL', () => {
  let h: Harness;
  let server: http.Server;
  let origin = '';
  const pages = new Map<string, Served>();

  /** Agreements and versions stored, to prove a refusal stored nothing. */
  const stored = async () => ({
    agreements: (await h.admin.get(AGREEMENTS)).body.meta.pagination.total,
    versions: await h.strapi.db.query(VERSIONS).count({}),
  });
  const custom = (externalUrl: string, extra: Record<string, unknown> = {}) => ({ name: `Ext ${externalUrl}`, type: 'custom', label: 'I accept the [policy]', externalUrl, ...extra });
  /** A save the plugin must refuse: 400 on the externalUrl field with this code, and nothing stored. */
  const refused = async (send: () => Promise<any>, code: string) => {
    const before = await stored();
    const res = await send();
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.details.code).toBe(code);
    expect(res.body.error.details.errors[0]).toMatchObject({ path: ['externalUrl'], code });
    expect(await stored()).toEqual(before);
    return res.body.error.details;
  };
  const create = (externalUrl: string) => h.admin.post(AGREEMENTS).send(custom(externalUrl));

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const page = pages.get(req.url ?? '');
      if (!page) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no such page');
        return;
      }
      const headers: Record<string, string> = { ...(page.type ? { 'content-type': page.type } : {}), ...page.headers };
      const body = page.body ?? '';
      if (page.chunked) {
        res.writeHead(page.status ?? 200, headers);
        const buf = Buffer.from(body);
        for (let i = 0; i < buf.length; i += 1024) res.write(buf.subarray(i, i + 1024));
        res.end();
        return;
      }
      res.writeHead(page.status ?? 200, headers).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    origin = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  withHarness((app) => {
    h = app;
  });

  let agreementId = 0;
  let first: any;

  it('keeps a sanitised snapshot of the page and hashes it with the URL and the fetch time', async () => {
    pages.set('/policy', { type: 'text/html; charset=utf-8', body: POLICY_V1 });
    const res = await create(`${origin}/policy`);
    expect(res.status).toBe(201);
    agreementId = res.body.data.id;
    first = res.body.data.currentVersion;
    expect(first.html).toContain('<h1>Privacy policy</h1>');
    expect(first.html).toContain('<b>two years</b>');
    // Code, styles, images and frames are gone; a relative link now leads to the page's own site.
    expect(first.html).not.toMatch(/script|steal|style|onclick|img|iframe/i);
    expect(first.html).toContain(`<a href="${origin}/contacts">contacts</a>`);
    expect(first.text).toContain('We keep your e-mail for two years.');
    // The label opens the kept text, not the live page.
    expect(first.labelHtml).toContain('href="#uc-full-text"');
    expect(first.externalUrl).toBe(`${origin}/policy`);
    const ext = first.externalText;
    expect(ext).toEqual({ url: `${origin}/policy`, finalUrl: `${origin}/policy`, fetchedAt: expect.any(String), contentType: 'text/html', format: 'html', sha256: sha256(first.html) });
    expect(new Date(ext.fetchedAt).toISOString()).toBe(ext.fetchedAt);
    const { language, label, labelHtml, html, text, externalUrl } = first;
    expect(first.hash).toBe(sha256(canonical({ language, label, labelHtml, html, text, externalUrl, externalText: ext })));
    // The hash is not the one of the content alone: the URL's record and the fetch time are in it.
    expect(first.hash).not.toBe(sha256(canonical({ language, label, labelHtml, html, text, externalUrl })));
  });

  it('makes no new version while the page stays the same, and a new one with another hash when it changes', async () => {
    const again = await h.admin.put(`${AGREEMENTS}/${agreementId}`).send({ name: 'Ext policy', requiresRenewal: false });
    expect(again.status).toBe(200);
    expect(again.body.meta.versionCreated).toBe(false);
    expect(again.body.data.currentVersion.id).toBe(first.id);

    pages.set('/policy', { type: 'text/html; charset=utf-8', body: POLICY_V2 });
    const changed = await h.admin.put(`${AGREEMENTS}/${agreementId}`).send({ name: 'Ext policy', requiresRenewal: false });
    expect(changed.status).toBe(200);
    expect(changed.body.meta.versionCreated).toBe(true);
    const second = changed.body.data.currentVersion;
    expect(second.number).toBe(2);
    expect(second.html).toContain('three years');
    expect(second.hash).not.toBe(first.hash);
    expect(second.externalText.sha256).not.toBe(first.externalText.sha256);
    // The first version keeps what was read then.
    const old = await h.admin.get(`/user-consent/versions/${first.id}`);
    expect(old.body.data.html).toContain('two years');
    expect(old.body.data.hash).toBe(first.hash);
  });

  it('shows the snapshot on the public text route, with a link to the live page', async () => {
    const v = (await h.admin.get(`${AGREEMENTS}/${agreementId}`)).body.data.currentVersion;
    const page = await h.http().get(`/api/user-consent/versions/${v.id}/text`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<b>three years</b>');
    expect(page.text).toContain(`<a href="${origin}/policy" rel="noopener noreferrer" data-uc-live-page>${origin}/policy</a>`);
    expect(page.text).toContain(v.externalText.sha256);
    expect(page.text).toContain(v.hash);
    expect(page.text).not.toContain('steal');
    const json = await h.http().get(`/api/user-consent/versions/${v.id}`);
    expect(json.body.data.externalText).toEqual(v.externalText);
    expect(json.body.data.html).toBe(v.html);
  });

  it('keeps a plain-text page as text, follows a redirect and names where it ended', async () => {
    pages.set('/terms.txt', { type: 'text/plain; charset=windows-1251', body: Buffer.from([0xd3, 0xf1, 0xeb, 0xee, 0xe2, 0xe8, 0xff, 0x0a, 0x0a, 0x3c, 0x62, 0x3e]) });
    pages.set('/old-terms', { status: 301, headers: { location: '/terms.txt' } });
    const res = await create(`${origin}/old-terms`);
    expect(res.status).toBe(201);
    const v = res.body.data.currentVersion;
    expect(v.text).toBe('Условия\n\n<b>');
    expect(v.html).toBe('<p>Условия</p>\n<p>&lt;b&gt;</p>');
    expect(v.language).toBe('ru');
    expect(v.externalText).toMatchObject({ url: `${origin}/old-terms`, finalUrl: `${origin}/terms.txt`, contentType: 'text/plain', format: 'text', sha256: sha256(v.text) });
  });

  it('refuses a loopback address unless the config allows private addresses', async () => {
    pages.set('/fine', { type: 'text/html', body: '<p>Fine.</p>' });
    h.strapi.config.set(`${CONFIG}.allowPrivateAddresses`, false);
    try {
      const details = await refused(() => create(`${origin}/fine`), 'external-text-address');
      expect(details.params).toEqual({ host: '127.0.0.1', address: '127.0.0.1' });
      // A name is resolved and every address it has is checked.
      await refused(() => create(`${origin.replace('127.0.0.1', 'localhost')}/fine`), 'external-text-address');
      await refused(() => create('http://[::1]:9/fine'), 'external-text-address');
      // An update of an existing external agreement is refused the same way, and leaves it as it was.
      const before = (await h.admin.get(`${AGREEMENTS}/${agreementId}`)).body.data;
      await refused(() => h.admin.put(`${AGREEMENTS}/${agreementId}`).send({ name: 'Renamed', requiresRenewal: false }), 'external-text-address');
      const after = (await h.admin.get(`${AGREEMENTS}/${agreementId}`)).body.data;
      expect(after.name).toBe(before.name);
      expect(after.currentVersionId).toBe(before.currentVersionId);
    } finally {
      h.strapi.config.set(`${CONFIG}.allowPrivateAddresses`, true);
    }
    expect((await create(`${origin}/fine`)).status).toBe(201);
  });

  it('refuses an unreachable page, an error status, too many redirects and a redirect to another scheme', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const down = await refused(() => create(`http://127.0.0.1:${closed}/policy`), 'external-text-unreachable');
    expect(down.params).toEqual({ host: '127.0.0.1', reason: 'connect' });
    expect((await refused(() => create(`${origin}/missing`), 'external-text-status')).params).toEqual({ host: '127.0.0.1', status: 404 });
    for (let i = 0; i < 5; i += 1) pages.set(`/loop${i}`, { status: 302, headers: { location: `/loop${i + 1}` } });
    pages.set('/loop5', { type: 'text/html', body: '<p>End.</p>' });
    expect((await refused(() => create(`${origin}/loop0`), 'external-text-redirects')).params).toEqual({ max: 3 });
    pages.set('/to-file', { status: 302, headers: { location: 'file:///etc/passwd' } });
    expect((await refused(() => create(`${origin}/to-file`), 'external-text-scheme')).params).toEqual({ scheme: 'file' });
  });

  it('refuses a page of another type, an empty one and one larger than the cap', async () => {
    pages.set('/doc.pdf', { type: 'application/pdf', body: '%PDF-1.7' });
    expect((await refused(() => create(`${origin}/doc.pdf`), 'external-text-content-type')).params).toEqual({ contentType: 'application/pdf' });
    pages.set('/untyped', { body: '<p>Who knows.</p>' });
    expect((await refused(() => create(`${origin}/untyped`), 'external-text-content-type')).params).toEqual({ contentType: 'none' });
    pages.set('/scripts-only', { type: 'text/html', body: '<script>alert(1)</script><img src=x>' });
    await refused(() => create(`${origin}/scripts-only`), 'external-text-empty');

    const big = `<p>${'x'.repeat(5000)}</p>`;
    pages.set('/big', { type: 'text/html', body: big });
    pages.set('/big-chunked', { type: 'text/html', body: big, chunked: true });
    h.strapi.config.set(`${CONFIG}.maxBytes`, 4096);
    try {
      // Declared too large (Content-Length), and found too large while reading (no length given).
      expect((await refused(() => create(`${origin}/big`), 'external-text-too-large')).params).toEqual({ maxBytes: 4096 });
      expect((await refused(() => create(`${origin}/big-chunked`), 'external-text-too-large')).params).toEqual({ maxBytes: 4096 });
    } finally {
      h.strapi.config.set(`${CONFIG}.maxBytes`, 2 * 1024 * 1024);
    }
  });

  it('refuses a URL of another scheme before fetching anything', async () => {
    for (const url of ['ftp://127.0.0.1/terms', 'file:///etc/passwd', 'javascript:alert(1)']) {
      const before = await stored();
      const res = await h.admin.post(AGREEMENTS).send(custom(url));
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0]).toMatchObject({ path: ['externalUrl'], code: 'http-url' });
      expect(await stored()).toEqual(before);
    }
  });
});
