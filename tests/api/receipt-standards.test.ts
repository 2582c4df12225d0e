/**
 * Receipts a person can check without trusting the operator:
 * - every receipt validates against the Kantara Consent Receipt 1.1 JSON schema (the Kantara
 *   Initiative's own copy, tests/fixtures/kantara-cr-1.1) and carries the mandatory ISO/IEC TS 27560
 *   fields: standard templates of every country, custom agreements (with a company, typed requisites or
 *   none), an external-URL agreement, refused decisions, an imported consent, an erased one;
 * - each receipt carries a compact JWS (EdDSA) over its content, verified with the public keys served at
 *   `GET /api/user-consent/jwks.json`, by jose and by the offline `scripts/verify-receipt.js`; one
 *   changed character or a foreign key fails it;
 * - key rotation: the app boots with a new active key and the old one retired (public part only); what
 *   the old key signed still verifies with the served JWKS.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import Ajv from 'ajv';
import { CompactSign, importPKCS8 } from 'jose';
import { type Harness } from '../helpers/strapi';
import { withScenario, type Scenario } from '../helpers/scenario';
import { BY_COMPANY, KZ_COMPANY } from '../helpers/fixtures';
import { buildKeyRing, generateSigningKey, verifyCompactJws } from '../../server/src/signing/keys';
import { canonicalJson } from '../../server/src/utils/hash';

const ROOT = path.resolve(__dirname, '../..');
const SCHEMA_FILE = path.join(ROOT, 'tests/fixtures/kantara-cr-1.1/kantara-consent-receipt-v1_1-schema.json');
const VERIFIER = path.join(ROOT, 'scripts/verify-receipt.js');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { verifyReceipt } = require(VERIFIER);

/** The schema as Kantara published it: two `//` comment lines before the JSON. */
const kantaraSchema = () => {
  const text = fs.readFileSync(SCHEMA_FILE, 'utf8');
  const json = JSON.parse(text.replace(/^\s*\/\/.*$/gm, ''));
  expect(json.$schema).toBe('http://json-schema.org/draft-04/schema#');
  // Ajv 8 knows drafts 06 and later; the keywords used here mean the same in draft-04.
  const { $schema: _draft, ...schema } = json;
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
};

const OLD = generateSigningKey('receipts-2025');
const NEW = generateSigningKey('receipts-2026');
const FOREIGN = generateSigningKey('receipts-2026');

const run = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [VERIFIER, ...args], (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });

describe('receipts valid to the standards, signed', () => {
  let h: Harness;
  let s: Scenario;
  withScenario((app) => ({ h, s } = app), {
    // A new active key and the old one retired: only its public part is configured.
    env: {
      UC_SIGNING_KEYS: JSON.stringify([
        { kid: NEW.kid, privateKey: NEW.privateKey },
        { kid: OLD.kid, publicKey: OLD.publicKey },
      ]),
      UC_SIGNING_ACTIVE_KID: NEW.kid,
    },
  });
  afterAll(() => {
    delete process.env.UC_SIGNING_KEYS;
    delete process.env.UC_SIGNING_ACTIVE_KID;
  });

  const validate = kantaraSchema();
  const expectKantara = (receipt: unknown, what: string) => {
    const ok = validate(receipt);
    if (!ok) throw new Error(`${what}: not a Kantara CR 1.1 receipt: ${JSON.stringify(validate.errors)}`);
  };
  /** The ISO/IEC TS 27560 mandatory fields (README "ISO/IEC TS 27560 fields"), each present and filled. */
  const expectIso = (r: any, what: string) => {
    try {
      expect(r).toMatchObject({
        schemaVersion: 'ISO/IEC TS 27560:2023',
        recordId: r.consentReceiptID,
        piiPrincipalId: expect.any(String),
        legalBasis: 'consent',
        jurisdiction: expect.any(String),
        language: expect.any(String),
        collectionMethod: expect.any(String),
        storageLocations: [expect.any(String)],
        retention: expect.any(String),
        notice: { version: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/), url: expect.any(String) },
        event: { time: expect.any(String), type: expect.stringMatching(/^(given|refused|requested)$/), expressedBy: 'data subject' },
        state: expect.any(String),
        integrity: { seq: expect.stringMatching(/^\d+$/), hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      });
      for (const p of r.services.flatMap((sv: any) => sv.purposes)) expect(p.purpose).toEqual(expect.any(String));
      const roles = r.parties.map((p: any) => p.role);
      expect(roles.slice(0, 2)).toEqual(['PII principal', 'PII controller']);
      for (const p of r.parties) {
        expect(p.id).toEqual(expect.any(String));
        expect(p.id.length).toBeGreaterThan(0);
        expect(['natural person', 'legal person']).toContain(p.type);
      }
    } catch (e) {
      throw new Error(`${what}: ${(e as Error).message}`);
    }
  };

  let jwks: { keys: any[] };
  const fetchJwks = async () => {
    const res = await h.http().get('/api/user-consent/jwks.json');
    expect(res.status).toBe(200);
    return res;
  };
  const receiptOf = async (ref: { id: string; token: string }) => {
    const res = await h.http().get(`/api/user-consent/receipts/${ref.id}`).set('X-Receipt-Token', ref.token);
    expect(res.status).toBe(200);
    return res.body.data;
  };

  /** Each kind of agreement and operator, on one form; answers the refs by agreement name. */
  const agreements: Record<string, number> = {};
  const versions: Record<string, number> = {};
  const receipts: Record<string, any> = {};

  it('serves the public keys as a JWK Set: the active key and the retired one, never a private part', async () => {
    const res = await fetchJwks();
    expect(res.headers['content-type']).toMatch(/^application\/jwk-set\+json/);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    jwks = res.body;
    expect(jwks.keys.map((k) => k.kid)).toEqual([NEW.kid, OLD.kid]);
    for (const k of jwks.keys) {
      expect(k).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: expect.any(String), alg: 'EdDSA', use: 'sig' });
      expect(k).not.toHaveProperty('d');
    }
  });

  it('gives receipts of every template, custom and external agreements, given and refused, that validate and verify', async () => {
    const company = async (body: object) => (await h.admin.post('/user-consent/companies').send(body)).body.data.id as number;
    const by = await company(BY_COMPANY);
    const kz = await company(KZ_COMPANY);
    const create = async (name: string, body: Record<string, unknown>) => {
      const res = await h.admin.post('/user-consent/agreements').send({ name, label: `${name}: I agree to [the text]`, ...body });
      if (res.status !== 201) throw new Error(`${name}: ${res.status} ${JSON.stringify(res.body)}`);
      agreements[name] = res.body.data.id;
      versions[name] = res.body.data.currentVersionId;
    };
    const std = (template: string, companyId: number, code: string) => ({ type: 'standard', template, dataSource: 'company', companyId, purposes: [{ code, title: '' }] });
    await create('RU', std('ru-personal-data', s.company, 'reply-to-requests'));
    await create('RU ads', { ...std('ru-advertising', s.company, 'newsletters-advertising'), thirdParties: [{ name: 'ООО Рассылка', address: 'г. Москва', purpose: 'рассылка' }] });
    await create('BY', std('by-personal-data', by, 'reply-to-requests'));
    await create('KZ', std('kz-personal-data', kz, 'reply-to-requests'));
    await create('RU distribution', {
      ...std('ru-distribution', s.company, 'publication'),
      distribution: { categories: [{ code: 'full-name' }, { code: 'photo' }], resources: ['https://site.example/team'] },
    });
    agreements.EU = s.agreements.gdpr;
    versions.EU = s.versions.gdpr;
    // Custom agreements: with a company, with typed requisites, with none (the scenario's loyalty: the
    // first company is named), and a text at an external URL (the scenario's terms).
    await create('custom BY company', { type: 'custom', customHtml: '<p>Club rules.</p>', dataSource: 'company', companyId: by });
    await create('custom manual', { type: 'custom', customHtml: '<p>Own text.</p>', dataSource: 'manual', requisites: KZ_COMPANY });
    agreements['custom none'] = s.agreements.loyalty;
    versions['custom none'] = s.versions.loyalty;
    agreements.external = s.agreements.terms;
    versions.external = s.versions.terms;

    const names = Object.keys(agreements);
    const form = await h.admin.post('/user-consent/forms').send({
      key: 'standards',
      name: 'Standards',
      fields: [{ name: 'email', label: 'E-mail', type: 'email', required: false }],
      agreements: names.map((n) => ({ agreementId: agreements[n], behaviour: 'optional-unchecked' })),
    });
    expect(form.status).toBe(201);
    const capture = async (accepted: boolean, email: string) => {
      const res = await h.http().post('/api/user-consent/forms/standards/consents').send({
        pageUrl: 'https://site.example/standards',
        subject: { email },
        data: { email },
        // Consent to distribution: a choice per category when it is given.
        decisions: names.map((n) => ({ version: versions[n], accepted, ...(n === 'RU distribution' && accepted ? { categories: { 'full-name': true, photo: false } } : {}) })),
      });
      expect(res.status).toBe(201);
      return res.body.data.receipts as { id: string; token: string; agreement: number; action: string }[];
    };
    const given = await capture(true, 'kantara@example.com');
    const refused = await capture(false, 'refuser@example.com');
    for (const [kind, refs] of [['given', given], ['refused', refused]] as const) {
      for (const ref of refs) {
        const name = names.find((n) => agreements[n] === ref.agreement)!;
        const r = await receiptOf(ref);
        expect(r.event.type).toBe(kind);
        expectKantara(r, `${kind} ${name}`);
        expectIso(r, `${kind} ${name}`);
        // The signature: jose with the served JWKS, and the offline verifier.
        expect(r.signature).toEqual({ alg: 'EdDSA', kid: NEW.kid, jws: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) });
        const { content, header } = await verifyCompactJws(r.signature.jws, jwks);
        const { signature: _s, ...unsigned } = r;
        expect(header).toMatchObject({ alg: 'EdDSA', kid: NEW.kid, typ: 'consent-receipt+jws' });
        expect(canonicalJson(content)).toBe(canonicalJson(unsigned));
        // The event hash and chain position are signed.
        expect(content).toMatchObject({ integrity: { seq: r.integrity.seq, hash: r.integrity.hash } });
        expect(await verifyReceipt({ data: r }, jwks)).toMatchObject({ ok: true, kid: NEW.kid });
        receipts[`${kind} ${name}`] = r;
      }
    }

    // The choice per category is on the receipt of a consent to distribution.
    expect(receipts['given RU distribution'].choices).toEqual({ categories: { 'full-name': true, photo: false } });
    // Who the operator is, and the jurisdiction, for each kind.
    const ctl = (name: string) => receipts[`given ${name}`].piiControllers[0];
    expect(Object.fromEntries(names.map((n) => [n, receipts[`given ${n}`].jurisdiction]))).toEqual({
      RU: 'RU',
      'RU ads': 'RU',
      BY: 'BY',
      KZ: 'KZ',
      'RU distribution': 'RU',
      EU: 'EU',
      'custom BY company': 'BY',
      'custom manual': 'KZ',
      'custom none': 'RU',
      external: 'RU',
    });
    expect(ctl('RU')).toEqual({
      piiController: 'ООО Ромашка',
      onBehalf: false,
      contact: expect.any(String),
      address: { formatted: expect.stringContaining('Москва'), country: 'RU' },
      email: 'privacy@romashka.example',
      phone: expect.any(String),
      ...(ctl('RU').piiControllerUrl ? { piiControllerUrl: expect.any(String) } : {}),
      requisitesFrom: 'version',
    });
    expect(ctl('custom BY company')).toMatchObject({ piiController: 'ООО Василёк', email: BY_COMPANY.email, phone: '', requisitesFrom: 'version' });
    expect(ctl('custom manual')).toMatchObject({ piiController: 'ТОО Жусан', requisitesFrom: 'version' });
    // No operator named: the first company entered, said so.
    expect(ctl('custom none')).toMatchObject({ piiController: 'ООО Ромашка', requisitesFrom: 'first-company' });
    // The page is kept as a copy when the version is made: the receipt points at that copy, the text route.
    expect(receipts['given external'].policyUrl).toMatch(/^\/api\/user-consent\/versions\/\d+\/text$/);
    // Party ids: the registration numbers.
    const party = (name: string) => receipts[`given ${name}`].parties[1];
    expect(party('RU')).toEqual({ id: expect.stringMatching(/^RU-OGRN:\d{13}$/), type: 'legal person', role: 'PII controller', name: 'ООО Ромашка' });
    expect(party('BY').id).toBe(`BY-UNP:${BY_COMPANY.unp}`);
    expect(party('KZ').id).toBe(`KZ-BIN:${KZ_COMPANY.bin}`);
    expect(receipts['given RU'].parties[0]).toEqual({ id: 'kantara@example.com', type: 'natural person', role: 'PII principal', name: null });
    // A third party is a party too, and the Kantara disclosure names it.
    expect(receipts['given RU ads'].parties[2]).toMatchObject({ id: 'ООО Рассылка', role: 'third party' });
    expect(receipts['given RU ads'].services[0].purposes[0]).toMatchObject({ thirdPartyDisclosure: true, thirdPartyName: 'ООО Рассылка' });
  });

  it('fails verification after one changed character, or with a foreign key of the same kid', async () => {
    const r = receipts['given RU'];
    // One character of the receipt's content (the signature untouched).
    const changed = { ...r, piiPrincipalId: r.piiPrincipalId.replace('k', 'K') };
    expect(await verifyReceipt(changed, jwks)).toMatchObject({ ok: false, message: expect.stringContaining('piiPrincipalId') });
    const hashChanged = { ...r, integrity: { ...r.integrity, hash: `${r.integrity.hash.slice(0, -1)}${r.integrity.hash.endsWith('0') ? '1' : '0'}` } };
    expect((await verifyReceipt(hashChanged, jwks)).ok).toBe(false);
    // One character of the JWS payload.
    const [head, payload, sig] = r.signature.jws.split('.');
    const flipped = `${head}.${payload.slice(0, 10)}${payload[10] === 'A' ? 'B' : 'A'}${payload.slice(11)}.${sig}`;
    await expect(verifyCompactJws(flipped, jwks)).rejects.toThrow();
    expect((await verifyReceipt({ ...r, signature: { ...r.signature, jws: flipped } }, jwks)).ok).toBe(false);
    // A JWKS with another key under the same kid.
    const foreign = await buildKeyRing({ keys: [FOREIGN], activeKid: null });
    await expect(verifyCompactJws(r.signature.jws, foreign.jwks)).rejects.toThrow();
    expect(await verifyReceipt(r, foreign.jwks)).toMatchObject({ ok: false, message: expect.stringContaining('does not verify') });
  });

  it('keeps what a retired key signed verifiable: the old key stays in the JWKS', async () => {
    const r = receipts['given BY'];
    const { signature: _s, ...content } = r;
    // Signed by the key this app used before the rotation (it holds only its public part now).
    const jws = await new CompactSign(new TextEncoder().encode(canonicalJson(content)))
      .setProtectedHeader({ alg: 'EdDSA', kid: OLD.kid, typ: 'consent-receipt+jws' })
      .sign(await importPKCS8(OLD.privateKey, 'EdDSA'));
    const served = (await fetchJwks()).body;
    const old = { ...content, signature: { alg: 'EdDSA', kid: OLD.kid, jws } };
    expect(await verifyReceipt(old, served)).toMatchObject({ ok: true, kid: OLD.kid });
    // Without the retired key in the set, it would not verify.
    expect((await verifyReceipt(old, { keys: served.keys.filter((k: any) => k.kid !== OLD.kid) })).ok).toBe(false);
    // And the app never signs with it: it has no private part.
    expect(r.signature.kid).toBe(NEW.kid);
  });

  it('runs the offline verifier on files: exit 0 for a good receipt, 1 for a changed one, with a clear message', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-verify-'));
    try {
      const r = receipts['given KZ'];
      const write = (name: string, v: unknown) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, JSON.stringify(v, null, 2));
        return file;
      };
      const jwksFile = write('jwks.json', jwks);
      const good = await run([write('receipt.json', { data: r }), jwksFile]);
      expect(good).toMatchObject({ code: 0, stdout: expect.stringContaining(`valid: receipt ${r.consentReceiptID} signed by key ${NEW.kid}`) });
      expect(good.stdout).toContain(`chain position ${r.integrity.seq}`);
      const bad = await run([write('changed.json', { ...r, language: r.language === 'ru' ? 'rU' : 'eN' }), jwksFile]);
      expect(bad).toMatchObject({ code: 1, stderr: expect.stringContaining('INVALID: the receipt differs from what was signed, at language') });
      const usage = await run([]);
      expect(usage).toMatchObject({ code: 2, stderr: expect.stringContaining('usage:') });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives imported and erased consents valid, signed receipts; hides the signature from a role without personal data', async () => {
    // One consent recorded by hand (channel import): its receipt on the admin record page.
    const res = await h.admin
      .post('/user-consent/imports/one')
      .field('email', 'paper@example.com')
      .field('version', String(s.versions.pd))
      .field('decision', 'given')
      .field('collectedAt', '2025-06-01T10:00:00Z')
      .attach('evidence', Buffer.from(`signed form ${crypto.randomUUID()}`), { filename: 'form.txt', contentType: 'text/plain' });
    expect(res.status).toBe(201);
    const detail = (await h.admin.get(`/user-consent/consents/${res.body.data.id}`)).body.data;
    const imported = detail.receipt;
    expectKantara(imported, 'imported');
    expectIso(imported, 'imported');
    expect(imported.collectionMethod).toMatch(/^collected outside the site/);
    expect(imported.consentTimestamp).toBe(Math.floor(Date.parse('2025-06-01T10:00:00Z') / 1000));
    expect(await verifyReceipt(imported, jwks)).toMatchObject({ ok: true });

    // Erased: the receipt names no one, and still validates and verifies.
    const ref = (await h.http().post('/api/user-consent/forms/contact/consents').send({
      pageUrl: 'https://site.example/',
      subject: { email: 'erase-me@example.com' },
      data: { name: 'Erased', email: 'erase-me@example.com' },
      decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.ads, accepted: false }],
    })).body.data.receipts[0];
    expect((await h.admin.post('/user-consent/subjects/erasures').send({ email: 'erase-me@example.com', reason: 'subject-request' })).status).toBe(201);
    const erased = await receiptOf(ref);
    expect(erased).toMatchObject({ personalData: 'erased', piiPrincipalId: 'erased', principal: { id: null, name: null } });
    expect(JSON.stringify(erased)).not.toContain('erase-me@example.com');
    expectKantara(erased, 'erased');
    expectIso(erased, 'erased');
    expect(await verifyReceipt(erased, jwks)).toMatchObject({ ok: true });

    // A role that may read consents but not personal data: no identifiers, and the signature without
    // its payload (which would carry them): header..signature.
    const limited = await h.adminWithActions(['plugin::user-consent.consents.read']);
    const hidden = (await limited.get(`/user-consent/consents/${res.body.data.id}`)).body.data.receipt;
    expect(hidden).toMatchObject({ piiPrincipalId: null, principal: null });
    expect(hidden.signature.jws).toMatch(/^[\w-]+\.\.[\w-]+$/);
    expect(hidden.parties.map((p: { role: string }) => p.role)).not.toContain('PII principal');
    expect(JSON.stringify(hidden)).not.toContain('paper@example.com');
  });
});
