// Double opt-in (services/double-opt-in.ts). Public on purpose: the link's token is the authorisation,
// and it travels in POST bodies only (the page reads it from the URL fragment).
const write = { auth: false as const, policies: [], middlewares: ['plugin::user-consent.rate-limit-write', 'plugin::user-consent.body-limit'] };

export default [
  {
    method: 'GET',
    path: '/confirm',
    handler: 'confirmation.page',
    config: { auth: false, policies: [], middlewares: ['plugin::user-consent.rate-limit-read'] },
  },
  { method: 'POST', path: '/confirmations/check', handler: 'confirmation.check', config: { ...write, middlewares: ['plugin::user-consent.rate-limit-read', 'plugin::user-consent.body-limit'] } },
  { method: 'POST', path: '/confirmations', handler: 'confirmation.confirm', config: write },
  // Also limited per address (doubleOptIn.resendMax), whatever the IP.
  { method: 'POST', path: '/confirmations/resend', handler: 'confirmation.resend', config: write },
];
