'use strict';

// One more Strapi process of the playground, on the database the environment names, listening on
// PORT, or on a port the system picks when PORT is 0 or unset; used by the multi-process tests.
// Prints "ready <port>" with the port it listens on once it serves requests.
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const APP = path.resolve(__dirname, '../../playground');

(async () => {
  const strapi = createStrapi({ appDir: APP, distDir: APP });
  await strapi.load();
  await strapi.server.mount();
  const server = strapi.server.httpServer;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(process.env.PORT || 0), '127.0.0.1', resolve);
  });
  process.stdout.write(`ready ${server.address().port}\n`);
  const stop = async () => {
    await strapi.destroy().catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
