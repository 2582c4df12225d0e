import company from './company';
import agreement from './agreement';
import agreementVersion from './agreement-version';
import form from './form';
import consent from './consent';
import submission from './submission';
import exportLog from './export-log';

export default {
  company,
  agreement,
  'agreement-version': agreementVersion,
  form,
  consent,
  submission,
  'export-log': exportLog,
};
