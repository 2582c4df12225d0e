import { route } from './builders';

export default [
  route('GET', '/consents', 'consent.find', 'consentsRead'),
  // Filters that name a person (IP, subject) travel in JSON bodies, never in URLs.
  route('POST', '/consents/search', 'consent.search', 'consentsRead'),
  route('GET', '/consents/export', 'consent.export', 'consentsExport'),
  route('POST', '/consents/export', 'consent.exportPost', 'consentsExport'),
  // A one-time link for the browser to download an export with (the panel's Export button).
  route('POST', '/consents/export-ticket', 'consent.exportTicket', 'consentsExport'),
  // No admin token on a plain download: the one-time ticket in the link is the authorisation.
  { method: 'GET', path: '/consents/export-download', handler: 'consent.exportDownload', config: { auth: false } },
  route('GET', '/consents/:id', 'consent.findOne', 'consentsRead'),
  // The proof PDF: personal parts in it only for a role that also holds the personal-data action.
  route('GET', '/consents/:id/proof', 'consent.proof', 'consentsRead'),
  route('GET', '/exports', 'consent.exports', 'consentsRead'),
  route('POST', '/consents/:id/withdraw', 'consent.withdraw', 'consentsWithdraw'),
  // What a subject typed and their IP are personal data: both actions are needed.
  route('POST', '/subjects/lookup', 'subject.lookup', 'consentsRead', 'personalData'),
  route('POST', '/subjects/export', 'subject.export', 'consentsRead', 'personalData'),
  // Erasure destroys personal data: its own action (the preview shows categories and counts, no values).
  route('POST', '/subjects/erasures/preview', 'subject.preview', 'consentsErase'),
  route('POST', '/subjects/erasures', 'subject.erase', 'consentsErase'),
  route('POST', '/retention/run', 'subject.retention', 'consentsErase'),
  // Expiry appends `expired` events, which end consents as withdrawals do.
  route('POST', '/expiry/run', 'consent.expiry', 'consentsWithdraw'),
  route('GET', '/erasures', 'subject.erasures', 'consentsRead'),
  route('GET', '/erasures/:id', 'subject.erasure', 'consentsRead'),
  route('GET', '/erasures/:id/act', 'subject.act', 'consentsRead'),
  route('GET', '/integrity', 'consent.verify', 'consentsVerify'),
  // The home page and the widget: counts only, readable by whoever reads the log.
  route('GET', '/overview', 'consent.overview', 'consentsRead'),
];
