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
    throw new errors.PayloadTooLargeError(`The request body is larger than ${maxBodyBytes} bytes.`, { code: 'body-too-large', params: { maxBytes: maxBodyBytes } });
  }
  if (!ctx.request.is('application/json')) {
    // Answered here in Strapi's error shape: a thrown 415 would be logged by the error middleware as
    // an internal error.
    ctx.status = 415;
    ctx.body = { data: null, error: { status: 415, name: 'UnsupportedMediaTypeError', message: 'Send the body as application/json.', details: {} } };
    return;
  }
  return next();
};
