import { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { UIDS } from '../pluginId';
import { getService } from '../utils';
import { emailHash, phoneHash } from '../utils/subject';
import { jsonColumn } from '../events/raw-rows';
import { eventHash, ensureIndex } from '../events/chain';
import type { LogFilter, LogQuery } from '../validation/log';

type Row = Record<string, any>;

/** Sortable attributes (validation/log SORTABLE) and their columns. */
/** Sortable attributes and their columns; the IP is the personal record's (`null`: see `list`). */
const SORT_COLUMNS: Record<string, string | null> = { recordedAt: 'recorded_at', seq: 'seq', action: 'action', ip: null, formKey: 'form_key', agreementId: 'agreement_id' };

/** Columns of the CSV export, in order; the personal ones only with the personal-data action. */
const EXPORT_COLUMNS = ['id', 'seq', 'recordedAt', 'action', 'agreementId', 'agreement', 'versionId', 'versionNumber', 'formKey', 'pageUrl', 'behaviour', 'prechecked', 'fullTextOpened', 'channel', 'withdrawsId', 'receiptId', 'hash', 'prevHash'];
const EXPORT_PERSONAL_COLUMNS = ['ip', 'userAgent', 'subjectEmail', 'subjectPhone', 'subjectName', 'note'];
/**
 * Rows per keyset batch of the export: few enough that a batch dies young (a few hundred KB of CSV),
 * more over a network round trip (PostgreSQL, MySQL) than in process (SQLite).
 */
const EXPORT_BATCH = { inProcess: 500, server: 2000 };

/** A datetime as the driver hands it back (Date, epoch ms, or text on SQLite) in ISO form, as Strapi's datetime field maps it. */
const isoOf = (v: unknown) => {
  const d = v instanceof Date ? v : new Date(v as string | number);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
};
const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const DAY_MS = 86_400_000;
/**
 * `isoOf` for a stream of rows: the same text as `toISOString()`, with the date part reused while rows
 * stay on the same UTC day (an export is in seq order, so they mostly do).
 */
const isoFormatter = () => {
  let day = NaN;
  let prefix = '';
  return (v: unknown): string | null => {
    let ms = v instanceof Date ? v.getTime() : typeof v === 'number' ? v : new Date(v as string).getTime();
    // What `new Date(number)` does: out of range is invalid, a fraction is cut off.
    if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return null;
    ms = Math.trunc(ms);
    const d = Math.floor(ms / DAY_MS);
    if (d !== day) {
      const iso = new Date(d * DAY_MS).toISOString();
      prefix = iso.slice(0, iso.indexOf('T') + 1);
      day = d;
    }
    let t = ms - d * DAY_MS;
    const milli = t % 1000;
    t = (t - milli) / 1000;
    const sec = t % 60;
    t = (t - sec) / 60;
    const min = t % 60;
    return `${prefix}${PAD2[(t - min) / 60]}:${PAD2[min]}:${PAD2[sec]}.${PAD3[milli]}Z`;
  };
};
/**
 * pg's type parsers, with a faster one for `timestamp` (Strapi's datetime on PostgreSQL): the text
 * `YYYY-MM-DD HH:MM:SS[.ffffff]` becomes the same local-time Date that pg's own parser (postgres-date)
 * makes of it, without its regular expressions; anything else goes to pg's parser.
 */
const pgExportTypes = (types: { getTypeParser: (oid: number, format?: any) => (v: string) => unknown }) => {
  const TIMESTAMP = 1114;
  const fallback = types.getTypeParser(TIMESTAMP, 'text');
  const digit = (s: string, i: number) => {
    const c = s.charCodeAt(i) - 48;
    return c >= 0 && c <= 9 ? c : NaN;
  };
  const timestamp = (s: string) => {
    const n = s.length;
    if (n < 19 || n > 26 || s[4] !== '-' || s[7] !== '-' || s[10] !== ' ' || s[13] !== ':' || s[16] !== ':' || (n > 19 && (n === 20 || s[19] !== '.'))) return fallback(s);
    for (let i = 20; i < n; i += 1) if (Number.isNaN(digit(s, i))) return fallback(s);
    const year = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
    const month = digit(s, 5) * 10 + digit(s, 6);
    const day = digit(s, 8) * 10 + digit(s, 9);
    const hour = digit(s, 11) * 10 + digit(s, 12);
    const minute = digit(s, 14) * 10 + digit(s, 15);
    const second = digit(s, 17) * 10 + digit(s, 18);
    // Years 0-99 take postgres-date's own path (the Date constructor reads them as 1900-1999).
    if (!(year >= 100) || Number.isNaN(month + day + hour + minute + second)) return fallback(s);
    return new Date(year, month - 1, day, hour, minute, second, n > 19 ? 1000 * parseFloat(s.slice(19)) : 0);
  };
  return { getTypeParser: (oid: number, format?: any) => (oid === TIMESTAMP && (format ?? 'text') === 'text' ? timestamp : types.getTypeParser(oid, format)) };
};
/** A boolean column as Strapi maps it: 0/1 on SQLite and MySQL, true/false on PostgreSQL. */
const boolOf = (v: unknown) => (typeof v === 'boolean' ? v : v == null ? null : String(v) === '1' ? true : String(v) === '0' ? false : null);

/** Fields that must be quoted in CSV (RFC 4180): a quote, a comma, CR or LF. */
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTES = /"/g;
/** One CSV field: strings as they are (quoted when needed, quotes doubled), numbers as digits, null empty. */
const cell = (v: unknown): string => {
  let s: string;
  if (typeof v === 'string') s = v;
  else if (v == null) return '';
  else if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  else if (typeof v === 'boolean') return v ? 'yes' : 'no';
  else if (v instanceof Date) return String(v.getTime());
  else s = JSON.stringify(v);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(QUOTES, '""')}"` : s;
};

/** Indexes on what the log filters and sorts by, so it stays fast with millions of records. */
const INDEXES: [string, string[]][] = [
  ['recorded_at', ['recorded_at']],
  ['agreement_recorded', ['agreement_id', 'recorded_at']],
  ['version', ['version_id']],
  ['form_recorded', ['form_key', 'recorded_at']],
  ['action_recorded', ['action', 'recorded_at']],
  ['personal', ['personal_id']],
  ['receipt', ['receipt_id']],
  ['withdraws', ['withdraws_id']],
];

const log = ({ strapi }: { strapi: Core.Strapi }) => {
  const consents = () => strapi.db.query(UIDS.consent);
  const knex = (): Knex => strapi.db.connection;
  const client = strapi.db.dialect.client as string;
  const consentTable = () => strapi.db.metadata.get(UIDS.consent).tableName;
  const agreementTable = () => strapi.db.metadata.get(UIDS.agreement).tableName;
  const personalTable = () => strapi.db.metadata.get(UIDS.personal).tableName;

  /**
   * Applies the filters to a knex query on the consent table (columns in snake case, as Strapi names
   * them). The same conditions the query engine used to build, written so that each one can use its index.
   */
  const applyFilter = (qb: Knex.QueryBuilder, f: LogFilter) => {
    const t = consentTable();
    const c = (column: string) => `${t}.${column}`;
    if (f.from) qb.where(c('recorded_at'), '>=', new Date(f.from));
    if (f.to) qb.where(c('recorded_at'), '<=', new Date(f.to));
    if (f.agreement) qb.where(c('agreement_id'), f.agreement);
    if (f.version) qb.where(c('version_id'), f.version);
    if (f.form) qb.where(c('form_key'), f.form);
    if (f.action) qb.where(c('action'), f.action);
    // IP and subject live in the personal store: the events of the personal records that match.
    if (f.ip) qb.whereIn(c('personal_id'), ipFilter(knex()(personalTable()).select('id'), f.ip));
    if (f.subject) {
      const s = f.subject.trim();
      const sub = knex()(personalTable()).select('id');
      if (s.includes('@')) sub.where('email_hash', emailHash(s) as string);
      else sub.where('phone_hash', phoneHash(s) as string);
      qb.whereIn(c('personal_id'), sub);
    }
    if (f.pageUrl) {
      // Contains, in any case, LIKE wildcards in the input taken literally (as Strapi's $containsi).
      const pattern = `%${f.pageUrl.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      // SQLite's LIKE ignores ASCII case (and its lower() folds ASCII only); ILIKE lowers both sides on
      // PostgreSQL; MySQL keeps Strapi's form (its LIKE would also ignore accents under *_ai_ci).
      if (client === 'sqlite') qb.whereRaw(`${c('page_url')} LIKE ? ESCAPE '\\'`, [pattern]);
      else if (client === 'postgres') qb.whereRaw(`${c('page_url')} ILIKE ?`, [pattern]);
      else qb.whereRaw(`LOWER(${c('page_url')}) LIKE LOWER(?)`, [pattern]);
    }
    return qb;
  };

  /** The IP condition on a query of the personal store. */
  const ipFilter = (qb: Knex.QueryBuilder, value: string) => {
    // Addresses are stored as Node reports them: IPv6 hex in lower case. A prefix ends in "." or ":"
    // or carries a trailing "*".
    const ip = value.toLowerCase();
    const prefix = ip.endsWith('*') ? ip.slice(0, -1) : /[.:]$/.test(ip) ? ip : null;
    if (prefix === null) {
      if (client === 'postgres') qb.whereRaw('ip COLLATE "C" = ?', [ip]);
      else qb.where('ip', ip);
    } else if (prefix === '') {
      qb.whereNotNull('ip');
    } else if (client === 'mysql') {
      // A prefix LIKE is an index range on MySQL (its *_ci collations do not order "." "/" ":" ";"
      // by code point, so a hand-made range would not be one).
      qb.where('ip', 'like', `${prefix}%`);
    } else {
      // A prefix as a range, so the index is searched instead of walked: every value that starts with
      // the prefix lies in [prefix, prefix with its last character + 1). Code-point order: SQLite's
      // default BINARY collation, and the "C" collation (with its own index) on PostgreSQL.
      const upper = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
      if (client === 'postgres') qb.whereRaw('ip COLLATE "C" >= ? AND ip COLLATE "C" < ?', [prefix, upper]);
      else qb.where('ip', '>=', prefix).andWhere('ip', '<', upper);
    }
    return qb;
  };

  /** Names of the given agreements (one small indexed query). */
  const agreementNames = async (ids: unknown[]) => {
    const unique = [...new Set(ids)].filter((id) => id != null) as number[];
    const rows: Row[] = unique.length ? await knex()(agreementTable()).select('id', 'name').whereIn('id', unique) : [];
    return new Map<unknown, string>(rows.map((r) => [Number(r.id), r.name as string]));
  };

  return {
    async ensureIndexes() {
      const table = strapi.db.metadata.get(UIDS.consent).tableName;
      for (const [name, cols] of INDEXES) {
        await ensureIndex(strapi.db.connection, strapi.db.dialect.client, table, `${table}_${name}_idx`, cols);
      }
    },

    async list(q: LogQuery, { personal }: { personal: boolean }) {
      if (!personal && (q.ip || q.subject)) {
        throw new errors.PolicyError('Filtering by IP or subject needs the "Read personal data" permission.');
      }
      const k = knex();
      const table = consentTable();
      // The IP lives in the personal store: sorting by it joins the records (an erased one sorts as no IP).
      const byIp = q.sort === 'ip';
      const peopleTable = personalTable();
      const sortColumn = byIp ? `${peopleTable}.ip` : `${table}.${SORT_COLUMNS[q.sort] ?? 'recorded_at'}`;
      const columns = ['id', 'seq', 'recorded_at', 'action', 'agreement_id', 'version_id', 'version_number', 'form_key', 'page_url', 'channel', 'withdraws_id', 'receipt_id', 'personal_id'];
      const base = byIp ? k(table).leftJoin(peopleTable, `${peopleTable}.id`, `${table}.personal_id`) : k(table);
      const select = applyFilter(base.select(columns.map((col) => `${table}.${col}`)), q)
        .orderBy([{ column: sortColumn, order: q.order }, ...(sortColumn === `${table}.seq` ? [] : [{ column: `${table}.seq`, order: q.order }])])
        .offset((q.page - 1) * q.pageSize)
        .limit(q.pageSize);
      const count = applyFilter(k(table).count({ count: '*' }), q);
      const [rows, counted] = await Promise.all([
        select.then(async (found: Row[]) => ({
          found,
          names: await agreementNames(found.map((r) => r.agreement_id)),
          // The personal records of the page; one that is gone was erased (verification tells an
          // erasure from a removal).
          people: await getService('personal', strapi).byIds(found.map((r) => r.personal_id)),
        })),
        count,
      ]);
      const total = Number((counted as Row[])[0]?.count ?? 0);
      const { found, names, people } = rows;
      return {
        data: found.map((r: Row) => ({
          id: r.id,
          seq: String(r.seq),
          recordedAt: isoOf(r.recorded_at),
          action: r.action,
          agreementId: r.agreement_id,
          versionId: r.version_id,
          versionNumber: r.version_number,
          formKey: r.form_key,
          pageUrl: r.page_url,
          ip: personal ? people.get(Number(r.personal_id))?.ip ?? null : null,
          subject: personal ? people.get(Number(r.personal_id))?.subject ?? null : null,
          erased: r.personal_id != null && !people.has(Number(r.personal_id)),
          channel: r.channel,
          withdrawsId: r.withdraws_id,
          receiptId: r.receipt_id,
          agreementName: names.get(Number(r.agreement_id)) ?? null,
        })),
        meta: {
          pagination: { page: q.page, pageSize: q.pageSize, pageCount: Math.ceil(total / q.pageSize), total },
          personalData: personal,
        },
      };
    },

    async detail(id: number, { personal }: { personal: boolean }) {
      const row: Row | null = await consents().findOne({ where: { id } });
      if (!row) throw new errors.NotFoundError('Consent record not found');
      const people = getService('personal', strapi);
      const [version, agreement, withdrawals, withdraws, own] = await Promise.all([
        strapi.db.query(UIDS.agreementVersion).findOne({ where: { id: row.versionId } }),
        strapi.db.query(UIDS.agreement).findOne({ where: { id: row.agreementId }, select: ['id', 'name', 'template', 'type'] }),
        consents().findMany({ where: { withdrawsId: row.id }, orderBy: { seq: 'asc' } }),
        row.withdrawsId ? consents().findOne({ where: { id: row.withdrawsId }, select: ['id', 'seq', 'action', 'receiptId', 'recordedAt'] }) : null,
        people.byId(row.personalId),
      ]);
      const theirs = personal ? await people.byIds(withdrawals.map((w: Row) => w.personalId)) : new Map<number, Row>();
      const erasure = row.personalId && !own ? await people.erasureOf(row.personalId) : null;
      const previous = BigInt(row.seq) > BigInt(1) ? await consents().findOne({ where: { seq: String(BigInt(row.seq) - BigInt(1)) }, select: ['id', 'hash'] }) : null;
      const next = await consents().findOne({ where: { seq: String(BigInt(row.seq) + BigInt(1)) }, select: ['id', 'prevHash'] });
      const { tokenHash: _t, ...visible } = row;
      // A receipt belongs to a decision (given or refused), not to a withdrawal or an erasure.
      const receipt = row.action === 'given' || row.action === 'refused' ? await getService('receipt', strapi).build(row) : null;
      return {
        record: {
          ...visible,
          seq: String(row.seq),
          ip: personal ? own?.ip ?? null : null,
          userAgent: personal ? own?.userAgent ?? null : null,
          subject: personal ? own?.subject ?? null : null,
          note: personal ? own?.note ?? null : null,
          pageQuery: personal ? own?.pageQuery ?? null : null,
          personal: { erased: Boolean(row.personalId && !own), erasureId: erasure?.id ?? null, erasedAt: erasure?.erasedAt ?? null },
        },
        agreement,
        version: version ? { ...version, agreement: version.agreementId } : null,
        expressed: { behaviour: row.behaviour, prechecked: Boolean(row.prechecked), fullTextOpened: Boolean(row.fullTextOpened), channel: row.channel },
        receipt: receipt && !personal ? { ...receipt, piiPrincipalId: null, principal: null } : receipt,
        withdrawals: withdrawals.map((w: Row) => {
          const p = theirs.get(Number(w.personalId));
          return { id: w.id, seq: String(w.seq), recordedAt: w.recordedAt, channel: w.channel, note: p?.note ?? null, recordedBy: w.recordedBy, receiptId: w.receiptId, ip: p?.ip ?? null };
        }),
        withdraws,
        chain: {
          seq: String(row.seq),
          hash: row.hash,
          prevHash: row.prevHash,
          ownHashValid: eventHash(row) === row.hash,
          linksToPrevious: previous ? previous.hash === row.prevHash : BigInt(row.seq) === BigInt(1),
          previousId: previous?.id ?? null,
          nextId: next?.id ?? null,
          linkedFromNext: next ? next.prevHash === row.hash : null,
        },
        submission: personal ? (own?.data ? { formKey: row.formKey, data: own.data, receivedAt: own.collectedAt } : null) : undefined,
        personalData: personal,
      };
    },

    /**
     * Streams the filtered log as CSV (UTF-8 with BOM, so Excel opens Cyrillic correctly). Rows are read
     * with knex in keyset batches by seq (the connection is free between batches, so the app keeps
     * serving), each batch is formatted by hand into one Buffer and pushed only when the consumer has
     * taken the previous ones: memory stays flat whatever the size. The export itself is recorded: who,
     * when, which filter, how many rows.
     */
    async exportCsv(filter: LogFilter, who: { id: number | null; email: string | null }, { personal }: { personal: boolean }) {
      if (!personal && (filter.ip || filter.subject)) {
        throw new errors.PolicyError('Filtering by IP or subject needs the "Read personal data" permission.');
      }
      const entry = await strapi.db.query(UIDS.exportLog).create({
        data: { adminId: who.id, adminEmail: who.email, filter, withPersonalData: personal },
      });
      const k = knex();
      const table = consentTable();
      const names = new Map<unknown, string>();
      const header = [...EXPORT_COLUMNS, ...(personal ? EXPORT_PERSONAL_COLUMNS : [])].join(',');
      // The personal columns come from the personal store (a left join: an erased record gives nulls).
      const people = personalTable();
      const select = [
        ...['id', 'seq', 'recorded_at', 'action', 'agreement_id', 'version_id', 'version_number', 'form_key', 'page_url', 'behaviour', 'prechecked', 'full_text_opened', 'channel', 'withdraws_id', 'receipt_id', 'hash', 'prev_hash'].map((col) => `${table}.${col}`),
        ...(personal ? ['ip', 'user_agent', 'subject', 'note'].map((col) => `${people}.${col}`) : []),
      ];
      const from = () => (personal ? k(table).leftJoin(people, `${people}.id`, `${table}.personal_id`) : k(table)).select(select);
      // A datetime that does not parse comes out as Strapi's null did through `new Date(null)`.
      const EPOCH = new Date(0).toISOString();
      const yesNo = (v: unknown) => (boolOf(v) ? 'yes' : 'no');
      const iso = isoFormatter();

      // Rows come as arrays in the order of `select` (no object per row: the drivers build arrays faster).
      const line = (r: unknown[]) => {
        let out = `${cell(r[0])},${cell(String(r[1]))},${iso(r[2]) ?? EPOCH},${cell(r[3])},${cell(r[4])},${cell(names.get(Number(r[4])) ?? '')},${cell(r[5])},${cell(r[6])},${cell(r[7])},${cell(r[8])},${cell(r[9])},${yesNo(r[10])},${yesNo(r[11])},${cell(r[12])},${cell(r[13])},${cell(r[14])},${cell(r[15])},${cell(r[16])}`;
        if (personal) {
          const subject = jsonColumn(r[19]);
          out += `,${cell(r[17])},${cell(r[18])},${cell(subject?.email ?? '')},${cell(subject?.phone ?? '')},${cell(subject?.name ?? '')},${cell(r[20])}`;
        }
        return `${out}\n`;
      };
      /**
       * One batch as arrays, through the drivers' array modes (pg rowMode, mysql2 rowsAsArray,
       * better-sqlite3 raw): no object per row. The statement is built once; only the last seq changes.
       */
      const driver = (k.client as any).driverName as string;
      const batchSize = driver === 'better-sqlite3' ? EXPORT_BATCH.inProcess : EXPORT_BATCH.server;
      const LAST = '\u0000last-seq';
      const compiled = applyFilter(from(), filter).where(`${table}.seq`, '>', LAST).orderBy(`${table}.seq`, 'asc').limit(batchSize).toSQL();
      // The seq condition comes after every filter, so its binding is the last one equal to LAST.
      const lastAt = compiled.bindings.lastIndexOf(LAST);
      const bindingsFor = (seq: unknown) => compiled.bindings.map((b, i) => (i === lastAt ? seq : b)) as Knex.RawBinding[];
      const statements = new WeakMap<object, any>();
      const pgTypes = driver === 'pg' ? pgExportTypes((k.client as any).driver.types) : undefined;
      const fetchBatch = async (seq: unknown): Promise<unknown[][]> => {
        if (driver === 'pg') return (await k.raw(compiled.sql, bindingsFor(seq)).options({ rowMode: 'array', types: pgTypes })).rows;
        if (driver === 'mysql2' || driver === 'mysql') return (await k.raw(compiled.sql, bindingsFor(seq)).options({ rowsAsArray: true }))[0];
        if (driver === 'better-sqlite3') {
          // knex's better-sqlite3 client has no array mode: the statement runs on a pooled connection,
          // held for this batch only, with the bindings as knex would pass them.
          const conn = await (k.client as any).acquireConnection();
          try {
            let statement = statements.get(conn);
            if (!statement) statements.set(conn, (statement = conn.prepare(compiled.toNative().sql).raw(true)));
            return statement.all(bindingsFor(seq).map((b) => (b instanceof Date ? b.valueOf() : typeof b === 'boolean' ? Number(b) : b)));
          } finally {
            await (k.client as any).releaseConnection(conn);
          }
        }
        const rows: Row[] = await applyFilter(from(), filter).where(`${table}.seq`, '>', seq as any).orderBy(`${table}.seq`, 'asc').limit(batchSize);
        return rows.map((r) => select.map((c) => r[c.slice(c.indexOf('.') + 1)]));
      };

      let last: unknown = 0;
      let count = 0;
      let started = false;
      let done = false;
      let finished = false;
      let busy = false;
      let prefetched: Promise<unknown[][]> | null = null;
      // better-sqlite3 reads in this thread: nothing would overlap.
      const prefetch = driver !== 'better-sqlite3';
      /** The next piece of the file: the BOM and header, then one batch of rows; null at the end. */
      let capacity = 256 * 1024;
      const next = async (): Promise<Buffer | string | null> => {
        if (!started) {
          started = true;
          return `\uFEFF${header}\n`;
        }
        if (!done) {
          const batch = await (prefetched ?? fetchBatch(last));
          prefetched = null;
          if (batch.length < batchSize) done = true;
          else if (prefetch) {
            // The database reads the next batch while this one is formatted (it runs in another process).
            prefetched = fetchBatch(batch[batch.length - 1][1]);
            prefetched.catch(() => {}); // awaited at the next call; a stream destroyed meanwhile drops it
          }
          if (batch.length) {
            let missing: number[] | null = null;
            for (const r of batch) {
              const id = Number(r[4]);
              if (!names.has(id)) (missing ??= []).push(id);
            }
            if (missing) {
              const found = await agreementNames(missing);
              // An agreement that is gone is looked up once, and exported with an empty name as before.
              for (const id of missing) names.set(id, found.get(id) ?? '');
            }
            // Each line goes straight into the batch's Buffer, so it is garbage as soon as it is written.
            let chunk = Buffer.allocUnsafeSlow(capacity);
            let used = 0;
            for (const r of batch) {
              const text = line(r);
              if (used + text.length * 3 > chunk.length) {
                capacity = Math.max(capacity * 2, used + text.length * 3);
                const bigger = Buffer.allocUnsafeSlow(capacity);
                chunk.copy(bigger, 0, 0, used);
                chunk = bigger;
              }
              used += chunk.write(text, used);
            }
            count += batch.length;
            last = batch[batch.length - 1][1];
            return used === chunk.length ? chunk : chunk.subarray(0, used);
          }
        }
        if (!finished) {
          finished = true;
          // Recorded before the last byte goes out, so the log is complete when the download is.
          await strapi.db.query(UIDS.exportLog).update({ where: { id: entry.id }, data: { rows: count, finishedAt: new Date() } });
        }
        return null;
      };

      const stream = new Readable({
        // A few batches may wait for the socket (about 400 KB each), so the next is read meanwhile.
        highWaterMark: 1024 * 1024,
        read() {
          if (busy) return;
          busy = true;
          const pump = async () => {
            // Keep pushing while the consumer wants more; stop when it is full, gone or at the end.
            for (;;) {
              if (this.destroyed) return;
              const piece = await next();
              if (this.destroyed) return;
              if (piece === null) {
                this.push(null);
                return;
              }
              if (!this.push(piece)) return;
            }
          };
          pump().then(
            () => {
              busy = false;
            },
            (e) => this.destroy(e)
          );
        },
      });
      return { stream, exportId: entry.id };
    },

    async exports({ page, pageSize }: { page: number; pageSize: number }, { personal }: { personal: boolean }) {
      const [rows, total] = await Promise.all([
        strapi.db.query(UIDS.exportLog).findMany({ orderBy: { id: 'desc' }, offset: (page - 1) * pageSize, limit: pageSize }),
        strapi.db.query(UIDS.exportLog).count({}),
      ]);
      // The filters of past exports may name an IP or a subject: shown only with the personal-data action.
      const data = rows.map((r: Row) =>
        personal || !r.filter ? r : { ...r, filter: { ...r.filter, ...(r.filter.ip ? { ip: '[hidden]' } : {}), ...(r.filter.subject ? { subject: '[hidden]' } : {}) } }
      );
      return { data, meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } } };
    },
  };
};

export default log;
