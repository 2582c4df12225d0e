import { Readable } from 'node:stream';
import type { LogFilter } from '../../validation/log';
import { exactZoneOffset } from './format';
import { CODE_LABELS, YES_NO } from './labels';
import type { LogQueries } from './query';
import type { ExportField, ExportOptions } from './export';

/**
 * The CSV export on PostgreSQL at the database's speed: one `COPY (SELECT …) TO STDOUT WITH (FORMAT
 * csv)` through pg-copy-streams, the database writing every cell as the batch path (export.ts) writes
 * it, so that the file is the same byte for byte: ISO times in UTC with milliseconds, yes/no in the
 * language, the codes' labels, the formula guard of a localised file, empty cells for nulls, the
 * JSON of the other form fields as JSON.stringify writes it. COPY quotes a cell exactly when the batch
 * path does (the delimiter, a double quote, CR or LF; quotes doubled) and ends lines with LF. The BOM
 * and the header are written here, as the batch path writes them.
 *
 * What COPY cannot reproduce exactly sends the export down the batch path instead (`plan` answers
 * why): a Node process outside UTC (pg reads a `timestamp` as the process's local time), columns of
 * other types than Strapi gives them, times outside the years 1000–9999, personal JSON that is not
 * an object of strings (the batch path prints numbers and nested values as JavaScript does), or a
 * typed field named like a property every JavaScript object has.
 */

/** The zones a Node process may run in for pg's local-time reading of `timestamp` to be UTC. */
const UTC_ZONES = new Set([
  'UTC',
  'Etc/UTC',
  'Etc/UCT',
  'UCT',
  'Etc/Universal',
  'Universal',
  'Etc/Zulu',
  'Zulu',
  'Etc/GMT',
  'GMT',
  'Etc/GMT0',
  'GMT0',
  'Etc/GMT+0',
  'Etc/GMT-0',
  'GMT+0',
  'GMT-0',
  'Etc/Greenwich',
  'Greenwich',
]);

/** The column types the SQL below is written for (Strapi's on PostgreSQL). */
const EXPECTED_TYPES: Record<string, string> = {
  timestamp: 'timestamp without time zone',
  boolean: 'boolean',
  json: 'jsonb',
};

const DAY_MS = 86_400_000;
/** Times whose ISO text both sides write alike: four-digit years. */
const MIN_MS = Date.UTC(1000, 0, 1);
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** A JSON value the batch path writes as JavaScript does: anything but a string or null. */
const NOT_A_STRING = '$.* ? (@.type() != "string" && @.type() != "null")';

/** Keys that JavaScript puts first in an object, in numeric order: canonical array indices. */
const ARRAY_INDEX = '^(0|[1-9][0-9]{0,9})$';

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The canonical JSON (utils/hash.ts canonicalJson: keys sorted, no spaces) of the proof fields in JSON
 * whose shape is known: `choices` ({ channels: string[] } and/or { categories: { code: boolean } }, the
 * codes printable ASCII, so that the database's "C" order is JavaScript's) and `dataShown` (string[]).
 * A string as to_json writes it is what JSON.stringify writes. `ODD_…`: the rows these cannot write.
 */
const stringsJson = (e: string) =>
  `(CASE WHEN ${e} IS NOT NULL THEN '[' || COALESCE((SELECT string_agg(to_json(x.v #>> '{}')::text, ',' ORDER BY x.n) FROM jsonb_array_elements(${e}) WITH ORDINALITY AS x(v, n)), '') || ']' END)`;
const choicesJson = (c: string) =>
  `(CASE WHEN ${c} IS NOT NULL THEN '{' || concat_ws(',', ` +
  `CASE WHEN ${c} -> 'categories' IS NOT NULL THEN '"categories":{' || COALESCE((SELECT string_agg(to_json(e.key)::text || ':' || e.value::text, ',' ORDER BY e.key COLLATE "C") FROM jsonb_each(${c} -> 'categories') AS e), '') || '}' END, ` +
  `CASE WHEN ${c} -> 'channels' IS NOT NULL THEN '"channels":' || ${stringsJson(`(${c} -> 'channels')`)} END) || '}' END)`;
const ODD_CHOICES = {
  sql:
    `"choices" IS NOT NULL AND (jsonb_typeof("choices") <> 'object' OR jsonb_path_exists("choices", ?::jsonpath, '{}', true) ` +
    `OR ("choices" -> 'channels' IS NOT NULL AND (jsonb_typeof("choices" -> 'channels') <> 'array' OR jsonb_path_exists("choices", ?::jsonpath, '{}', true))) ` +
    `OR ("choices" -> 'categories' IS NOT NULL AND (jsonb_typeof("choices" -> 'categories') <> 'object' OR jsonb_path_exists("choices", ?::jsonpath, '{}', true))))`,
  bindings: [
    'strict $.keyvalue() ? (@.key != "channels" && @.key != "categories")',
    'strict $.channels[*] ? (@.type() != "string")',
    'strict $.categories.keyvalue() ? (@.value.type() != "boolean" || !(@.key like_regex "^[ -~]*$"))',
  ],
};
const ODD_DATA_SHOWN = {
  sql: `"data_shown" IS NOT NULL AND (jsonb_typeof("data_shown") <> 'array' OR jsonb_path_exists("data_shown", ?::jsonpath, '{}', true))`,
  bindings: ['strict $[*] ? (@.type() != "string")'],
};

let copyToModule: ((sql: string) => any) | null | undefined;
/** pg-copy-streams' `to`, loaded on the first export that may use it; null when it is not installed. */
const loadCopyTo = async (): Promise<((sql: string) => any) | null> => {
  if (copyToModule !== undefined) return copyToModule;
  const name = 'pg-copy-streams';
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const mod: any = typeof require === 'function' ? require(name) : await import(name);
    copyToModule = (mod.to ?? mod.default?.to) || null;
  } catch {
    copyToModule = null;
  }
  return copyToModule;
};

/**
 * The offsets of a zone (ms) over [from, to], as `exactZoneOffset` gives them (Intl, the same source
 * as the batch path): the first offset, then each change at the second it starts. Found by sampling
 * every day and bisecting to the second where a day's offset differs.
 */
export const zoneChanges = (timeZone: string, from: number, to: number) => {
  const exact = exactZoneOffset(timeZone);
  // The offset depends only on the second.
  const at = (s: number) => exact(s * 1000);
  let s = Math.floor(from / 1000);
  const end = Math.floor(to / 1000);
  const first = at(s);
  let current = first;
  const changes: { second: number; offset: number }[] = [];
  while (s < end) {
    const next = Math.min(s + DAY_MS / 1000, end);
    const o = at(next);
    if (o === current) {
      s = next;
      continue;
    }
    // The offset changed in (s, next]: the first second with a different offset.
    let lo = s;
    let hi = next;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (at(mid) === current) lo = mid;
      else hi = mid;
    }
    current = at(hi);
    changes.push({ second: hi, offset: current });
    s = hi;
  }
  return { first, changes };
};

/** A binding the way pg sends it (its own `prepareValue`), written as an SQL literal. */
const literalOf = (driver: any, value: unknown) => {
  const prepared = driver.utils.prepareValue(value);
  if (prepared == null) return 'NULL';
  return driver.escapeLiteral(Buffer.isBuffer(prepared) ? `\\x${prepared.toString('hex')}` : String(prepared));
};

/**
 * The native SQL of a knex query with its `$n` placeholders replaced by literals (COPY takes no
 * parameters). A literal is of unknown type, as an untyped parameter is, so the statement means the
 * same. Quoted strings and identifiers are skipped.
 */
export const inlineBindings = (driver: any, sql: string, bindings: readonly unknown[]) => {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) break;
        if (sql[j] === ch) {
          if (sql[j + 1] === ch) j += 2;
          else break;
        } else j += 1;
      }
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '$' && /[0-9]/.test(sql[i + 1] ?? '')) {
      let j = i + 1;
      while (j < sql.length && /[0-9]/.test(sql[j])) j += 1;
      const n = Number(sql.slice(i + 1, j));
      if (n < 1 || n > bindings.length) throw new Error(`export: no binding $${n}`);
      out += literalOf(driver, bindings[n - 1]);
      i = j;
    } else {
      out += ch;
      i += 1;
    }
  }
  return out;
};

export type CopyPlan = { sql: string } | { fallback: string };

export const pgCopyExport = (strapi: any, { knex, consentTable, personalTable, agreementTable, applyFilter, prepareFilter }: LogQueries) => {
  /**
   * The COPY statement of an export, or why it takes the batch path. `fields` are the export's columns
   * (export.ts exportLayout, typed form fields included).
   */
  const plan = async (given: LogFilter, personal: boolean, fields: ExportField[], o: ExportOptions): Promise<CopyPlan> => {
    const k = knex();
    const filter = await prepareFilter(given);
    const driver = (k.client as any).driver;
    if ((k.client as any).driverName !== 'pg' || !driver?.utils?.prepareValue || !driver.escapeLiteral) return { fallback: 'not PostgreSQL through pg' };
    if (!(await loadCopyTo())) return { fallback: 'pg-copy-streams is not installed' };
    const processZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!UTC_ZONES.has(processZone)) return { fallback: `the Node process runs in ${processZone}, not UTC` };
    if (o.delimiter.length !== 1) return { fallback: 'a delimiter of more than one character' };
    const typed = fields.filter((f) => f.kind === 'data').map((f) => f.arg as string);
    if (typed.some((name) => name in Object.prototype))
      return {
        fallback: 'a typed field named like a property of every JavaScript object',
      };

    const table = consentTable();
    const people = personalTable();
    const agreements = agreementTable();
    const needed: [string, string, string][] = [
      [table, 'recorded_at', 'timestamp'],
      [table, 'collected_at', 'timestamp'],
      [table, 'prechecked', 'boolean'],
      [table, 'full_text_opened', 'boolean'],
      ...(fields.some((f) => f.kind === 'json') ? fields.filter((f) => f.kind === 'json').map((f) => [table, f.column, 'json'] as [string, string, string]) : []),
      ...(personal
        ? ([
            [people, 'subject', 'json'],
            [people, 'data', 'json'],
          ] as [string, string, string][])
        : []),
    ];
    const found: {
      table_name: string;
      column_name: string;
      data_type: string;
    }[] = (await k.raw('SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name IN (?, ?)', [table, people])).rows;
    for (const [t, column, type] of needed) {
      const row = found.find((r) => r.table_name === t && r.column_name === column);
      if (row?.data_type !== EXPECTED_TYPES[type]) return { fallback: `${t}.${column} is ${row?.data_type ?? 'missing'}` };
    }

    // The range of the times (an index on recorded_at): four-digit years, and the zone's offsets over it.
    const range = (await k.raw(`SELECT min(recorded_at) AS lo, max(recorded_at) AS hi FROM ${quoteIdent(table)}`)).rows[0];
    const lo = range?.lo == null ? null : new Date(range.lo).getTime();
    const hi = range?.hi == null ? null : new Date(range.hi).getTime();
    if (lo !== null && hi !== null && !(lo >= MIN_MS && hi <= MAX_MS)) return { fallback: 'a record time outside the years 1000-9999' };

    if (personal) {
      // The batch path writes what JavaScript makes of the JSON: exact here for objects of strings.
      // Only the personal records of the records this export writes are looked at (its filter).
      const odd = (column: string) => {
        const c = `${quoteIdent(people)}.${quoteIdent(column)}`;
        return `(${c} IS NOT NULL AND (jsonb_typeof(${c}) NOT IN ('object', 'null') OR jsonb_path_exists(${c}, ?::jsonpath)))`;
      };
      const columns = typed.length ? ['subject', 'data'] : ['subject'];
      const probe = k(table)
        .join(people, `${people}.id`, `${table}.personal_id`)
        .whereRaw(`(${columns.map(odd).join(' OR ')})`, columns.map(() => NOT_A_STRING))
        .where(`${table}.seq`, '>', 0)
        .first(k.raw('1 AS x'));
      if (await applyFilter(probe, filter)) return { fallback: 'personal JSON other than an object of strings' };
    }

    // The proof fields in JSON (choices, dataShown) are written here for their known shapes; anything
    // else (a row written by hand) takes the batch path, which writes any JSON canonically.
    const json = fields.filter((f) => f.kind === 'json').map((f) => f.column);
    if (json.length) {
      const odd = json.map((column) => (column === 'choices' ? ODD_CHOICES : column === 'data_shown' ? ODD_DATA_SHOWN : null));
      if (odd.some((o) => o === null)) return { fallback: 'a JSON column of unknown shape' };
      // Only the records this export writes (its filter).
      const probe = k(table)
        .whereRaw(`(${odd.map((o) => `(${o!.sql})`).join(' OR ')})`, odd.flatMap((o) => o!.bindings))
        .where(`${table}.seq`, '>', 0)
        .first(k.raw('1 AS x'));
      if (await applyFilter(probe, filter)) return { fallback: 'choices or dataShown of an unusual shape' };
    }

    const AGR = 'uc_export_agreement';
    // Constants are written as literals: the select list is put into the statement after knex has
    // compiled it, so nothing in it is read as a placeholder.
    const lit = (v: string) => driver.escapeLiteral(v) as string;
    const col = (f: ExportField) => `${quoteIdent(f.from === 'event' ? table : people)}.${quoteIdent(f.column)}`;
    const guard = (e: string) => (o.lang ? `(CASE WHEN left(${e}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || ${e} ELSE ${e} END)` : e);
    const yesNo = o.lang ? YES_NO[o.lang] : { yes: 'yes', no: 'no' };
    // Rows written after the range was read still find their zone's offset.
    const until = Math.max(hi ?? 0, Date.now() + DAY_MS);
    const cells = fields.map((f) => {
      const c = col(f);
      switch (f.kind) {
        case 'int':
          return `${c}::text`;
        case 'seq':
          return guard(`${c}::text`);
        case 'utc':
          // A missing time is written as the batch path writes it: the epoch.
          return `to_char(date_trunc('milliseconds', COALESCE(${c}, TIMESTAMP 'epoch')), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
        case 'when':
          return `to_char(date_trunc('milliseconds', ${c}), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
        case 'local': {
          // The zone's offsets as Intl gives them to the batch path (not the database's zone data).
          const { first, changes } = zoneChanges(f.values?.zone as string, lo ?? Date.now(), until);
          const seconds = (ms: number) => `interval '${ms / 1000} seconds'`;
          const whens = changes
            .slice()
            .reverse()
            .map((ch) => `WHEN ${c} >= TIMESTAMP '${new Date(ch.second * 1000).toISOString().slice(0, 19).replace('T', ' ')}' THEN ${seconds(ch.offset)}`);
          const offset = whens.length ? `(CASE ${whens.join(' ')} ELSE ${seconds(first)} END)` : seconds(first);
          return `to_char(${c} + ${offset}, ${lit(o.lang === 'ru' ? 'DD.MM.YYYY HH24:MI:SS' : 'YYYY-MM-DD HH24:MI:SS')})`;
        }
        case 'bool':
          return `(CASE WHEN ${c} THEN ${lit(yesNo.yes)} ELSE ${lit(yesNo.no)} END)`;
        case 'code': {
          if (!o.lang) return c;
          const labels = Object.entries(CODE_LABELS[o.lang][f.arg as 'action']);
          return guard(`(CASE ${c} ${labels.map(([code, label]) => `WHEN ${lit(code)} THEN ${lit(label)}`).join(' ')} ELSE ${c} END)`);
        }
        case 'agreement':
          return guard(`${quoteIdent(AGR)}.${quoteIdent('name')}`);
        case 'subject':
        case 'data':
          return guard(`(${c} ->> ${lit(f.arg as string)})`);
        case 'dataOther': {
          // What the form data holds beyond the columns, as JSON.stringify writes the object the batch
          // path builds: array-index keys first in numeric order, then the others as stored; a
          // "__proto__" key makes the object without becoming a property of it.
          const notKnown = typed.length ? `WHERE e.key NOT IN (${typed.map(lit).join(', ')})` : '';
          return (
            `(SELECT CASE WHEN count(*) > 0 THEN '{' || COALESCE(string_agg(to_json(e.key)::text || ':' || e.value::text, ',' ORDER BY ` +
            `CASE WHEN e.key ~ ${lit(ARRAY_INDEX)} THEN CASE WHEN e.key::bigint <= 4294967294 THEN e.key::bigint END END NULLS LAST, e.n) ` +
            `FILTER (WHERE e.key <> '__proto__'), '') || '}' END ` +
            `FROM jsonb_each(CASE WHEN jsonb_typeof(${c}) = 'object' THEN ${c} END) WITH ORDINALITY AS e(key, value, n) ${notKnown})`
          );
        }
        case 'json':
          return guard(f.column === 'choices' ? choicesJson(c) : stringsJson(c));
        default:
          return guard(c);
      }
    });
    // An empty text would be quoted by COPY ("" is not its NULL): the batch path writes nothing.
    const selectList = cells.map((cell) => `NULLIF(${cell}, '')`).join(', ');

    const MARK = 'NULL AS "uc_export_columns"';
    const qb = k(table).select(k.raw(MARK));
    if (personal) qb.leftJoin(people, `${people}.id`, `${table}.personal_id`);
    if (fields.some((f) => f.kind === 'agreement')) qb.leftJoin({ [AGR]: agreements }, `${AGR}.id`, `${table}.agreement_id`);
    // Every record from seq 1 in seq order, as the batch path reads them.
    applyFilter(qb, filter).where(`${table}.seq`, '>', 0).orderBy(`${table}.seq`, 'asc');
    const native = qb.toSQL().toNative();
    const compiled = inlineBindings(driver, native.sql, native.bindings);
    // The mark is the select list, before FROM: its first occurrence.
    const at = compiled.indexOf(MARK);
    if (at < 0) return { fallback: 'the statement could not be built' };
    const select = `${compiled.slice(0, at)}${selectList}${compiled.slice(at + MARK.length)}`;
    const delimiter = o.delimiter === '\t' ? "E'\\t'" : lit(o.delimiter);
    return {
      sql: `COPY (${select}) TO STDOUT WITH (FORMAT csv, DELIMITER ${delimiter})`,
    };
  };

  /**
   * Streams the COPY after `head` (the BOM and the header), with backpressure: the copy stream is
   * paused while the response is full, which stops reading the socket, which stops the server. The
   * connection comes from knex's pool and goes back on every path: at the end once PostgreSQL is ready
   * for the next query; on an error or a download stopped half-way it is closed first (the server
   * ends the COPY) and marked so that the pool discards it. `finish` records the export (rows) before
   * the file's end goes out.
   */
  const stream = (sql: string, head: string, finish: (rows: number) => Promise<unknown>) => {
    const k = knex();
    const client = k.client as any;
    let conn: any = null;
    let copy: any = null;
    let released = false;
    let completed = false;

    const release = async (healthy: boolean) => {
      if (released || !conn) return;
      released = true;
      if (!healthy) {
        conn.__knex__disposed = 'the consent export stopped before its end';
        await conn.end().catch(() => {});
      }
      await client.releaseConnection(conn);
    };

    const out = new Readable({
      highWaterMark: 1024 * 1024,
      read() {
        if (copy?.isPaused()) copy.resume();
      },
      destroy(err, callback) {
        release(completed).then(
          () => callback(err),
          () => callback(err)
        );
      },
    });

    const start = async () => {
      const copyTo = (await loadCopyTo()) as (sql: string) => any;
      conn = await client.acquireConnection();
      if (out.destroyed) return release(true);
      let readyForQuery!: () => void;
      let connectionLost!: (e: Error) => void;
      const ready = new Promise<void>((resolve, reject) => {
        readyForQuery = resolve;
        connectionLost = reject;
      });
      ready.catch(() => {});
      const lost = () => connectionLost(new Error('the database connection ended during the export'));
      conn.once('end', lost);
      copy = copyTo(sql);
      // pg tells the query when the server is ready for the next one: the row count is known by then.
      copy.handleReadyForQuery = () => readyForQuery();
      conn.query(copy);
      out.push(head);
      copy.on('data', (chunk: Buffer) => {
        if (!out.push(chunk)) copy.pause();
      });
      copy.on('error', (e: Error) => out.destroy(e));
      copy.on('end', () => {
        ready
          .then(async () => {
            conn.removeListener('end', lost);
            completed = true;
            const rows = copy.rowCount;
            await release(true);
            if (out.destroyed) return;
            await finish(rows);
            out.push(null);
          })
          .catch((e) => out.destroy(e));
      });
    };
    start().catch((e) => out.destroy(e));
    return out;
  };

  return { plan, stream };
};
