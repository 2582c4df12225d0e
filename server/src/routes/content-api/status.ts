import { statusTokenStrategy } from '../../integrations/api-tokens';

/**
 * The status API: NOT public. Only Strapi API tokens authenticate it (as Strapi's `content-api-token`
 * strategy does, with a token kept for a few seconds: integrations/api-tokens.ts; users-permissions'
 * public role and its JWTs are not consulted): no token is a 401, a token without the action
 * `plugin::user-consent.status.query` a 403 (a read-only token too: the action is not a find).
 * Settings → API Tokens lists the action under User-consent → status → query.
 */
const auth = { strategies: [statusTokenStrategy] };

export default [
  {
    method: 'POST',
    path: '/status/query',
    handler: 'status.query',
    config: { auth, policies: [], middlewares: ['plugin::user-consent.body-limit'] },
  },
  // The same for scripts that can only GET; POST keeps the identifier out of URLs (and logs).
  {
    method: 'GET',
    path: '/status',
    handler: 'status.query',
    config: { auth, policies: [] },
  },
];
