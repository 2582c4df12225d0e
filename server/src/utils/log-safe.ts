/**
 * Strapi's request logger prints `ctx.url` after the response. Query parameters that carry personal
 * data or secrets (an e-mail, a phone, an IP, a receipt token) are removed from it once the handler
 * has read them; the route is already matched, so rewriting the URL changes nothing else.
 */
export const hideFromRequestLog = (ctx: { url: string; path: string; querystring: string }, keys: string[]) => {
  if (!ctx.querystring) return;
  const params = new URLSearchParams(ctx.querystring);
  let changed = false;
  for (const key of keys) {
    if (params.has(key)) {
      params.set(key, '[hidden]');
      changed = true;
    }
  }
  if (changed) ctx.url = `${ctx.path}?${params.toString()}`;
};
