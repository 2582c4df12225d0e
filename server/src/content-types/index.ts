import company from './company';
import agreement from './agreement';
import agreementVersion from './agreement-version';
import form from './form';
import consent from './consent';
import submission from './submission';

export default {
  company,
  agreement,
  'agreement-version': agreementVersion,
  form,
  consent,
  submission,
};
