import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { parseId } from '../validation/common';
import { escapeHtml } from '../utils/sanitize';

const controller = ({ strapi }: { strapi: Core.Strapi }) => ({
  async findOne(ctx: any) {
    const version = await getService('version', strapi).getPublic(parseId(ctx.params.id));
    ctx.set('Cache-Control', 'public, max-age=300, immutable');
    ctx.body = { data: version };
  },

  /** The full text as a standalone page: what the label's link opens without JavaScript. */
  async text(ctx: any) {
    const v = await getService('version', strapi).getPublic(parseId(ctx.params.id));
    if (!v.html && v.externalUrl) {
      ctx.redirect(v.externalUrl);
      return;
    }
    // The HTML was sanitised when the version was made; the policy forbids scripts all the same.
    ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");
    ctx.set('Cache-Control', 'public, max-age=300, immutable');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = `<!doctype html><html lang="${escapeHtml(v.language || 'en')}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(v.label)}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#222}</style></head><body>${v.html ?? ''}<hr><p><small>v${v.number} · SHA-256 ${v.hash}</small></p></body></html>`;
  },
});

export default controller;
