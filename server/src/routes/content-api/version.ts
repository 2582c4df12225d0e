// Public on purpose: a version's text is what any visitor is shown; it carries nothing personal.
export default [
  {
    method: 'GET',
    path: '/versions/:id',
    handler: 'public-version.findOne',
    config: { auth: false, policies: [], middlewares: ['plugin::user-consent.rate-limit-read'] },
  },
  {
    method: 'GET',
    path: '/versions/:id/text',
    handler: 'public-version.text',
    config: { auth: false, policies: [], middlewares: ['plugin::user-consent.rate-limit-read'] },
  },
];
