'use strict';

// The "bare" baseline of P1: Koa + knex, no Strapi, inserting one row per POST into a small table of its
// own on the same database as the Strapi app (same client, same pool size). Prints "ready <port>".
const Koa = require('koa');
const knexFactory = require('knex');
const { knexConfigOf, exitOnStop } = require('./lib/child');

const knex = knexFactory(knexConfigOf(process.env));
const TABLE = 'bench_bare_notes';

const readBody = (req) =>
  new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c) => {
      data += c;
      if (data.length > 65536) reject(Object.assign(new Error('too large'), { status: 413 }));
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });

(async () => {
  if (!(await knex.schema.hasTable(TABLE))) {
    await knex.schema.createTable(TABLE, (t) => {
      t.increments('id');
      t.string('text');
      t.timestamp('created_at');
    });
  }
  const app = new Koa();
  app.use(async (ctx) => {
    if (ctx.method !== 'POST') ctx.throw(404);
    let body;
    try {
      body = JSON.parse(await readBody(ctx.req));
    } catch {
      ctx.throw(400, 'bad JSON');
    }
    const text = String(body?.data?.text ?? '');
    const [row] = await knex(TABLE).insert({ text, created_at: new Date() }, ['id']);
    ctx.status = 201;
    ctx.body = { data: { id: typeof row === 'object' ? row.id : row, text } };
  });
  const port = Number(process.env.PORT);
  const server = app.listen(port, '127.0.0.1', () => process.stdout.write(`ready ${port}\n`));
  exitOnStop(async () => {
    server.close();
    await knex.destroy();
  });
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
