'use strict';

const path = require('path');

// This app runs from its sources (the tests boot it in-process) and from dist/ (after `strapi build`,
// which copies the JavaScript there because a TypeScript config sits beside it). Both resolve the same
// app root and repository root from here.
const here = path.resolve(__dirname, '..');
const appRoot = path.basename(here) === 'dist' ? path.dirname(here) : here;

module.exports = {
  appRoot,
  repoRoot: path.dirname(appRoot),
};
