'use strict';

// Child processes and databases: everything started here is stopped on exit, failure or Ctrl-C.
const { spawn } = require('child_process');
const net = require('net');
const { ROOT } = require('./options');
const { log, elapsed } = require('./util');

const children = new Set();
const databases = new Set();

const stopChild = (proc, graceMs = 10_000) =>
  new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      try {
        proc.kill('SIGKILL');
      } catch {
        /* gone */
      }
    }, graceMs);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      proc.kill('SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });

let cleaning = null;
/** Stops every child and drops every database still there (once; later calls get the same promise). */
const cleanup = () => {
  if (!cleaning) {
    cleaning = (async () => {
      await Promise.all([...children].map((c) => stopChild(c)));
      for (const db of [...databases]) await db.drop().catch((e) => log(`could not drop ${db.name}: ${e.message}`));
    })();
  }
  return cleaning;
};
process.on('exit', () => {
  // Last resort (an exception escaped): no child outlives the runner.
  for (const c of children) {
    try {
      c.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    log(`${sig}: stopping child processes`);
    cleanup().finally(() => process.exit(130));
  });
}

/** A database to drop at the end (or on failure); its `drop` forgets it. */
const trackDatabase = (db) => {
  const drop = db.drop;
  db.drop = async () => {
    databases.delete(db);
    await drop();
  };
  databases.add(db);
  return db;
};

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

/** Starts `node <script>` with an IPC channel (the child exits when the runner disappears). */
const startNode = (script, env, label, { timeoutMs = 180_000, nodeArgs = [] } = {}) =>
  new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...nodeArgs, script], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    children.add(proc);
    let out = '';
    let ready = false;
    const keep = (d) => {
      out += d;
      if (out.length > 20_000) out = out.slice(-20_000);
    };
    const timer = setTimeout(() => {
      stopChild(proc, 1000);
      reject(new Error(`${label} did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    proc.stdout.on('data', (d) => {
      keep(d);
      if (ready) {
        if (process.env.BENCH_VERBOSE) process.stdout.write(`[${label}] ${d}`);
        return;
      }
      const m = out.match(/^ready (.*)$/m);
      if (m) {
        ready = true;
        clearTimeout(timer);
        let info;
        try {
          info = JSON.parse(m[1]);
        } catch {
          info = null;
        }
        if (!info || typeof info !== 'object') info = { port: Number(m[1]) };
        resolve({ proc, pid: proc.pid, info, label, output: () => out, stop: () => stopChild(proc) });
      }
    });
    proc.stderr.on('data', (d) => {
      keep(d);
      if (process.env.BENCH_VERBOSE) process.stderr.write(`[${label}] ${d}`);
    });
    proc.once('exit', (code, signal) => {
      children.delete(proc);
      if (!ready) {
        clearTimeout(timer);
        reject(new Error(`${label} exited with ${code ?? signal} before it was ready:\n${out}`));
      } else if (!cleaning && code !== 0 && signal !== 'SIGTERM') {
        log(`${label} exited unexpectedly (${code ?? signal}):\n${out.slice(-3000)}`);
      }
    });
  });

/** Runs a CLI and counts what it writes to stdout (the same kind of sink as the plugin's export). */
const timedCli = (cmd, args, env = {}) =>
  new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const proc = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(proc);
    let bytes = 0;
    let lines = 0;
    let err = '';
    proc.stdout.on('data', (c) => {
      bytes += c.length;
      lines += countLines(c);
    });
    proc.stderr.on('data', (d) => (err += d));
    proc.on('error', reject);
    proc.on('close', (code) => {
      children.delete(proc);
      if (code !== 0) reject(new Error(`${cmd} exited with ${code}: ${err}`));
      else resolve({ ms: elapsed(t), bytes, lines });
    });
  });

/** The newlines in a chunk of output. */
const countLines = (chunk) => {
  let lines = 0;
  for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
  return lines;
};

module.exports = { cleanup, trackDatabase, freePort, startNode, timedCli, countLines };
