/**
 * HTML handling for agreement texts (pure functions, no Strapi).
 *
 * Custom agreements may be written in HTML; what a person is shown must be readable and must not run code,
 * hide text or send them elsewhere through a crafted link. Hence a strict allowlist: structure and
 * emphasis only, no images, no styles, no classes or ids, links restricted to http(s), mailto and tel.
 */
import sanitizeHtml from 'sanitize-html';

/** Schemes a link in an agreement may use; anything else (javascript:, data:, vbscript:, file:...) is dropped. */
const ALLOWED_SCHEMES = ['http', 'https', 'mailto', 'tel'];

const ALLOWED_TAGS = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'p', 'br', 'hr', 'div', 'section', 'span', 'blockquote',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'small', 'abbr',
  'a',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
];

const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  a: ['href', 'title', 'target', 'rel'],
  abbr: ['title'],
  ol: ['start'],
  th: ['colspan', 'rowspan', 'scope'],
  td: ['colspan', 'rowspan'],
};

/** Elements whose content is code or a widget, not text: dropped with the element. */
const NON_TEXT_TAGS = ['script', 'style', 'textarea', 'noscript', 'iframe', 'noembed', 'noframes', 'template', 'title', 'option', 'xmp'];

const LINK_TARGETS = ['_blank', '_self', '_parent', '_top'];

// Characters a browser skips or that hide a scheme from a naive check ("java\tscript:", "\u200bjavascript:").
// eslint-disable-next-line no-control-regex
const URL_NOISE = /[\x00-\x20\x7f-\x9f\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]+/g;

/**
 * Second line of defence next to sanitize-html's own scheme check: true when the URL is safe to keep
 * (an allowed scheme, or a relative URL / fragment that is not protocol-relative).
 */
const isSafeHref = (href: string): boolean => {
  const cleaned = href.replace(URL_NOISE, '').toLowerCase();
  if (/^[/\\]{2}/.test(cleaned)) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(cleaned);
  if (scheme) return ALLOWED_SCHEMES.includes(scheme[1]);
  // "javascript&colon;..." after decoding becomes "javascript:"; anything still holding a colon before the
  // first slash, "?" or "#" is an unparsed scheme a browser might accept: refuse it.
  const beforePath = cleaned.split(/[/?#]/)[0];
  return !beforePath.includes(':');
};

/** Links: keep a safe href only, a known target only, and never let a new tab reach back (window.opener). */
const transformLink: sanitizeHtml.Transformer = (tagName, attribs) => {
  const out: sanitizeHtml.Attributes = {};
  if (attribs.href !== undefined && isSafeHref(attribs.href)) out.href = attribs.href.trim();
  if (attribs.title !== undefined) out.title = attribs.title;
  const target = attribs.target?.trim().toLowerCase();
  if (target && LINK_TARGETS.includes(target)) {
    out.target = target;
    const tokens = (attribs.rel ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    for (const t of ['noopener', 'noreferrer']) if (!tokens.includes(t)) tokens.push(t);
    out.rel = tokens.join(' ');
  } else if (attribs.rel !== undefined) {
    out.rel = attribs.rel;
  }
  return { tagName, attribs: out };
};

/** Table spans: small positive integers only (a huge colspan can push text out of view). */
const transformCell: sanitizeHtml.Transformer = (tagName, attribs) => {
  const out: sanitizeHtml.Attributes = {};
  for (const name of ['colspan', 'rowspan']) {
    const v = attribs[name]?.trim();
    if (v && /^[1-9]\d{0,2}$/.test(v)) out[name] = v;
  }
  if (tagName === 'th' && attribs.scope && ['row', 'col', 'rowgroup', 'colgroup'].includes(attribs.scope)) {
    out.scope = attribs.scope;
  }
  return { tagName, attribs: out };
};

/** Ordered lists: a numeric start only. */
const transformOl: sanitizeHtml.Transformer = (tagName, attribs) => {
  const out: sanitizeHtml.Attributes = {};
  const start = attribs.start?.trim();
  if (start && /^-?\d{1,6}$/.test(start)) out.start = start;
  return { tagName, attribs: out };
};

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: ALLOWED_ATTRIBUTES,
  allowedSchemes: ALLOWED_SCHEMES,
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  allowedClasses: {},
  allowedStyles: {},
  allowVulnerableTags: false,
  // Text inside a disallowed element (e.g. <font>, <center>) is kept: it is part of what the person reads.
  disallowedTagsMode: 'discard',
  nonTextTags: NON_TEXT_TAGS,
  // A whole HTML document may be pasted: keep its body text without the boundary trick dropping it.
  enforceHtmlBoundary: false,
  transformTags: { a: transformLink, td: transformCell, th: transformCell, ol: transformOl },
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true },
};

/** Sanitises an agreement's HTML against the legal-text allowlist. Deterministic: same input, same output. */
export const sanitizeAgreementHtml = (html: string): string => sanitizeHtml(html ?? '', OPTIONS).trim();

/**
 * Sanitises a page fetched from an external URL (services/external-text.ts) with the same allowlist, and
 * makes its relative links absolute against the page's own address, so that they still lead where they
 * led once the snapshot is shown from this server. Links that resolve to a refused scheme are dropped.
 */
export const sanitizeExternalHtml = (html: string, baseUrl: string): string => {
  const absolute: sanitizeHtml.Transformer = (tagName, attribs) => {
    const href = attribs.href?.trim();
    if (href && !href.startsWith('#') && isSafeHref(href)) {
      try {
        attribs = { ...attribs, href: new URL(href, baseUrl).href };
      } catch {
        const { href: _dropped, ...rest } = attribs;
        attribs = rest;
      }
    }
    return transformLink(tagName, attribs);
  };
  return sanitizeHtml(html ?? '', { ...OPTIONS, transformTags: { ...OPTIONS.transformTags, a: absolute } }).trim();
};

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export const escapeHtml = (s: string): string =>
  String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0',
  laquo: '\u00ab', raquo: '\u00bb', ndash: '\u2013', mdash: '\u2014', hellip: '\u2026', copy: '\u00a9', reg: '\u00ae',
};

/** Decodes the entities sanitize-html leaves in its output (and common named ones), in one pass. */
const decodeEntities = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });

/** Elements that separate paragraphs (a blank line in plain text). */
const PARAGRAPH_TAGS = new Set([
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'div', 'section', 'blockquote', 'table', 'dl', 'hr', 'ul', 'ol', 'caption',
]);
/** Elements that start a new line. */
const LINE_TAGS = new Set(['li', 'tr', 'dt', 'dd']);

/**
 * Accumulates plain text: whitespace collapsed as a browser would, line breaks requested by block elements
 * merged (two adjacent paragraphs give one blank line, not three).
 */
class TextWriter {
  private out = '';
  private pending = 0;
  // True at the start of a line, or right after a list marker / cell separator: leading spaces are dropped.
  private atStart = true;

  /** Asks for n line breaks before the next text (1: new line, 2: blank line). */
  lineBreak(n: 1 | 2): void {
    this.pending = Math.max(this.pending, n);
  }

  /** An explicit <br>: always one more line. */
  br(): void {
    this.flush();
    this.out = this.out.replace(/[ \t]+$/, '') + '\n';
    this.atStart = true;
  }

  /** Text content: whitespace collapsed as a browser renders it. */
  write(raw: string): void {
    let s = raw.replace(/[ \t\n\r\f]+/g, ' ');
    if (this.atStart) s = s.replace(/^ +/, '');
    if (!s) return;
    this.flush();
    this.out += s;
    this.atStart = false;
  }

  /** Generated text (list markers, indentation, cell separators), written as is. */
  mark(s: string): void {
    this.flush();
    this.out = this.out.replace(/[ \t]+$/, '') + s;
    this.atStart = true;
  }

  private flush(): void {
    if (this.pending > 0 && this.out !== '') {
      const have = /\n*$/.exec(this.out)![0].length;
      this.out = this.out.replace(/[ \t]+$/, '') + '\n'.repeat(Math.max(0, this.pending - have));
      this.atStart = true;
    }
    this.pending = 0;
  }

  toString(): string {
    return this.out
      .split('\n')
      .map((line) => line.replace(/[ \t]+$/, ''))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
}

/**
 * Plain text of an agreement's HTML (sanitised first, so any input is accepted): block elements become line
 * breaks, list items get "- " or "1. ", table cells are joined with " | ", entities are decoded.
 */
export const htmlToText = (html: string): string => {
  const clean = sanitizeAgreementHtml(html);
  const w = new TextWriter();
  // Lists being inside: ordered ones keep their counter; depth gives the indentation of nested items.
  const lists: { ordered: boolean; next: number }[] = [];
  let cellIndex = 0;
  // Sanitised output is regular: tags never contain a raw ">" inside attribute values (it is escaped),
  // and text never contains a raw "<". A plain tokenizer is enough and keeps us off unlisted dependencies.
  const token = /<(\/?)([a-z][a-z0-9]*)((?:\s[^>]*)?)\/?>|([^<]+)|(<)/gi;
  for (let m = token.exec(clean); m; m = token.exec(clean)) {
    const [, closing, rawName, attrs, text, stray] = m;
    if (text !== undefined || stray !== undefined) {
      w.write(decodeEntities(text ?? stray));
      continue;
    }
    const name = rawName.toLowerCase();
    if (name === 'br') {
      w.br();
      continue;
    }
    const nested = lists.length > 0;
    if (name === 'ul' || name === 'ol') {
      if (closing) lists.pop();
      else {
        const start = /\sstart="(-?\d+)"/.exec(attrs ?? '');
        lists.push({ ordered: name === 'ol', next: start ? Number(start[1]) : 1 });
      }
      // A list inside a list item continues on the next line, without a blank line.
      w.lineBreak(nested && !(closing && lists.length === 0) ? 1 : 2);
      continue;
    }
    if (name === 'li') {
      w.lineBreak(1);
      if (!closing) {
        const list = lists[lists.length - 1];
        const indent = '  '.repeat(Math.max(0, lists.length - 1));
        const marker = list?.ordered ? `${list.next++}. ` : '- ';
        w.mark(indent + marker);
      }
      continue;
    }
    if (name === 'tr') {
      w.lineBreak(1);
      cellIndex = 0;
      continue;
    }
    if (name === 'td' || name === 'th') {
      if (!closing && cellIndex++ > 0) w.mark(' | ');
      continue;
    }
    if (PARAGRAPH_TAGS.has(name)) w.lineBreak(nested && name !== 'hr' ? 1 : 2);
    else if (LINE_TAGS.has(name)) w.lineBreak(1);
  }
  return w.toString();
};
