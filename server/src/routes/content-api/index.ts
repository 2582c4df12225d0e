import version from './version';
import form from './form';
import receipt from './receipt';

export default {
  type: 'content-api' as const,
  routes: [...version, ...form, ...receipt],
};
