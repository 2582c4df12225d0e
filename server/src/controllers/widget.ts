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

/**
 * What is served: the minified build (`npm run build` writes dist/widget/user-consent-widget.min.js
 * beside the package's widget/ folder) when present, else the readable source itself.
 */
export const servedWidget = (from: string = __dirname): string => {
  const source = findWidget(from);
  const minified = path.join(path.dirname(path.dirname(source)), 'dist', 'widget', 'user-consent-widget.min.js');
  return fs.existsSync(minified) ? minified : source;
};

let cached: { body: string; etag: string } | null = null;

/** Read once per process: the file ships with the package and does not change while Strapi runs. */
const load = () => {
  if (!cached) {
    const body = fs.readFileSync(servedWidget(), 'utf8');
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
