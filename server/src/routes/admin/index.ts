import company from './company';
import agreement from './agreement';
import form from './form';
import consent from './consent';
import webhooks from './webhooks';
import imports from './import';
import checkpoints from './checkpoint';

export default {
  type: 'admin' as const,
  routes: [...company, ...agreement, ...form, ...consent, ...webhooks, ...imports, ...checkpoints],
};
