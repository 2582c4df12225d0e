/**
 * The CSV export on PostgreSQL through COPY: the same file, byte for byte, as the keyset batches
 * write it, on 100,000 generated records (with awkward values: delimiters, quotes, line breaks,
 * formulas, Cyrillic, missing agreements and personal records, erased subjects, other form fields,
 * times around daylight-saving changes and with microseconds), with and without the personal columns,
 * in English, Russian and without a language, with local times and typed data, under filters. On
 * SQLite and MariaDB the export keeps its batches and gives the same file as before.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { binary, type Harness } from '../helpers/strapi';
import { withScenario, type Scenario } from '../helpers/scenario';
import { exportOptions } from '../../server/src/services/log/export';
import type { ExportRequestOptions, LogFilter } from '../../server/src/validation/log';

const CLIENT = process.env.DATABASE_CLIENT || 'sqlite';
const PG = CLIENT === 'postgres';
const GENERATED = PG ? 100_000 : 10_000;
const WHO = { id: null, email: 'script@example.com' };

/** Strings a CSV writer can get wrong. */
const AWKWARD = [
  'plain',
  'comma, inside',
  'semi;colon',
  'tab\tinside',
  'quote " inside',
  '"quoted"',
  'line\nbreak',
  'carriage\rreturn',
  '=SUM(A1)',
  '+7 900 000-00-00',
  '-minus',
  '@at',
  '\tleading tab',
  '\rleading cr',
  'Пётр Иванович',
  'emoji 😀',
  '',
  ' spaced ',
  "it's",
  'back\\slash',
  'ctrl\u0001char',
];

describe('CSV export through COPY on PostgreSQL', () => {
  let h: Harness;
  let s: Scenario;
  withScenario((app) => ({ h, s } = app), {
    env: { PROXY: 'true', UC_RATE_LIMIT: 'false' },
    timeout: 600_000,
  });

  const service = () => h.strapi.plugin('user-consent').service('log');
  const read = async (stream: NodeJS.ReadableStream) => {
    const chunks: Buffer[] = [];
    for await (const c of stream as AsyncIterable<Buffer | string>) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
    return Buffer.concat(chunks);
  };
  /** One export through the service: the path it took and its bytes. */
  const run = async (filter: LogFilter, personal: boolean, options: ExportRequestOptions, via?: 'batches') => {
    const out = await service().exportLog(filter, WHO, { personal }, exportOptions(options), via ? { via } : {});
    return { ...out, body: await read(out.stream) };
  };
  /** Where two files part, for a readable failure. */
  const firstDifference = (a: Buffer, b: Buffer) => {
    const la = a.toString('utf8').split('\n');
    const lb = b.toString('utf8').split('\n');
    for (let i = 0; i < Math.max(la.length, lb.length); i += 1) if (la[i] !== lb[i]) return { line: i, batches: la[i], copy: lb[i] };
    return null;
  };

  /**
   * Rows into a PostgreSQL table with COPY … FROM STDIN (text format): times as ISO text in UTC (which a
   * timestamp column reads as such), JSON columns as their JSON text, null as \N.
   */
  const copyInto = async (table: string, rows: Record<string, unknown>[]) => {
    if (!rows.length) return;
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { from: copyFrom } = require('pg-copy-streams');
    const columns = Object.keys(rows[0]);
    const cell = (v: unknown) => {
      if (v === null || v === undefined) return '\\N';
      const text = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
      return text.replace(/[\\\n\r\t]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] as string);
    };
    function* lines() {
      for (let i = 0; i < rows.length; i += 1000) {
        yield rows
          .slice(i, i + 1000)
          .map((r) => `${columns.map((c) => cell(r[c])).join('\t')}\n`)
          .join('');
      }
    }
    const knexClient = h.strapi.db.connection.client as any;
    const conn = await knexClient.acquireConnection();
    try {
      const sql = `COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
      await pipeline(Readable.from(lines()), conn.query(copyFrom(sql)));
    } finally {
      await knexClient.releaseConnection(conn);
    }
  };

  beforeAll(async () => {
    // A few consents through the public API (real hashes, real personal records).
    for (let i = 0; i < 6; i += 1) {
      const res = await h
        .http()
        .post('/api/user-consent/forms/contact/consents')
        .set('X-Forwarded-For', i % 2 ? `198.51.100.${i + 1}` : `2001:db8::${i + 1}`)
        .send({
          pageUrl: `https://site.example/contact?x=${i}`,
          subject: {
            email: `person${i}@example.com`,
            name: AWKWARD[i + 4],
            phone: '+7 900 123-45-6' + i,
          },
          data: {
            name: AWKWARD[i + 8],
            email: `person${i}@example.com`,
            comment: AWKWARD[(i * 3) % AWKWARD.length],
            phone: '+7 900 000-00-0' + i,
          },
          decisions: [
            { version: s.versions.pd, accepted: true, fullTextOpened: true },
            { version: s.versions.ads, accepted: i % 2 === 0 },
          ],
        });
      if (res.status !== 201) throw new Error(`capture ${i}: ${res.status} ${JSON.stringify(res.body)}`);
    }

    // Then the generated records, written straight into the tables in batches (as the bench loader does).
    const knex = h.strapi.db.connection;
    const consents = h.strapi.db.metadata.get('plugin::user-consent.consent').tableName;
    const people = h.strapi.db.metadata.get('plugin::user-consent.personal').tableName;
    const maxSeq = Number((await knex(consents).max({ m: 'seq' }).first())?.m ?? 0);
    const maxPerson = Number((await knex(people).max({ m: 'id' }).first())?.m ?? 0);
    const agreements = [s.agreements.pd, s.agreements.ads, s.agreements.loyalty, null, 987654];
    const actions = ['given', 'refused', 'withdrawn', 'erased', 'expired', 'requested', 'confirmed'];
    const behaviours = ['required-prechecked', 'required-read', 'optional-prechecked', 'optional-unchecked', null, 'unknown-mode', ''];
    const channels = ['web', 'api', 'admin', 'import', null, '=odd'];
    const forms = ['contact', 'all-modes', 'shop', null, 'other,form'];
    // Times over seven years, with some right at New York's and Moscow's changes of offset.
    const start = Date.UTC(2019, 0, 1);
    const span = Date.UTC(2026, 5, 1) - start;
    const edges = [Date.UTC(2021, 2, 14, 7, 0, 0), Date.UTC(2021, 10, 7, 6, 0, 0), Date.UTC(2011, 2, 26, 23, 0, 0), Date.UTC(2014, 9, 25, 22, 0, 0)];
    const timeOf = (i: number) => {
      if (i % 50 === 0) return new Date(edges[(i / 50) % edges.length] + ((i % 3) - 1) * 999);
      return new Date(start + Math.floor((i * span) / GENERATED) + (i % 1000));
    };
    const pick = <T>(list: T[], i: number) => list[i % list.length];
    // A JSON column's value: a JSON value in PostgreSQL's recordset, text for the others.
    const jsonCell = (v: unknown) => (v == null ? null : PG ? v : JSON.stringify(v));
    let person = maxPerson;
    const BATCH = 1000;
    const allRecords: Record<string, unknown>[] = [];
    const allEvents: Record<string, unknown>[] = [];
    for (let from = 0; from < GENERATED; from += BATCH) {
      const events: Record<string, unknown>[] = [];
      const records: Record<string, unknown>[] = [];
      for (let i = from; i < Math.min(from + BATCH, GENERATED); i += 1) {
        const at = timeOf(i);
        let personalId: number | null = null;
        if (i % 7 !== 3) {
          person += 1;
          personalId = person;
          const erased = i % 11 === 5;
          const data: Record<string, string | null> = {
            name: pick(AWKWARD, i),
            email: `g${i}@example.com`,
          };
          if (i % 3 === 0) data.comment = pick(AWKWARD, i * 7);
          if (i % 5 === 0)
            Object.assign(data, {
              b: 'x',
              a: pick(AWKWARD, i + 1),
              '10': 'ten',
              '2': 'two',
              'x,y': '"z"',
              nothing: null,
            });
          if (i % 17 === 0) data.phone = null;
          // A "__proto__" key, as JSON.parse keeps it (an object literal would not).
          const dataJson = i % 13 === 0 ? JSON.stringify(data).replace(/^\{/, '{"__proto__":"proto",') : JSON.stringify(data);
          records.push({
            id: personalId,
            document_id: `gen${i}`,
            created_at: at,
            updated_at: at,
            secret: 's'.repeat(64),
            subject: erased
              ? null
              : JSON.stringify(
                  i % 9 === 0
                    ? { email: `g${i}@example.com` }
                    : {
                        email: `g${i}@example.com`,
                        phone: pick(AWKWARD, i + 9),
                        name: pick(AWKWARD, i + 2),
                      }
                ),
            ip: i % 4 === 0 ? `2001:db8::${(i % 65536).toString(16)}` : `10.${i % 256}.${(i >> 8) % 256}.${i % 200}`,
            user_agent: erased ? null : pick(AWKWARD, i + 5),
            data: erased || i % 10 === 9 ? null : dataJson,
            note: i % 23 === 0 ? pick(AWKWARD, i) : null,
          });
        }
        events.push({
          document_id: `ev${i}`,
          created_at: at,
          updated_at: at,
          seq: maxSeq + 1 + i,
          action: pick(actions, i),
          agreement_id: pick(agreements, i),
          version_id: i % 9 === 0 ? null : s.versions.pd,
          version_number: (i % 4) + 1,
          form_key: pick(forms, i),
          page_url: `https://shop${i % 20}.example/${pick(AWKWARD, i + 3)}`,
          behaviour: pick(behaviours, i),
          prechecked: i % 3 === 0 ? null : i % 3 === 1,
          full_text_opened: i % 2 === 0,
          channel: pick(channels, i),
          withdraws_id: i % 8 === 2 ? i : null,
          receipt_id: `r-${i}`,
          hash: `h${i}`.padEnd(64, '0'),
          prev_hash: i % 1000 === 0 ? null : `h${i - 1}`.padEnd(64, '0'),
          // Microseconds on PostgreSQL, which Strapi never writes but the column holds: the batch path cuts them off.
          recorded_at: PG && i % 97 === 0 ? at.toISOString().replace('Z', '987') : at,
          collected_at: i % 19 === 0 ? new Date(at.getTime() - 86_400_000 * 30 - 123) : null,
          personal_id: personalId,
          // The proof fields in JSON: channels ticked (none, too), categories in no order, captions shown.
          choices: jsonCell(
            i % 6 === 1
              ? { channels: i % 12 === 1 ? ['email', 'sms'] : [] }
              : i % 6 === 4
                ? { categories: i % 12 === 4 ? { photo: false, 'full-name': true, hobby: true, 'x,"y"': false } : {} }
                : null
          ),
          data_shown: jsonCell(i % 5 === 2 ? [pick(AWKWARD, i), 'Телефон', pick(AWKWARD, i + 1)] : i % 25 === 7 ? [] : null),
        });
      }
      // SQLite's compound SELECT (knex's multi-row insert there) takes at most 500 rows.
      const chunk = CLIENT === 'sqlite' ? 250 : BATCH;
      const insert = async (table: string, rows: Record<string, unknown>[]) => {
        if (!rows.length) return;
        // PostgreSQL: kept for one COPY per table after the loop.
        if (PG) (table === people ? allRecords : allEvents).push(...rows);
        else for (let j = 0; j < rows.length; j += chunk) await knex(table).insert(rows.slice(j, j + chunk));
      };
      await insert(people, records);
      await insert(consents, events);
    }
    if (PG) {
      // One COPY FROM STDIN per table (the consents' insert trigger fires as for any insert): the same
      // rows as a batched INSERT would write, in seconds rather than a minute.
      await copyInto(people, allRecords);
      await copyInto(consents, allEvents);
      await knex.raw(`SELECT setval(pg_get_serial_sequence(?, 'id'), (SELECT max(id) FROM ??))`, [people, people]);
    }
  }, 600_000);

  /** Two years around New York's change of 2021 and Moscow's of 2011 and 2014: a part of the records. */
  const SOME = { from: '2020-06-01T00:00:00.000Z', to: '2022-06-01T00:00:00.000Z' };
  const cases: { name: string; filter: LogFilter | (() => LogFilter); personal: boolean; options: ExportRequestOptions; all?: boolean }[] = [
    // Every record, twice: the bench's export (codes, personal columns) and the one with every option.
    { name: 'every record: codes, commas, personal columns', filter: {}, personal: true, options: {}, all: true },
    { name: 'every record: Russian, semicolons, Moscow time, typed data', filter: {}, personal: true, options: { lang: 'ru', timeZone: 'Europe/Moscow', typedData: true }, all: true },
    { name: 'without the personal columns', filter: SOME, personal: false, options: {} },
    {
      name: 'English, tabs, New York time, typed data of one form',
      filter: { ...SOME, form: 'contact' },
      personal: true,
      options: { lang: 'en', delimiter: 'tab', timeZone: 'America/New_York', typedData: true },
    },
    { name: 'English without personal data, a UTC zone', filter: SOME, personal: false, options: { lang: 'en', timeZone: 'UTC' } },
    { name: 'Russian with Moscow time before 2014', filter: { to: '2014-12-31T00:00:00.000Z' }, personal: true, options: { lang: 'ru', timeZone: 'Europe/Moscow' } },
    {
      name: 'filters: time range, action, page URL, channel',
      filter: { from: '2021-01-01T00:00:00.000Z', to: '2024-06-30T12:00:00.000Z', action: 'refused', channel: 'web', pageUrl: "IT'S" },
      personal: true,
      options: { lang: 'ru' },
    },
    { name: 'filters: IP prefix, state', filter: { ...SOME, ip: '10.1.', state: 'given' }, personal: true, options: { delimiter: 'semicolon' } },
    { name: 'filters: exact IPv6 address, agreement', filter: () => ({ ip: '2001:db8::5', agreement: s.agreements.ads }), personal: true, options: {} },
    { name: 'filters: subject', filter: { subject: 'person2@example.com' }, personal: true, options: { lang: 'en', typedData: true } },
  ];
  /** The file of every record with every option, as the batches wrote it (for the route's test below). */
  let everything: Buffer | null = null;

  it.each(cases.map((c) => [c.name, c] as const))(
    '%s: the same file on both paths',
    async (_name, c) => {
      const filter = typeof c.filter === 'function' ? c.filter() : c.filter;
      const batches = await run(filter, c.personal, c.options, 'batches');
      const auto = await run(filter, c.personal, c.options);
      expect(batches.via).toBe('batches');
      expect(auto.via).toBe(PG ? 'copy' : 'batches');
      expect(firstDifference(batches.body, auto.body)).toBeNull();
      expect(auto.body.equals(batches.body)).toBe(true);
      // Both exports recorded with their row counts.
      const logs = await h.strapi.db.query('plugin::user-consent.export-log').findMany({ where: { id: { $in: [batches.exportId, auto.exportId] } } });
      expect(logs).toHaveLength(2);
      expect(logs[0].rows).toBe(logs[1].rows);
      expect(logs[0].rows).toBeGreaterThan(0);
      if (c.all) expect(logs[0].rows).toBe(GENERATED + 12);
      for (const l of logs) expect(l).toMatchObject({ adminEmail: WHO.email, withPersonalData: c.personal, format: 'csv', finishedAt: expect.anything() });
      if (c.options.typedData && c.all) everything = batches.body;
    },
    600_000
  );

  it('serves the same file through the admin route', async () => {
    const res = await binary(h.admin.post('/user-consent/consents/export').send({ lang: 'ru', typedData: true, timeZone: 'Europe/Moscow' }));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(everything).not.toBeNull();
    expect((res.body as Buffer).equals(everything as Buffer)).toBe(true);
    const logged = await h.strapi.db.query('plugin::user-consent.export-log').findOne({ where: { id: Number(res.headers['x-export-id']) } });
    expect(logged).toMatchObject({ rows: GENERATED + 12, withPersonalData: true, format: 'csv', adminEmail: 'owner@example.com' });
  }, 600_000);

  it('gives the connection back when the download stops half-way, and exports again', async () => {
    const first = await service().exportLog({}, WHO, { personal: true }, exportOptions({}));
    await new Promise<void>((resolve, reject) => {
      first.stream.once('data', () => {
        first.stream.destroy();
        resolve();
      });
      first.stream.once('error', reject);
    });
    await new Promise((resolve) => first.stream.once('close', resolve));
    // The pool serves every following export: more of them than it has connections.
    const max = h.strapi.db.connection.client.pool.max;
    for (let i = 0; i < max + 2; i += 1) {
      const again = await run({ subject: 'person1@example.com' }, true, {});
      expect(again.via).toBe(PG ? 'copy' : 'batches');
      expect(again.body.toString('utf8').split('\n')).toHaveLength(1 + 2 + 1);
    }
    if (PG) {
      // No COPY of ours is left running on the server.
      const dbName = h.strapi.db.connection.client.config.connection.database;
      let running = 1;
      for (let attempt = 0; attempt < 100 && running > 0; attempt += 1) {
        const r = await h.strapi.db.connection.raw(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = ? AND query LIKE 'COPY (%' AND state = 'active'`, [dbName]);
        running = r.rows[0].n;
        if (running) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(running).toBe(0);
    }
  }, 600_000);

  it('takes the batches on PostgreSQL for personal JSON that is not an object of strings, the same file', async () => {
    if (!PG) return;
    const knex = h.strapi.db.connection;
    const people = h.strapi.db.metadata.get('plugin::user-consent.personal').tableName;
    const events = h.strapi.db.metadata.get('plugin::user-consent.consent').tableName;
    // A personal record no exported record names does not matter: COPY still.
    await knex(people).insert({ document_id: 'odd', secret: 'x', subject: JSON.stringify({ email: 5 }) });
    expect((await run(SOME, true, {})).via).toBe('copy');
    // A subject whose e-mail is a number, of a record in the export (last in this file: it stays).
    const inRange = await knex(events).whereNotNull('personal_id').where('recorded_at', '>=', new Date(SOME.from)).where('recorded_at', '<', new Date(SOME.to)).first('personal_id');
    await knex(people).where({ id: inRange.personal_id }).update({ subject: JSON.stringify({ email: 5 }) });
    const batches = await run(SOME, true, {}, 'batches');
    const out = await run(SOME, true, {});
    expect(out).toMatchObject({ via: 'batches', fallback: 'personal JSON other than an object of strings' });
    expect(out.body.equals(batches.body)).toBe(true);
    // Without the personal columns the JSON is not read: COPY still.
    expect((await run(SOME, false, {})).via).toBe('copy');
  }, 600_000);
});
