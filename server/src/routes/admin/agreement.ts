import { requires } from '../../permissions';

const read = { policies: requires('agreementsRead') };
const manage = { policies: requires('agreementsManage') };

export default [
  { method: 'GET', path: '/templates', handler: 'agreement.templates', config: read },
  { method: 'GET', path: '/purposes', handler: 'agreement.purposes', config: read },
  { method: 'GET', path: '/agreements', handler: 'agreement.find', config: read },
  { method: 'POST', path: '/agreements/preview', handler: 'agreement.preview', config: read },
  { method: 'GET', path: '/agreements/:id', handler: 'agreement.findOne', config: read },
  { method: 'GET', path: '/agreements/:id/versions', handler: 'agreement.versions', config: read },
  { method: 'GET', path: '/versions/:id', handler: 'agreement.version', config: read },
  { method: 'POST', path: '/agreements', handler: 'agreement.create', config: manage },
  { method: 'PUT', path: '/agreements/:id', handler: 'agreement.update', config: manage },
  { method: 'DELETE', path: '/agreements/:id', handler: 'agreement.delete', config: manage },
];
