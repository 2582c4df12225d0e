import company from './company';
import agreement from './agreement';
import form from './form';
import consent from './consent';

export default {
  type: 'admin' as const,
  routes: [...company, ...agreement, ...form, ...consent],
};
