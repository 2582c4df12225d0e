/**
 * The client's IP as recorded with a consent: as Koa reports it (behind a proxy, from X-Forwarded-For
 * when Strapi's proxy setting says so), IPv6 hex in lower case, so that the log's IP filter finds it.
 */
export const clientIp = (ctx: { request: { ip?: string } }): string | null => (ctx.request.ip ? ctx.request.ip.toLowerCase() : null);
