import { requires } from '../../permissions';

const read = { policies: requires('formsRead') };
const manage = { policies: requires('formsManage') };

export default [
  { method: 'GET', path: '/forms', handler: 'form.find', config: read },
  { method: 'GET', path: '/forms/:id', handler: 'form.findOne', config: read },
  { method: 'POST', path: '/forms', handler: 'form.create', config: manage },
  { method: 'PUT', path: '/forms/:id', handler: 'form.update', config: manage },
  { method: 'DELETE', path: '/forms/:id', handler: 'form.delete', config: manage },
];
