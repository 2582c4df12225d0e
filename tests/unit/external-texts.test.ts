/**
 * The pure parts of external texts: which addresses may be fetched, the check of every address a name
 * resolves to (with a stand-in resolver, before any connection), decoding and sanitising a page.
 */
import { isPublicAddress } from '../../server/src/external-texts/addresses';
import { ExternalTextError, fetchPage, snapshotOf } from '../../server/src/external-texts/fetch';
import { sanitizeExternalHtml } from '../../server/src/utils/sanitize';

const CONFIG = { timeoutMs: 5000, maxBytes: 1024, maxRedirects: 3, allowPrivateAddresses: false };

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1', '127.255.0.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '224.0.0.1', '255.255.255.255', '192.0.2.10', '198.18.0.1',
    '::1', '::', 'fe80::1', 'fe80::1%eth0', 'fc00::1', 'fd12:3456::1', 'ff02::1', '2001:db8::1',
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::127.0.0.1', '64:ff9b::a9fe:a9fe', '2002:c0a8:0101::1',
    'localhost', 'not an address', '',
  ])('refuses %s', (ip) => expect(isPublicAddress(ip)).toBe(false));

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])('allows %s', (ip) =>
    expect(isPublicAddress(ip)).toBe(true)
  );
});

describe('fetchPage: the addresses of a name', () => {
  const refusal = async (url: string, addresses: { address: string; family: number }[], config = CONFIG) => {
    try {
      await fetchPage(url, config, async () => addresses);
    } catch (e) {
      return e as ExternalTextError;
    }
    throw new Error('expected a refusal');
  };

  it('refuses a name when any address it resolves to is not public', async () => {
    const e = await refusal('https://policy.example/terms', [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ]);
    expect(e).toBeInstanceOf(ExternalTextError);
    expect(e.code).toBe('external-text-address');
    expect(e.params).toEqual({ host: 'policy.example', address: '10.0.0.5' });
  });

  it('refuses an IP literal, IPv6 in brackets too, without asking the resolver', async () => {
    const never = async () => {
      throw new Error('the resolver must not be asked');
    };
    for (const [url, address] of [['http://169.254.169.254/latest/meta-data', '169.254.169.254'], ['http://[::ffff:127.0.0.1]:8080/', '::ffff:7f00:1'], ['http://0x7f.1/', '127.0.0.1']]) {
      await expect(fetchPage(url, CONFIG, never)).rejects.toMatchObject({ code: 'external-text-address', params: { address } });
    }
  });

  it('refuses other schemes and credentials in the address', async () => {
    for (const url of ['ftp://files.example/terms.txt', 'file:///etc/passwd', 'gopher://x.example/', 'https://user:secret@policy.example/']) {
      await expect(fetchPage(url, CONFIG, async () => [{ address: '93.184.216.34', family: 4 }])).rejects.toMatchObject({ code: 'external-text-scheme' });
    }
  });

  it('names a name that does not resolve as unreachable', async () => {
    const e = await refusal('https://nowhere.example/', []);
    expect(e.code).toBe('external-text-unreachable');
    const dns = await fetchPage('https://nowhere.example/', CONFIG, async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    }).catch((x) => x);
    expect(dns).toMatchObject({ code: 'external-text-unreachable', params: { host: 'nowhere.example', reason: 'dns' } });
  });
});

describe('snapshotOf', () => {
  const page = (body: Buffer | string, mediaType = 'text/html', charset: string | null = null, finalUrl = 'https://shop.example/legal/terms') => ({
    finalUrl,
    mediaType,
    charset,
    body: Buffer.isBuffer(body) ? body : Buffer.from(body),
  });
  const at = new Date('2026-12-01T03:00:00.000Z');

  it('reads the charset an HTML page declares in a meta tag', () => {
    // "Привет" in windows-1251.
    const body = Buffer.concat([Buffer.from('<html><head><meta charset="windows-1251"></head><body><p>'), Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]), Buffer.from('</p></body></html>')]);
    const s = snapshotOf('https://shop.example/terms', page(body), at);
    expect(s.html).toBe('<p>Привет</p>');
    expect(s.externalText).toMatchObject({ fetchedAt: '2026-12-01T03:00:00.000Z', format: 'html', finalUrl: 'https://shop.example/legal/terms' });
  });

  it('makes relative links absolute against the page and drops unsafe ones', () => {
    const html = sanitizeExternalHtml('<a href="../privacy">p</a> <a href="#s2">s2</a> <a href="//evil.example/x">x</a> <a href="javascript:alert(1)">j</a> <a href="mailto:dpo@shop.example">m</a>', 'https://shop.example/legal/terms');
    expect(html).toBe('<a href="https://shop.example/privacy">p</a> <a href="#s2">s2</a> <a>x</a> <a>j</a> <a href="mailto:dpo@shop.example">m</a>');
  });

  it('keeps plain text as text, escaped in its HTML form', () => {
    const s = snapshotOf('https://shop.example/t.txt', page('Line one\r\nLine <two>\r\n\r\n\r\nNext & last\n', 'text/plain', 'utf-8'), at);
    expect(s.text).toBe('Line one\nLine <two>\n\n\nNext & last');
    expect(s.html).toBe('<p>Line one<br />Line &lt;two&gt;</p>\n<p>Next &amp; last</p>');
    expect(s.externalText.format).toBe('text');
  });

  it('refuses a page with no text', () => {
    expect(() => snapshotOf('https://shop.example/', page('<script>x()</script><style>p{}</style>'), at)).toThrow(expect.objectContaining({ code: 'external-text-empty' }));
  });
});
