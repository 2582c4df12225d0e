import { rateLimit } from './rate-limit';
import { bodyLimit } from './body-limit';
import { refusalsMiddleware } from '../guards';

export default {
  'rate-limit-read': rateLimit('read'),
  'rate-limit-write': rateLimit('write'),
  'body-limit': bodyLimit,
  refusals: refusalsMiddleware,
};
