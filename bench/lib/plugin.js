'use strict';

// The plugin's own code, bundled from its TypeScript source with esbuild into bench/.build/plugin.js at
// every run, so that the bench cannot drift from the plugin: the event hash (events/chain.ts and
// events/proof.ts), the personal record and its keyed hash (events/personal.ts preparePersonal, which
// uses proof.ts newPersonalSecret and personalHash), the subject look-up hashes (utils/subject.ts), the
// CSV export's columns (services/log/export.ts) and the content types (their tables and attributes).
// Beside it, apart, the reference proof of the tests (see `reference` below).
const path = require('path');
const { BUILD_DIR, ROOT } = require('./options');

const build = (name, lines) => {
  const outfile = path.join(BUILD_DIR, `${name}.js`);
  require('esbuild').buildSync({
    stdin: {
      contents: lines.join('\n'),
      resolveDir: ROOT,
      sourcefile: `bench-${name}.ts`,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  delete require.cache[outfile];
  return require(outfile);
};

const bundle = () =>
  build('plugin', [
    "export { eventHash, PROOF_FIELDS, GENESIS, HEAD_TABLE } from './server/src/events/chain';",
    "export { personalHash, newPersonalSecret, PERSONAL_PART_FIELDS } from './server/src/events/proof';",
    "export { preparePersonal, splitPageUrl, personalMatches } from './server/src/events/personal';",
    "export { emailHash, phoneHash } from './server/src/utils/subject';",
    "export { exportLayout } from './server/src/services/log/export';",
    "export { default as contentTypes } from './server/src/content-types';",
  ]);

// Bundled when a phase first needs it (the bulk load, P5's quiesce): a P1-only run then works on any
// version of the plugin's sources.
let bundled = null;
const plugin = new Proxy({}, { get: (_t, key) => (bundled ??= bundle())[key] });

// The event's proof as its specification states it, written apart from the plugin's code
// (tests/helpers/reference-proof.ts, the tests' reference verifier's): what P4's reference pass
// recomputes each hash with, so that it checks the plugin's verdict rather than repeats it.
let referenceBundled = null;
const reference = new Proxy({}, { get: (_t, key) => (referenceBundled ??= build('reference', ["export * from './tests/helpers/reference-proof';"]))[key] });

/** The table of a content type of the plugin ('consent', 'personal', 'form', …). */
const tableOf = (name) => plugin.contentTypes[name].schema.collectionName;

module.exports = { plugin, reference, tableOf };
