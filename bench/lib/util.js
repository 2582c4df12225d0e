'use strict';

// Logging, rounding, timing and percentiles: what every part of the runner uses.

const log = (...a) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
const round = (v, d = 3) => (v == null || !Number.isFinite(v) ? null : Math.round(v * 10 ** d) / 10 ** d);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** An attribute's column as Strapi names it (camelCase → snake_case); the loader checks each against the table. */
const snake = (s) => s.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
const p95 = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(0.95 * s.length) - 1)];
};
const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** ms since `t0` (a `process.hrtime.bigint()`). */
const elapsed = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
module.exports = { log, round, sleep, snake, p95, median, elapsed };
