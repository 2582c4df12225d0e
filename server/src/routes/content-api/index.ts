import version from './version';
import form from './form';
import receipt from './receipt';
import withdrawal from './withdrawal';
import widget from './widget';
import status from './status';
import selfService from './self-service';
import confirmation from './confirmation';
import checkpoint from './checkpoint';

export default {
  type: 'content-api' as const,
  routes: [...version, ...form, ...receipt, ...withdrawal, ...widget, ...status, ...selfService, ...confirmation, ...checkpoint],
};
