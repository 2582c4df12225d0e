import { randomBytes } from '../utils/random';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

type Row = Record<string, unknown>;

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A Strapi document id: 24 lowercase letters and digits, starting with a letter (like Strapi's own). */
export const newDocumentId = () => {
  const bytes = randomBytes(24);
  let id = ALPHABET[bytes[0] % 26];
  for (let i = 1; i < 24; i += 1) id += ALPHABET[bytes[i] % 36];
  return id;
};

interface Mapping {
  table: string;
  /** field name → column, for the scalar attributes we write. */
  columns: Map<string, { column: string; type: string }>;
}

const mappings = new WeakMap<object, Map<string, Mapping>>();

const mappingOf = (strapi: Core.Strapi, uid: string): Mapping => {
  let perApp = mappings.get(strapi.db);
  if (!perApp) mappings.set(strapi.db, (perApp = new Map()));
  let m = perApp.get(uid);
  if (!m) {
    const meta = strapi.db.metadata.get(uid as any) as any;
    const columns = new Map<string, { column: string; type: string }>();
    for (const [name, attr] of Object.entries<any>(meta.attributes)) {
      if (attr.type === 'relation' || !attr.columnName) continue;
      columns.set(name, { column: attr.columnName, type: attr.type });
    }
    m = { table: meta.tableName, columns };
    perApp.set(uid, m);
  }
  return m;
};

/**
 * Rows of a plugin content type as the query engine would store them (document id, timestamps, JSON as
 * text, SQLite booleans as 0/1), with the table name and the column of each attribute.
 */
export const entryRows = (strapi: Core.Strapi, uid: string, entries: Row[]) => {
  const { table, columns } = mappingOf(strapi, uid);
  const sqlite = strapi.db.dialect.client === 'sqlite';
  const now = new Date();
  const rows = entries.map((entry) => {
    const row: Row = {};
    for (const [name, value] of Object.entries(entry)) {
      const col = columns.get(name);
      if (!col) throw new Error(`entryRows: ${uid} has no attribute "${name}"`);
      let v = value === undefined ? null : value;
      if (v !== null && col.type === 'json') v = JSON.stringify(v);
      else if (typeof v === 'boolean' && sqlite) v = v ? 1 : 0;
      row[col.column] = v;
    }
    row[columns.get('documentId')!.column] = newDocumentId();
    for (const ts of ['createdAt', 'updatedAt', 'publishedAt']) {
      const col = columns.get(ts);
      if (col) row[col.column] = now;
    }
    return row;
  });
  return { table, rows, column: (name: string) => columns.get(name)!.column };
};

/**
 * Inserts entries with knex, in the caller's transaction, in one statement and without reading them
 * back: the hot path of consent capture. Returns the new ids when asked (MySQL/MariaDB: only for a
 * single row, from its insert id).
 */
export const insertEntries = async (
  strapi: Core.Strapi,
  trx: Knex | Knex.Transaction,
  uid: string,
  entries: Row[],
  { returnIds = false }: { returnIds?: boolean } = {}
): Promise<number[]> => {
  if (!entries.length) return [];
  const { table, rows } = entryRows(strapi, uid, entries);
  if (!returnIds) {
    await trx(table).insert(rows);
    return [];
  }
  if (strapi.db.dialect.client === 'mysql') {
    if (rows.length !== 1) throw new Error('insertEntries: ids of a multi-row insert are not returned on MySQL');
    const [id] = await trx(table).insert(rows);
    return [Number(id)];
  }
  const out = await trx(table).insert(rows, ['id']);
  return out.map((r: any) => Number(typeof r === 'object' ? r.id : r));
};

/** A list in slices of `size` (an IN list stays within every database's bound-parameter limit). */
export const chunks = <T>(list: T[], size = 500): T[][] => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/** better-sqlite3 statements prepared once per connection, by their SQL (preparing costs more than running). */
const prepared = new WeakMap<object, Map<string, any>>();
export const statementOf = (conn: any, sql: string) => {
  let statements = prepared.get(conn);
  if (!statements) prepared.set(conn, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = conn.prepare(sql)));
  return statement;
};

/** The app runs SQLite through better-sqlite3 (synchronous, in-process: worth preparing statements once). */
export const isBetterSqlite = (strapi: Core.Strapi) => strapi.db.dialect.client === 'sqlite' && (strapi.db.connection.client as any).driverName === 'better-sqlite3';

/**
 * PostgreSQL: one multi-row INSERT as SQL text with `?` placeholders (numbered $n by its caller), written
 * here rather than compiled by knex's builder, which costs more than the database's own work on the
 * capture path. Columns are those of any row; a row without one gets DEFAULT, as knex does. `expr`
 * replaces one value's placeholder with an SQL expression that takes that value as its binding.
 */
export const pgInsert = (table: string, rows: Row[], expr?: { row: number; column: string; sql: string }) => {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) for (const c of Object.keys(row)) if (!seen.has(c)) seen.add(c), columns.push(c);
  const bindings: unknown[] = [];
  const values = rows.map((row, r) => {
    const cells = columns.map((c) => {
      if (!(c in row)) return 'DEFAULT';
      bindings.push(row[c]);
      return expr && expr.row === r && expr.column === c ? expr.sql : '?';
    });
    return `(${cells.join(', ')})`;
  });
  return { sql: `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values.join(', ')}`, bindings };
};

/** A PostgreSQL column as the array insert needs it: its type's name and whether it has a default. */
export interface PgColumn {
  type: string;
  hasDefault: boolean;
}

/** The columns of a PostgreSQL table (current schema), in the table's order. */
export const pgColumnsOf = async (knex: Knex, table: string): Promise<Map<string, PgColumn>> => {
  const res = await knex.raw(
    'SELECT column_name AS name, udt_name AS type, column_default IS NOT NULL AS has_default FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position',
    [table]
  );
  return new Map(res.rows.map((r: any) => [r.name as string, { type: r.type as string, hasDefault: Boolean(r.has_default) }]));
};

/**
 * PostgreSQL: the same rows as pgInsert, as one array per column (`INSERT … SELECT … FROM unnest(…)`),
 * so that the statement's text depends on the columns, not on the number of rows: it can be a named
 * statement, parsed and planned once per connection, and no placeholder per value is sent. Placeholders
 * are numbered from `from` ($n). `first` replaces the first row's value of one column by an SQL
 * expression (it gets the next placeholder, bound to `first.value`). Null when a row lacks a column
 * that has a default (pgInsert's DEFAULT then differs from a null): such rows need pgInsert.
 */
export const pgArrayInsert = (
  table: string,
  rows: Row[],
  columns: Map<string, PgColumn>,
  from: number,
  first?: { column: string; value: unknown; sql: (placeholder: string) => string }
) => {
  const present = new Set<string>();
  for (const row of rows) for (const c of Object.keys(row)) present.add(c);
  // Columns in the table's own order: the same set gives the same text whatever order rows list them in.
  const used = [...columns.keys()].filter((c) => present.has(c));
  if (used.length !== present.size) return null;
  for (const c of used) if (columns.get(c)!.hasDefault && rows.some((r) => !(c in r))) return null;
  const values: unknown[] = used.map((c) => rows.map((r) => (r[c] === undefined ? null : r[c])));
  const arrays = used.map((c, i) => `$${from + i}::${columns.get(c)!.type}[]`);
  let extra = '';
  const select = used.map((c) => {
    if (first && c === first.column) {
      extra = `$${from + used.length}`;
      values.push(first.value);
      return `CASE WHEN u.uc_ord = 1 THEN ${first.sql(extra)} ELSE u."${c}" END`;
    }
    return `u."${c}"`;
  });
  const names = [...used.map((c) => `"${c}"`), 'uc_ord'].join(', ');
  const sql = `INSERT INTO "${table}" (${used.map((c) => `"${c}"`).join(', ')}) SELECT ${select.join(', ')} FROM unnest(${arrays.join(', ')}) WITH ORDINALITY AS u(${names}) ORDER BY u.uc_ord`;
  return { sql, values };
};
