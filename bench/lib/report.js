'use strict';

// The table on stdout at the end of a run.
const path = require('path');
const { CFG, GOALS, OUT, meets } = require('./options');

const table = (title, head, rows) => {
  const cells = [head, ...rows].map((r) => r.map((c) => (c == null ? '—' : String(c))));
  const widths = head.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(cells[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) console.log(line(r));
};
const mark = (goal, v) => {
  const ok = meets(goal, v);
  return v == null ? null : `${v}${ok === null ? '' : ok ? ' ok' : ' MISS'}`;
};

const printReport = (results) => {
  const dbs = Object.keys(results.P1);
  console.log(`\n${'='.repeat(100)}\nstrapi-plugin-user-consent benchmarks — ${results.date} — ${results.mode} mode, N = ${results.n.toLocaleString('en')}`);
  console.log(`machine: ${results.machine.cores} cores (${results.machine.cpu}), ${results.machine.memory_gb} GB, Node ${results.machine.node}, ${results.machine.os}`);
  table(
    `P1 capture throughput (req/s, ${CFG.connections} connections, ${CFG.duration}s) — goals: ratio_core >= 1.5, ratio_floor >= 0.6`,
    ['db', 'plugin', 'core', 'floor', 'bare', 'ratio_core', 'ratio_floor', 'ratio_bare', 'p99_ms', 'non-2xx'],
    dbs.map((d) => {
      const p = results.P1[d];
      return [d, p.plugin_rps, p.core_rps, p.floor_rps, p.bare_rps, mark(GOALS.ratio_core, p.ratio_core), mark(GOALS.ratio_floor, p.ratio_floor), p.ratio_bare, p.p99_ms, Object.values(p.non2xx).reduce((a, b) => a + b, 0)];
    })
  );
  table(
    'P1 CPU time per request (ms): the serving process (SQLite work included) and, on PostgreSQL, its server processes',
    ['db', 'plugin', 'core', 'floor', 'bare', 'db: plugin', 'db: core', 'db: floor', 'db: bare'],
    dbs.map((d) => {
      const c = results.P1[d].cpu_ms_per_req;
      const b = results.P1[d].db_cpu_ms_per_req ?? {};
      return [d, c.plugin, c.core, c.floor, c.bare, b.plugin, b.core, b.floor, b.bare];
    })
  );
  const p2rows = [];
  for (const d of Object.keys(results.P2)) {
    for (const [k, f] of Object.entries(results.P2[d].filters)) {
      p2rows.push([d, k, f.total, f.p95_ms, mark(GOALS.P2_raw_p95_ms, f.raw_p95_ms), results.P2[d].admin_floor.p95_ms, mark(GOALS.P2_floor, f.ratio_floor), f.ratio, f.access.join(' / ')]);
    }
  }
  table(
    `P2 admin list, p95 of ${CFG.listRuns} runs (ms) — goals: ratio_floor = api ÷ (admin_floor + raw) <= 1.2, raw_p95 <= 25 ms; admin_floor = GET /admin/users/me; ratio = api ÷ raw, for context`,
    ['db', 'filter', 'matches', 'api_p95', 'raw_p95', 'admin_floor_p95', 'ratio_floor', 'ratio', 'plans (select / count)'],
    p2rows
  );
  table(
    'P3 export — goals: rss_growth <= 100 MB, ratio >= 0.8',
    ['db', 'rows', 'plugin rows/s', 'native rows/s', 'ratio', 'rss_growth_mb', 'heap_retained_mb'],
    Object.entries(results.P3).map(([d, p]) => [d, p.rows, p.plugin_rows_per_s, p.native_rows_per_s, mark(GOALS.P3, p.ratio), mark(GOALS.rss_growth_mb, p.rss_growth_mb), p.heap_retained_mb])
  );
  table(
    'P4 verification — goal: ratio <= 1.5',
    ['db', 'records', 'verify_ms', 'bare_sha256_ms', 'ratio'],
    Object.entries(results.P4).map(([d, p]) => [d, p.checked, p.verify_ms, p.bare_ms, mark(GOALS.P4, p.ratio)])
  );
  if (Object.keys(results.P5).length) {
    table(
      'P5 scale-out, 1 → 2 processes, with chain lanes and (second row) one lane — goal: ratio >= 0.9 (with lanes)',
      ['db', 'lanes', 'capture 1→2 req/s', 'floor 1→2 req/s', 'core 1→2 req/s', 'factor_capture', 'factor_floor', 'factor_core', 'ratio', 'vs core', 'chain'],
      Object.entries(results.P5).flatMap(([d, p]) =>
        [p, ...(p.one_lane ? [{ ...p.one_lane, lanes: 1 }] : [])].map((x) => [
          d,
          x.lanes ?? 1,
          `${x.capture_rps_1} → ${x.capture_rps_2}`,
          `${x.floor_rps_1} → ${x.floor_rps_2}`,
          x.core_rps_1 ? `${x.core_rps_1} → ${x.core_rps_2}` : '—',
          x.factor_capture,
          x.factor_floor,
          x.factor_core ?? '—',
          x === p ? mark(GOALS.P5, x.ratio) : x.ratio,
          x.ratio_vs_core ?? '—',
          x.chain_intact ? 'intact' : 'BROKEN',
        ])
      )
    );
    const fours = Object.entries(results.P5).filter(([, p]) => p.four_process);
    if (fours.length) {
      table(
        'P5 four processes capturing at once (chain lanes): every 201 stored once, no duplicate position, the chain verified',
        ['db', 'req/s', 'answered 201', 'stored', 'duplicates', 'events per lane', 'chain'],
        fours.map(([d, { four_process: f }]) => [d, f.rps, f.answered_201, f.stored, f.duplicate_positions, f.lanes.map((x) => `${x.lane ?? 0}:${x.events}`).join(' '), f.chain_intact ? 'intact' : 'BROKEN'])
      );
    }
  }
  if (Object.keys(results.P6).length) {
    table(
      `P6 erasure of one subject (admin route, p50/p95 of ${CFG.eraseRuns}) vs bare DELETE + INSERT — goal: erase_p95 <= 50 ms`,
      ['db', 'erase_p50', 'erase_p95', 'bare_p50', 'bare_p95', 'p95 ratio', 'admin_floor_p95', 'events/erasure'],
      Object.entries(results.P6).map(([d, p]) => [d, p.erase.p50_ms, mark(GOALS.erase_p95_ms, p.erase_p95_ms), p.erase.baseline_p50_ms, p.erase.baseline_p95_ms, p.erase.ratio, p.erase.admin_floor_p95_ms, p.erase.events_per_erasure])
    );
    table(
      'P6 retention run vs bare DELETE in batches of 500 — goal: rss_growth <= 100 MB; then the chain verified',
      ['db', 'events', 'records', 'acts', 'run_ms', 'events/s', 'records/s', 'bare records/s', 'run/bare', 'rss_growth_mb', 'chain'],
      Object.entries(results.P6).map(([d, p]) => {
        const r = p.retention;
        return [d, r.events, r.records, r.batches, r.ms, r.rows_per_s, r.records_per_s, r.baseline_records_per_s, r.ratio, mark(GOALS.retention_rss_growth_mb, r.rss_growth_mb), p.chain_intact ? 'intact' : 'BROKEN'];
      })
    );
  }
  if (Object.keys(results.P7 || {}).length) {
    table(
      'P7 status API with an API token vs the floor route (req/s), and webhook lag during capture load — goals: ratio >= 0.7, lag p95 <= 1000 ms',
      ['db', 'status req/s', 'floor req/s', 'ratio', 'token floor req/s', 'vs token floor', 'status p99_ms', 'capture req/s', 'delivered', 'lag p50', 'lag p95', 'lag max'],
      Object.entries(results.P7).map(([d, p]) => [d, p.status_rps, p.floor_rps, mark(GOALS.status_ratio_floor, p.status_ratio_floor), p.token_floor_rps, p.status_ratio_token_floor, p.status_p99_ms, p.capture_rps, `${p.delivered}/${p.captured}`, p.webhook_lag_p50_ms, mark(GOALS.webhook_lag_p95_ms, p.webhook_lag_p95_ms), p.webhook_lag_max_ms])
    );
  }
  console.log(`\nwritten: ${path.relative(process.cwd(), OUT)}`);
};

module.exports = { printReport };
