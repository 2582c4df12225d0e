import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';

/**
 * Strapi's API tokens (Settings → API Tokens) for the status API, as Strapi's own `content-api-token`
 * strategy accepts them — content-API tokens only; full access passes; a custom token passes when it
 * holds the route's action; read-only tokens only reach find/findOne actions, which the status API has
 * none of; an expired token is a 401 — with what a token was found to be kept for a few seconds.
 *
 * Strapi's strategy reads the token and its permissions (four statements) and builds its permission
 * ability at every request, several times what answering a status query costs. Here a token, found by
 * the hash of its key, is kept for `apiTokenCacheMs` (plugin config): a token deleted, regenerated or
 * given other permissions stops counting at once in the process whose admin changed it (every write to
 * tokens clears what is kept), and within that time in the other processes. 0: read at every request.
 */

const TOKEN_UID = 'admin::api-token';
const PERMISSION_UID = 'admin::api-token-permission';

interface KnownToken {
  token: {
    id: number;
    kind: string | null;
    type: 'read-only' | 'full-access' | 'custom' | string;
    expiresAt: string | null;
    lastUsedAt: string | null;
    permissions: string[];
  };
  ability: { can: (action: string, subject?: any) => boolean } | null;
  until: number;
}

const known = new Map<string, KnownToken>();
/** A bound on what is kept: tokens are few, but each wrong key is a miss that is not kept. */
const MAX_KNOWN = 1000;
const HOUR = 3_600_000;

const bearer = (ctx: Context): string | null => {
  const header = ctx.request.header.authorization;
  if (!header) return null;
  const parts = header.split(/\s+/);
  return parts.length === 2 && parts[0].toLowerCase() === 'bearer' ? parts[1] : null;
};

const expired = (t: KnownToken['token']) => t.expiresAt != null && new Date(t.expiresAt) < new Date();

const tokenService = (strapi: Core.Strapi) => strapi.service('admin::api-token-content-api') as any;

const cacheMs = (strapi: Core.Strapi) => Number(strapi.config.get('plugin::user-consent.apiTokenCacheMs') ?? 0);

/** Every write to API tokens or their permissions in this process forgets what is kept (register). */
export const registerApiTokenCache = (strapi: Core.Strapi) => {
  const forget = () => known.clear();
  strapi.db.lifecycles.subscribe({
    models: [TOKEN_UID, PERMISSION_UID],
    afterCreate: forget,
    afterCreateMany: forget,
    afterUpdate: forget,
    afterUpdateMany: forget,
    afterDelete: forget,
    afterDeleteMany: forget,
  } as any);
};

/** Strapi's lastUsedAt, moved as Strapi's strategy moves it: when an hour or more old. */
const touch = async (strapi: Core.Strapi, entry: KnownToken) => {
  const last = entry.token.lastUsedAt ? new Date(entry.token.lastUsedAt).valueOf() : null;
  if (last !== null && Date.now() - last < HOUR) return;
  const now = new Date();
  entry.token.lastUsedAt = now.toISOString();
  await strapi.db.query(TOKEN_UID).update({ where: { id: entry.token.id }, data: { lastUsedAt: now } });
};

const find = async (strapi: Core.Strapi, keyHash: string): Promise<KnownToken | null> => {
  const kept = known.get(keyHash);
  if (kept && kept.until > Date.now()) return kept;
  known.delete(keyHash);
  const token = await tokenService(strapi).getByAccessKey(keyHash);
  // Only content-API tokens (a null kind: made before kinds existed, which Strapi counts as such).
  if (!token || (token.kind !== 'content-api' && token.kind !== null && token.kind !== undefined)) return null;
  const ability =
    token.type === 'custom'
      ? ((await strapi.contentAPI.permissions.engine.generateAbility((token.permissions ?? []).map((action: string) => ({ action })))) as KnownToken['ability'])
      : null;
  const entry: KnownToken = { token, ability, until: Date.now() + cacheMs(strapi) };
  if (cacheMs(strapi) > 0) {
    if (known.size >= MAX_KNOWN) known.clear();
    known.set(keyHash, entry);
  }
  return entry;
};

/** The strategy object for a route's `config.auth.strategies`. */
export const statusTokenStrategy = {
  name: 'user-consent-api-token',

  async authenticate(ctx: Context) {
    const strapi = (global as any).strapi as Core.Strapi;
    const key = bearer(ctx);
    if (key === null) return { authenticated: false };
    const entry = await find(strapi, tokenService(strapi).hash(key));
    if (!entry) return { authenticated: false };
    if (expired(entry.token)) return { authenticated: false, error: new errors.UnauthorizedError('Token expired') };
    await touch(strapi, entry);
    return { authenticated: true, credentials: entry.token, ability: entry.ability };
  },

  verify(auth: { credentials?: KnownToken['token']; ability?: KnownToken['ability'] }, config: { scope?: string | string[] }) {
    const token = auth.credentials;
    if (!token) throw new errors.UnauthorizedError('Token not found');
    if (expired(token)) throw new errors.UnauthorizedError('Token expired');
    if (token.type === 'full-access') return;
    const scopes = config.scope === undefined ? [] : Array.isArray(config.scope) ? config.scope : [config.scope];
    // Read-only tokens reach only find and findOne actions: the status API's action is neither.
    if (token.type === 'read-only' && scopes.length && scopes.every((s) => s.endsWith('find') || s.endsWith('findOne'))) return;
    if (token.type === 'custom' && auth.ability && scopes.length && scopes.every((s) => auth.ability!.can(s))) return;
    throw new errors.ForbiddenError();
  },
};
