'use strict';

// P3 the CSV export (GET /user-consent/consents/export): the app's RSS growth, and its rows per second
// vs the database's own CSV export of the same columns; then the XLSX export (?format=xlsx, exceljs's
// streaming writer) of the same records: its RSS growth and rows per second.
const { spawnSync } = require('child_process');
const { PG } = require('../lib/options');
const { timedCli, countLines } = require('../lib/processes');
const { request } = require('../lib/http');
const { appMemory, profileStart, profileStop } = require('../lib/bench-app');
const { rssKb, withRss } = require('../lib/proc');
const { log, round, sleep, elapsed } = require('../lib/util');

const ensureSqliteCli = () => {
  if (spawnSync('sqlite3', ['-version']).status === 0) return true;
  log('sqlite3 CLI missing: apt-get install -y sqlite3');
  spawnSync('apt-get', ['install', '-y', 'sqlite3'], { stdio: 'inherit' });
  return spawnSync('sqlite3', ['-version']).status === 0;
};

/** The database's own CSV export of `select`, counted in the same kind of sink as the plugin's. */
const nativeExport = async (db, select) => {
  if (db.client === 'sqlite') {
    if (!ensureSqliteCli()) throw new Error('P3: the sqlite3 CLI is not available');
    return { ...(await timedCli('sqlite3', ['-csv', '-header', db.file, select])), tool: 'sqlite3 -csv' };
  }
  const native = await timedCli(
    'psql',
    ['-X', '-q', '-h', PG.host, '-p', String(PG.port), '-U', PG.user, '-d', db.name, '-c', `\\copy (${select}) TO STDOUT WITH CSV HEADER`],
    PG.password ? { PGPASSWORD: PG.password } : {}
  );
  return { ...native, tool: 'psql \\copy … csv' };
};

/**
 * One export of every record, read into a counting sink while the app's RSS is sampled every 50 ms and
 * its heap and Buffers are polled twice a second; a full GC before and after (heap retained).
 */
const measureExport = async (ctx, query, profileName) => {
  const { app, token } = ctx;
  const heapBefore = (await appMemory(app, true)).heapUsed;
  await sleep(200);
  let bytes = 0;
  let lines = 0;
  // What the growth is made of: V8 heap (objects, garbage not yet collected) or Buffers (data queued
  // on the way to the socket). Polled from the app twice a second while the export runs.
  const mem = { heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0, rss: 0 };
  let polling = true;
  let poller;
  let ms;
  const sampled = await withRss(app, async () => {
    const base = await appMemory(app, false);
    poller = (async () => {
      while (polling) {
        await sleep(500);
        if (!polling) break;
        const m = await appMemory(app, false).catch(() => null);
        if (m) for (const k of Object.keys(mem)) mem[k] = Math.max(mem[k], m[k] - base[k]);
      }
    })();
    await profileStart(app);
    const t = process.hrtime.bigint();
    try {
      return await request('GET', `${app.url}/user-consent/consents/export${query}`, {
        token,
        onData: (c) => {
          bytes += c.length;
          lines += countLines(c);
        },
      });
    } finally {
      polling = false;
      ms = elapsed(t);
    }
  });
  const { value: res, before } = sampled;
  await poller;
  const peak = Math.max(sampled.peak, rssKb(app.pid));
  await profileStop(app, profileName);
  await sleep(300); // the export's last batch and its log update run after the last byte
  const heapAfterGc = (await appMemory(app, true)).heapUsed;
  const rssAfterGc = rssKb(app.pid);
  if (res.status !== 200) throw new Error(`P3: export${query} answered ${res.status}`);
  return { ms, bytes, lines, before, peak, rssAfterGc, mem, heapRetained: heapAfterGc - heapBefore };
};

const runP3 = async (ctx) => {
  const { knex, db, plugin } = ctx;
  const rows = Number(Object.values((await knex(ctx.table).count({ c: '*' }))[0])[0]);
  log(`P3 export of ${rows.toLocaleString('en')} records on ${db.client}: streamed to a sink, app RSS sampled every 50 ms`);

  const { ms, bytes, lines, before, peak, rssAfterGc, mem, heapRetained } = await measureExport(ctx, '', 'P3-export');
  if (lines !== rows + 1) log(`  warning: the export has ${lines} lines for ${rows} records (+1 header expected)`);
  const pluginRate = rows / (ms / 1000);

  // The columns of the plugin's own export with the personal ones (as a super admin gets it), the
  // personal store through a left join, in seq order.
  const { select: columns } = plugin.exportLayout(true, { event: 'c', person: 'p' });
  const native = await nativeExport(db, `SELECT ${columns.join(', ')} FROM ${ctx.table} c LEFT JOIN ${ctx.personalTable} p ON p.id = c.personal_id ORDER BY c.seq`);
  const nativeRate = rows / (native.ms / 1000);
  const out = {
    rss_growth_mb: round((peak - before) / 1024, 1),
    ratio: round(pluginRate / nativeRate),
    rows,
    rss_before_mb: round(before / 1024, 1),
    rss_peak_mb: round(peak / 1024, 1),
    rss_after_gc_mb: round(rssAfterGc / 1024, 1),
    // What the export left behind once garbage is collected: near 0 means the growth was garbage not
    // yet collected (V8 lets the heap grow under allocation pressure), not data kept in memory.
    heap_retained_mb: round(heapRetained / 2 ** 20, 1),
    // Peak growth, during the export, of the V8 heap and of Buffer memory (MB).
    heap_growth_mb: round(mem.heapUsed / 2 ** 20, 1),
    buffers_growth_mb: round(mem.arrayBuffers / 2 ** 20, 1),
    plugin_ms: round(ms, 0),
    plugin_rows_per_s: round(pluginRate, 0),
    plugin_bytes: bytes,
    plugin_lines: lines,
    native_tool: native.tool,
    native_ms: round(native.ms, 0),
    native_rows_per_s: round(nativeRate, 0),
    native_bytes: native.bytes,
  };
  log(`  plugin ${out.plugin_ms} ms (${out.plugin_rows_per_s} rows/s, ${(bytes / 1e6).toFixed(1)} MB), RSS ${out.rss_before_mb} → ${out.rss_peak_mb} MB (+${out.rss_growth_mb}; heap +${out.heap_growth_mb} (total +${round(mem.heapTotal / 2 ** 20, 1)}, ext +${round(mem.external / 2 ** 20, 1)}), buffers +${out.buffers_growth_mb}); heap retained after GC ${out.heap_retained_mb} MB`);
  log(`  native ${out.native_ms} ms (${out.native_rows_per_s} rows/s, ${(native.bytes / 1e6).toFixed(1)} MB) → ratio ${out.ratio}`);

  // The same records as XLSX with typed cells, in Russian with a local time column (what the panel asks
  // for): a zip written by exceljs's streaming writer as the rows come.
  const x = await measureExport(ctx, '?format=xlsx&lang=ru&timeZone=Europe%2FMoscow', 'P3-export-xlsx');
  Object.assign(out, {
    xlsx_rss_growth_mb: round((x.peak - x.before) / 1024, 1),
    xlsx_rows_per_s: round(rows / (x.ms / 1000), 0),
    xlsx_ms: round(x.ms, 0),
    xlsx_bytes: x.bytes,
    xlsx_rss_before_mb: round(x.before / 1024, 1),
    xlsx_rss_peak_mb: round(x.peak / 1024, 1),
    xlsx_rss_after_gc_mb: round(x.rssAfterGc / 1024, 1),
    xlsx_heap_retained_mb: round(x.heapRetained / 2 ** 20, 1),
    xlsx_heap_growth_mb: round(x.mem.heapUsed / 2 ** 20, 1),
    xlsx_buffers_growth_mb: round(x.mem.arrayBuffers / 2 ** 20, 1),
  });
  log(`  xlsx ${out.xlsx_ms} ms (${out.xlsx_rows_per_s} rows/s, ${(x.bytes / 1e6).toFixed(1)} MB), RSS ${out.xlsx_rss_before_mb} → ${out.xlsx_rss_peak_mb} MB (+${out.xlsx_rss_growth_mb}; heap +${out.xlsx_heap_growth_mb}, buffers +${out.xlsx_buffers_growth_mb}); heap retained after GC ${out.xlsx_heap_retained_mb} MB`);
  return out;
};

module.exports = { runP3 };
