import company from './company';
import agreement from './agreement';
import form from './form';
import version from './version';
import chain from './chain';
import consent from './consent';
import receipt from './receipt';
import integrity from './integrity';
import log from './log';
import exportTicket from './export-ticket';

export default {
  company,
  agreement,
  form,
  version,
  chain,
  consent,
  receipt,
  integrity,
  log,
  'export-ticket': exportTicket,
};
