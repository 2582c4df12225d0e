import { requires } from '../../permissions';

export default [
  { method: 'GET', path: '/consents', handler: 'consent.find', config: { policies: requires('consentsRead') } },
  // Filters that name a person (IP, subject) travel in JSON bodies, never in URLs.
  { method: 'POST', path: '/consents/search', handler: 'consent.search', config: { policies: requires('consentsRead') } },
  { method: 'GET', path: '/consents/export', handler: 'consent.export', config: { policies: requires('consentsExport') } },
  { method: 'POST', path: '/consents/export', handler: 'consent.exportPost', config: { policies: requires('consentsExport') } },
  // A one-time link for the browser to download an export with (the panel's Export button).
  { method: 'POST', path: '/consents/export-ticket', handler: 'consent.exportTicket', config: { policies: requires('consentsExport') } },
  // No admin token on a plain download: the one-time ticket in the link is the authorisation.
  { method: 'GET', path: '/consents/export-download', handler: 'consent.exportDownload', config: { auth: false } },
  { method: 'GET', path: '/consents/:id', handler: 'consent.findOne', config: { policies: requires('consentsRead') } },
  { method: 'GET', path: '/exports', handler: 'consent.exports', config: { policies: requires('consentsRead') } },
  { method: 'POST', path: '/consents/:id/withdraw', handler: 'consent.withdraw', config: { policies: requires('consentsWithdraw') } },
  // What a subject typed and their IP are personal data: both actions are needed.
  { method: 'POST', path: '/subjects/lookup', handler: 'subject.lookup', config: { policies: requires('consentsRead', 'personalData') } },
  { method: 'POST', path: '/subjects/export', handler: 'subject.export', config: { policies: requires('consentsRead', 'personalData') } },
  // Erasure destroys personal data: its own action (the preview shows categories and counts, no values).
  { method: 'POST', path: '/subjects/erasures/preview', handler: 'subject.preview', config: { policies: requires('consentsErase') } },
  { method: 'POST', path: '/subjects/erasures', handler: 'subject.erase', config: { policies: requires('consentsErase') } },
  { method: 'POST', path: '/retention/run', handler: 'subject.retention', config: { policies: requires('consentsErase') } },
  { method: 'GET', path: '/erasures', handler: 'subject.erasures', config: { policies: requires('consentsRead') } },
  { method: 'GET', path: '/erasures/:id', handler: 'subject.erasure', config: { policies: requires('consentsRead') } },
  { method: 'GET', path: '/erasures/:id/act', handler: 'subject.act', config: { policies: requires('consentsRead') } },
  { method: 'GET', path: '/integrity', handler: 'consent.verify', config: { policies: requires('consentsVerify') } },
];
