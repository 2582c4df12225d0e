import type { Context } from 'koa';

/**
 * The language of a document made for an admin: the one asked for (`?lang`, already validated), else
 * the admin panel's, which the browser sends as Accept-Language; English unless that starts with ru.
 */
export const adminLangOf = (ctx: Context, asked?: 'ru' | 'en' | null): 'ru' | 'en' =>
  asked ?? (/^ru\b/i.test(String(ctx.request.get?.('accept-language') ?? '')) ? 'ru' : 'en');
