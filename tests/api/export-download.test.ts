/**
 * One-time download links for exports: the admin panel asks for a link with its authenticated
 * request, and the browser downloads the file from it (streamed to disk, not held in the page).
 * The export's options: CSV delimiter, language of headers and values, a local time zone, the typed
 * form data as columns (personal data), and XLSX with typed cells.
 */
import supertest from 'supertest';
import ExcelJS from 'exceljs';
import { binary, type Harness } from '../helpers/strapi';
import { withScenario, type Scenario } from '../helpers/scenario';
import { parseCsv } from '../helpers/csv';

const P = 'plugin::user-consent.';

describe('export download links', () => {
  let h: Harness;
  let s: Scenario;
  const server = () => h.strapi.server.httpServer;
  const download = (url: string) => binary(supertest(server()).get(url));

  withScenario((app) => ({ h, s } = app), { env: { PROXY: 'true', UC_RATE_LIMIT: 'false' } });
  beforeAll(async () => {
    for (let i = 0; i < 5; i += 1) {
      const res = await h
        .http()
        .post('/api/user-consent/forms/contact/consents')
        .set('X-Forwarded-For', `198.51.100.${i + 1}`)
        .send({
          pageUrl: 'https://site.example/contact',
          subject: { email: `person${i}@example.com`, name: 'Пётр' },
          data: { name: 'Пётр', email: `person${i}@example.com` },
          decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.ads, accepted: i % 2 === 0 }],
        });
      expect(res.status).toBe(201);
    }
  });

  it('downloads, without an admin token, exactly what the direct export gives, once', async () => {
    const issued = await h.admin.post('/user-consent/consents/export-ticket').send({ agreement: s.agreements.ads, ip: '198.51.100.' });
    expect(issued.status).toBe(201);
    const { url, expiresAt } = issued.body.data;
    expect(url).toMatch(/^\/user-consent\/consents\/export-download\?ticket=[A-Za-z0-9_-]{43}$/);
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());

    const file = await download(url);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toMatch(/text\/csv/);
    expect(file.headers['content-disposition']).toMatch(/attachment; filename="consents-.*\.csv"/);
    const direct = await binary(h.admin.post('/user-consent/consents/export').send({ agreement: s.agreements.ads, ip: '198.51.100.' }));
    const body = (file.body as Buffer).toString('utf8');
    expect(body.charCodeAt(0)).toBe(0xfeff);
    expect(body.trim().split('\n')).toHaveLength(1 + 5);
    expect(body).toContain('Пётр');
    expect(body).toBe((direct.body as Buffer).toString('utf8'));

    // Used up: the same link again is a 404 in Strapi's error shape.
    const again = await supertest(server()).get(url);
    expect(again.status).toBe(404);
    expect(again.body.error).toMatchObject({ status: 404, name: 'NotFoundError' });

    // Recorded like any export, under the admin who asked for the link.
    const logged = await h.admin.get('/user-consent/exports');
    expect(logged.body.data[0]).toMatchObject({ adminEmail: 'owner@example.com', withPersonalData: true, rows: 5, filter: { ip: '198.51.100.', agreement: s.agreements.ads } });
  });

  it('refuses unknown, malformed and expired links with a 404', async () => {
    for (const ticket of ['', 'x', 'A'.repeat(43), "'; DROP TABLE uc_export_tickets; --", 'A'.repeat(5000)]) {
      const res = await supertest(server()).get(`/user-consent/consents/export-download?ticket=${encodeURIComponent(ticket)}`);
      expect(res.status).toBe(404);
    }
    const issued = await h.admin.post('/user-consent/consents/export-ticket');
    await h.strapi.db.connection('uc_export_tickets').update({ expires_at: Date.now() - 1 });
    expect((await supertest(server()).get(issued.body.data.url)).status).toBe(404);
  });

  it('needs the export permission, and keeps a role without personal data from IP filters and personal columns', async () => {
    const reader = await h.adminWithActions([`${P}consents.read`]);
    expect((await reader.post('/user-consent/consents/export-ticket')).status).toBe(403);
    expect((await supertest(server()).post('/user-consent/consents/export-ticket')).status).toBe(401);

    const exporter = await h.adminWithActions([`${P}consents.read`, `${P}consents.export`]);
    const byIp = await exporter.post('/user-consent/consents/export-ticket').send({ ip: '198.51.100.1' });
    expect(byIp.status).toBe(403);
    const issued = await exporter.post('/user-consent/consents/export-ticket').send({ form: 'contact' });
    expect(issued.status).toBe(201);
    const file = await download(issued.body.data.url);
    expect(file.status).toBe(200);
    const header = (file.body as Buffer).toString('utf8').slice(1).split('\n')[0].split(',');
    expect(header).toContain('hash');
    expect(header).not.toContain('ip');
    expect(header).not.toContain('subjectEmail');
  });

  it('refuses a bad filter with a 400 and issues nothing', async () => {
    const before = await h.strapi.db.connection('uc_export_tickets').count({ n: '*' });
    const res = await h.admin.post('/user-consent/consents/export-ticket').send({ from: 'not-a-date' });
    expect(res.status).toBe(400);
    expect(await h.strapi.db.connection('uc_export_tickets').count({ n: '*' })).toEqual(before);
  });
  describe('options: delimiter, language, time zone, typed data, XLSX', () => {
    const HEADERS_RU = { utc: 'Дата и время (UTC)', action: 'Действие', behaviour: 'Режим флажка', opened: 'Полный текст открыт', email: 'Адрес электронной почты' };
    /** The CSV as records by header, after the BOM, split on the delimiter. */
    const records = (buf: Buffer, delimiter: string) => {
      const text = buf.toString('utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const [header, ...rows] = parseCsv(text.slice(1), delimiter).filter((r) => r.length > 1);
      for (const r of rows) expect(r).toHaveLength(header.length);
      return { header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
    };
    const exportsCount = async () => Number(Object.values((await h.strapi.db.connection('uc_export_logs').count({ n: '*' }))[0])[0]);
    const ticketsCount = async () => Number(Object.values((await h.strapi.db.connection('uc_export_tickets').count({ n: '*' }))[0])[0]);

    beforeAll(async () => {
      // Typed data a spreadsheet would take for formulas, and a delimiter inside a value.
      const res = await h
        .http()
        .post('/api/user-consent/forms/contact/consents')
        .set('X-Forwarded-For', '192.0.2.50')
        .send({
          pageUrl: 'https://site.example/contact',
          subject: { email: 'formula@example.com', name: 'Анна' },
          data: { name: '=HYPERLINK("http://evil.example","x")', email: 'formula@example.com', phone: '+7 (999) 123-45-67', comment: 'один; два, три' },
          decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.ads, accepted: false }],
        });
      expect(res.status).toBe(201);
    });

    it('writes `;`, Russian headers and Russian values for lang=ru, and keeps codes without a language', async () => {
      const res = await binary(h.admin.post('/user-consent/consents/export').send({ agreement: s.agreements.pd, lang: 'ru' }));
      expect(res.status).toBe(200);
      const { header, rows } = records(res.body, ';');
      expect(header).toEqual(expect.arrayContaining(Object.values(HEADERS_RU)));
      expect(header).not.toContain('recordedAt');
      const given = rows.filter((r) => r[HEADERS_RU.action] === 'согласие дано');
      expect(given.length).toBeGreaterThanOrEqual(6);
      expect(given[0][HEADERS_RU.behaviour]).toBe('согласие обязательно, нужно чтение полного текста');
      expect(given[0][HEADERS_RU.opened]).toBe('да');
      expect(given[0][HEADERS_RU.utc]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      // Without a language (scripts): the codes, commas and the UTC time as before.
      const plain = records((await binary(h.admin.post('/user-consent/consents/export').send({ agreement: s.agreements.pd }))).body, ',');
      expect(plain.header).toEqual(expect.arrayContaining(['recordedAt', 'action', 'behaviour']));
      expect(plain.rows[0]).toMatchObject({ action: 'given', behaviour: 'required-read', fullTextOpened: 'yes' });
      // English: commas by default, or any delimiter asked for.
      const en = records((await binary(h.admin.get(`/user-consent/consents/export?agreement=${s.agreements.pd}&lang=en&delimiter=tab`))).body, '\t');
      expect(en.rows[0]).toMatchObject({ Action: 'consent given', 'Checkbox mode': 'required, full text must be opened', 'Full text opened': 'yes' });
    });

    it('adds a column of local times in the chosen time zone beside the UTC one', async () => {
      for (const [zone, hours] of [
        ['Asia/Vladivostok', 10],
        ['Europe/Moscow', 3],
      ] as const) {
        const res = await binary(h.admin.post('/user-consent/consents/export').send({ form: 'contact', lang: 'ru', timeZone: zone }));
        expect(res.status).toBe(200);
        const { header, rows } = records(res.body, ';');
        const local = `Дата и время (${zone})`;
        expect(header.indexOf(local)).toBe(header.indexOf(HEADERS_RU.utc) + 1);
        for (const r of rows) {
          const utc = new Date(r[HEADERS_RU.utc]);
          const shifted = new Date(utc.getTime() + hours * 3600_000);
          const p = (n: number) => String(n).padStart(2, '0');
          expect(r[local]).toBe(
            `${p(shifted.getUTCDate())}.${p(shifted.getUTCMonth() + 1)}.${shifted.getUTCFullYear()} ${p(shifted.getUTCHours())}:${p(shifted.getUTCMinutes())}:${p(shifted.getUTCSeconds())}`
          );
        }
      }
      // UTC itself: no second column of the same times.
      const utc = records((await binary(h.admin.post('/user-consent/consents/export').send({ form: 'contact', lang: 'ru', timeZone: 'UTC' }))).body, ';');
      expect(utc.header.filter((c) => c.startsWith('Дата и время'))).toEqual([HEADERS_RU.utc]);
      // English writes the local time year first.
      const en = records((await binary(h.admin.post('/user-consent/consents/export').send({ form: 'contact', lang: 'en', timeZone: 'America/New_York' }))).body, ',');
      expect(en.rows[0]['Date and time (America/New_York)']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    });

    it('gives the typed form data as columns only to a role with the personal-data permission, guarded against formulas', async () => {
      const res = await binary(h.admin.post('/user-consent/consents/export').send({ form: 'contact', lang: 'ru', typedData: true }));
      expect(res.status).toBe(200);
      const { header, rows } = records(res.body, ';');
      expect(header).toEqual(expect.arrayContaining(['Поле формы «Name»', 'Поле формы «E-mail»', 'Поле формы «Phone»', 'Поле формы «Comment»', 'Другие поля формы']));
      const petr = rows.find((r) => r['Поле формы «E-mail»'] === 'person0@example.com')!;
      expect(petr['Поле формы «Name»']).toBe('Пётр');
      const anna = rows.find((r) => r['Поле формы «E-mail»'] === 'formula@example.com')!;
      // A value a spreadsheet would run as a formula starts with an apostrophe; `;` inside a value is quoted.
      expect(anna['Поле формы «Name»']).toBe(`'=HYPERLINK("http://evil.example","x")`);
      expect(anna['Поле формы «Phone»']).toBe("'+7 (999) 123-45-67");
      expect(anna['Поле формы «Comment»']).toBe('один; два, три');
      // Without the option, no typed columns.
      const without = records((await binary(h.admin.post('/user-consent/consents/export').send({ form: 'contact', lang: 'ru' }))).body, ';');
      expect(without.header.some((c) => c.startsWith('Поле формы'))).toBe(false);

      // A role without personal data: refused (403) when asked for, and never given otherwise.
      const exporter = await h.adminWithActions([`${P}consents.read`, `${P}consents.export`]);
      const before = await exportsCount();
      for (const req of [
        exporter.post('/user-consent/consents/export').send({ form: 'contact', typedData: true }),
        exporter.get('/user-consent/consents/export?form=contact&typedData=true'),
        exporter.post('/user-consent/consents/export-ticket').send({ form: 'contact', typedData: true }),
      ]) {
        const refused = await req;
        expect(refused.status).toBe(403);
        expect(refused.body.error).toMatchObject({ status: 403, name: 'PolicyError' });
      }
      expect(await exportsCount()).toBe(before);
      const theirs = records((await binary(exporter.post('/user-consent/consents/export').send({ form: 'contact', lang: 'ru' }))).body, ';');
      expect(theirs.header.some((c) => c.startsWith('Поле формы') || c === HEADERS_RU.email || c === 'IP-адрес')).toBe(false);
    });

    it('writes an XLSX with typed cells, downloaded through a ticket, and records its format', async () => {
      const issued = await h.admin
        .post('/user-consent/consents/export-ticket')
        .send({ form: 'contact', format: 'xlsx', lang: 'ru', timeZone: 'Europe/Moscow', typedData: true });
      expect(issued.status).toBe(201);
      const file = await binary(supertest(server()).get(issued.body.data.url));
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(file.headers['content-disposition']).toMatch(/attachment; filename="consents-.*\.xlsx"/);

      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file.body);
      const sheet = book.worksheets[0];
      expect(sheet.name).toBe('Согласия');
      const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
      const col = (name: string) => header.indexOf(name) + 1;
      expect(header).toEqual(expect.arrayContaining(['Номер записи', HEADERS_RU.utc, 'Дата и время (Europe/Moscow)', 'Полный текст открыт', 'Поле формы «Name»']));
      const csv = records((await binary(h.admin.post('/user-consent/consents/export').send({ form: 'contact', lang: 'ru', typedData: true }))).body, ';');
      expect(sheet.rowCount).toBe(1 + csv.rows.length);
      for (let i = 2; i <= sheet.rowCount; i += 1) {
        const row = sheet.getRow(i);
        const id = row.getCell(col('Номер записи')).value;
        expect(typeof id).toBe('number');
        const twin = csv.rows.find((r) => Number(r['Номер записи']) === id)!;
        const utc = row.getCell(col(HEADERS_RU.utc)).value as Date;
        expect(utc).toBeInstanceOf(Date);
        // Whole seconds or better: a spreadsheet keeps milliseconds only as far as a double does.
        expect(Math.abs(utc.getTime() - new Date(twin[HEADERS_RU.utc]).getTime())).toBeLessThan(2);
        const local = row.getCell(col('Дата и время (Europe/Moscow)')).value as Date;
        expect(local).toBeInstanceOf(Date);
        expect(Math.round((local.getTime() - utc.getTime()) / 60_000)).toBe(180);
        expect(typeof row.getCell(col('Полный текст открыт')).value).toBe('boolean');
        expect(row.getCell(col('Действие')).value).toBe(twin['Действие']);
        expect(typeof row.getCell(col('Номер версии')).value).toBe('number');
      }
      const anna = [...Array(sheet.rowCount - 1).keys()].map((i) => sheet.getRow(i + 2)).find((r) => r.getCell(col('Поле формы «E-mail»')).value === 'formula@example.com')!;
      // A spreadsheet cell of text is never a formula: the value stays as typed.
      expect(anna.getCell(col('Поле формы «Name»')).value).toBe('=HYPERLINK("http://evil.example","x")');
      expect(anna.getCell(col('Поле формы «Phone»')).value).toBe('+7 (999) 123-45-67');

      const logged = await h.admin.get('/user-consent/exports');
      expect(logged.body.data[1]).toMatchObject({ format: 'xlsx', withPersonalData: true, filter: { form: 'contact' } });
      expect(logged.body.data[0]).toMatchObject({ format: 'csv' });
    });

    it('refuses an unknown delimiter, format or language and an invalid time zone with a 400, and stores nothing', async () => {
      const exportsBefore = await exportsCount();
      const ticketsBefore = await ticketsCount();
      const bad = [
        { delimiter: 'pipe' },
        { delimiter: '|' },
        { timeZone: 'Mars/Olympus_Mons' },
        { timeZone: 'Europe/Moscow; DROP TABLE' },
        { format: 'pdf' },
        { lang: 'de' },
        { typedData: 'maybe' },
        { colour: 'red' },
      ];
      for (const options of bad) {
        for (const res of [
          await h.admin.post('/user-consent/consents/export').send(options),
          await h.admin.get('/user-consent/consents/export').query(options),
          await h.admin.post('/user-consent/consents/export-ticket').send(options),
        ]) {
          expect(res.status).toBe(400);
          expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
          // An unknown key is the object's error (zod names it in `keys`), an option's is at its path.
          const key = Object.keys(options)[0];
          expect(res.body.error.details.errors[0].path).toEqual(key === 'colour' ? [] : [key]);
        }
      }
      expect(await exportsCount()).toBe(exportsBefore);
      expect(await ticketsCount()).toBe(ticketsBefore);
    });
  });
});
