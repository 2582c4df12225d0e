'use strict';

// The bulk load (P2–P4, P6): N consents with a valid chain and their personal records, written straight
// into the plugin's tables.
const crypto = require('crypto');
const { CFG } = require('../lib/options');
const { insertRows } = require('../lib/sql');
const { log, round, sleep, snake, elapsed } = require('../lib/util');

const PAGES = ['checkout', 'signup', 'contact', 'promo', 'newsletter'];
const FORMS = ['bench', 'contact', 'checkout', 'newsletter'];
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
];
const DAY = 86_400_000;
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A small seeded PRNG: the same data set at every run. */
const mulberry32 = (seed) => () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/** Random bytes from a pool refilled 64 KB at a time (not one system call per document id or token). */
let randomPool = Buffer.alloc(0);
let randomAt = 0;
const pooledRandom = (n) => {
  if (randomAt + n > randomPool.length) {
    randomPool = crypto.randomBytes(65536);
    randomAt = 0;
  }
  randomAt += n;
  return randomPool.subarray(randomAt - n, randomAt);
};

/**
 * A document id of 24 letters and digits. Not the plugin's `newDocumentId` (events/rows.ts): that one
 * draws its 24 bytes with one `crypto.randomBytes` call per id, about ten times slower here, and the
 * loader makes two ids per event.
 */
const documentId = () => {
  const b = pooledRandom(24);
  let s = '';
  for (let i = 0; i < 24; i += 1) s += ALNUM[b[i] % 36];
  return s;
};

/**
 * A function that makes the row of an entry of a content type, from the plugin's schema.json: each
 * attribute in `keys` under its column as Strapi names it (JSON stored as text), after the columns in
 * `leading`, whose values are passed after the entry: `row(entry, ...leadingValues)`. Compiled once into
 * one object literal: a row filled in a loop (`row[column] = …`) costs about 10 µs here, as V8 adds each
 * property through its slow path (over 10 s per million events); the literal costs under 1 µs.
 */
const rowBuilder = (schema, keys, leading) => {
  const name = /^[A-Za-z_][A-Za-z0-9_]*$/;
  const fields = keys.map((key) => {
    const attribute = schema.attributes[key];
    if (!attribute) throw new Error(`loader: ${schema.collectionName} has no attribute ${key}`);
    if (!name.test(key)) throw new Error(`loader: unexpected attribute name ${key}`);
    const v = `e.${key}`;
    return `${snake(key)}: ${attribute.type === 'json' ? `${v} == null ? null : JSON.stringify(${v})` : `${v} ?? null`}`;
  });
  for (const column of leading) if (!name.test(column)) throw new Error(`loader: unexpected column name ${column}`);
  const columns = [...leading, ...keys.map(snake)];
  const row = new Function('e', ...leading, `return { ${[...leading.map((c) => `${c}: ${c}`), ...fields].join(', ')} };`);
  return Object.assign(row, { columns });
};

/** The subject of capture k: an e-mail and a phone that only it uses. */
const subjectOf = (k) => ({ email: `p${k}@example.com`, phone: `+7 900 ${String(k).padStart(7, '0')}` });

/**
 * Waits until the chain head stops moving: autocannon stops sending at the end of a run, but the app
 * still completes the requests it had accepted, and the loader must start after the last of them.
 */
const quiesce = async (knex, plugin, stableMs = 1500, maxMs = 120_000) => {
  const t0 = Date.now();
  // The highest position of any lane head: it moves whenever any lane appends (positions only grow).
  const top = async () => (await knex(plugin.HEAD_TABLE).max({ seq: 'seq' }).first())?.seq;
  let last = await top();
  for (;;) {
    await sleep(stableMs);
    const now = await top();
    if (String(now) === String(last)) return;
    if (Date.now() - t0 > maxMs) throw new Error('the chain head is still moving: the app keeps appending');
    last = now;
  }
};

/**
 * Writes N consent events as the plugin's capture writes them: per capture (a form submission) one
 * personal record (uc_personal_data: its own secret, the subject, the look-up hashes, IP, user agent,
 * the page URL's query, collected_at) and its events (one per agreement decided, 1–3), which carry the
 * record's id and its keyed hash (`preparePersonal`, the plugin's own function) but no personal data;
 * the page URL in the event is origin + path. Personal ids are given explicitly (read the max first,
 * move PostgreSQL's sequence afterwards), so that an event can name its record without a round trip.
 */
const bulkLoad = async (ctx) => {
  const { knex, db, plugin, agreements } = ctx;
  const table = ctx.table;
  const ptable = ctx.personalTable;
  const n = CFG.n;
  // The personal record: every attribute of plugin::user-consent.personal (preparePersonal fills them all).
  const personalSchema = plugin.contentTypes.personal.schema;
  const STAMPS = ['document_id', 'created_at', 'updated_at', 'published_at'];
  const personalRow = rowBuilder(personalSchema, Object.keys(personalSchema.attributes), ['id', ...STAMPS]);
  let eventRow = null; // the event's attributes (built from the first event: those the loader sets)
  const columns = new Set(Object.keys(await knex(table).columnInfo()));
  for (const f of [...plugin.PROOF_FIELDS, 'hash']) {
    if (!columns.has(snake(f))) throw new Error(`loader: column ${snake(f)} (field ${f}) is not in ${table}`);
  }
  const pcolumns = new Set(Object.keys(await knex(ptable).columnInfo()));
  for (const c of personalRow.columns) if (!pcolumns.has(c)) throw new Error(`loader: column ${c} is not in ${ptable}`);
  for (const c of STAMPS) if (!columns.has(c)) throw new Error(`loader: column ${c} is not in ${table}`);
  // PostgreSQL: each column's type, for the arrays of insertRows.
  const typesOf = async (t) =>
    db.client === 'postgres'
      ? Object.fromEntries((await knex.raw('SELECT column_name, udt_name FROM information_schema.columns WHERE table_name = ? AND table_schema = current_schema()', [t])).rows.map((r) => [r.column_name, r.udt_name]))
      : null;
  const types = await typesOf(table);
  const ptypes = await typesOf(ptable);
  await quiesce(knex, plugin);
  const head = await knex(plugin.HEAD_TABLE).where({ id: 1 }).first('seq', 'hash');
  if (!head) throw new Error('loader: the chain head is missing');
  const maxRow = await knex(ptable).max({ m: 'id' }).first();
  const firstPersonalId = Number(maxRow?.m ?? 0) + 1;
  log(`bulk-loading ${n.toLocaleString('en')} consents into ${db.client} (chain continues after seq ${head.seq}; personal records from id ${firstPersonalId})`);

  const rand = mulberry32(7);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const r8 = () => Math.floor(rand() * 256);
  const ipOf = () => {
    const p = rand();
    if (p < 0.4) return `10.${r8()}.${r8()}.${r8()}`;
    if (p < 0.6) return `172.16.${r8()}.${r8()}`;
    if (p < 0.8) return `192.168.${r8()}.${r8()}`;
    if (p < 0.95) return `203.0.113.${r8()}`;
    return `2001:db8:${r8().toString(16)}::${r8().toString(16)}`;
  };
  const now = Date.now();
  const start = now - 365 * DAY;
  const span = 365 * DAY - 60_000;
  const t0 = process.hrtime.bigint();
  let seq = BigInt(head.seq);
  let prevHash = head.hash;
  let done = 0;
  let k = 0; // captures so far
  let nextReport = n / 10;
  let waited = 0; // ms spent waiting for the database (the rest is computing the rows)
  const perTx = CFG.loaderBatch * CFG.loaderBatchesPerTx;
  // What P6 needs to choose its subjects: each capture's form and number of events.
  const captureForm = new Uint8Array(n);
  const captureEvents = new Uint8Array(n);
  const order = [0, 1, 2];

  while (done < n) {
    const txEnd = Math.min(done + perTx, n);
    await knex.transaction(async (trx) => {
      // One batch's statements in flight while the next batch is computed (PostgreSQL works meanwhile).
      let pending = null;
      while (done < txEnd) {
        const events = [];
        const people = [];
        const batchEnd = Math.min(done + CFG.loaderBatch, txEnd);
        while (done < batchEnd) {
          // One capture: a form, its agreements (1–3 of the three, distinct), one personal record.
          const r = rand();
          const count = Math.min(r < 0.6 ? 1 : r < 0.85 ? 2 : 3, batchEnd - done);
          const formIdx = Math.floor(rand() * FORMS.length);
          for (let i = 2; i > 0; i -= 1) {
            const j = Math.floor(rand() * (i + 1));
            [order[i], order[j]] = [order[j], order[i]];
          }
          const recordedAt = new Date(start + Math.floor((done * span) / n));
          const { page, query } = plugin.splitPageUrl(`https://shop${Math.floor(rand() * 20)}.example/${pick(PAGES)}?ref=${Math.floor(rand() * 1000)}`);
          const prepared = plugin.preparePersonal({ subject: subjectOf(k), ip: ipOf(), userAgent: pick(AGENTS), pageQuery: query, data: null, note: null }, recordedAt);
          const personalId = firstPersonalId + k;
          people.push(personalRow(prepared.entry, personalId, documentId(), recordedAt, recordedAt, recordedAt));
          captureForm[k] = formIdx;
          captureEvents[k] = count;
          // One capture in a thousand is stored as a consent collected elsewhere is (channel import, with
          // the time it was given as collectedAt, a proof field hashed only when set), so that P4's two
          // verifications hash that field too. Chosen by number, not by the PRNG: the data set stays the same.
          const collectedAt = k % 1000 === 999 ? new Date(recordedAt.getTime() - 30 * DAY) : null;
          k += 1;
          const fullTextOpened = rand() < 0.3;
          for (let e = 0; e < count; e += 1) {
            seq += 1n;
            const a = agreements[order[e]];
            const event = {
              seq: seq.toString(),
              action: rand() < 0.7 ? 'given' : 'refused',
              agreementId: a.id,
              versionId: a.versionId,
              versionNumber: a.versionNumber,
              formKey: FORMS[formIdx],
              pageUrl: page,
              fields: [],
              behaviour: 'optional-unchecked',
              prechecked: false,
              fullTextOpened,
              receiptId: crypto.randomUUID(),
              tokenHash: pooledRandom(32).toString('hex'),
              channel: collectedAt ? 'import' : 'web',
              personalId,
              personalHash: prepared.hash,
              ipPolicy: 'full',
              recordedAt,
              collectedAt,
              prevHash,
            };
            const hash = plugin.eventHash(event);
            eventRow ??= rowBuilder(plugin.contentTypes.consent.schema, Object.keys(event), [...STAMPS, 'hash']);
            events.push(eventRow(event, documentId(), recordedAt, recordedAt, recordedAt, hash));
            prevHash = hash;
            done += 1;
          }
        }
        if (pending) {
          const w = process.hrtime.bigint();
          await pending;
          waited += elapsed(w);
        }
        // A knex query starts when it is awaited: start it, let it reach the server, then go on. The
        // personal records first, then the events that name them.
        pending = insertRows(trx, ptable, people, ptypes).then(() => insertRows(trx, table, events, types).then(() => undefined));
        pending.catch(() => {}); // awaited below; this only keeps Node from calling it unhandled meanwhile
        await new Promise((r) => setImmediate(r));
      }
      const w = process.hrtime.bigint();
      await pending;
      await trx(plugin.HEAD_TABLE).where({ id: 1 }).update({ seq: seq.toString(), hash: prevHash });
      waited += elapsed(w);
    });
    if (done >= nextReport || done === n) {
      const s = elapsed(t0) / 1000;
      log(`  ${done.toLocaleString('en')} rows, ${k.toLocaleString('en')} personal records (${(done / s).toFixed(0)} rows/s; ${(waited / 1000).toFixed(1)} s of ${s.toFixed(1)} s waiting for the database)`);
      nextReport += n / 10;
    }
  }
  if (db.client === 'postgres') {
    // The ids were given explicitly: the serial sequence must follow, or the app's next insert collides.
    await knex.raw(`SELECT setval(pg_get_serial_sequence('${ptable}', 'id'), (SELECT max(id) FROM ${ptable}))`);
    // A default PostgreSQL (autovacuum on; since 13 it also vacuums tables that grew by inserts) would
    // vacuum and analyse tables that grew this much within a minute: do it now, so that the planner
    // sees the real sizes and the visibility map lets counts read indexes only. (This machine's
    // server runs with autovacuum off.) SQLite is left as a Strapi app leaves it (no ANALYZE).
    await knex.raw(`VACUUM (ANALYZE) ${table}`);
    await knex.raw(`VACUUM (ANALYZE) ${ptable}`);
    // The distinct page URLs, which the events' trigger filled during the load ("page URL contains").
    await knex.raw('VACUUM (ANALYZE) uc_page_urls');
  }
  const loadMs = elapsed(t0);
  return {
    rows: n,
    captures: k,
    load_s: round(loadMs / 1000, 1),
    rows_per_s: round(n / (loadMs / 1000), 0),
    db_wait_s: round(waited / 1000, 1),
    start,
    span,
    firstPersonalId,
    captureForm: captureForm.subarray(0, k),
    captureEvents: captureEvents.subarray(0, k),
  };
};

module.exports = { DAY, bulkLoad, quiesce, subjectOf };
