'use strict';

// The SQL the runner runs itself: bulk inserts, and the app's own statements (recorded by the bench
// app's /__bench/sql routes) replayed and explained.

/**
 * One multi-row INSERT … VALUES statement (knex's own multi-row insert on SQLite is a UNION ALL of
 * SELECTs, limited to 500 terms). 1,000 rows × 24 columns (events; personal records: 15) stay under SQLite's 32,766 variables.
 */
const insertRows = (trx, table, rows, types = null) => {
  const cols = Object.keys(rows[0]);
  if (types) {
    // PostgreSQL: one array per column, unnested (a handful of parameters instead of tens of thousands).
    const arrays = cols.map((c) => rows.map((r) => r[c]));
    return trx.raw(`INSERT INTO ${table} (${cols.join(', ')}) SELECT * FROM unnest(${cols.map((c) => `?::${types[c]}[]`).join(', ')})`, arrays);
  }
  const tuple = `(${cols.map(() => '?').join(',')})`;
  const bindings = [];
  for (const r of rows) for (const c of cols) bindings.push(r[c]);
  return trx.raw(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${rows.map(() => tuple).join(',')}`, bindings);
};

/** A binding as the bench app serialised it (bench/app.js serialiseBinding) back to its value. */
const revive = (b) => (b && typeof b === 'object' && '$date' in b ? new Date(b.$date) : b && typeof b === 'object' && '$hex' in b ? Buffer.from(b.$hex, 'hex') : b);
/** knex.raw takes `?` placeholders; PostgreSQL's positioned `$n` ones are numbered in order. */
const toKnexSql = (sql) => sql.replace(/\$(\d+)/g, '?');
const rawRows = (res) => (Array.isArray(res) ? res : res.rows);

/** The query plan of one statement, a line per step (`EXPLAIN QUERY PLAN` on SQLite, `EXPLAIN` on PostgreSQL). */
const explain = async (knex, client, q) => {
  if (client === 'sqlite') {
    const rows = rawRows(await knex.raw(`EXPLAIN QUERY PLAN ${q.sql}`, q.bindings));
    const depth = new Map([[0, -1]]);
    return rows.map((r) => {
      const d = (depth.get(r.parent) ?? -1) + 1;
      depth.set(r.id, d);
      return `${'  '.repeat(d)}${r.detail}`;
    });
  }
  return rawRows(await knex.raw(`EXPLAIN ${q.sql}`, q.bindings)).map((r) => r['QUERY PLAN']);
};
/**
 * How a plan reaches the rows: `seek` (an index searched by the filter: SQLite SEARCH … USING INDEX or
 * INTEGER PRIMARY KEY,
 * PostgreSQL Index Cond), `index scan` (an index walked end to end or in sort order, filtering as it
 * goes) or `table scan`.
 */
const accessOf = (plan) => {
  if (plan.some((l) => /\bSEARCH\b.*\bUSING\b.*\b(INDEX|PRIMARY KEY)\b|Index Cond:/i.test(l))) return 'seek';
  if (plan.some((l) => /\bSCAN\b.*\bUSING\b.*\bINDEX\b|Index (Only )?Scan|Bitmap Index Scan/i.test(l))) return 'index scan';
  return 'table scan';
};

module.exports = { insertRows, revive, toKnexSql, rawRows, explain, accessOf };
