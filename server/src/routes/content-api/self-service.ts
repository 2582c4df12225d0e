// Public on purpose: the person's own pages, without a login. The pages carry no data (the script asks
// with the tokens from the URL fragment); the POSTs carry their tokens in the body, never in a URL.
const page = (path: string, handler: string) => ({
  method: 'GET',
  path,
  handler: `self-service.${handler}`,
  config: { auth: false, policies: [], middlewares: ['plugin::user-consent.rate-limit-read'] },
});
const post = (path: string, handler: string) => ({
  method: 'POST',
  path,
  handler: `self-service.${handler}`,
  config: { auth: false, policies: [], middlewares: ['plugin::user-consent.rate-limit-write', 'plugin::user-consent.body-limit'] },
});

export default [
  page('/pages/receipt', 'receiptPage'),
  page('/pages/me', 'mePage'),
  // The same 202 for a known and an unknown address; rate-limited per IP and per address besides.
  post('/me/link', 'link'),
  post('/me/session', 'session'),
  post('/me/consents', 'consents'),
  post('/me/withdrawals', 'withdraw'),
];
