import version from './version';

export default {
  type: 'content-api' as const,
  routes: [...version],
};
