/**
 * Consents collected elsewhere: a CSV import and one consent by hand, each with an evidence file
 * stored through the upload plugin. A good file is stored as chained `import` events with their
 * original time (`collectedAt`, a proof field) and the evidence's hash committed by the keyed personal
 * hash; a file with a bad row is refused whole, with the rows named, and stores nothing; the route
 * needs its own action; an erasure removes the evidence file once no one else's record names it. Rows
 * imported before are skipped as duplicates, and no request leaves its uploaded files in the OS temp
 * directory.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Harness } from '../helpers/strapi';
import { withScenario, counts, personalOf, type Scenario } from '../helpers/scenario';
import { refEventHash, refPersonalHash, refVerify } from '../helpers/reference-chain';
import { eventHash } from '../../server/src/events/chain';

const CONSENT = 'plugin::user-consent.consent';
const FILE = 'plugin::upload.file';

const sha256 = (b: Buffer | string) => crypto.createHash('sha256').update(b).digest('hex');
/** The keyed personal hash as the reference writes it: the six fields, and the evidence's hash when there is one. */
const personalHashOf = (secret: string, p: Record<string, any>) => refPersonalHash(secret, { ...p, evidence: p.evidenceHash });

describe('importing consents collected elsewhere', () => {
  let h: Harness;
  let s: Scenario;
  withScenario((app) => ({ h, s } = app), {
    // The files this test uploaded are removed with their Media Library entries (playground/public/uploads is shared).
    beforeTeardown: async () => {
      const uploads = h.strapi.plugin('upload').service('upload');
      for (const file of await h.strapi.db.query(FILE).findMany({})) await uploads.remove(file);
    },
  });

  const scan = Buffer.from(`%PDF-1.4\n% a scanned paper form ${crypto.randomUUID()}\n%%EOF\n`);
  const importCsv = (csv: string | Buffer, evidence: Buffer | null = scan, agent = h.admin) => {
    const req = agent.post('/user-consent/imports').attach('file', Buffer.isBuffer(csv) ? csv : Buffer.from(csv, 'utf8'), { filename: 'consents.csv', contentType: 'text/csv' });
    return evidence ? req.attach('evidence', evidence, { filename: 'scan.pdf', contentType: 'application/pdf' }) : req;
  };
  const stored = async () => ({ ...(await counts(h)), files: await h.strapi.db.query(FILE).count({}) });
  const onDisk = (file: { url: string }) => path.join(h.strapi.dirs.static.public, file.url);
  const verify = async () => (await h.admin.get('/user-consent/integrity')).body.data;
  /** Files in the OS temp directory (where the body parser writes uploads) holding exactly these bytes. */
  const leftInTemp = (bytes: Buffer) => {
    const dir = os.tmpdir();
    return fs.readdirSync(dir).filter((name) => {
      try {
        const p = path.join(dir, name);
        const st = fs.statSync(p);
        return st.isFile() && st.size === bytes.length && fs.readFileSync(p).equals(bytes);
      } catch {
        return false; // gone meanwhile, or not ours to read
      }
    });
  };

  let imported: any[];
  let evidenceId: number;
  let recent: Date;
  /** Twelve months after, as the plugin counts them (the same day of the month). */
  const yearAfter = (d: Date) => {
    const e = new Date(d);
    e.setUTCMonth(e.getUTCMonth() + 12);
    return e.toISOString();
  };

  it('imports a good file: chained import events with collectedAt, the evidence in the upload plugin and its hash in the proof', async () => {
    // Advertising valid for 12 months: an imported consent's term runs from when it was collected.
    expect((await h.admin.put(`/user-consent/agreements/${s.agreements.ads}`).send({ validity: { kind: 'term', term: '1 year', months: 12 } })).status).toBe(200);
    const ads = (await h.admin.get(`/user-consent/agreements/${s.agreements.ads}`)).body.data.currentVersion;
    const before = await stored();
    // Excel's habits: a BOM, `;`, CRLF, a quoted cell with the delimiter and a quote in it, a blank line.
    // A consent given on paper a month ago (valid until a year after that), one from 2020 (expired at once).
    const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    recent = new Date(`${monthAgo}T11:30:00.000Z`);
    const csv =
      '\uFEFFemail;phone;name;externalId;version;agreement;versionNumber;decision;collectedAt;note\r\n' +
      `paper1@example.com;;Анна Петрова;;${s.versions.pd};;;given;2020-01-10;"Form №12; signed ""in person"""\r\n` +
      `paper1@example.com;;Анна Петрова;;;${s.agreements.ads};${ads.number};given;${monthAgo}T14:30:00+03:00;\r\n` +
      `;+7 900 000-00-00;;crm:42;;${s.agreements.ads};${ads.number};REFUSED;2024-12-31T23:59:59Z;by phone\r\n` +
      `old@example.com;;;;;${s.agreements.ads};${ads.number};given;2020-01-10;\r\n` +
      '\r\n';
    const res = await importCsv(csv);
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({
      imported: 4,
      given: 3,
      refused: 1,
      duplicates: 0,
      duplicateRows: [],
      firstSeq: expect.any(String),
      lastSeq: expect.any(String),
      delimiter: ';',
      evidence: { id: expect.any(Number), name: 'scan.pdf', sha256: sha256(scan), size: scan.length },
    });
    expect(BigInt(res.body.data.lastSeq) - BigInt(res.body.data.firstSeq)).toBe(BigInt(3));
    evidenceId = res.body.data.evidence.id;
    const after = await stored();
    expect(after).toEqual({ consents: before.consents + 4, personal: before.personal + 4, files: before.files + 1 });

    imported = await h.strapi.db.query(CONSENT).findMany({ where: { channel: 'import' }, orderBy: { seq: 'asc' } });
    expect(imported.map((e) => [e.action, e.agreementId, new Date(e.collectedAt).toISOString()])).toEqual([
      ['given', s.agreements.pd, '2020-01-10T00:00:00.000Z'],
      ['given', s.agreements.ads, recent.toISOString()],
      ['refused', s.agreements.ads, '2024-12-31T23:59:59.000Z'],
      ['given', s.agreements.ads, '2020-01-10T00:00:00.000Z'],
    ]);
    for (const e of imported) {
      expect(e.channel).toBe('import');
      expect(e.formKey).toBeNull();
      expect(e.recordedBy).toEqual(expect.any(Number));
      expect(Date.now() - new Date(e.recordedAt).getTime()).toBeLessThan(60_000);
      // The personal data is in the personal store, not in the event.
      // (The phone as typed or normalised: a bare "900" could be part of a hash.)
      expect(JSON.stringify(e)).not.toMatch(/paper1|Анна|\+7 900|79000000000|crm:42|Form/);
    }
    expect(imported[0].expiresAt).toBeNull();
    expect(new Date(imported[1].expiresAt).toISOString()).toBe(yearAfter(recent));
    expect(imported[2].expiresAt).toBeNull();
    expect(new Date(imported[3].expiresAt).toISOString()).toBe('2021-01-10T00:00:00.000Z');

    // collectedAt is proved: the stored hash covers it, and a changed collectedAt fails it. The
    // reference (written from the proof's specification, not the plugin's code) agrees.
    for (const e of imported) {
      expect(eventHash(e)).toBe(e.hash);
      expect(refEventHash(e)).toBe(e.hash);
      expect(refEventHash({ ...e, collectedAt: null })).not.toBe(e.hash);
    }
    expect(eventHash({ ...imported[1], collectedAt: new Date(recent.getTime() + 86_400_000) })).not.toBe(imported[1].hash);
    expect(eventHash({ ...imported[1], collectedAt: null })).not.toBe(imported[1].hash);
    // An event without it hashes as every event did before the field existed.
    const web = await h.strapi.db.query(CONSENT).findOne({ where: { channel: { $ne: 'import' } } });
    if (web) expect(refEventHash(web)).toBe(web.hash);
    const report = await verify();
    expect(report.intact).toBe(true);
    const ref = await refVerify(h.strapi);
    expect(ref).toMatchObject({ intact: true, checked: report.checked });
    expect(ref.checked).toBe((await counts(h)).consents);

    // The evidence: in the upload plugin, the bytes sent, and committed by each record's keyed hash.
    const file = await h.strapi.plugin('upload').service('upload').findOne(evidenceId);
    expect(file).toMatchObject({ name: 'scan.pdf', mime: 'application/pdf' });
    expect(sha256(fs.readFileSync(onDisk(file)))).toBe(sha256(scan));
    for (const e of imported) {
      const p = (await personalOf(h, e))!;
      expect(p.evidenceFileId).toBe(evidenceId);
      expect(p.evidenceHash).toBe(sha256(scan));
      expect(personalHashOf(p.secret, p)).toBe(e.personalHash);
      // Without the evidence hash, the keyed hash would differ: the proof commits to the file.
      expect(personalHashOf(p.secret, { ...p, evidenceHash: null })).not.toBe(e.personalHash);
    }
    expect((await personalOf(h, imported[0]))!.subject).toEqual({ email: 'paper1@example.com', name: 'Анна Петрова' });
    expect((await personalOf(h, imported[0]))!.note).toBe('Form №12; signed "in person"');
    expect((await personalOf(h, imported[2]))!.subject).toEqual({ phone: '+7 900 000-00-00', externalId: 'crm:42' });
  });

  it('shows imported consents in the log filtered by channel, with collectedAt and the evidence on the record', async () => {
    const list = await h.admin.get('/user-consent/consents?channel=import&pageSize=100');
    expect(list.status).toBe(200);
    expect(list.body.data.map((r: any) => r.id).sort()).toEqual(imported.map((e) => e.id).sort());
    expect(list.body.data.every((r: any) => r.channel === 'import' && r.collectedAt)).toBe(true);
    const web = await h.admin.get('/user-consent/consents?channel=web&pageSize=100');
    expect(web.body.data.every((r: any) => r.channel === 'web' && r.collectedAt === null)).toBe(true);
    expect((await h.admin.get('/user-consent/consents?channel=paper')).status).toBe(400);

    const detail = (await h.admin.get(`/user-consent/consents/${imported[1].id}`)).body.data;
    expect(detail.record.collectedAt).toBe(recent.toISOString());
    expect(detail.record.state).toBe('given');
    // Validity runs from when it was collected: a one-year consent of 2020 is expired however new its record.
    expect((await h.admin.get(`/user-consent/consents/${imported[3].id}`)).body.data.record.state).toBe('expired');
    expect(detail.chain.ownHashValid).toBe(true);
    expect(detail.evidence).toMatchObject({ id: evidenceId, name: 'scan.pdf', sha256: sha256(scan), matches: true });
    expect(detail.receipt.consentTimestamp).toBe(Math.floor(recent.getTime() / 1000));
    // Without the personal-data action: no evidence (the scan names the person).
    const reader = await h.adminWithActions(['plugin::user-consent.consents.read']);
    const limited = (await reader.get(`/user-consent/consents/${imported[1].id}`)).body.data;
    expect(limited.evidence).toBeUndefined();
    expect(limited.record.collectedAt).toBe(recent.toISOString());

    // The status API answers with when the consent was given, not when it was imported.
    const status = await h.strapi.plugin('user-consent').service('consent').status({ email: 'paper1@example.com', agreement: s.agreements.ads });
    expect(status).toEqual([expect.objectContaining({ state: 'given', givenAt: recent.toISOString(), expiresAt: yearAfter(recent) })]);
  });

  it('refuses a file with bad rows whole, naming each row and field, and stores nothing', async () => {
    const before = await stored();
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const csv = [
      'email,phone,version,decision,collectedAt',
      `ok@example.com,,${s.versions.pd},given,2025-01-01`,
      `a@example.com,,999999,given,2025-01-01`,
      `b@example.com,,${s.versions.pd},given,05.03.2025`,
      `c@example.com,,${s.versions.pd},given,${future}`,
      `,,${s.versions.pd},given,2025-01-01`,
      `d@example.com,,${s.versions.pd},maybe,2025-02-30`,
      `e@example.com,${s.versions.pd},given`,
    ].join('\n');
    const res = await importCsv(csv);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.message).toMatch(/^Nothing was imported: rows 3, 4, 5, 6, 7, 8 are not valid/);
    expect(res.body.error.details.rows).toEqual([3, 4, 5, 6, 7, 8]);
    const codes = res.body.error.details.errors.map((e: any) => [e.row, e.field, e.code]);
    expect(codes).toEqual(
      expect.arrayContaining([
        [3, 'version', 'unknown-version'],
        [4, 'collectedAt', 'iso-date'],
        [5, 'collectedAt', 'future-date'],
        [6, 'subject', 'identifier-required'],
        [7, 'decision', 'invalid_value'],
        [7, 'collectedAt', 'iso-date'],
        [8, null, 'cell-count'],
      ])
    );
    for (const e of res.body.error.details.errors) expect(e.path.slice(0, 2)).toEqual(['rows', String(e.row)]);
    // No value that was sent comes back (the message names fields and codes only).
    expect(JSON.stringify(res.body)).not.toMatch(/a@example|b@example|05\.03\.2025/);
    expect(await stored()).toEqual(before);

    const header = await importCsv(`email,version,decision,collectedAt,signature\nx@example.com,${s.versions.pd},given,2025-01-01,yes\n`);
    expect(header.status).toBe(400);
    expect(header.body.error.details.errors).toEqual([expect.objectContaining({ row: 1, field: 'signature', code: 'unknown-column' })]);
    const missing = await importCsv(`email,version,collectedAt\nx@example.com,${s.versions.pd},2025-01-01\n`);
    expect(missing.body.error.details.errors).toEqual([expect.objectContaining({ row: 1, field: 'decision', code: 'missing-column' })]);
    const noEvidence = await importCsv(`email,version,decision,collectedAt\nx@example.com,${s.versions.pd},given,2025-01-01\n`, null);
    expect(noEvidence.status).toBe(400);
    expect(noEvidence.body.error.details.errors).toEqual([expect.objectContaining({ field: 'evidence', code: 'evidence-required' })]);
    const cp1251 = await importCsv(Buffer.from([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0xc0, 0xed, 0xed, 0xe0, 0x0a]));
    expect(cp1251.body.error.details.errors).toEqual([expect.objectContaining({ code: 'not-utf8' })]);
    const unclosed = await importCsv(`email,version,decision,collectedAt\n"x@example.com,${s.versions.pd},given,2025-01-01\n`);
    expect(unclosed.body.error.details.errors).toEqual([expect.objectContaining({ row: 2, code: 'csv-quote' })]);
    expect(await stored()).toEqual(before);
    expect((await verify()).intact).toBe(true);
  });

  it('records one consent by hand with its evidence; refuses bad fields as a form does', async () => {
    const photo = Buffer.from(`a photo of a signed form ${crypto.randomUUID()}`);
    const send = (fields: Record<string, string>, evidence: Buffer | null = photo) => {
      let req = h.admin.post('/user-consent/imports/one');
      for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
      return evidence ? req.attach('evidence', evidence, { filename: 'form.txt', contentType: 'text/plain' }) : req;
    };
    const before = await stored();
    const bad = await send({ email: 'hand@example.com', version: String(s.versions.pd), decision: 'given', collectedAt: '2025-13-01', signature: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: any) => [e.path, e.code])).toEqual(expect.arrayContaining([[[], 'unrecognized_keys'], [['collectedAt'], 'iso-date']]));
    expect(await stored()).toEqual(before);

    const res = await send({ email: 'hand@example.com', version: String(s.versions.ads), decision: 'given', collectedAt: '2025-06-01T10:00:00Z', note: 'Recorded call #7' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ action: 'given', receipt: expect.any(String), evidence: { sha256: sha256(photo), name: 'form.txt' } });
    const detail = (await h.admin.get(`/user-consent/consents/${res.body.data.id}`)).body.data;
    expect(detail.record).toMatchObject({ channel: 'import', collectedAt: '2025-06-01T10:00:00.000Z', note: 'Recorded call #7', subject: { email: 'hand@example.com' } });
    expect(detail.evidence).toMatchObject({ sha256: sha256(photo), matches: true });
    expect(await stored()).toEqual({ consents: before.consents + 1, personal: before.personal + 1, files: before.files + 1 });
    expect((await verify()).intact).toBe(true);
  });

  it('needs the import action: 403 without it, 201 with it', async () => {
    const csv = `email,version,decision,collectedAt\nrole@example.com,${s.versions.pd},given,2025-01-01\n`;
    const without = await h.adminWithActions(['plugin::user-consent.consents.read', 'plugin::user-consent.consents.personal-data', 'plugin::user-consent.consents.withdraw']);
    const before = await stored();
    const refused = await importCsv(csv, scan, without);
    expect(refused.status).toBe(403);
    expect(refused.body.error.name).toBe('PolicyError');
    expect(await stored()).toEqual(before);
    const holder = await h.adminWithActions(['plugin::user-consent.consents.import']);
    expect((await importCsv(csv, scan, holder)).status).toBe(201);
  });

  it('an erasure removes the evidence file once no remaining record names it', async () => {
    const shared = Buffer.from(`%PDF-1.4\n% a register of two people ${crypto.randomUUID()}\n%%EOF\n`);
    const res = await importCsv(`email,version,decision,collectedAt\nfirst@example.com,${s.versions.pd},given,2025-01-01\nsecond@example.com,${s.versions.pd},given,2025-01-02\n`, shared);
    expect(res.status).toBe(201);
    const file = await h.strapi.plugin('upload').service('upload').findOne(res.body.data.evidence.id);
    expect(fs.existsSync(onDisk(file))).toBe(true);

    // The file is also the evidence of the second person's consent: it stays.
    const first = await h.admin.post('/user-consent/subjects/erasures').send({ email: 'first@example.com', reason: 'subject-request' });
    expect(first.status).toBe(201);
    expect(first.body.data.evidenceFiles).toBeUndefined();
    expect(await h.strapi.plugin('upload').service('upload').findOne(file.id)).toBeTruthy();
    const preview = await h.admin.post('/user-consent/subjects/erasures/preview').send({ email: 'second@example.com' });
    expect(preview.body.data.categories).toEqual(['email', 'evidence']);

    const second = await h.admin.post('/user-consent/subjects/erasures').send({ email: 'second@example.com', reason: 'subject-request' });
    expect(second.status).toBe(201);
    expect(second.body.data.evidenceFiles).toBe(1);
    expect(await h.strapi.plugin('upload').service('upload').findOne(file.id)).toBeNull();
    expect(fs.existsSync(onDisk(file))).toBe(false);

    // The erased consents still verify: the keyed hash that committed to the file now says nothing.
    expect((await verify()).intact).toBe(true);
    const act = await h.admin.get(`/user-consent/erasures/${second.body.data.id}`);
    expect(act.body.data.categories).toEqual(['email', 'evidence']);
  });
  it('skips rows imported before, naming them as duplicates; stores the new ones; refuses a contradiction', async () => {
    const v = s.versions.pd;
    const evidence = () => Buffer.from(`%PDF-1.4\n% a register ${crypto.randomUUID()}\n%%EOF\n`);
    const first = [
      'email,phone,name,version,decision,collectedAt,note',
      `dup@example.com,,Ivan,${v},given,2025-02-01,first`,
      // The same person (an e-mail compares without case), version, time and decision: a duplicate in the file.
      `Dup@Example.com,,Ivan I.,${v},given,2025-02-01T00:00:00Z,again`,
      `,+7 900 111-22-33,,${s.versions.ads},refused,2025-02-02T10:00:00+03:00,`,
    ].join('\n');
    const before = await stored();
    const res = await importCsv(first, evidence());
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ imported: 2, given: 1, refused: 1, duplicates: 1, duplicateRows: [3], evidence: expect.any(Object) });
    const afterFirst = await stored();
    expect(afterFirst).toEqual({ consents: before.consents + 2, personal: before.personal + 2, files: before.files + 1 });

    // The same file again: nothing stored, every row named, and its evidence not kept (200: nothing created).
    const again = await importCsv(first, evidence());
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual({ imported: 0, given: 0, refused: 0, duplicates: 3, duplicateRows: [2, 3, 4], firstSeq: null, lastSeq: null, evidence: null, delimiter: ',' });
    expect(await stored()).toEqual(afterFirst);

    // Written otherwise (the phone's format, the instant in UTC, another name and note) it is the same
    // consent; a second later, or by another identifier, it is another one.
    const mixed = [
      'email,phone,name,externalId,version,decision,collectedAt,note',
      `,+7 (900) 111 22 33,Пётр,,${s.versions.ads},refused,2025-02-02T07:00:00.000Z,copy`,
      `dup@example.com,,,,${v},given,2025-02-01T00:00:01Z,`,
      `,,,crm:dup,${v},given,2025-02-01,`,
      `dup@example.com,,,,${v},given,2025-02-01,`,
    ].join('\n');
    const third = await importCsv(mixed, evidence());
    expect(third.status).toBe(201);
    expect(third.body.data).toMatchObject({ imported: 2, duplicates: 2, duplicateRows: [2, 5] });
    const afterThird = await stored();
    expect(afterThird).toEqual({ consents: afterFirst.consents + 2, personal: afterFirst.personal + 2, files: afterFirst.files + 1 });

    // The same person, version and time with the other decision is a contradiction: the file is refused.
    const contradiction = await importCsv(`email,version,decision,collectedAt\nnew@example.com,${v},given,2025-03-01\ndup@example.com,${v},refused,2025-02-01\n`, evidence());
    expect(contradiction.status).toBe(400);
    expect(contradiction.body.error.details.rows).toEqual([3]);
    expect(contradiction.body.error.details.errors).toEqual([expect.objectContaining({ row: 3, field: 'decision', code: 'conflicting-decision' })]);
    // …and within one file as well.
    const inFile = await importCsv(`email,version,decision,collectedAt\nx1@example.com,${v},given,2025-03-01\nX1@example.com,${v},refused,2025-03-01\n`, evidence());
    expect(inFile.status).toBe(400);
    expect(inFile.body.error.details.errors).toEqual([expect.objectContaining({ row: 3, code: 'conflicting-decision' })]);
    expect(await stored()).toEqual(afterThird);

    // By hand, a consent imported already is refused (the operator is told), and no file is kept.
    let one = h.admin.post('/user-consent/imports/one');
    for (const [k, val] of Object.entries({ email: 'DUP@example.com', version: String(v), decision: 'given', collectedAt: '2025-02-01' })) one = one.field(k, val);
    const byHand = await one.attach('evidence', evidence(), { filename: 'form.pdf', contentType: 'application/pdf' });
    expect(byHand.status).toBe(400);
    expect(byHand.body.error.details.errors).toEqual([expect.objectContaining({ code: 'already-imported', path: [] })]);
    expect(await stored()).toEqual(afterThird);

    expect((await verify()).intact).toBe(true);
  });

  it('leaves no uploaded file in the OS temp directory: stored, refused by its rows, or refused by a policy', async () => {
    const unique = (what: string) => Buffer.from(`%PDF-1.4\n% ${what} ${crypto.randomUUID()}\n%%EOF\n`);
    const good = unique('stored');
    const goodCsv = Buffer.from(`email,version,decision,collectedAt\ntemp-${crypto.randomUUID()}@example.com,${s.versions.pd},given,2025-01-01\n`);
    expect((await importCsv(goodCsv, good)).status).toBe(201);
    expect(leftInTemp(good)).toEqual([]);
    expect(leftInTemp(goodCsv)).toEqual([]);

    const refused = unique('refused');
    const badCsv = Buffer.from(`email,version,decision,collectedAt\nbad-${crypto.randomUUID()}@example.com,999999,given,2025-01-01\n`);
    expect((await importCsv(badCsv, refused)).status).toBe(400);
    expect(leftInTemp(refused)).toEqual([]);
    expect(leftInTemp(badCsv)).toEqual([]);

    const forbidden = unique('forbidden');
    const reader = await h.adminWithActions(['plugin::user-consent.consents.read']);
    expect((await importCsv(goodCsv, forbidden, reader)).status).toBe(403);
    expect(leftInTemp(forbidden)).toEqual([]);
  });

  it('the whole chain, imports and erasures included, verifies with the reference verifier', async () => {
    const report = await verify();
    const ref = await refVerify(h.strapi);
    expect(ref).toMatchObject({ intact: true, checked: report.checked, firstBroken: null });
    expect(ref.checked).toBe((await counts(h)).consents);
    expect(await h.strapi.db.query(CONSENT).count({ where: { collectedAt: { $notNull: true } } })).toBeGreaterThan(10);
  });
});
