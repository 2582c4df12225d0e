/** `webhooks` in the plugin's config: how this process delivers the outbox. */
export interface WebhooksConfig {
  /** Whether this process runs a dispatcher (every process may: rows are claimed with a lease). */
  dispatch: boolean;
  /** How often (ms) the dispatcher looks for due rows besides being woken by this process's commits. */
  pollMs: number;
  /** How long (ms) one POST may take before it counts as failed. */
  timeoutMs: number;
  /** Attempts per webhook before its delivery of a row counts as failed (an admin can retry it). */
  maxAttempts: number;
  /** The wait after the first failure (ms); it doubles after each further one, up to backoffMaxMs. */
  backoffMs: number;
  backoffMaxMs: number;
  /** How long (ms) a claim holds rows; after it, another process may take them (a crashed claimer). */
  leaseMs: number;
  /** Rows one claim takes at most. */
  batchSize: number;
  /** Delivered rows are removed after this many days. */
  keepDays: number;
}

export const defaultWebhooksConfig: WebhooksConfig = {
  dispatch: true,
  pollMs: 2000,
  timeoutMs: 10_000,
  maxAttempts: 12,
  backoffMs: 1000,
  backoffMaxMs: 3_600_000,
  leaseMs: 60_000,
  batchSize: 50,
  keepDays: 30,
};

const isInt = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/** The first thing wrong with the `webhooks` config, or null. */
export const webhooksConfigError = (c: Partial<WebhooksConfig> | undefined): string | null => {
  if (!c || typeof c !== 'object') return 'webhooks must be an object';
  if (typeof c.dispatch !== 'boolean') return 'webhooks.dispatch must be a boolean';
  const ranges: [keyof WebhooksConfig, number, number][] = [
    ['pollMs', 50, 3_600_000],
    ['timeoutMs', 100, 300_000],
    ['maxAttempts', 1, 100],
    ['backoffMs', 10, 86_400_000],
    ['backoffMaxMs', 10, 7 * 86_400_000],
    ['leaseMs', 200, 3_600_000],
    ['batchSize', 1, 1000],
    ['keepDays', 1, 3650],
  ];
  for (const [key, min, max] of ranges) if (!isInt(c[key], min, max)) return `webhooks.${key} must be an integer from ${min} to ${max}`;
  if (c.backoffMaxMs! < c.backoffMs!) return 'webhooks.backoffMaxMs must not be less than webhooks.backoffMs';
  // A claim must outlast a round: the POSTs of a row run at once, each within timeoutMs.
  if (c.leaseMs! < 2 * c.timeoutMs!) return 'webhooks.leaseMs must be at least twice webhooks.timeoutMs';
  return null;
};
