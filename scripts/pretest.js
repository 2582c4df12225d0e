#!/usr/bin/env node
'use strict';

/**
 * `npm test`'s pretest: builds the plugin (the playground loads `dist/`), unless UC_SKIP_BUILD=1 says
 * that dist/ is already fresh (CI builds once and runs the suite three times on it).
 */
const { buildPlugin } = require('./lib');

if (process.env.UC_SKIP_BUILD === '1') {
  console.log('[pretest] UC_SKIP_BUILD=1: using the plugin build in dist/');
} else {
  buildPlugin();
}
