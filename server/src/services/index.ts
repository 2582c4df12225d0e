import company from './company';
import agreement from './agreement';
import form from './form';
import version from './version';
import chain from '../events/chain';
import consent from './consent';
import receipt from './receipt';
import integrity from '../events/integrity';
import checkpoints from '../events/checkpoints';
import personal from '../events/personal';
import erasure from '../events/erasure';
import retention from '../events/retention';
import expiry from '../events/expiry';
import log from './log';
import exportTicket from './export-ticket';
import subject from './subject';
import webhooks from '../webhooks/service';
import importer from './import';
import overview from './overview';
import selfService from '../self-service/service';
import doubleOptIn from './double-opt-in';

export default {
  company,
  agreement,
  form,
  version,
  chain,
  consent,
  receipt,
  integrity,
  checkpoints,
  personal,
  erasure,
  retention,
  expiry,
  log,
  'export-ticket': exportTicket,
  subject,
  webhooks,
  import: importer,
  overview,
  'self-service': selfService,
  'double-opt-in': doubleOptIn,
};
