import { route } from './builders';

// Checkpoints attest the chain as it is: whoever may verify it may see and sign them.
export default [
  route('GET', '/checkpoints/latest', 'checkpoint.status', 'consentsVerify'),
  route('POST', '/checkpoints', 'checkpoint.sign', 'consentsVerify'),
];
