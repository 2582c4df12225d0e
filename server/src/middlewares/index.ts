import { rateLimit } from './rate-limit';
import { bodyLimit } from './body-limit';

export default {
  'rate-limit-read': rateLimit('read'),
  'rate-limit-write': rateLimit('write'),
  'body-limit': bodyLimit,
};
