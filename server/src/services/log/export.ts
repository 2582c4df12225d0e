import { Readable } from 'node:stream';
import type { Knex } from 'knex';
import { UIDS } from '../../pluginId';
import { jsonColumn } from '../../events/raw-rows';
import type { LogFilter } from '../../validation/log';
import { boolOf, cell, isoFormatter, pgExportTypes } from './format';
import { assertPersonalFilter, type LogQueries } from './query';

type Row = Record<string, any>;

/**
 * The CSV export's columns, in order: each names its header, the table and column it is read from, and
 * how its value is written. The header, the SELECT and each line are all derived from this one list.
 * `personal` columns come from the personal store (a left join: an erased record gives empty cells) and
 * only for a role with the personal-data action.
 */
interface ExportField {
  header: string;
  from: 'event' | 'person';
  column: string;
  personal?: boolean;
  /** The cell's text from the column's value (`ctx` holds what a line needs besides its row). */
  text: (value: unknown, ctx: LineContext) => string;
}

interface LineContext {
  names: Map<unknown, string>;
  iso: (v: unknown) => string | null;
  subject: (raw: unknown) => Record<string, any> | null;
}

/** A datetime that does not parse comes out as Strapi's null did through `new Date(null)`. */
const EPOCH = new Date(0).toISOString();
const plain = (v: unknown) => cell(v);
const yesNo = (v: unknown) => (boolOf(v) ? 'yes' : 'no');
const event = (header: string, column: string, text: ExportField['text'] = plain): ExportField => ({ header, from: 'event', column, text });
const person = (header: string, column: string, text: ExportField['text'] = plain): ExportField => ({ header, from: 'person', column, text, personal: true });
const subjectField = (key: string) => (v: unknown, ctx: LineContext) => cell(ctx.subject(v)?.[key] ?? '');

export const EXPORT_FIELDS: ExportField[] = [
  event('id', 'id'),
  event('seq', 'seq', (v) => cell(String(v))),
  event('recordedAt', 'recorded_at', (v, ctx) => ctx.iso(v) ?? EPOCH),
  event('action', 'action'),
  event('agreementId', 'agreement_id'),
  event('agreement', 'agreement_id', (v, ctx) => cell(ctx.names.get(Number(v)) ?? '')),
  event('versionId', 'version_id'),
  event('versionNumber', 'version_number'),
  event('formKey', 'form_key'),
  event('pageUrl', 'page_url'),
  event('behaviour', 'behaviour'),
  event('prechecked', 'prechecked', yesNo),
  event('fullTextOpened', 'full_text_opened', yesNo),
  event('channel', 'channel'),
  event('withdrawsId', 'withdraws_id'),
  event('receiptId', 'receipt_id'),
  event('hash', 'hash'),
  event('prevHash', 'prev_hash'),
  // A consent collected elsewhere: when it was given (empty for the others).
  event('collectedAt', 'collected_at', (v, ctx) => (v == null ? '' : ctx.iso(v) ?? '')),
  person('ip', 'ip'),
  person('userAgent', 'user_agent'),
  person('subjectEmail', 'subject', subjectField('email')),
  person('subjectPhone', 'subject', subjectField('phone')),
  person('subjectName', 'subject', subjectField('name')),
  person('note', 'note'),
];

/** The header, the selected columns (each once) and, per field, where its value is in a row. */
export const exportLayout = (personal: boolean, tables: { event: string; person: string }) => {
  const fields = EXPORT_FIELDS.filter((f) => personal || !f.personal);
  const select: string[] = [];
  const at = fields.map((f) => {
    const qualified = `${f.from === 'event' ? tables.event : tables.person}.${f.column}`;
    let i = select.indexOf(qualified);
    if (i < 0) i = select.push(qualified) - 1;
    return i;
  });
  const position = (column: string) => select.indexOf(`${tables.event}.${column}`);
  return { fields, select, at, header: fields.map((f) => f.header).join(','), seqAt: position('seq'), agreementAt: position('agreement_id') };
};

/**
 * Rows per keyset batch of the export: few enough that a batch dies young (a few hundred KB of CSV),
 * more over a network round trip (PostgreSQL, MySQL) than in process (SQLite).
 */
const EXPORT_BATCH = { inProcess: 500, server: 2000 };

export const logExports = (strapi: any, { knex, consentTable, personalTable, applyFilter, agreementNames }: LogQueries) => ({
    /**
     * Streams the filtered log as CSV (UTF-8 with BOM, so Excel opens Cyrillic correctly). Rows are read
     * with knex in keyset batches by seq (the connection is free between batches, so the app keeps
     * serving), each batch is formatted by hand into one Buffer and pushed only when the consumer has
     * taken the previous ones: memory stays flat whatever the size. The export itself is recorded: who,
     * when, which filter, how many rows.
     */
    async exportCsv(filter: LogFilter, who: { id: number | null; email: string | null }, { personal }: { personal: boolean }) {
      assertPersonalFilter(filter, personal);
      const entry = await strapi.db.query(UIDS.exportLog).create({
        data: { adminId: who.id, adminEmail: who.email, filter, withPersonalData: personal },
      });
      const k = knex();
      const table = consentTable();
      const names = new Map<unknown, string>();
      // The personal columns come from the personal store (a left join: an erased record gives nulls).
      const people = personalTable();
      const layout = exportLayout(personal, { event: table, person: people });
      const { header, select, fields, at, seqAt, agreementAt } = layout;
      const from = () => (personal ? k(table).leftJoin(people, `${people}.id`, `${table}.personal_id`) : k(table)).select(select);
      // The subject's JSON is parsed once per row however many columns read it.
      let lastRaw: unknown;
      let lastSubject: Record<string, any> | null = null;
      const ctx: LineContext = {
        names,
        iso: isoFormatter(),
        subject: (raw) => {
          if (raw !== lastRaw) {
            lastRaw = raw;
            lastSubject = raw == null ? null : jsonColumn(raw);
          }
          return lastSubject;
        },
      };
      // Rows come as arrays in the order of `select` (no object per row: the drivers build arrays faster).
      const last = fields.length - 1;
      const line = (r: unknown[]) => {
        let out = '';
        for (let i = 0; i < last; i += 1) out += `${fields[i].text(r[at[i]], ctx)},`;
        return `${out}${fields[last].text(r[at[last]], ctx)}\n`;
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

      let lastSeq: unknown = 0;
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
          const batch = await (prefetched ?? fetchBatch(lastSeq));
          prefetched = null;
          if (batch.length < batchSize) done = true;
          else if (prefetch) {
            // The database reads the next batch while this one is formatted (it runs in another process).
            prefetched = fetchBatch(batch[batch.length - 1][seqAt]);
            prefetched.catch(() => {}); // awaited at the next call; a stream destroyed meanwhile drops it
          }
          if (batch.length) {
            let missing: number[] | null = null;
            for (const r of batch) {
              const id = Number(r[agreementAt]);
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
            lastSeq = batch[batch.length - 1][seqAt];
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
});
