import company from './company';
import agreement from './agreement';
import form from './form';

export default {
  type: 'admin' as const,
  routes: [...company, ...agreement, ...form],
};
