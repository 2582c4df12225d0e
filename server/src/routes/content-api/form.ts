// Public on purpose (auth: false): front ends call these without a login. Each validates its input,
// is rate-limited per IP, and returns nothing personal.
export default [
  {
    method: 'GET',
    path: '/forms/:key',
    handler: 'public-form.findOne',
    config: { auth: false, policies: [], middlewares: ['plugin::user-consent.rate-limit-read'] },
  },
  {
    method: 'POST',
    path: '/forms/:key/consents',
    handler: 'public-form.consent',
    config: {
      auth: false,
      policies: [],
      middlewares: ['plugin::user-consent.rate-limit-write', 'plugin::user-consent.body-limit'],
    },
  },
];
