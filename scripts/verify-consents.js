#!/usr/bin/env node
'use strict';

/**
 * `npm run verify-consents`: checks the consent chain of the playground's database, or of the database
 * the standard Strapi variables name (DATABASE_CLIENT, DATABASE_HOST, ...). Prints the report and
 * exits 1 when the chain is broken, 2 when the check itself could not run. Starts no HTTP server.
 *
 *   npm run verify-consents -- --checkpoints FILE [--jwks FILE]
 *
 * also checks signed checkpoints kept elsewhere (FILE: the answer of GET /api/user-consent/checkpoints
 * or /checkpoints/latest, a JSON array of checkpoints or of JWS strings, or one JWS or checkpoint per
 * line): each signature, with the app's public keys or the JWK Set given with --jwks (e.g. a copy of
 * GET /api/user-consent/jwks.json), and that the event at each checkpoint's position still has the
 * signed hash. A history rewritten before a checkpoint exits 1, even when every hash was recomputed.
 */
const fs = require('fs');
const path = require('path');
const { ROOT, APP, buildPlugin } = require('./lib');

const usage = 'usage: npm run verify-consents -- [--checkpoints FILE] [--jwks FILE]';

const parseArgs = (argv) => {
  const out = { checkpoints: null, jwks: null };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const [flag, inline] = a.split(/=(.*)/s);
    if (flag !== '--checkpoints' && flag !== '--jwks') throw new Error(`unknown argument ${a}\n${usage}`);
    const value = inline !== undefined ? inline : argv[(i += 1)];
    if (!value) throw new Error(`${flag} needs a file\n${usage}`);
    out[flag.slice(2)] = path.resolve(process.cwd(), value);
  }
  return out;
};

const main = async () => {
  const args = parseArgs(process.argv.slice(2));
  // Read the files first: a missing or unreadable one is an error of the check, before anything boots.
  const checkpointsText = args.checkpoints ? fs.readFileSync(args.checkpoints, 'utf8') : null;
  const jwks = args.jwks ? JSON.parse(fs.readFileSync(args.jwks, 'utf8')) : undefined;
  if (jwks && !Array.isArray(jwks.keys)) throw new Error(`${args.jwks} is not a JWK Set ({ "keys": [...] })`);
  if (!fs.existsSync(path.join(ROOT, 'dist', 'server', 'index.js'))) buildPlugin();
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'warn';
  const { createStrapi } = require('@strapi/strapi');
  const strapi = createStrapi({ appDir: APP, distDir: APP });
  await strapi.load();
  try {
    const integrity = strapi.plugin('user-consent').service('integrity');
    const report = await integrity.verify();
    console.log(JSON.stringify(report, null, 2));
    if (report.intact) {
      console.log(`\nintact: ${report.checked} consent event(s) verified, chain head ${report.head ? report.head.seq : 0}`);
    } else {
      const b = report.firstBroken;
      console.error(`\nBROKEN at record ${b.id ?? '-'} (seq ${b.seq}): ${b.reason}`);
    }
    if (report.triggersMissing.length) console.error(`warning: database triggers missing: ${report.triggersMissing.join(', ')}`);
    let checkpointsHold = true;
    if (checkpointsText !== null) {
      const checked = await integrity.verifyCheckpointFile(checkpointsText, jwks);
      if (!checked.checked) throw new Error(`${args.checkpoints} holds no checkpoint`);
      checkpointsHold = checked.ok;
      const keys = jwks ? `the keys of ${path.basename(args.jwks)}` : "the app's public keys";
      console.log(`\ncheckpoints of ${path.basename(args.checkpoints)}, verified with ${keys}:`);
      for (const r of checked.results) {
        const name = r.number != null ? `checkpoint No. ${r.number} (position ${r.seq}, signed ${r.signedAt} by ${r.kid})` : `entry ${r.index}`;
        if (r.ok) console.log(`  ${name}: holds`);
        else console.error(`  ${r.code === 'rewritten' || r.code === 'missing' ? 'REWRITTEN' : 'INVALID'} ${name}: ${r.reason}`);
      }
      const held = checked.results.filter((r) => r.ok).length;
      if (checked.ok) console.log(`\ncheckpoints: all ${held} hold`);
      else console.error(`\ncheckpoints: ${checked.results.length - held} of ${checked.results.length} do not hold`);
    }
    return report.intact && checkpointsHold ? 0 : 1;
  } finally {
    await strapi.destroy();
  }
};

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  }
);
