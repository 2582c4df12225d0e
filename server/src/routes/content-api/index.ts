import version from './version';
import form from './form';

export default {
  type: 'content-api' as const,
  routes: [...version, ...form],
};
