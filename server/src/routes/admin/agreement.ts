import { crudRoutes, route } from './builders';

export default [
  route('GET', '/templates', 'agreement.templates', 'agreementsRead'),
  route('GET', '/purposes', 'agreement.purposes', 'agreementsRead'),
  ...crudRoutes('/agreements', 'agreement', 'agreementsRead', 'agreementsManage'),
  route('POST', '/agreements/preview', 'agreement.preview', 'agreementsRead'),
  route('GET', '/agreements/:id/versions', 'agreement.versions', 'agreementsRead'),
  route('GET', '/versions/:id', 'agreement.version', 'agreementsRead'),
];
