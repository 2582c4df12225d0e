export default [
  {
    method: 'GET',
    path: '/receipts/:id',
    handler: 'public-receipt.findOne',
    config: { auth: false, policies: [], middlewares: ['plugin::user-consent.rate-limit-read'] },
  },
];
