import { PassThrough, Readable } from 'node:stream';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { UIDS } from '../../pluginId';
import { jsonColumn } from '../../events/raw-rows';
import { canonicalJson } from '../../utils/hash';
import type { LogFilter, ExportRequestOptions } from '../../validation/log';
import { DEFAULT_DELIMITER, EXPORT_DELIMITERS, type ExportFormat, type ExportLang } from '../../../../shared/contracts/constants';
import { boolOf, cell, csvCell, isoFormatter, pgExportTypes, wallClockText, zoneOffset } from './format';
import { CODE_LABELS, YES_NO, headerOf } from './labels';
import { assertPersonalFilter, type LogQueries } from './query';
import { pgCopyExport } from './export-copy';

type Row = Record<string, any>;

/** How the file is written, resolved from the request's options. */
export interface ExportOptions {
  format: ExportFormat;
  /** The CSV delimiter itself. */
  delimiter: string;
  /** null: headers are the columns' codes and values stay codes (what scripts read). */
  lang: ExportLang | null;
  /** An IANA zone: a column of local times beside the UTC one. */
  timeZone: string | null;
  /** The typed form data as columns (personal data). */
  typedData: boolean;
}

export const exportOptions = (o: ExportRequestOptions = {}): ExportOptions => ({
  format: o.format ?? 'csv',
  delimiter: EXPORT_DELIMITERS[o.delimiter ?? (o.lang ? DEFAULT_DELIMITER[o.lang] : 'comma')],
  lang: o.lang ?? null,
  timeZone: o.timeZone ?? null,
  typedData: Boolean(o.typedData),
});

/** Typed form data is personal: its columns, like the personal filters, need the personal-data action. */
export const assertExportOptions = (o: ExportOptions, personal: boolean) => {
  if (o.typedData && !personal) throw new errors.PolicyError('Exporting what was typed into forms needs the "Read personal data" permission.');
};

/** What a column holds, which decides its CSV text and its XLSX cell type. */
export type Kind = 'plain' | 'int' | 'seq' | 'utc' | 'when' | 'local' | 'bool' | 'code' | 'agreement' | 'subject' | 'data' | 'dataOther' | 'json';

/**
 * The export's columns, in order: each names its code (the header without a language), the table and
 * column it is read from, and what it holds. The header, the SELECT and each line are all derived from
 * this one list. `personal` columns come from the personal store (a left join: an erased record gives
 * empty cells) and only for a role with the personal-data action.
 */
export interface ExportField {
  key: string;
  from: 'event' | 'person';
  column: string;
  personal?: boolean;
  kind: Kind;
  /** The subject's key, the code table, or the typed field's name. */
  arg?: string;
  /** Blanks of the header (the zone, the field's label). */
  values?: Record<string, string>;
}

/** A typed form field that gets a column: its name in the data and its label on the form. */
export interface TypedColumn {
  name: string;
  label: string;
}

interface LineContext {
  names: Map<unknown, string>;
  iso: (v: unknown) => string | null;
  subject: (raw: unknown) => Record<string, any> | null;
  data: (raw: unknown) => Record<string, any> | null;
  offset: (ms: number) => number;
}

/** A datetime that does not parse comes out as Strapi's null did through `new Date(null)`. */
const EPOCH = new Date(0).toISOString();
const event = (key: string, column: string, kind: Kind = 'plain', arg?: string): ExportField => ({ key, from: 'event', column, kind, arg });
const person = (key: string, column: string, kind: Kind = 'plain', arg?: string): ExportField => ({ key, from: 'person', column, kind, arg, personal: true });

export const EXPORT_FIELDS: ExportField[] = [
  event('id', 'id', 'int'),
  event('seq', 'seq', 'seq'),
  event('recordedAt', 'recorded_at', 'utc'),
  event('action', 'action', 'code', 'action'),
  event('agreementId', 'agreement_id', 'int'),
  event('agreement', 'agreement_id', 'agreement'),
  event('versionId', 'version_id', 'int'),
  event('versionNumber', 'version_number', 'int'),
  event('formKey', 'form_key'),
  event('pageUrl', 'page_url'),
  event('behaviour', 'behaviour', 'code', 'behaviour'),
  event('prechecked', 'prechecked', 'bool'),
  event('fullTextOpened', 'full_text_opened', 'bool'),
  event('channel', 'channel', 'code', 'channel'),
  event('withdrawsId', 'withdraws_id', 'int'),
  event('receiptId', 'receipt_id'),
  event('hash', 'hash'),
  event('prevHash', 'prev_hash'),
  // A consent collected elsewhere: when it was given (empty for the others).
  event('collectedAt', 'collected_at', 'when'),
  // Proof fields some decisions have, as canonical JSON (keys sorted, no spaces): the channels ticked or
  // the categories allowed, and the captions of the form's fields the text listed (empty for the others).
  event('choices', 'choices', 'json'),
  event('dataShown', 'data_shown', 'json'),
  person('ip', 'ip'),
  person('userAgent', 'user_agent'),
  person('subjectEmail', 'subject', 'subject', 'email'),
  person('subjectPhone', 'subject', 'subject', 'phone'),
  person('subjectName', 'subject', 'subject', 'name'),
  person('note', 'note'),
];

/**
 * The columns (with a local-time column after the UTC one for a zone, and the typed data's after the
 * note), the selected columns (each once) and, per field, where its value is in a row.
 */
export const exportLayout = (
  personal: boolean,
  tables: { event: string; person: string },
  extra: { timeZone?: string | null; typed?: TypedColumn[] | null } = {}
) => {
  const fields = EXPORT_FIELDS.filter((f) => personal || !f.personal);
  // UTC itself needs no second column.
  if (extra.timeZone && extra.timeZone !== 'UTC') {
    const utc = fields.findIndex((f) => f.key === 'recordedAt');
    fields.splice(utc + 1, 0, { key: 'recordedAtLocal', from: 'event', column: 'recorded_at', kind: 'local', values: { zone: extra.timeZone } });
  }
  if (personal && extra.typed) {
    for (const t of extra.typed) fields.push({ key: `data.${t.name}`, from: 'person', column: 'data', kind: 'data', arg: t.name, personal: true, values: { label: t.label } });
    fields.push({ key: 'dataOther', from: 'person', column: 'data', kind: 'dataOther', personal: true });
  }
  const select: string[] = [];
  const at = fields.map((f) => {
    const qualified = `${f.from === 'event' ? tables.event : tables.person}.${f.column}`;
    let i = select.indexOf(qualified);
    if (i < 0) i = select.push(qualified) - 1;
    return i;
  });
  const position = (column: string) => select.indexOf(`${tables.event}.${column}`);
  return { fields, select, at, header: fields.map((f) => f.key).join(','), seqAt: position('seq'), agreementAt: position('agreement_id') };
};

/** The header of a column in a language (its code without one). */
const fieldHeader = (f: ExportField, lang: ExportLang | null) => (f.kind === 'data' && !lang ? f.key : headerOf(f.kind === 'data' ? 'data' : f.key, lang, f.values));

const msOf = (v: unknown): number | null => {
  if (v == null) return null;
  const ms = v instanceof Date ? v.getTime() : typeof v === 'number' ? v : new Date(v as string).getTime();
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? Math.trunc(ms) : null;
};

/** What the form data holds beyond the columns, as JSON (null when nothing). */
const otherData = (data: Record<string, any> | null, known: Set<string>) => {
  if (!data || typeof data !== 'object') return null;
  let rest: Record<string, unknown> | null = null;
  for (const [k, v] of Object.entries(data)) if (!known.has(k)) (rest ??= {})[k] = v;
  return rest ? JSON.stringify(rest) : null;
};

/**
 * Per column, its CSV text and its XLSX value (string, number, boolean, Date or null) from the
 * column's raw value. Without a language the CSV texts are the codes and ISO times, as they always were.
 */
const converters = (fields: ExportField[], o: ExportOptions) => {
  const text = csvCell(o.delimiter, o.lang !== null);
  const yesNo = o.lang ? YES_NO[o.lang] : { yes: 'yes', no: 'no' };
  const wall = wallClockText(o.lang);
  const known = new Set(fields.filter((f) => f.kind === 'data').map((f) => f.arg as string));
  const label = (table: string | undefined, v: unknown) => (o.lang && v != null && v !== '' ? CODE_LABELS[o.lang][table as 'action'][String(v)] ?? v : v);
  const scalar = (v: unknown) => (v == null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? (v ?? null) : JSON.stringify(v));
  return fields.map((f) => {
    switch (f.kind) {
      case 'int':
        return { text: (v: unknown) => text(v), value: (v: unknown) => (v == null ? null : Number(v)) };
      case 'seq':
        return { text: (v: unknown) => text(String(v)), value: (v: unknown) => Number(v) };
      case 'utc':
        return {
          text: (v: unknown, ctx: LineContext) => ctx.iso(v) ?? EPOCH,
          value: (v: unknown) => {
            const ms = msOf(v);
            return ms === null ? null : new Date(ms);
          },
        };
      // A time only some rows have (a consent collected elsewhere): empty for the others.
      case 'when':
        return {
          text: (v: unknown, ctx: LineContext) => (v == null ? '' : ctx.iso(v) ?? ''),
          value: (v: unknown) => {
            const ms = msOf(v);
            return ms === null ? null : new Date(ms);
          },
        };
      case 'local': {
        const shifted = (v: unknown, ctx: LineContext) => {
          const ms = msOf(v);
          return ms === null ? null : new Date(ms + ctx.offset(ms));
        };
        return {
          text: (v: unknown, ctx: LineContext) => {
            const d = shifted(v, ctx);
            return d ? wall(d) : '';
          },
          value: shifted,
        };
      }
      case 'bool':
        return { text: (v: unknown) => (boolOf(v) ? yesNo.yes : yesNo.no), value: (v: unknown) => boolOf(v) };
      case 'code':
        return { text: (v: unknown) => text(label(f.arg, v)), value: (v: unknown) => scalar(label(f.arg, v)) };
      case 'agreement':
        return {
          text: (v: unknown, ctx: LineContext) => text(ctx.names.get(Number(v)) ?? ''),
          value: (v: unknown, ctx: LineContext) => ctx.names.get(Number(v)) ?? null,
        };
      case 'subject':
        return {
          text: (v: unknown, ctx: LineContext) => text(ctx.subject(v)?.[f.arg as string] ?? ''),
          value: (v: unknown, ctx: LineContext) => scalar(ctx.subject(v)?.[f.arg as string]),
        };
      case 'data':
        return {
          text: (v: unknown, ctx: LineContext) => text(ctx.data(v)?.[f.arg as string] ?? ''),
          value: (v: unknown, ctx: LineContext) => scalar(ctx.data(v)?.[f.arg as string]),
        };
      case 'dataOther':
        return {
          text: (v: unknown, ctx: LineContext) => text(otherData(ctx.data(v), known) ?? ''),
          value: (v: unknown, ctx: LineContext) => otherData(ctx.data(v), known),
        };
      case 'json': {
        const json = (v: unknown) => (v == null ? null : canonicalJson(jsonColumn(v)));
        return { text: (v: unknown) => text(json(v) ?? ''), value: json };
      }
      default:
        return { text: (v: unknown) => text(v), value: scalar };
    }
  });
};

/** The column types of the XLSX: how exceljs writes each kind, and a width to open with. */
const XLSX_COLUMN: Record<Kind, { numFmt?: string; width: number }> = {
  plain: { width: 24 },
  int: { numFmt: '0', width: 12 },
  seq: { numFmt: '0', width: 12 },
  utc: { numFmt: 'yyyy-mm-dd hh:mm:ss', width: 20 },
  when: { numFmt: 'yyyy-mm-dd hh:mm:ss', width: 20 },
  local: { numFmt: 'yyyy-mm-dd hh:mm:ss', width: 20 },
  bool: { width: 10 },
  code: { width: 24 },
  agreement: { width: 36 },
  subject: { width: 28 },
  data: { width: 24 },
  dataOther: { width: 36 },
  json: { width: 36 },
};
const XLSX_DATE_RU = 'dd.mm.yyyy hh:mm:ss';

/**
 * Rows per keyset batch of the export: few enough that a batch dies young (a few hundred KB of CSV),
 * more over a network round trip (PostgreSQL, MySQL) than in process (SQLite). The XLSX takes fewer:
 * exceljs makes several objects per cell, and a batch's rows that outlive a young-generation
 * collection pile up in the old one until a full collection (1,000,000 rows on PostgreSQL: RSS +169 MB
 * with 2,000 rows per batch, +92 MB with 250, and faster).
 */
const EXPORT_BATCH = { inProcess: 500, server: 2000, xlsx: 250 };

/**
 * How far the XLSX writing may run ahead of the zip: exceljs's sheet stream hands its 64 KB chunks to
 * the zip's compressor without waiting, so the export waits instead while this much is uncompressed.
 */
const XLSX_BACKLOG = 1024 * 1024;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const logExports = (strapi: any, q: LogQueries) => {
  const { knex, consentTable, personalTable, applyFilter, prepareFilter, agreementNames } = q;
  /** The typed fields that get columns: the filtered form's, or every form's; by name, the first label kept. */
  const typedColumns = async (filter: LogFilter): Promise<TypedColumn[]> => {
    const forms: Row[] = await strapi.db.query(UIDS.form).findMany({ where: filter.form ? { key: filter.form } : {}, select: ['fields'], orderBy: { id: 'asc' } });
    const labels = new Map<string, string>();
    for (const form of forms) {
      for (const field of Array.isArray(form.fields) ? form.fields : []) {
        if (typeof field?.name === 'string' && !labels.has(field.name)) labels.set(field.name, String(field.label || field.name));
      }
    }
    return [...labels].map(([name, label]) => ({ name, label }));
  };

  /**
   * Opens an export: checks what the role may take, records the export (who, when, which filter, the
   * format), and gives its columns and a reader of its rows. Rows are read with knex in keyset batches
   * by seq (the connection is free between batches, so the app keeps serving).
   */
  const open = async (filter: LogFilter, who: { id: number | null; email: string | null }, personal: boolean, o: ExportOptions) => {
    assertPersonalFilter(filter, personal);
    assertExportOptions(o, personal);
    const typed = o.typedData ? await typedColumns(filter) : null;
    const entry = await strapi.db.query(UIDS.exportLog).create({
      data: { adminId: who.id, adminEmail: who.email, filter, withPersonalData: personal, format: o.format },
    });
    const k = knex();
    const table = consentTable();
    const prepared = await prepareFilter(filter);
    const names = new Map<unknown, string>();
    // The personal columns come from the personal store (a left join: an erased record gives nulls).
    const people = personalTable();
    const layout = exportLayout(personal, { event: table, person: people }, { timeZone: o.timeZone, typed });
    const { select, seqAt, agreementAt } = layout;
    const from = () => (personal ? k(table).leftJoin(people, `${people}.id`, `${table}.personal_id`) : k(table)).select(select);
    // The subject's and the form data's JSON are parsed once per row however many columns read them.
    const once = () => {
      let lastRaw: unknown;
      let last: Record<string, any> | null = null;
      return (raw: unknown) => {
        if (raw !== lastRaw) {
          lastRaw = raw;
          last = raw == null ? null : jsonColumn(raw);
        }
        return last;
      };
    };
    const ctx: LineContext = { names, iso: isoFormatter(), subject: once(), data: once(), offset: o.timeZone ? zoneOffset(o.timeZone) : () => 0 };

    /**
     * One batch as arrays, through the drivers' array modes (pg rowMode, mysql2 rowsAsArray,
     * better-sqlite3 raw): no object per row. The statement is built once; only the last seq changes.
     */
    const driver = (k.client as any).driverName as string;
    const batchSize = o.format === 'xlsx' ? EXPORT_BATCH.xlsx : driver === 'better-sqlite3' ? EXPORT_BATCH.inProcess : EXPORT_BATCH.server;
    const LAST = '\u0000last-seq';
    const compiled = applyFilter(from(), prepared).where(`${table}.seq`, '>', LAST).orderBy(`${table}.seq`, 'asc').limit(batchSize).toSQL();
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
      const rows: Row[] = await applyFilter(from(), prepared).where(`${table}.seq`, '>', seq as any).orderBy(`${table}.seq`, 'asc').limit(batchSize);
      return rows.map((r) => select.map((c) => r[c.slice(c.indexOf('.') + 1)]));
    };

    let lastSeq: unknown = 0;
    let count = 0;
    let done = false;
    let prefetched: Promise<unknown[][]> | null = null;
    // better-sqlite3 reads in this thread: nothing would overlap.
    const prefetch = driver !== 'better-sqlite3';
    /** The next batch of rows, its agreements' names known; null at the end. */
    const nextBatch = async (): Promise<unknown[][] | null> => {
      if (done) return null;
      const batch = await (prefetched ?? fetchBatch(lastSeq));
      prefetched = null;
      if (batch.length < batchSize) done = true;
      else if (prefetch) {
        // The database reads the next batch while this one is formatted (it runs in another process).
        prefetched = fetchBatch(batch[batch.length - 1][seqAt]);
        prefetched.catch(() => {}); // awaited at the next call; a stream destroyed meanwhile drops it
      }
      if (!batch.length) return null;
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
      count += batch.length;
      lastSeq = batch[batch.length - 1][seqAt];
      return batch;
    };
    /** Recorded before the file's last bytes go out, so the log is complete when the download is. */
    const finish = (rows: number = count) => strapi.db.query(UIDS.exportLog).update({ where: { id: entry.id }, data: { rows, finishedAt: new Date() } });
    return { entry, layout, ctx, nextBatch, finish, filter: prepared };
  };

  type Opened = Awaited<ReturnType<typeof open>>;

  /** The CSV's first piece: the BOM (so Excel opens Cyrillic correctly) and the header line. */
  const csvHead = (fields: ExportField[], o: ExportOptions) => {
    const headerCell = csvCell(o.delimiter, o.lang !== null);
    return `\uFEFF${fields.map((f) => headerCell(fieldHeader(f, o.lang))).join(o.delimiter)}\n`;
  };

  /**
   * The CSV (UTF-8 with BOM, so Excel opens Cyrillic correctly): each batch is formatted by hand into
   * one Buffer and pushed only when the consumer has taken the previous ones, so memory stays flat
   * whatever the size.
   */
  const csvStream = ({ layout: { fields, at }, ctx, nextBatch, finish }: Opened, o: ExportOptions) => {
    const conv = converters(fields, o);
    const texts = conv.map((c) => c.text);
    const sep = o.delimiter;
    // Rows come as arrays in the order of `select` (no object per row: the drivers build arrays faster).
    const last = fields.length - 1;
    const line = (r: unknown[]) => {
      let out = '';
      for (let i = 0; i < last; i += 1) out += `${texts[i](r[at[i]], ctx)}${sep}`;
      return `${out}${texts[last](r[at[last]], ctx)}\n`;
    };
    let started = false;
    let finished = false;
    let busy = false;
    let capacity = 256 * 1024;
    /** The next piece of the file: the BOM and header, then one batch of rows; null at the end. */
    const next = async (): Promise<Buffer | string | null> => {
      if (!started) {
        started = true;
        return csvHead(fields, o);
      }
      const batch = await nextBatch();
      if (batch) {
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
        return used === chunk.length ? chunk : chunk.subarray(0, used);
      }
      if (!finished) {
        finished = true;
        await finish();
      }
      return null;
    };

    return new Readable({
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
  };

  /**
   * The XLSX, through exceljs's streaming writer: each row is committed (written into the zip) as it
   * is added, and the next batch is read only once the file's stream has taken what was written, so
   * memory stays flat for a million rows. Cells are typed: numbers, booleans, dates (UTC, and the
   * local column as wall-clock time in its zone; a spreadsheet's dates have no zone).
   */
  const xlsxStream = ({ layout: { fields, at }, ctx, nextBatch, finish }: Opened, o: ExportOptions) => {
    const out = new PassThrough({ highWaterMark: 1024 * 1024 });
    const conv = converters(fields, o);
    const values = conv.map((c) => c.value);
    const write = async () => {
      // Loaded on the first XLSX export only: the app starts without it.
      const mod: any = await import('exceljs');
      const ExcelJS = mod.stream ? mod : mod.default;
      const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
      const sheet = book.addWorksheet(o.lang === 'ru' ? 'Согласия' : 'Consents', { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = fields.map((f, i) => {
        const shape = XLSX_COLUMN[f.kind];
        const numFmt = (f.kind === 'utc' || f.kind === 'when' || f.kind === 'local') && o.lang === 'ru' ? XLSX_DATE_RU : shape.numFmt;
        return { header: fieldHeader(f, o.lang), key: String(i), width: shape.width, ...(numFmt ? { style: { numFmt } } : {}) };
      });
      /** What the sheet has written that the zip's compressor has not taken yet (exceljs internals, read only). */
      const backlog = () => {
        const own = (sheet as any).stream;
        let bytes = 0;
        // The zip reads it through a readable-stream PassThrough, whose state has no writableLength getter.
        for (const pipe of own?.pipes ?? []) bytes += pipe._writableState?.length ?? pipe.writableLength ?? 0;
        // Until the zip takes the sheet's stream, the stream keeps what it is given.
        if (own && !own.pipes?.length) bytes += (own.buffers?.length ?? 0) * 65536;
        return bytes;
      };
      const head = sheet.getRow(1);
      head.font = { bold: true };
      head.commit();
      const n = fields.length;
      for (;;) {
        if (out.destroyed) return;
        const batch = await nextBatch();
        if (out.destroyed) return;
        if (!batch) break;
        for (const r of batch) {
          const cells = new Array(n);
          for (let i = 0; i < n; i += 1) cells[i] = values[i](r[at[i]], ctx);
          sheet.addRow(cells).commit();
        }
        // The zip is written as the rows are committed: wait while the compressor or the download is behind.
        await new Promise((resolve) => setImmediate(resolve));
        while (!out.destroyed && (out.writableNeedDrain || backlog() > XLSX_BACKLOG)) await pause(5);
      }
      await finish();
      sheet.commit();
      await book.commit();
    };
    write().catch((e) => out.destroy(e));
    return out;
  };

  const copy = pgCopyExport(strapi, q);

  return {
    /**
     * Streams the filtered log as CSV or XLSX; the export itself is recorded: who, when, which
     * filter, which format, how many rows. On PostgreSQL the CSV comes from one COPY (export-copy.ts),
     * the same file at the database's speed, unless that cannot write this export exactly (`fallback`
     * says why) or `via: 'batches'` asks for the keyset batches (the tests compare the two).
     */
    async exportLog(
      filter: LogFilter,
      who: { id: number | null; email: string | null },
      { personal }: { personal: boolean },
      options: ExportOptions = exportOptions(),
      { via }: { via?: 'batches' } = {}
    ) {
      const opened = await open(filter, who, personal, options);
      const id = opened.entry.id;
      if (options.format === 'xlsx') return { stream: xlsxStream(opened, options), exportId: id, via: 'batches' as const };
      if (via !== 'batches' && q.client === 'postgres') {
        // A plan that fails (a catalog query, say) costs the speed, not the export.
        const plan = await copy.plan(opened.filter, personal, opened.layout.fields, options).catch((e: Error) => ({ fallback: `the COPY could not be planned: ${e.message}` }));
        if ('sql' in plan) return { stream: copy.stream(plan.sql, csvHead(opened.layout.fields, options), opened.finish), exportId: id, via: 'copy' as const };
        strapi.log.debug(`[user-consent] export ${id} in batches: ${plan.fallback}`);
        return { stream: csvStream(opened, options), exportId: id, via: 'batches' as const, fallback: plan.fallback };
      }
      return { stream: csvStream(opened, options), exportId: id, via: 'batches' as const };
    },

    async exports({ page, pageSize }: { page: number; pageSize: number }, { personal }: { personal: boolean }) {
      const [rows, total] = await Promise.all([
        strapi.db.query(UIDS.exportLog).findMany({ orderBy: { id: 'desc' }, offset: (page - 1) * pageSize, limit: pageSize }),
        strapi.db.query(UIDS.exportLog).count({}),
      ]);
      // The filters of past exports may name an IP or a subject: shown only with the personal-data action.
      const data = rows.map((r: Row) => {
        const entry = { ...r, format: r.format ?? 'csv' };
        return personal || !r.filter ? entry : { ...entry, filter: { ...r.filter, ...(r.filter.ip ? { ip: '[hidden]' } : {}), ...(r.filter.subject ? { subject: '[hidden]' } : {}) } };
      });
      return { data, meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } } };
    },
  };
};
