'use strict';

// bench/results/latest.json (or --out): the results of a run, --merge with the previous file, writing.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { CFG, DBS, GOALS, LOADED_PHASES, MERGE, ONLY, OUT, PHASES, PROFILE, QUICK, ROOT, SQLITE_DIR } = require('./options');
const { profiles } = require('./bench-app');
const { log, round } = require('./util');

/** The results of a run before any phase: when, where, with what, and an empty place per phase. */
const newResults = () => {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    mode: QUICK ? 'quick' : 'full',
    n: CFG.n,
    machine: {
      cores: cpus.length,
      cpu: cpus[0] ? cpus[0].model.trim() : 'unknown',
      memory_gb: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      loadavg_at_start: os.loadavg().map((v) => round(v, 2)),
    },
    versions: {
      strapi: require('@strapi/strapi/package.json').version,
      autocannon: require('autocannon/package.json').version,
      knex: require('knex/package.json').version,
    },
    config: { sqlite_dir: SQLITE_DIR, connections: CFG.connections, duration_s: CFG.duration, warmup_s: CFG.warmup, rounds: CFG.rounds, list_runs: CFG.listRuns },
    goals: Object.fromEntries(Object.entries(GOALS).map(([k, [op, v]]) => [k, `${op} ${v}`])),
    P1: {},
    P2: {},
    P3: {},
    P4: {},
    P5: {},
    P6: {},
    P7: {},
    loader: {},
  };
};

/** `<phase>.<db>` of every figure in these results, each with `date(db)`. */
const phaseRunsOf = (results, date) => {
  const out = {};
  for (const key of [...PHASES, 'loader']) for (const d of Object.keys(results[key] || {})) out[`${key}.${d}`] = date(d);
  return out;
};

/**
 * Re-running one database: keep the other databases' figures from the previous run of the same mode
 * and size (each figure is a ratio measured within its own database's run); a phase not run this time
 * (--only) keeps its previous figures for every database.
 */
const mergePrevious = (results, previous) => {
  const ran = (key) => (key === 'loader' ? LOADED_PHASES.some((p) => ONLY.has(p)) : ONLY.has(key));
  for (const key of [...PHASES, 'loader']) {
    results[key] = { ...Object.fromEntries(Object.entries(previous[key] || {}).filter(([d]) => !ran(key) || !DBS.includes(d))), ...results[key] };
  }
  results.runs = { ...(previous.runs || {}), ...results.runs };
  const before = previous.phase_runs || phaseRunsOf(previous, (d) => previous.runs?.[d] ?? previous.date);
  results.phase_runs = { ...Object.fromEntries(Object.entries(before).filter(([k]) => k.split('.')[0] in results && results[k.split('.')[0]][k.split('.')[1]])), ...results.phase_runs };
  for (const d of Object.keys(previous.P1 || {})) if (!DBS.includes(d) && !results.runs[d]) results.runs[d] = previous.date;
  results.versions = { ...previous.versions, ...results.versions };
};

/** Completes the results (runs, profiles, --merge) and writes them to OUT (through a temp file). */
const writeResults = (results, t0) => {
  if (PROFILE) results.profiles = profiles.map((f) => path.relative(ROOT, f));
  results.runs = Object.fromEntries(DBS.map((d) => [d, results.date]));
  // Which run measured each phase on each database (a --merge may combine several runs).
  results.phase_runs = phaseRunsOf(results, () => results.date);
  if (MERGE && fs.existsSync(OUT)) {
    const previous = JSON.parse(fs.readFileSync(OUT, 'utf8'));
    if (previous.mode === results.mode && previous.n === results.n) mergePrevious(results, previous);
    else log(`--merge: ${path.relative(ROOT, OUT)} holds a ${previous.mode} run of N = ${previous.n}; not merged`);
  }
  results.duration_s = Math.round((Date.now() - t0) / 1000);
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(`${OUT}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
  fs.renameSync(`${OUT}.tmp`, OUT);
};

module.exports = { newResults, writeResults };
