'use strict';

// The plugin's own code, bundled from its TypeScript source with esbuild into bench/.build/plugin.js at
// every run, so that the bench cannot drift from the plugin: the event hash (events/chain.ts and
// events/proof.ts), the personal record and its keyed hash (events/personal.ts preparePersonal, which
// uses proof.ts newPersonalSecret and personalHash), the subject look-up hashes (utils/subject.ts), the
// CSV export's columns (services/log/export.ts) and the content types (their tables and attributes).
const path = require('path');
const { BUILD_DIR, ROOT } = require('./options');

const bundle = () => {
  const outfile = path.join(BUILD_DIR, 'plugin.js');
  require('esbuild').buildSync({
    stdin: {
      contents: [
        "export { eventHash, PROOF_FIELDS, GENESIS, HEAD_TABLE } from './server/src/events/chain';",
        "export { personalHash, newPersonalSecret, PERSONAL_PART_FIELDS } from './server/src/events/proof';",
        "export { preparePersonal, splitPageUrl, personalMatches } from './server/src/events/personal';",
        "export { emailHash, phoneHash } from './server/src/utils/subject';",
        "export { exportLayout } from './server/src/services/log/export';",
        "export { default as contentTypes } from './server/src/content-types';",
      ].join('\n'),
      resolveDir: ROOT,
      sourcefile: 'bench-plugin-helpers.ts',
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

// Bundled when a phase first needs it (the bulk load, P5's quiesce): a P1-only run then works on any
// version of the plugin's sources.
let bundled = null;
const plugin = new Proxy({}, { get: (_t, key) => (bundled ??= bundle())[key] });

/** The table of a content type of the plugin ('consent', 'personal', 'form', …). */
const tableOf = (name) => plugin.contentTypes[name].schema.collectionName;

module.exports = { plugin, tableOf };
