import company from './company';
import publicVersion from './public-version';

export default {
  company,
  'public-version': publicVersion,
};
