'use strict';

// CPU time and memory of processes, read from /proc.
const { spawnSync } = require('child_process');
const fs = require('fs');

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;
/** CPU time (user + system) a process has used so far, in ms. */
const cpuMs = (pid) => {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
};
const cpuOf = (pids) => pids.reduce((s, pid) => s + cpuMs(pid), 0);
/** CPU ms of each process that still exists. */
const cpuByPid = (pids) => {
  const out = new Map();
  for (const pid of pids) {
    try {
      out.set(pid, cpuMs(pid));
    } catch {
      /* exited */
    }
  }
  return out;
};

const rssKb = (pid) => {
  const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)\s+kB/m);
  return m ? Number(m[1]) : NaN;
};

/** The app's RSS (kB) sampled every 50 ms from /proc while `fn` runs: before it, and the peak. */
const withRss = async (app, fn) => {
  const before = rssKb(app.pid);
  let peak = before;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssKb(app.pid));
    } catch {
      /* the sample is lost */
    }
  }, 50);
  try {
    const value = await fn();
    peak = Math.max(peak, rssKb(app.pid));
    return { value, before, peak };
  } finally {
    clearInterval(timer);
  }
};

/** The machine's CPU time so far (all cores, from /proc/stat): busy and total ticks. */
const machineTicks = () => {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0); // guest time is already in user
  const idle = f[3] + f[4]; // idle + iowait
  return { busy: total - idle, total };
};
/** The share of the machine's CPU (0–1, all cores) used between two machineTicks() readings. */
const machineBusy = (a, b) => (b.total > a.total ? (b.busy - a.busy) / (b.total - a.total) : null);

module.exports = { cpuOf, cpuByPid, rssKb, withRss, machineTicks, machineBusy };
