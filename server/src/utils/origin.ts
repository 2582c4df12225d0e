import type { Context } from 'koa';

/** The request's Origin (or, failing that, the Referer's origin). */
export const requestOrigin = (ctx: Context): string | null => {
  const origin = ctx.request.get('origin');
  if (origin && origin !== 'null') return origin;
  const referer = ctx.request.get('referer');
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
};
