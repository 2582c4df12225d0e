/**
 * Reads rows of a content type with knex and maps them to attribute names the way Strapi's query
 * engine does (its `fromRow`), for the scalar attribute types, without its per-column overhead.
 *
 * The mapping is only trusted for the value types the drivers hand back for a row that Strapi
 * wrote (a string in a string column, a number in an integer column, and so on): for any other
 * value `map` returns null, and the caller reads that row through the query engine instead. So the
 * result is the query engine's for every row, including rows someone altered in the database.
 */

/**
 * A JSON column as Strapi's JSON field reads it: SQLite and MySQL/MariaDB hand back text, PostgreSQL
 * parsed values; text that is itself a JSON string was stringified twice by early Strapi 5 versions.
 */
export const jsonColumn = (v: unknown): any => {
  if (typeof v !== 'string') return v;
  try {
    const parsed = JSON.parse(v);
    return typeof parsed === 'string' ? JSON.parse(parsed) : parsed;
  } catch {
    return v;
  }
};

type Mapper = (value: unknown) => unknown;

/** Marks a value the fast mapping does not handle. */
const UNUSUAL = Symbol('unusual');

/** Canonical base-10 integers: exactly the strings that `BigInt(s).toString()` gives back unchanged. */
const CANONICAL_INTEGER = /^(?:0|-?[1-9]\d*)$/;

const identity: Mapper = (v) => v;

const mappers: Record<string, Mapper> = {
  increments: identity,
  string: (v) => (typeof v === 'string' ? v : UNUSUAL),
  text: (v) => (typeof v === 'string' ? v : UNUSUAL),
  enumeration: (v) => (typeof v === 'string' ? v : UNUSUAL),
  uid: (v) => (typeof v === 'string' ? v : UNUSUAL),
  email: (v) => (typeof v === 'string' ? v : UNUSUAL),
  integer: (v) => (typeof v === 'number' ? v : UNUSUAL),
  // Strapi gives big integers as strings.
  biginteger: (v) => {
    if (typeof v === 'string') return CANONICAL_INTEGER.test(v) ? v : UNUSUAL;
    if (typeof v === 'number') return Number.isInteger(v) ? v.toString() : UNUSUAL;
    if (typeof v === 'bigint') return v.toString();
    return UNUSUAL;
  },
  // SQLite and MySQL keep booleans as 0/1.
  boolean: (v) => {
    if (typeof v === 'boolean') return v;
    if (v === 1 || v === '1') return true;
    if (v === 0 || v === '0') return false;
    return UNUSUAL;
  },
  json: jsonColumn,
  // Strapi gives the ISO string of the instant (null if it is not a valid date). This gives the Date
  // of that instant instead, which every consumer here reads as that same instant: `new Date(x)`
  // and `toISOString()` give what they give for the ISO string. Callers that need the string call
  // toISOString().
  datetime: (v) => {
    const d = v instanceof Date ? v : typeof v === 'number' || typeof v === 'string' ? new Date(v) : null;
    if (!d) return UNUSUAL;
    return Number.isNaN(d.getTime()) ? null : d;
  },
};

export interface RowReader {
  /** The columns to select, in the order of `fields`. */
  columns: string[];
  /** The column of a field. */
  column(field: string): string;
  /** The row with attribute names as keys, or null when the query engine must map it. */
  map(raw: Record<string, unknown>): Record<string, unknown> | null;
}

interface Meta {
  attributes: Record<string, { type: string; columnName?: string }>;
}

export const rowReader = (meta: Meta, fields: readonly string[]): RowReader => {
  const specs = fields.map((field) => {
    const attribute = meta.attributes[field];
    if (!attribute) throw new Error(`no attribute ${field}`);
    const mapper = mappers[attribute.type];
    if (!mapper) throw new Error(`no fast mapping for ${field} (${attribute.type})`);
    return { field, column: attribute.columnName || field, mapper };
  });
  const byField = new Map(specs.map((s) => [s.field, s.column]));
  // Every row starts as a copy of an object that has all the fields already: filling it in keeps
  // one object shape, where adding 27 properties one by one to {} makes V8 grow and copy the
  // property store of every row (that was most of the cost of mapping).
  const blank: Record<string, unknown> = {};
  for (const s of specs) blank[s.field] = null;
  const template = { ...blank };
  return {
    columns: specs.map((s) => s.column),
    column: (field) => {
      const c = byField.get(field);
      if (!c) throw new Error(`no column for ${field}`);
      return c;
    },
    map(raw) {
      const row: Record<string, unknown> = { ...template };
      for (let i = 0; i < specs.length; i += 1) {
        const s = specs[i];
        const v = raw[s.column];
        if (v === null || v === undefined) continue; // null already
        const m = s.mapper(v);
        if (m === UNUSUAL) return null;
        row[s.field] = m;
      }
      return row;
    },
  };
};

/** A datetime column as the drivers hand it back (Date, epoch ms on SQLite, text) as ISO UTC; null when it is none. */
export const isoOf = (v: unknown): string | null => {
  if (v == null) return null;
  const d = v instanceof Date ? v : new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : (v as string | number));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
};
