'use strict';

const path = require('path');
const { seedDemo } = require('./seed');
const { appRoot } = require('./paths');
const { startMailCatcher, readMail } = require('./mail/catcher');

/** Where the catcher keeps messages: MAIL_DIR, or playground/.tmp/mail. */
const mailDir = () => process.env.MAIL_DIR || path.join(appRoot, '.tmp', 'mail');

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const isLocal = (ctx) => ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(ctx.request.socket.remoteAddress);

/**
 * The mail the catcher received, for the demo and the browser tests: /demo/mail lists it, and
 * /demo/mail/<file> shows one message (its HTML as sent; ?format=json for the parsed fields). Only from
 * this machine: the messages hold the addresses people typed.
 */
const mountMailPages = (strapi) => {
  strapi.server.router.get('/demo/mail', async (ctx) => {
    if (!isLocal(ctx)) return ctx.throw(404);
    const mail = await readMail(mailDir());
    if (ctx.query.format === 'json') {
      ctx.body = { data: mail };
      return;
    }
    const rows = mail
      .reverse()
      .map((m) => `<tr><td>${escape(m.date ?? '')}</td><td>${escape(m.to)}</td><td><a href="/demo/mail/${encodeURIComponent(m.file)}">${escape(m.subject || '(no subject)')}</a></td></tr>`)
      .join('');
    ctx.type = 'html';
    ctx.body = `<!doctype html><html><head><meta charset="utf-8"><title>Demo mail</title></head><body><h1>Demo mail (${mail.length})</h1><p>Messages the playground sent, caught by its local SMTP server; nothing leaves this machine.</p><table border="1" cellpadding="4"><thead><tr><th>Date</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
  });
  strapi.server.router.get('/demo/mail/:file', async (ctx) => {
    if (!isLocal(ctx)) return ctx.throw(404);
    const message = (await readMail(mailDir())).find((m) => m.file === ctx.params.file);
    if (!message) {
      ctx.status = 404;
      ctx.body = { data: null, error: { status: 404, name: 'NotFoundError', message: 'No such message' } };
      return;
    }
    if (ctx.query.format === 'json') {
      ctx.body = { data: message };
      return;
    }
    ctx.type = 'html';
    ctx.body = message.html || `<!doctype html><meta charset="utf-8"><pre>${escape(message.text)}</pre>`;
  });
};

/**
 * Texts an agreement may name by URL (an external text), served by the playground itself so that the
 * demo and the tests need no internet: /demo/texts/terms. The plugin fetches it when a version is made
 * (with UC_EXTERNAL_ALLOW_PRIVATE=true, as it is on this machine's own address).
 */
const DEMO_TEXTS = {
  terms:
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Terms of sale</title><script>window.tracker = 1;</script></head>' +
    '<body><nav><a href="/">Home</a></nav><main><h1>Terms of sale</h1><p>Orders are delivered within three working days.</p>' +
    '<p>Goods may be returned within 14 days; see <a href="/demo/texts/returns">returns</a>.</p></main></body></html>',
};

const mountDemoTexts = (strapi) => {
  strapi.server.router.get('/demo/texts/:name', (ctx) => {
    const page = DEMO_TEXTS[ctx.params.name];
    if (!page) return ctx.throw(404);
    ctx.type = 'html';
    ctx.body = page;
  });
};

const allowPublic = async (strapi, action) => {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  if (!(await permissions.findOne({ where: { action, role: role.id } }))) {
    await permissions.create({ data: { action, role: role.id } });
  }
};

let catcher = null;

module.exports = {
  async register({ strapi }) {
    // The local SMTP catcher that the email provider sends to (config/plugins.js): on unless
    // MAIL_CATCHER=false; SMTP_PORT (1025 by default). Taken by another playground: that one catches.
    if (process.env.MAIL_CATCHER !== 'false') {
      const port = Number(process.env.SMTP_PORT || 1025);
      try {
        catcher = await startMailCatcher({ port, dir: mailDir() });
      } catch (e) {
        strapi.log.warn(`[playground] mail catcher not started on port ${port}: ${e.code || e.message}`);
      }
    }
  },

  async destroy() {
    if (catcher) await catcher.close();
    catcher = null;
  },

  async bootstrap({ strapi }) {
    if (process.env.MAIL_CATCHER !== 'false') mountMailPages(strapi);
    mountDemoTexts(strapi);
    // `npm run demo` sets USER_CONSENT_DEMO=true: a demo admin and demo data, idempotently.
    if (process.env.USER_CONSENT_DEMO === 'true') {
      await seedDemo(strapi);
    }
    // The benchmarks compare the capture route with Strapi's own public create of a one-field type.
    if (process.env.BENCH_PUBLIC_NOTES === 'true') {
      await allowPublic(strapi, 'api::note.note.create');
    }
  },
};
