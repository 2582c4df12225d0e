import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { UIDS } from '../pluginId';
import { ensureIndex } from './ddl';

/**
 * "Page URL contains" at scale. An event's page URL is its origin and path (the query is personal and
 * lives in the personal store), so a site has far fewer distinct page URLs than events: a few hundred
 * pages against millions of consents. The search therefore runs in two steps:
 *
 *   1. the distinct page URLs (PAGE_URL_TABLE, one row per URL ever recorded) are searched for the
 *      substring: on PostgreSQL through a pg_trgm GIN index when the extension can be had, elsewhere
 *      by reading that small table;
 *   2. the events whose page URL is one of those are read through an index on uc_consents.page_url.
 *
 * On SQLite and MySQL the same condition as before (LIKE / LOWER() LIKE) is also kept on the events
 * themselves: the dictionary only narrows where to look. On PostgreSQL the matching URLs are read first
 * (`matchingPageUrls`) and the events are asked for exactly those, as literals: the planner then knows
 * from its statistics how many events each URL has, counts them from the b-tree alone (an index-only
 * scan) and reads the first page either along recorded_at (a frequent URL) or through the URL index and
 * a sort (a rare one). The rows are the same: an event's page URL is one of the dictionary's, and the
 * dictionary is searched with the condition the scan used.
 *
 * The dictionary is filled by an AFTER INSERT trigger on the consent table (every writer is covered:
 * the chain's group commit through better-sqlite3, knex, another program), and at bootstrap from the
 * events recorded after its watermark (an upgrade fills it from every existing event once). Events are
 * never updated or deleted, so nothing else keeps it in step; a page URL names a page, not a person,
 * so erasure and retention leave it alone.
 */
export const PAGE_URL_TABLE = 'uc_page_urls';
/** One row: the id of the last event the bootstrap fill has looked at. */
export const PAGE_URL_FILL_TABLE = 'uc_page_urls_fill';
export const PAGE_URL_TRIGGER = 'uc_consents_uc_page_url';
export const PAGE_URL_TRGM_INDEX = `${PAGE_URL_TABLE}_url_trgm_idx`;

export type PageUrlSearch = {
  /** The dictionary and its trigger are in place: the filter may use them. */
  dictionary: boolean;
  /** PostgreSQL: the dictionary has its trigram index. */
  trigram: boolean;
};

/** Kept on the app itself, so that every copy of this module (the built plugin, a script) reads the same. */
const STATE = Symbol.for('user-consent.page-url-search');

/** What bootstrap set up for this app (nothing yet: the filter scans, as it always did). */
export const pageUrlSearch = (strapi: Core.Strapi): PageUrlSearch => (strapi as any)[STATE] ?? { dictionary: false, trigram: false };

const consentTable = (strapi: Core.Strapi) => strapi.db.metadata.get(UIDS.consent).tableName;

const ensureTables = async (k: Knex, client: string) => {
  const create = async (name: string, build: (t: Knex.CreateTableBuilder) => void) => {
    if (await k.schema.hasTable(name)) return;
    try {
      await k.schema.createTable(name, build);
    } catch (e) {
      // Another process created it meanwhile.
      if (!(await k.schema.hasTable(name))) throw e;
    }
  };
  if (client === 'sqlite') {
    // SQLite keys a text of any length: the URL itself is the key.
    await create(PAGE_URL_TABLE, (t) => {
      t.text('url').notNullable().primary();
    });
  } else if (client === 'postgres') {
    // A b-tree entry has a size limit a 4,000-character URL may pass: looked up by the URL's SHA-256
    // (hex). Not unique: two transactions that record the same new URL at once each add it, rather
    // than one waiting for the other's commit (appends in parallel never wait on this list).
    await create(PAGE_URL_TABLE, (t) => {
      t.string('url_hash', 64).notNullable().index(`${PAGE_URL_TABLE}_hash_idx`);
      t.text('url').notNullable();
    });
  } else {
    // MySQL's keys have a size limit too: the key is the URL's SHA-256 (hex). Appends there take the
    // chain's lock, so they never record a new URL at the same time.
    await create(PAGE_URL_TABLE, (t) => {
      t.string('url_hash', 64).notNullable().primary();
      t.text('url').notNullable();
    });
  }
  await create(PAGE_URL_FILL_TABLE, (t) => {
    t.integer('id').primary();
    t.bigInteger('through').notNullable();
  });
};

/** The AFTER INSERT trigger that records each new page URL (idempotent, safe from several processes). */
const ensureTrigger = async (k: Knex, client: string, table: string) => {
  if (client === 'sqlite') {
    await k.raw(
      `CREATE TRIGGER IF NOT EXISTS ${PAGE_URL_TRIGGER} AFTER INSERT ON ${table} FOR EACH ROW WHEN NEW.page_url IS NOT NULL BEGIN INSERT OR IGNORE INTO ${PAGE_URL_TABLE} (url) VALUES (NEW.page_url); END`
    );
  } else if (client === 'postgres') {
    // Once per statement, over the rows it inserted (a transition table): a batch of the chain's group
    // commit, or of a bulk load, costs one insert of its distinct URLs rather than one call per row.
    await k.transaction(async (trx) => {
      await trx.raw('SELECT pg_advisory_xact_lock(727561)');
      await trx.raw(
        `CREATE OR REPLACE FUNCTION ${PAGE_URL_TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO ${PAGE_URL_TABLE} (url_hash, url) SELECT h, u FROM (SELECT DISTINCT encode(sha256(convert_to(page_url, 'UTF8')), 'hex') AS h, page_url AS u FROM uc_new_events WHERE page_url IS NOT NULL) d WHERE NOT EXISTS (SELECT 1 FROM ${PAGE_URL_TABLE} p WHERE p.url_hash = d.h); RETURN NULL; END $$`
      );
      const found = await trx.raw('SELECT 1 FROM pg_trigger WHERE tgname = ? AND tgrelid = ?::regclass', [PAGE_URL_TRIGGER, table]);
      if (!found.rows.length) {
        await trx.raw(`CREATE TRIGGER ${PAGE_URL_TRIGGER} AFTER INSERT ON ${table} REFERENCING NEW TABLE AS uc_new_events FOR EACH STATEMENT EXECUTE FUNCTION ${PAGE_URL_TRIGGER}()`);
      }
    });
  } else {
    const [rows] = await k.raw('SELECT 1 FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() AND TRIGGER_NAME = ?', [PAGE_URL_TRIGGER]);
    if ((rows as unknown[]).length) return;
    try {
      await k.raw(
        `CREATE TRIGGER ${PAGE_URL_TRIGGER} AFTER INSERT ON ${table} FOR EACH ROW BEGIN IF NEW.page_url IS NOT NULL THEN INSERT INTO ${PAGE_URL_TABLE} (url_hash, url) VALUES (SHA2(NEW.page_url, 256), NEW.page_url) ON DUPLICATE KEY UPDATE url_hash = url_hash; END IF; END`
      );
    } catch (e) {
      if (!/already exists/i.test(String((e as Error).message))) throw e;
    }
  }
};

/**
 * Adds the page URLs of the events after the watermark (all of them on the first boot after an upgrade)
 * and moves the watermark. The trigger exists already, so every event after the newest one read here is
 * the trigger's; inserting a URL twice does nothing.
 */
const fill = async (k: Knex, client: string, table: string) => {
  const row = await k(PAGE_URL_FILL_TABLE).where({ id: 1 }).first('through');
  const through = row ? Number(row.through) : 0;
  const max = await k(table).max({ m: 'id' }).first();
  const upTo = Number(max?.m ?? 0);
  if (upTo > through) {
    const range = `FROM ${table} WHERE id > ? AND id <= ? AND page_url IS NOT NULL`;
    if (client === 'sqlite') await k.raw(`INSERT OR IGNORE INTO ${PAGE_URL_TABLE} (url) SELECT DISTINCT page_url ${range}`, [through, upTo]);
    else if (client === 'postgres')
      await k.raw(
        `INSERT INTO ${PAGE_URL_TABLE} (url_hash, url) SELECT h, u FROM (SELECT DISTINCT encode(sha256(convert_to(page_url, 'UTF8')), 'hex') AS h, page_url AS u ${range}) d WHERE NOT EXISTS (SELECT 1 FROM ${PAGE_URL_TABLE} p WHERE p.url_hash = d.h)`,
        [through, upTo]
      );
    else
      // Grouped by the hash, not DISTINCT: a case-insensitive collation would fold "/A" and "/a" into one.
      await k.raw(
        `INSERT INTO ${PAGE_URL_TABLE} (url_hash, url) SELECT h, u FROM (SELECT SHA2(page_url, 256) AS h, MIN(page_url) AS u ${range} GROUP BY h) d ON DUPLICATE KEY UPDATE url_hash = url_hash`,
        [through, upTo]
      );
  }
  if (!row) {
    try {
      await k(PAGE_URL_FILL_TABLE).insert({ id: 1, through: upTo });
    } catch {
      // Another process wrote it first.
      await k(PAGE_URL_FILL_TABLE).where({ id: 1 }).where('through', '<', upTo).update({ through: upTo });
    }
  } else if (upTo > through) {
    await k(PAGE_URL_FILL_TABLE).where({ id: 1 }).where('through', '<', upTo).update({ through: upTo });
  }
};

/**
 * PostgreSQL: pg_trgm and a GIN trigram index on the dictionary. A database user that may not create
 * the extension keeps the dictionary read in full (a note in the log says how to add it).
 */
const ensureTrigram = async (strapi: Core.Strapi, k: Knex): Promise<boolean> => {
  try {
    await k.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  } catch (e) {
    const found = await k.raw("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'");
    if (!found.rows.length) {
      strapi.log.info(
        `user-consent: the pg_trgm extension could not be created (${(e as Error).message}); "page URL contains" reads the list of distinct page URLs in full. A database owner may run CREATE EXTENSION pg_trgm; the index follows at the next start.`
      );
      return false;
    }
  }
  // The operator class lives in the extension's schema, which need not be on the search path.
  const schema = (await k.raw("SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'")).rows[0]?.schema as string;
  const opclass = `"${schema.replace(/"/g, '""')}".gin_trgm_ops`;
  await createPgIndex(k, `CREATE INDEX IF NOT EXISTS ${PAGE_URL_TRGM_INDEX} ON ${PAGE_URL_TABLE} USING gin (url ${opclass})`);
  return true;
};

/** CREATE INDEX IF NOT EXISTS (and the like), one process at a time (two at once may collide on the catalogue). */
const createPgIndex = (k: Knex, ...statements: string[]) =>
  k.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(727562)');
    for (const sql of statements) await trx.raw(sql);
  });

/**
 * PostgreSQL: a b-tree entry may not exceed about 2,700 bytes and a page URL may (4,000 characters), so
 * the b-tree covers the URLs up to SHORT_URL_BYTES (all real ones; it lets a count read the index
 * alone) and a hash index the longer ones. The statistics on the URL's length tell the planner that
 * nearly every event is in the b-tree (it would assume a third). The single hash index of before is
 * dropped.
 */
export const SHORT_URL_BYTES = 2000;
export const PG_PAGE_URL_INDEX = (table: string) => `${table}_page_url_bt_idx`;
const ensurePgPageUrlIndexes = async (k: Knex, table: string) => {
  await createPgIndex(
    k,
    `CREATE INDEX IF NOT EXISTS ${PG_PAGE_URL_INDEX(table)} ON ${table} (page_url) WHERE octet_length(page_url) <= ${SHORT_URL_BYTES}`,
    `CREATE INDEX IF NOT EXISTS ${table}_page_url_long_idx ON ${table} USING hash (page_url) WHERE octet_length(page_url) > ${SHORT_URL_BYTES}`,
    `DROP INDEX IF EXISTS ${table}_page_url_idx`
  );
  const stat = `${table}_page_url_len_stat`;
  const found = await k.raw('SELECT 1 FROM pg_statistic_ext WHERE stxname = ?', [stat]);
  if (!found.rows.length) {
    try {
      await createPgIndex(k, `CREATE STATISTICS IF NOT EXISTS ${stat} ON (octet_length(page_url)) FROM ${table}`);
      // Read once now; autovacuum's analyses keep it.
      await k.raw(`ANALYZE ${table}`);
    } catch {
      // Statistics on an expression need PostgreSQL 14: without them the plans are merely less apt.
    }
  }
};

/**
 * Sets up the page URL search (bootstrap, after Strapi's schema sync, which may rebuild the consent
 * table and drop its triggers): the dictionary, its trigger and fill, the index on the events' page URL
 * and, on PostgreSQL, the trigram index. Any failure leaves the filter as it was (a scan), with a note.
 */
export const ensurePageUrlSearch = async (strapi: Core.Strapi): Promise<PageUrlSearch> => {
  const k = strapi.db.connection as Knex;
  const client = strapi.db.dialect.client as string;
  const table = consentTable(strapi);
  const result: PageUrlSearch = { dictionary: false, trigram: false };
  try {
    // The events by page URL: a b-tree on SQLite; on MySQL/MariaDB the first 255 characters.
    if (client === 'postgres') await ensurePgPageUrlIndexes(k, table);
    else await ensureIndex(k, client, table, `${table}_page_url_idx`, [client === 'mysql' ? 'page_url(255)' : 'page_url']);
    await ensureTables(k, client);
    await ensureTrigger(k, client, table);
    await fill(k, client, table);
    result.dictionary = true;
    if (client === 'postgres') result.trigram = await ensureTrigram(strapi, k);
  } catch (e) {
    strapi.log.warn(`user-consent: the page URL search could not be set up (${(e as Error).message}); "page URL contains" scans the log`);
  }
  (strapi as any)[STATE] = result;
  return result;
};

/** The pattern of "contains", in any case, LIKE wildcards in the input taken literally (as Strapi's $containsi). */
const containsPattern = (needle: string) => `%${needle.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** Past this many matching URLs the events are asked through the dictionary's subquery, not a list. */
export const PAGE_URL_LIST_MAX = 500;

/** PostgreSQL: the page URLs that contain the needle, split by the index that holds their events. */
export type PageUrlMatches = { short: string[]; long: string[] } | 'many';

/**
 * PostgreSQL with the dictionary: the distinct page URLs that contain the needle (through the trigram
 * index), read with `k` (the replica when the log reads one). Elsewhere null: the condition is built
 * in one statement.
 */
export const matchingPageUrls = async (strapi: Core.Strapi, k: Knex, needle: string): Promise<PageUrlMatches | null> => {
  if ((strapi.db.dialect.client as string) !== 'postgres' || !pageUrlSearch(strapi).dictionary) return null;
  const rows: { url: string }[] = await k(PAGE_URL_TABLE).distinct('url').whereRaw('url ILIKE ?', [containsPattern(needle)]).limit(PAGE_URL_LIST_MAX + 1);
  if (rows.length > PAGE_URL_LIST_MAX) return 'many';
  const short: string[] = [];
  const long: string[] = [];
  for (const { url } of rows) (Buffer.byteLength(url, 'utf8') <= SHORT_URL_BYTES ? short : long).push(url);
  return { short, long };
};

/**
 * The "page URL contains" condition on a query of the consent table `t`: contains, in any case, LIKE
 * wildcards in the input taken literally (as Strapi's $containsi). The query reads rows in an order
 * with a limit (a page of the list, a batch of the export), or with `counting` counts them all.
 * `matches`: on PostgreSQL, what `matchingPageUrls` found for this needle.
 */
export const pageUrlCondition = (
  strapi: Core.Strapi,
  qb: Knex.QueryBuilder,
  t: string,
  needle: string,
  { counting = false, matches = null }: { counting?: boolean; matches?: PageUrlMatches | null } = {}
) => {
  const client = strapi.db.dialect.client as string;
  const pattern = containsPattern(needle);
  // Today's condition, on a column: SQLite's LIKE ignores ASCII case (and its lower() folds ASCII
  // only); ILIKE lowers both sides on PostgreSQL; MySQL keeps Strapi's form (its LIKE would also ignore
  // accents under *_ai_ci).
  const like = (column: string) =>
    client === 'sqlite' ? `${column} LIKE ? ESCAPE '\\'` : client === 'postgres' ? `${column} ILIKE ?` : `LOWER(${column}) LIKE LOWER(?)`;
  const column = `${t}.page_url`;
  if (!pageUrlSearch(strapi).dictionary) return qb.whereRaw(like(column), [pattern]);
  if (client === 'postgres' && matches === 'many') return qb.whereRaw(`${column} IN (SELECT url FROM ${PAGE_URL_TABLE} WHERE ${like('url')})`, [pattern]);
  if (client === 'postgres' && matches && matches !== 'many') {
    // Each list with the length condition of its (partial) index, so that the index serves it.
    const parts: string[] = [];
    const bindings: string[] = [];
    const list = (urls: string[], length: string) => {
      if (!urls.length) return;
      parts.push(`(${column} IN (${urls.map(() => '?').join(', ')}) AND octet_length(${column}) ${length})`);
      bindings.push(...urls);
    };
    list(matches.short, `<= ${SHORT_URL_BYTES}`);
    list(matches.long, `> ${SHORT_URL_BYTES}`);
    return parts.length ? qb.whereRaw(parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`, bindings) : qb.whereRaw('1 = 0');
  }
  // SQLite has no statistics to weigh the two ways in: a page read in order walks its index and tests
  // each row against the (small) set of matching URLs, as before, and stops at the limit; a count goes
  // to the page URL index. `+` keeps SQLite from choosing the index for the former.
  const target = client === 'sqlite' && !counting ? `+${column}` : column;
  return qb.whereRaw(`(${target} IN (SELECT url FROM ${PAGE_URL_TABLE} WHERE ${like('url')}) AND ${like(column)})`, [pattern, pattern]);
};
