import { requires } from '../../permissions';

export default [
  { method: 'GET', path: '/companies', handler: 'company.find', config: { policies: requires('companiesRead') } },
  { method: 'GET', path: '/companies/:id', handler: 'company.findOne', config: { policies: requires('companiesRead') } },
  { method: 'POST', path: '/companies', handler: 'company.create', config: { policies: requires('companiesManage') } },
  { method: 'PUT', path: '/companies/:id', handler: 'company.update', config: { policies: requires('companiesManage') } },
  { method: 'DELETE', path: '/companies/:id', handler: 'company.delete', config: { policies: requires('companiesManage') } },
];
