#!/usr/bin/env node
'use strict';

// Summarises a V8 .cpuprofile (from `node bench/run.js --profile`): self time by package, the hottest
// functions, and the inclusive time of the plugin's own functions (dist/server).
//   node bench/profile-summary.js bench/.build/profiles/<run>/<db>/P1-plugin.cpuprofile [--top 20]
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const PLUGIN_BUNDLE = path.join(ROOT, 'dist', 'server') + path.sep;

const where = (url) => {
  if (!url) return null;
  const m = url.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node (internals)';
  const local = url.replace(/^file:\/\//, '');
  return path.relative(ROOT, local).split(path.sep).slice(0, 2).join('/') || local;
};

const summarise = (file, { top = 15 } = {}) => {
  const p = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const selfById = new Map();
  for (let i = 0; i < p.samples.length; i += 1) selfById.set(p.samples[i], (selfById.get(p.samples[i]) || 0) + (p.timeDeltas[i] || 0));

  const name = (n) => {
    const f = n.callFrame;
    const loc = f.url ? `${where(f.url)}:${f.lineNumber + 1}` : '';
    return `${f.functionName || '(anonymous)'} ${loc}`.trim();
  };
  const self = new Map();
  const pkg = new Map();
  const inclusive = new Map();
  let total = 0;
  let idle = 0;
  for (const [id, t] of selfById) {
    const n = byId.get(id);
    total += t;
    if (n.callFrame.functionName === '(idle)') idle += t;
    self.set(name(n), (self.get(name(n)) || 0) + t);
    const k = where(n.callFrame.url) || n.callFrame.functionName;
    pkg.set(k, (pkg.get(k) || 0) + t);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const c = byId.get(cur);
      if (!c.callFrame.url.includes(PLUGIN_BUNDLE)) continue;
      const key = name(c);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) || 0) + t);
    }
  }
  const busy = total - idle;
  const list = (m, n) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${(v / 1000).toFixed(0).padStart(7)} ms ${((100 * v) / (busy || 1)).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  return [
    `${path.basename(file)}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (percentages of busy time)`,
    'self time by package:',
    list(new Map([...pkg].filter(([k]) => k !== '(idle)')), top),
    'hottest functions (self):',
    list(new Map([...self].filter(([k]) => k !== '(idle)')), top),
    // A middleware that wraps `await next()` is charged with the synchronous part of what runs after it.
    "the plugin's functions (inclusive, synchronous part only):",
    list(inclusive, top),
  ].join('\n');
};

module.exports = { summarise };

if (require.main === module) {
  const args = process.argv.slice(2);
  const t = args.indexOf('--top');
  const topN = t >= 0 ? Number(args[t + 1]) : 20;
  for (const f of args.filter((a, i) => a.endsWith('.cpuprofile') && (t < 0 || i !== t + 1))) console.log(`${summarise(f, { top: topN })}\n`);
}
