import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

const FILE = path.join('widget', 'user-consent-widget.js');

/**
 * The package root: the nearest folder above this file holding widget/user-consent-widget.js. From the
 * bundle (dist/server/index.js) that is two levels up, from the sources (server/src/controllers) three.
 */
export const findWidget = (from: string = __dirname): string => {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, FILE);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`user-consent: ${FILE} not found above ${from}`);
  }
};

let cached: { body: string; etag: string } | null = null;

/** Read once per process: the file ships with the package and does not change while Strapi runs. */
const load = () => {
  if (!cached) {
    const body = fs.readFileSync(findWidget(), 'utf8');
    cached = { body, etag: `"${crypto.createHash('sha256').update(body).digest('base64url')}"` };
  }
  return cached;
};

/** `GET /api/user-consent/widget.js`: the embeddable widget (public; it holds no data). */
const controller = (_: { strapi: Core.Strapi }) => ({
  async script(ctx: Context) {
    const { body, etag } = load();
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.set('ETag', etag);
    // Other sites embed the script: let them load it even when the app sets a same-origin resource policy.
    ctx.set('Cross-Origin-Resource-Policy', 'cross-origin');
    ctx.set('X-Content-Type-Options', 'nosniff');
    const match = String(ctx.request.get('if-none-match') || '')
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''));
    if (match.includes(etag) || match.includes('*')) {
      ctx.status = 304;
      return;
    }
    ctx.type = 'application/javascript; charset=utf-8';
    ctx.body = body;
  },
});

export default controller;
