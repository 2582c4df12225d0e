import company from './company';
import agreement from './agreement';
import agreementVersion from './agreement-version';
import form from './form';
import consent from './consent';
import personal from './personal';
import erasure from './erasure';
import exportLog from './export-log';
import selfLink from './self-link';
import confirmation from './confirmation';

export default {
  company,
  agreement,
  'agreement-version': agreementVersion,
  form,
  consent,
  personal,
  erasure,
  'export-log': exportLog,
  'self-link': selfLink,
  confirmation,
};
