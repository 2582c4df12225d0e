import company from './company';
import version from './version';

export default {
  company,
  version,
};
