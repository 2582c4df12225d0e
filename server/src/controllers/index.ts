import company from './company';
import agreement from './agreement';
import form from './form';
import publicVersion from './public-version';
import publicForm from './public-form';
import publicReceipt from './public-receipt';
import publicWithdrawal from './public-withdrawal';
import consent from './consent';
import widget from './widget';
import subject from './subject';
import webhooks from './webhooks';
import status from './status';
import importer from './import';
import selfService from './self-service';
import confirmation from './confirmation';
import checkpoint from './checkpoint';
import publicCheckpoint from './public-checkpoint';

export default {
  company,
  agreement,
  form,
  'public-version': publicVersion,
  'public-form': publicForm,
  'public-receipt': publicReceipt,
  'public-withdrawal': publicWithdrawal,
  consent,
  widget,
  subject,
  webhooks,
  status,
  import: importer,
  'self-service': selfService,
  confirmation,
  checkpoint,
  'public-checkpoint': publicCheckpoint,
};
