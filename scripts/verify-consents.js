#!/usr/bin/env node
'use strict';

/**
 * `npm run verify-consents`: checks the consent chain of the playground's database, or of the database
 * the standard Strapi variables name (DATABASE_CLIENT, DATABASE_HOST, ...). Prints the report and
 * exits 1 when the chain is broken, 2 when the check itself could not run. Starts no HTTP server.
 */
const fs = require('fs');
const path = require('path');
const { ROOT, APP, buildPlugin } = require('./lib');

const main = async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'server', 'index.js'))) buildPlugin();
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'warn';
  const { createStrapi } = require('@strapi/strapi');
  const strapi = createStrapi({ appDir: APP, distDir: APP });
  await strapi.load();
  try {
    const report = await strapi.plugin('user-consent').service('integrity').verify();
    console.log(JSON.stringify(report, null, 2));
    if (report.intact) {
      console.log(`\nintact: ${report.checked} consent event(s) verified, chain head ${report.head ? report.head.seq : 0}`);
    } else {
      const b = report.firstBroken;
      console.error(`\nBROKEN at record ${b.id ?? '-'} (seq ${b.seq}): ${b.reason}`);
    }
    if (report.triggersMissing.length) console.error(`warning: database triggers missing: ${report.triggersMissing.join(', ')}`);
    return report.intact ? 0 : 1;
  } finally {
    await strapi.destroy();
  }
};

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  }
);
