import { requires } from '../../permissions';

export default [
  { method: 'POST', path: '/consents/:id/withdraw', handler: 'consent.withdraw', config: { policies: requires('consentsWithdraw') } },
  // What a subject typed and their IP are personal data: both actions are needed.
  { method: 'GET', path: '/subjects', handler: 'consent.subject', config: { policies: requires('consentsRead', 'personalData') } },
  { method: 'GET', path: '/integrity', handler: 'consent.verify', config: { policies: requires('consentsVerify') } },
];
