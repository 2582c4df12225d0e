'use strict';

// One more Strapi process of the playground, on the database the environment names, listening on
// PORT; used by the multi-process tests. Prints "ready <port>" once it serves requests.
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const APP = path.resolve(__dirname, '../../playground');

(async () => {
  const strapi = createStrapi({ appDir: APP, distDir: APP });
  await strapi.load();
  await strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(Number(process.env.PORT), '127.0.0.1', resolve));
  process.stdout.write(`ready ${process.env.PORT}\n`);
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
