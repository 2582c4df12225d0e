export default [
  {
    method: 'GET',
    path: '/receipts/:id',
    handler: 'public-receipt.findOne',
    config: { auth: false, policies: [], middlewares: ['plugin::user-consent.rate-limit-read'] },
  },
  // Public like the receipt itself: the tokens are the authorisation; they travel in the body, never in a URL.
  {
    method: 'POST',
    path: '/receipts/states',
    handler: 'public-receipt.states',
    config: {
      auth: false,
      policies: [],
      middlewares: ['plugin::user-consent.rate-limit-read', 'plugin::user-consent.body-limit'],
    },
  },
  // Public keys only: anyone verifies a receipt's signature with them.
  {
    method: 'GET',
    path: '/jwks.json',
    handler: 'public-receipt.jwks',
    config: { auth: false, policies: [], middlewares: ['plugin::user-consent.rate-limit-read'] },
  },
];
