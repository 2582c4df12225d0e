import company from './company';

export default {
  type: 'admin' as const,
  routes: [...company],
};
