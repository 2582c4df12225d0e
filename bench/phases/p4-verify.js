'use strict';

// P4 the chain verification (GET /user-consent/integrity) vs a bare SHA-256 pass over the same rows.
const crypto = require('crypto');
const { CFG, P4_RUNS } = require('../lib/options');
const { integrity, profileStart, profileStop } = require('../lib/bench-app');
const { reference } = require('../lib/plugin');
const { log, round, sleep, snake, median, elapsed } = require('../lib/util');

/**
 * The columns of the bare pass: every column an event's hash covers (`collectedAt` too, as the
 * plugin's verification reads it) and, through a left join, what its personal record holds (the
 * plugin reads those records by id for each batch and checks their keyed hashes).
 */
const bareColumns = (plugin) => [
  ...['id', 'hash', ...reference.REF_HASHED_FIELDS.map(snake)].map((c) => `c.${c}`),
  ...['secret', ...plugin.PERSONAL_PART_FIELDS].map(snake).map((c) => `p.${c} as p_${c}`),
];

/** The bare pass: knex selects in seq-keyset batches, one SHA-256 of each row's JSON. The rows hashed and the last digest. */
const barePass = async ({ knex, table, personalTable }, cols) => {
  let last = '0';
  let hashed = 0;
  let digest = '';
  for (;;) {
    const rows = await knex({ c: table })
      .leftJoin({ p: personalTable }, 'p.id', 'c.personal_id')
      .select(cols)
      .where('c.seq', '>', last)
      .orderBy('c.seq', 'asc')
      .limit(CFG.verifyBatch);
    if (!rows.length) break;
    for (const row of rows) digest = crypto.createHash('sha256').update(JSON.stringify(row), 'utf8').digest('hex');
    hashed += rows.length;
    last = String(rows[rows.length - 1].seq);
    if (rows.length < CFG.verifyBatch) break;
  }
  return { hashed, digest };
};

/**
 * The reference pass (not timed): the chain walked in seq order with knex, each event's hash
 * recomputed by the reference proof (tests/helpers/reference-proof.ts: written from the proof's
 * specification, with `collectedAt` hashed only when set, not from the plugin's code) and each
 * `prevHash` compared with the hash before it. The rows are read as the drivers give them; the only
 * decoding a hash needs is of the JSON columns, which SQLite hands back as text.
 */
const referencePass = async ({ knex, table, plugin }) => {
  const fields = reference.REF_HASHED_FIELDS;
  const attributes = plugin.contentTypes.consent.schema.attributes;
  const json = fields.filter((f) => attributes[f].type === 'json');
  const head = await knex(reference.REF_HEAD_TABLE).where({ id: 1 }).first('seq', 'hash');
  let prevHash = reference.REF_GENESIS;
  let expected = BigInt(1);
  let checked = 0;
  let collected = 0;
  let firstBroken = null;
  let last = '0';
  outer: for (;;) {
    const rows = await knex(table)
      .select(['id', 'hash', ...fields.map((f) => `${snake(f)} as ${f}`)])
      .where('seq', '>', last)
      .orderBy('seq', 'asc')
      .limit(CFG.verifyBatch);
    if (!rows.length) break;
    for (const row of rows) {
      for (const f of json) if (typeof row[f] === 'string') row[f] = JSON.parse(row[f]);
      const seq = BigInt(row.seq);
      const why = seq !== expected ? `seq ${seq} where ${expected} was due` : row.prevHash !== prevHash ? 'previous hash' : reference.refEventHash(row) !== row.hash ? 'its hash' : null;
      if (why) {
        firstBroken = { id: row.id, seq: String(seq), why };
        break outer;
      }
      prevHash = row.hash;
      expected = seq + BigInt(1);
      checked += 1;
      if (row.collectedAt != null) collected += 1;
    }
    last = String(rows[rows.length - 1].seq);
    if (rows.length < CFG.verifyBatch) break;
  }
  if (!firstBroken && head && (String(head.seq) !== String(expected - BigInt(1)) || head.hash !== prevHash)) firstBroken = { id: null, seq: String(head.seq), why: 'the chain head' };
  return { checked, collected, intact: !firstBroken, firstBroken };
};

const runP4 = async (ctx) => {
  const { app, db, token } = ctx;
  log(`P4 chain verification on ${db.client}${P4_RUNS > 1 ? ` (${P4_RUNS} runs each, alternating)` : ''}`);
  const cols = bareColumns(ctx.plugin);
  const verifyRuns = [];
  const bareRuns = [];
  let report;
  let bare;
  for (let run = 0; run < P4_RUNS; run += 1) {
    if (run === 0) await profileStart(app);
    // The bare pass on SQLite never lets the runner's event loop see I/O: let it notice that the app
    // closed the idle keep-alive socket, or the next request goes out on it ("socket hang up").
    else await sleep(200);
    let t = process.hrtime.bigint();
    report = await integrity(app, token);
    verifyRuns.push(elapsed(t));
    if (run === 0) await profileStop(app, 'P4-verify');
    if (!report.intact) throw new Error(`P4: the chain is not intact: ${JSON.stringify(report.firstBroken)}`);

    t = process.hrtime.bigint();
    bare = await barePass(ctx, cols);
    bareRuns.push(elapsed(t));
    if (P4_RUNS > 1) log(`  run ${run + 1}: verify ${Math.round(verifyRuns[run])} ms, bare ${Math.round(bareRuns[run])} ms`);
  }
  // The plugin's verdict, held to the reference's: the same records checked, and intact.
  const t = process.hrtime.bigint();
  const ref = await referencePass(ctx);
  const referenceMs = elapsed(t);
  if (!ref.intact || ref.checked !== report.checked) {
    throw new Error(`P4: the reference verification disagrees: ${ref.checked} records checked (the plugin ${report.checked}), ${ref.intact ? 'intact' : `broken at ${JSON.stringify(ref.firstBroken)}`}`);
  }
  const verifyMs = median(verifyRuns);
  const bareMs = median(bareRuns);
  const out = {
    ratio: round(verifyMs / bareMs),
    verify_ms: round(verifyMs, 0),
    bare_ms: round(bareMs, 0),
    checked: report.checked,
    bare_rows: bare.hashed,
    intact: report.intact,
    verify_rows_per_s: round(report.checked / (verifyMs / 1000), 0),
    bare_rows_per_s: round(bare.hashed / (bareMs / 1000), 0),
    last_digest: bare.digest.slice(0, 12),
    reference_checked: ref.checked,
    reference_collected_at: ref.collected,
    reference_ms: round(referenceMs, 0),
  };
  if (P4_RUNS > 1) Object.assign(out, { runs_verify_ms: verifyRuns.map((v) => round(v, 0)), runs_bare_ms: bareRuns.map((v) => round(v, 0)) });
  log(`  verify ${out.verify_ms} ms for ${report.checked} records (intact), bare SHA-256 pass ${out.bare_ms} ms for ${bare.hashed} rows → ratio ${out.ratio}; the reference verification agrees (${ref.checked} records, ${ref.collected} with collectedAt, ${out.reference_ms} ms, not timed)`);
  return out;
};

module.exports = { runP4 };
