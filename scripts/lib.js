'use strict';

// Small helpers shared by the demo, e2e and bench scripts.
const { spawnSync, spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const http = require('http');

const ROOT = path.resolve(__dirname, '..');
const APP = path.join(ROOT, 'playground');
const BIN = path.join(ROOT, 'node_modules', '.bin');

const run = (cmd, args, opts = {}) => {
  const res = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...opts, env: { ...process.env, ...(opts.env || {}) } });
  if (res.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed with ${res.status ?? res.signal}`);
  }
};

const newestMtime = (dir) => {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
};

/** Builds the plugin (server + admin bundles) with the plugin SDK. */
const buildPlugin = () => {
  run(path.join(BIN, 'strapi-plugin'), ['build']);
  // The widget as sites load it (minified, served when present).
  run(process.execPath, [path.join(ROOT, 'scripts', 'build-widget.js')]);
};

/** Copies JSON files (content-type schemas) that tsc does not emit. */
const copyJson = (from, to) => {
  if (!fs.existsSync(from)) return;
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) copyJson(src, dst);
    else if (entry.name.endsWith('.json')) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(src, dst);
    }
  }
};

/** Copies the playground's JavaScript and JSON to dist/ (what `strapi start` runs). */
const compilePlayground = () => {
  run(path.join(BIN, 'tsc'), ['-p', path.join(APP, 'tsconfig.json')]);
  copyJson(path.join(APP, 'src'), path.join(APP, 'dist', 'src'));
};

/** Builds the playground's admin panel when it is missing or older than its sources. */
const buildAdmin = ({ force = false, env = {} } = {}) => {
  const index = path.join(APP, 'dist', 'build', 'index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'admin', 'src')),
    newestMtime(path.join(APP, 'src', 'admin')),
    fs.statSync(path.join(ROOT, 'package-lock.json')).mtimeMs
  );
  if (!force && built > sources) {
    console.log('[build] admin panel is up to date');
    return;
  }
  run(path.join(BIN, 'strapi'), ['build'], { cwd: APP, env: { NODE_OPTIONS: '--max-old-space-size=4096', ...env } });
};

const get = (url) =>
  new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(0);
    });
  });

const waitForHealth = async (base, timeoutMs = 120000) => {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if ((await get(`${base}/_health`)) === 204) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${base}/_health did not answer within ${timeoutMs} ms`);
};

/** Starts the built playground (`strapi start`) as a child process. */
const startApp = (env = {}, { stdio = 'inherit' } = {}) =>
  spawn(path.join(BIN, 'strapi'), ['start'], {
    cwd: APP,
    stdio,
    env: { ...process.env, BROWSER: 'none', STRAPI_TELEMETRY_DISABLED: 'true', ...env },
  });

module.exports = { ROOT, APP, BIN, run, buildPlugin, compilePlayground, buildAdmin, waitForHealth, startApp };
