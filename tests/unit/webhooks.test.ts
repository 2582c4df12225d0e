import { defaultConfig, validator } from '../../server/src/config';
import { rowState, type TargetState } from '../../server/src/webhooks/dispatcher';

const withWebhooks = (webhooks: Record<string, unknown>) => ({ ...defaultConfig, webhooks: { ...defaultConfig.webhooks, ...webhooks } }) as any;

describe('webhooks config', () => {
  it('accepts the defaults', () => {
    expect(() => validator(defaultConfig)).not.toThrow();
  });

  it.each([
    [{ dispatch: 'yes' }, 'webhooks.dispatch must be a boolean'],
    [{ pollMs: 0 }, 'webhooks.pollMs must be an integer from 50 to 3600000'],
    [{ timeoutMs: 1.5 }, 'webhooks.timeoutMs must be an integer'],
    [{ maxAttempts: 0 }, 'webhooks.maxAttempts must be an integer from 1 to 100'],
    [{ backoffMs: 5000, backoffMaxMs: 1000 }, 'webhooks.backoffMaxMs must not be less than webhooks.backoffMs'],
    [{ timeoutMs: 40_000, leaseMs: 60_000 }, 'webhooks.leaseMs must be at least twice webhooks.timeoutMs'],
    [{ batchSize: 5000 }, 'webhooks.batchSize must be an integer from 1 to 1000'],
  ])('refuses %j', (webhooks, message) => {
    expect(() => validator(withWebhooks(webhooks))).toThrow(message);
  });

  it('refuses a missing webhooks object', () => {
    expect(() => validator({ ...defaultConfig, webhooks: undefined } as any)).toThrow('webhooks must be an object');
  });
});

describe('a delivery row state', () => {
  const t = (state: TargetState['state']): TargetState => ({ name: null, state, attempts: 1, lastStatus: null, lastError: null, lastAttemptAt: null, nextAt: null });
  it.each([
    [[], 'delivered'],
    [['delivered', 'delivered'], 'delivered'],
    [['delivered', 'pending'], 'pending'],
    [['failed', 'pending'], 'pending'],
    [['failed', 'delivered'], 'failed'],
  ])('%j → %s', (states, expected) => {
    expect(rowState(Object.fromEntries((states as TargetState['state'][]).map((s, i) => [String(i), t(s)])))).toBe(expected);
  });
});
