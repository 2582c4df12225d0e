#!/usr/bin/env node
'use strict';

// Fast server-only bundle for development loops (the published build is `strapi-plugin build`).
require('esbuild').buildSync({
  entryPoints: ['server/src/index.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  outfile: 'dist/server/index.js',
  logLevel: 'warning',
});
