import { crudRoutes, route } from './builders';

export default [
  ...crudRoutes('/forms', 'form', 'formsRead', 'formsManage'),
  // Double opt-in: how many of the form's consents waited for a confirmation, and how many were confirmed.
  route('GET', '/forms/:id/double-opt-in', 'form.doubleOptInCounts', 'formsRead'),
];
