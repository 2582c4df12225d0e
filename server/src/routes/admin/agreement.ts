import { crudRoutes, route } from './builders';

export default [
  route('GET', '/templates', 'agreement.templates', 'agreementsRead'),
  route('GET', '/purposes', 'agreement.purposes', 'agreementsRead'),
  ...crudRoutes('/agreements', 'agreement', 'agreementsRead', 'agreementsManage'),
  route('POST', '/agreements/preview', 'agreement.preview', 'agreementsRead'),
  route('GET', '/agreements/:id/versions', 'agreement.versions', 'agreementsRead'),
  // Counts of consents: what the log shows, so the log's action.
  route('GET', '/agreements/:id/consent-states', 'agreement.consentStates', 'consentsRead'),
  route('GET', '/versions/:id', 'agreement.version', 'agreementsRead'),
];
