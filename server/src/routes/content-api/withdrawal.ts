export default [
  {
    method: 'POST',
    path: '/withdrawals',
    handler: 'public-withdrawal.create',
    config: {
      auth: false,
      policies: [],
      middlewares: ['plugin::user-consent.rate-limit-write', 'plugin::user-consent.body-limit'],
    },
  },
];
