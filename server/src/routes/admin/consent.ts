import { requires } from '../../permissions';

export default [
  { method: 'GET', path: '/consents', handler: 'consent.find', config: { policies: requires('consentsRead') } },
  { method: 'GET', path: '/consents/export', handler: 'consent.export', config: { policies: requires('consentsExport') } },
  { method: 'GET', path: '/consents/:id', handler: 'consent.findOne', config: { policies: requires('consentsRead') } },
  { method: 'GET', path: '/exports', handler: 'consent.exports', config: { policies: requires('consentsRead') } },
  { method: 'POST', path: '/consents/:id/withdraw', handler: 'consent.withdraw', config: { policies: requires('consentsWithdraw') } },
  // What a subject typed and their IP are personal data: both actions are needed.
  { method: 'GET', path: '/subjects', handler: 'consent.subject', config: { policies: requires('consentsRead', 'personalData') } },
  { method: 'GET', path: '/integrity', handler: 'consent.verify', config: { policies: requires('consentsVerify') } },
];
