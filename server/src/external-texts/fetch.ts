/**
 * Fetches an agreement's external text on the server, guarded against SSRF: only http(s); every address
 * the host name resolves to must be public (unless the config allows private ones), and the connection
 * goes to an address that was checked, so a second DNS answer cannot swap it; every redirect is checked
 * the same way; one deadline for the whole fetch; a cap on the bytes read (after decompression); only
 * HTML and plain text. Then the page becomes a snapshot: HTML sanitised with the agreements' allowlist
 * (links made absolute), plain text kept as text. No Strapi here: the agreement service turns an
 * `ExternalTextError` into the 400 the editor sees.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import dns from 'node:dns';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import type { ExternalText, ExternalTextCode } from '../../../shared/contracts/agreements';
import type { ExternalTextsConfig } from '../config';
import { escapeHtml, htmlToText, sanitizeExternalHtml } from '../utils/sanitize';
import { sha256 } from '../utils/hash';
import { isPublicAddress } from './addresses';

export class ExternalTextError extends Error {
  constructor(
    readonly code: ExternalTextCode,
    message: string,
    readonly params: Record<string, string | number> = {}
  ) {
    super(message);
    this.name = 'ExternalTextError';
  }
}

/** What a fetch keeps: the snapshot (as a version's html and text) and its record. */
export interface ExternalSnapshot {
  html: string;
  text: string;
  externalText: ExternalText;
}

interface Page {
  finalUrl: string;
  mediaType: string;
  charset: string | null;
  body: Buffer;
}

const HTML_TYPES = ['text/html', 'application/xhtml+xml'];
const TEXT_TYPES = ['text/plain'];
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

type Lookup = (host: string) => Promise<{ address: string; family: number }[]>;
const systemLookup: Lookup = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

/** Why a connection failed, in a word the editor's message can use (never the raw system error). */
const reasonOf = (e: NodeJS.ErrnoException): string => {
  const code = String(e.code ?? '');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA') return 'dns';
  if (code === 'ETIMEDOUT' || code === 'UC_TIMEOUT') return 'timeout';
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code) || /certificate|tls|ssl/i.test(e.message ?? '')) return 'tls';
  return 'connect';
};

const unreachable = (host: string, reason: string) =>
  new ExternalTextError('external-text-unreachable', `the page at ${host} could not be fetched (${reason})`, { host, reason });

/** The URL if it is http(s) without credentials; else the refusal. */
const parseTarget = (raw: string): URL => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ExternalTextError('external-text-scheme', 'the address is not an absolute http(s) URL', { scheme: '' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ExternalTextError('external-text-scheme', `only http and https pages can be fetched, not ${url.protocol}`, { scheme: url.protocol.replace(/:$/, '') });
  }
  if (url.username || url.password) throw new ExternalTextError('external-text-scheme', 'an address with a user name or password is not fetched', { scheme: url.protocol.replace(/:$/, '') });
  return url;
};

/** The addresses the host resolves to, each one checked; the first is where the request goes. */
const resolveChecked = async (url: URL, config: ExternalTextsConfig, lookup: Lookup, remaining: () => number) => {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  if (net.isIP(host)) addresses = [{ address: host, family: net.isIP(host) }];
  else {
    let timer: NodeJS.Timeout | undefined;
    try {
      addresses = await Promise.race([
        lookup(host),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'UC_TIMEOUT' })), Math.max(1, remaining()));
        }),
      ]);
    } catch (e) {
      throw unreachable(host, reasonOf(e as NodeJS.ErrnoException));
    } finally {
      clearTimeout(timer);
    }
  }
  if (!addresses.length) throw unreachable(host, 'dns');
  if (!config.allowPrivateAddresses) {
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused) {
      throw new ExternalTextError('external-text-address', `${host} resolves to an address that is not public (${refused.address})`, { host, address: refused.address });
    }
  }
  return { host, address: addresses[0] };
};

/** Reads the body up to the cap (after decompression); more is the too-large refusal. */
const readCapped = (res: http.IncomingMessage, maxBytes: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const encoding = String(res.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    let stream: Readable = res;
    if (encoding === 'gzip' || encoding === 'x-gzip') stream = res.pipe(zlib.createGunzip());
    else if (encoding === 'deflate') stream = res.pipe(zlib.createInflate());
    else if (encoding === 'br') stream = res.pipe(zlib.createBrotliDecompress());
    else if (encoding !== 'identity' && encoding !== '') {
      res.destroy();
      reject(new ExternalTextError('external-text-content-type', `the page is sent in an unknown encoding (${encoding})`, { contentType: `encoding ${encoding}` }));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        res.destroy();
        stream.destroy();
        reject(new ExternalTextError('external-text-too-large', `the page is larger than ${maxBytes} bytes`, { maxBytes }));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', (e) => reject(e));
    if (stream !== res) res.on('error', (e) => reject(e));
  });

const mediaTypeOf = (header: string | undefined) => {
  const [type, ...params] = String(header ?? '').split(';');
  const charset = params.map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p)?.[1]).find(Boolean) ?? null;
  return { mediaType: type.trim().toLowerCase(), charset };
};

/** One GET to a checked address; answers the response with its body unread. */
const get = (url: URL, address: { address: string; family: number }, timeoutMs: number): Promise<http.IncomingMessage> =>
  new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(
      url,
      {
        method: 'GET',
        // A connection of its own, closed after the answer: none is pooled for a host an editor named.
        agent: false,
        headers: {
          accept: 'text/html, application/xhtml+xml, text/plain;q=0.9',
          'accept-encoding': 'gzip, deflate, br',
          'user-agent': 'strapi-plugin-user-consent (agreement text snapshot)',
        },
        // The connection goes to the address that was checked, whatever the name resolves to now.
        lookup: ((_host: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) =>
          options?.all ? cb(null, [address]) : cb(null, address.address, address.family)) as unknown as net.LookupFunction,
      },
      resolve
    );
    const timer = setTimeout(() => req.destroy(Object.assign(new Error('timeout'), { code: 'UC_TIMEOUT' })), Math.max(1, timeoutMs));
    req.on('close', () => clearTimeout(timer));
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end();
  });

/** Fetches the page, following redirects (each checked again), within one deadline. */
export const fetchPage = async (raw: string, config: ExternalTextsConfig, lookup: Lookup = systemLookup): Promise<Page> => {
  const deadline = Date.now() + config.timeoutMs;
  const remaining = () => deadline - Date.now();
  let url = parseTarget(raw);
  for (let hop = 0; ; hop += 1) {
    const { host, address } = await resolveChecked(url, config, lookup, remaining);
    if (remaining() <= 0) throw unreachable(host, 'timeout');
    let res: http.IncomingMessage;
    try {
      res = await get(url, address, remaining());
    } catch (e) {
      throw unreachable(host, reasonOf(e as NodeJS.ErrnoException));
    }
    const status = res.statusCode ?? 0;
    if (REDIRECTS.has(status) && res.headers.location) {
      res.resume();
      if (hop >= config.maxRedirects) throw new ExternalTextError('external-text-redirects', `the page redirects more than ${config.maxRedirects} times`, { max: config.maxRedirects });
      let next: string;
      try {
        next = new URL(res.headers.location, url).href;
      } catch {
        throw unreachable(host, 'redirect');
      }
      url = parseTarget(next);
      continue;
    }
    if (status < 200 || status > 299) {
      res.resume();
      throw new ExternalTextError('external-text-status', `the page answered with status ${status}`, { host, status });
    }
    const { mediaType, charset } = mediaTypeOf(res.headers['content-type']);
    if (![...HTML_TYPES, ...TEXT_TYPES].includes(mediaType)) {
      res.destroy();
      throw new ExternalTextError('external-text-content-type', `only HTML and plain-text pages are kept, not ${mediaType || 'an untyped answer'}`, { contentType: mediaType || 'none' });
    }
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > config.maxBytes) {
      res.destroy();
      throw new ExternalTextError('external-text-too-large', `the page is larger than ${config.maxBytes} bytes`, { maxBytes: config.maxBytes });
    }
    const timer = setTimeout(() => res.destroy(Object.assign(new Error('timeout'), { code: 'UC_TIMEOUT' })), Math.max(1, remaining()));
    try {
      const body = await readCapped(res, config.maxBytes);
      return { finalUrl: url.href, mediaType, charset, body };
    } catch (e) {
      if (e instanceof ExternalTextError) throw e;
      throw unreachable(host, reasonOf(e as NodeJS.ErrnoException));
    } finally {
      clearTimeout(timer);
    }
  }
};

/** The charset an HTML page declares in its first bytes (<meta charset> or http-equiv), if any. */
const sniffHtmlCharset = (body: Buffer): string | null => {
  const head = body.subarray(0, 2048).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_.:-]+)/i.exec(head)?.[1] ?? null;
};

/** Bytes to text: a BOM first, then the declared charset, else UTF-8 (an unknown charset also reads as UTF-8). */
export const decodeBody = (body: Buffer, charset: string | null): string => {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return new TextDecoder('utf-8').decode(body.subarray(3));
  if (body[0] === 0xff && body[1] === 0xfe) return new TextDecoder('utf-16le').decode(body.subarray(2));
  if (body[0] === 0xfe && body[1] === 0xff) return new TextDecoder('utf-16be').decode(body.subarray(2));
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
};

/** Plain text as HTML for the reader: paragraphs at blank lines, line breaks kept, everything escaped. */
const textAsHtml = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.split('\n').map(escapeHtml).join('<br />')}</p>`)
    .join('\n');

/** The snapshot of a fetched page: sanitised HTML or plain text, and its record. */
export const snapshotOf = (url: string, page: Page, fetchedAt: Date): ExternalSnapshot => {
  const isHtml = HTML_TYPES.includes(page.mediaType);
  const decoded = decodeBody(page.body, page.charset ?? (isHtml ? sniffHtmlCharset(page.body) : null));
  let html: string;
  let text: string;
  if (isHtml) {
    html = sanitizeExternalHtml(decoded, page.finalUrl);
    text = htmlToText(html);
  } else {
    // eslint-disable-next-line no-control-regex
    text = decoded.replace(/\r\n?/g, '\n').replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '').trim();
    html = textAsHtml(text);
  }
  if (!text.trim()) throw new ExternalTextError('external-text-empty', 'the page has no text to keep', {});
  return {
    html,
    text,
    externalText: {
      url,
      finalUrl: page.finalUrl,
      fetchedAt: fetchedAt.toISOString(),
      contentType: page.mediaType,
      format: isHtml ? 'html' : 'text',
      sha256: sha256(isHtml ? html : text),
    },
  };
};

/** Fetches the page at `url` and keeps its snapshot; throws `ExternalTextError` for every refusal. */
export const fetchExternalText = async (url: string, config: ExternalTextsConfig, lookup?: Lookup): Promise<ExternalSnapshot> => {
  const page = await fetchPage(url, config, lookup);
  return snapshotOf(url, page, new Date());
};
