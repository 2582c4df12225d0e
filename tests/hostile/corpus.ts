/**
 * Hostile inputs for the public write route: each entry is a raw body (string or object), its content
 * type, and why it must be refused. Generated from families so that every family hits every field.
 */
export interface HostileCase {
  name: string;
  body: string | Buffer;
  contentType: string;
}

const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '<svg onload=alert(1)>',
  "'-alert(1)-'",
  '<iframe src=javascript:alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
];

const SQL = [
  "' OR '1'='1",
  "'; DROP TABLE uc_consents; --",
  '1; DELETE FROM uc_consents',
  "' UNION SELECT password FROM admin_users --",
  '1 OR 1=1',
  "admin'--",
  '%27%20OR%201%3D1',
  '\\x27 OR sleep(5)',
];

const WRONG_TYPES: unknown[] = [null, true, 0, -1, 1.5, 'text', [], {}, [[]], { $gt: 0 }, '9'.repeat(400), Number.MAX_SAFE_INTEGER + 2];

const POLLUTION = ['__proto__', 'constructor', 'prototype'];

export const buildCorpus = (version: { required: number; optional: number }): HostileCase[] => {
  const cases: HostileCase[] = [];
  const json = (name: string, value: unknown) => cases.push({ name, body: JSON.stringify(value), contentType: 'application/json' });
  const raw = (name: string, body: string | Buffer, contentType = 'application/json') => cases.push({ name, body, contentType });
  const valid = () => ({
    pageUrl: 'https://site.example/contact',
    data: { name: 'N', email: 'n@example.com' },
    decisions: [{ version: version.required, accepted: true, fullTextOpened: true }, { version: version.optional, accepted: false }],
  });

  // Malformed JSON.
  ['{', '}', '{"pageUrl":', '{"a":1,}', "{'pageUrl':'x'}", '[', 'nul', 'tru', '{"pageUrl":"x"}}', '{"a":"\\u12"}', '\u0000', '{"a":NaN}', '{"a":Infinity}', '{"a":01}', '{"a":.5}', '{"a": "unterminated}'].forEach((b, i) =>
    raw(`malformed json #${i}`, b)
  );
  // Not an object at the top.
  [[], 1, 'str', true, null, [valid()]].forEach((b, i) => json(`non-object body #${i}`, b));
  // Wrong types in every field.
  for (const field of ['pageUrl', 'subject', 'data', 'decisions'] as const) {
    WRONG_TYPES.forEach((t, i) => {
      if (field === 'subject' && (t === null || (typeof t === 'object' && !Array.isArray(t) && Object.keys(t as object).length === 0))) return;
      json(`wrong type ${field} #${i}`, { ...valid(), [field]: t });
    });
  }
  for (const field of ['version', 'accepted', 'fullTextOpened'] as const) {
    // Only values of the wrong type: a boolean is right for accepted/fullTextOpened.
    WRONG_TYPES.filter((t) => field === 'version' || typeof t !== 'boolean').forEach((t, i) => {
      const v = valid();
      (v.decisions[0] as Record<string, unknown>)[field] = t;
      json(`wrong type decisions[0].${field} #${i}`, v);
    });
  }
  ['name', 'email'].forEach((f) => WRONG_TYPES.filter((t) => typeof t !== 'string').forEach((t, i) => json(`wrong type data.${f} #${i}`, { ...valid(), data: { ...valid().data, [f]: t } })));
  // Huge strings and arrays.
  json('huge pageUrl', { ...valid(), pageUrl: `https://site.example/${'a'.repeat(5000)}` });
  json('huge field value', { ...valid(), data: { ...valid().data, name: 'x'.repeat(5000) } });
  json('huge decisions array', { ...valid(), decisions: Array.from({ length: 1000 }, () => valid().decisions[0]) });
  json('huge data object', { ...valid(), data: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f${i}`, 'x'])) });
  json('deeply nested', { ...valid(), data: JSON.parse('{"a":'.repeat(200) + '1' + '}'.repeat(200)) });
  raw('oversized body', JSON.stringify({ ...valid(), pad: 'p'.repeat(100 * 1024) }));
  // Unknown keys everywhere.
  ['isAdmin', 'id', 'hash', 'seq', 'recordedAt', 'ip', 'userAgent', 'personalId', 'personalHash', 'ipPolicy', 'erasure', 'pageQuery', 'action', 'channel'].forEach((k) => json(`unknown top-level key ${k}`, { ...valid(), [k]: 'x' }));
  ['hash', 'agreement', 'prechecked'].forEach((k) => {
    const v = valid();
    (v.decisions[0] as Record<string, unknown>)[k] = 'x';
    json(`unknown decision key ${k}`, v);
  });
  json('unknown subject key', { ...valid(), subject: { email: 'a@b.example', role: 'admin' } });
  json('undeclared field', { ...valid(), data: { ...valid().data, password: 'x' } });
  // Prototype pollution, written raw so the keys reach the parser.
  for (const k of POLLUTION) {
    raw(`pollution top-level ${k}`, `{"pageUrl":"https://site.example/","${k}":{"polluted":true},"decisions":[]}`);
    raw(`pollution in data ${k}`, `{"pageUrl":"https://site.example/","data":{"name":"N","email":"n@example.com","${k}":{"polluted":true}},"decisions":[{"version":${version.required},"accepted":true,"fullTextOpened":true},{"version":${version.optional},"accepted":false}]}`);
    raw(`pollution in decision ${k}`, `{"pageUrl":"https://site.example/","data":{"name":"N","email":"n@example.com"},"decisions":[{"version":${version.required},"accepted":true,"fullTextOpened":true,"${k}":{"x":1}},{"version":${version.optional},"accepted":false}]}`);
  }
  // XSS and SQL fragments where they make the request invalid.
  [...XSS, ...SQL].forEach((p, i) => {
    json(`injection as pageUrl #${i}`, { ...valid(), pageUrl: p });
    json(`injection as subject e-mail #${i}`, { ...valid(), subject: { email: p } });
    json(`injection as version #${i}`, { ...valid(), decisions: [{ version: p, accepted: true }] });
    json(`injection as field name #${i}`, { ...valid(), data: { ...valid().data, [p]: 'x' } });
  });
  // Invalid UTF-8 and control bytes.
  raw('invalid utf-8 sequence', Buffer.concat([Buffer.from('{"pageUrl":"https://site.example/'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('","decisions":[]}')]));
  raw('lone surrogate escape', '{"pageUrl":"https://site.example/\\ud800","decisions":[]}');
  raw('utf-16 body', Buffer.from(JSON.stringify(valid()), 'utf16le'));
  raw('bom then json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from('{')]));
  // Wrong content types.
  raw('form-urlencoded', 'pageUrl=https%3A%2F%2Fsite.example%2F&decisions=1', 'application/x-www-form-urlencoded');
  raw('text/plain json', JSON.stringify(valid()), 'text/plain');
  raw('xml', '<consent><pageUrl>https://site.example/</pageUrl></consent>', 'application/xml');
  raw('multipart', '--x\r\nContent-Disposition: form-data; name="pageUrl"\r\n\r\nhttps://site.example/\r\n--x--', 'multipart/form-data; boundary=x');
  raw('no content type', JSON.stringify(valid()), '');
  // Rule violations that look valid.
  json('required refused', { ...valid(), decisions: [{ version: version.required, accepted: false }, { version: version.optional, accepted: true }] });
  json('required-read without opening', { ...valid(), decisions: [{ version: version.required, accepted: true }, { version: version.optional, accepted: true }] });
  json('missing decision', { ...valid(), decisions: [{ version: version.required, accepted: true, fullTextOpened: true }] });
  json('negative version', { ...valid(), decisions: [{ version: -1, accepted: true }, { version: version.optional, accepted: true }] });
  return cases;
};
