import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID } from '../pluginId';
import type { PluginConfig } from '../config';

/**
 * Public write routes accept small JSON bodies only. Content-Length is checked first; a body sent
 * without one (chunked) is measured after parsing. Over the cap → 413; a non-JSON content type → 415.
 */
export const bodyLimit = (_config: unknown, { strapi }: { strapi: Core.Strapi }) => async (ctx: any, next: () => Promise<void>) => {
  const { maxBodyBytes } = strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;
  const declared = Number(ctx.request.get('content-length') || 0);
  const measured = declared || Buffer.byteLength(JSON.stringify(ctx.request.body ?? ''), 'utf8');
  if (declared > maxBodyBytes || measured > maxBodyBytes) {
    throw new errors.PayloadTooLargeError(`The request body is larger than ${maxBodyBytes} bytes.`);
  }
  if (!ctx.request.is('application/json')) {
    // An http-errors 415: Strapi's error middleware answers it in its usual shape.
    ctx.throw(415, 'Send the body as application/json.');
  }
  return next();
};
