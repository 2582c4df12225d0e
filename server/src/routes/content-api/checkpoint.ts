// Public on purpose: a checkpoint names only a position and a hash of the chain, signed, so that
// anyone can keep it and later check the history against it (GET /api/user-consent/jwks.json).
export default [
  {
    method: 'GET',
    path: '/checkpoints/latest',
    handler: 'public-checkpoint.latest',
    config: { auth: false, policies: [], middlewares: ['plugin::user-consent.rate-limit-read'] },
  },
  {
    method: 'GET',
    path: '/checkpoints',
    handler: 'public-checkpoint.find',
    config: { auth: false, policies: [], middlewares: ['plugin::user-consent.rate-limit-read'] },
  },
];
