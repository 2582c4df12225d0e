import { FORM_KEY_PATTERN } from '../../../shared/contracts/constants';
import { defaultWebhooksConfig, webhooksConfigError, type WebhooksConfig } from '../webhooks/config';
import { defaultSigningConfig, signingConfigError, type SigningConfig } from '../signing/keys';

export type { WebhooksConfig } from '../webhooks/config';

export interface RateLimitConfig {
  /** Per-IP limiting of the public write routes; on by default. */
  enabled: boolean;
  /** Window length in milliseconds. */
  windowMs: number;
  /** Requests allowed per IP and window on the public write routes. */
  max: number;
  /** Requests allowed per IP and window on the public read routes. */
  readMax: number;
  /**
   * Where counters live. `memory` is per process; with several Strapi processes behind a load
   * balancer use `redis` so that all of them share one count.
   */
  store: 'memory' | 'redis';
  /** Redis URL when store is `redis`, e.g. redis://127.0.0.1:6379 */
  redisUrl?: string;
}

/** Double opt-in by e-mail (services/double-opt-in.ts). */
export interface DoubleOptInConfig {
  /** How long a confirmation link works, in hours (default 72); then the request expires. */
  linkTtlHours: number;
  /** Resends one address may ask for per window (POST /api/user-consent/confirmations/resend). */
  resendMax: number;
  resendWindowMs: number;
  /**
   * Where the confirmation links point (scheme and host of this Strapi, e.g. https://cms.shop.example);
   * null: Strapi's `server.url` when absolute, else the host the submission reached.
   */
  publicUrl: string | null;
}

/** Agreements whose full text is an external URL: how the page is fetched when a version is made. */
export interface ExternalTextsConfig {
  /** The whole fetch, redirects included, in milliseconds (default 10000). */
  timeoutMs: number;
  /** The largest page kept, in bytes after decompression (default 2 MiB). */
  maxBytes: number;
  /** Redirects followed, each one checked again (default 3). */
  maxRedirects: number;
  /**
   * Whether the page may be on a private, loopback or link-local address (default false: only public
   * addresses, every address the name resolves to checked, so that an editor cannot make the server
   * read its own network).
   */
  allowPrivateAddresses: boolean;
}

export const defaultExternalTextsConfig: ExternalTextsConfig = { timeoutMs: 10_000, maxBytes: 2 * 1024 * 1024, maxRedirects: 3, allowPrivateAddresses: false };

/** Signed checkpoints of the chain (events/checkpoints.ts). */
export interface CheckpointsConfig {
  /**
   * When a checkpoint is signed on a schedule (Strapi's cron, as retentionCron); nothing is signed
   * while the chain has not moved since the latest one. false: never on a schedule (one is still
   * signed at the first start and on demand from the admin).
   */
  cron: string | false;
  /** An outside witness that receives each new checkpoint (POST, JSON with its JWS); null: none. */
  witnessUrl: string | null;
  /** How long the witness may take to answer, in ms; a failure is logged and never retried. */
  witnessTimeoutMs: number;
}

export interface PluginConfig {
  /** Largest accepted body of a public request, in bytes; larger ones get 413. */
  maxBodyBytes: number;
  rateLimit: RateLimitConfig;
  /**
   * How long (ms) a process keeps a public form definition (form, agreements, current versions)
   * before reading it again; 0 turns the cache off. Writes in the same process clear it at once;
   * with several processes, the others see an edited form within this time.
   */
  publicFormCacheMs: number;
  /**
   * How long (ms) a process keeps an API token the status API found (its type, permissions and
   * expiry) before reading it again; 0: read at every request. A token deleted, regenerated or given
   * other permissions stops counting at once in the process where that was done, and within this
   * time in the others.
   */
  apiTokenCacheMs: number;
  /**
   * How many events verification reads per batch (the next batch is read while one is hashed): more
   * takes fewer round trips and holds more rows in memory at once (default 5,000; 100 to 100,000).
   */
  verifyBatchSize: number;
  /**
   * When the retention job erases personal data that is due (a cron rule for Strapi's cron, which
   * runs when the app sets `cron.enabled: true` in config/server); false: never on a schedule.
   */
  retentionCron: string | false;
  /**
   * When the expiry job appends `expired` events for consents whose validity has ended (Strapi's cron,
   * as retentionCron); false: never on a schedule (POST /user-consent/expiry/run still runs it).
   */
  expiryCron: string | false;
  /**
   * A form whose agreements registration through users-permissions (`POST /api/auth/local/register`)
   * requires, sent as `consents: { decisions }` in the register body; null: registration is untouched.
   */
  registrationForm: string | null;
  /** Delivery of the consent events to Strapi's webhooks (webhooks/config.ts). */
  webhooks: WebhooksConfig;
  doubleOptIn: DoubleOptInConfig;
  /**
   * Ed25519 keys that sign receipts and chain checkpoints (signing/keys.ts): `keys` as PEM, the active
   * one named by `activeKid` (default: the first with a private key); retired keys keep only `publicKey`
   * and stay in the JWKS. No key: nothing is signed (a warning at start-up).
   */
  signing: SigningConfig;
  /** Fetching an agreement's external text into its version (services/external-text.ts). */
  externalTexts: ExternalTextsConfig;

  checkpoints: CheckpointsConfig;
  /**
   * A PostgreSQL read replica (a streaming standby of the app's database) that the consent log, the
   * CSV export and the chain verification read from; every write, and the record page, stay on the
   * primary. null: everything reads the primary.
   */
  readReplica: ReadReplicaConfig | null;
  /**
   * The consent chain (events/lanes.ts). `lanes`: how many chain heads appends spread over (PostgreSQL;
   * other databases keep one). 1 (the default) is one chain that every append takes in turn; with
   * several Strapi processes on one PostgreSQL, 1 + the number of processes lets each capture in a lane
   * of its own. Lanes are added to the database, never removed: lowering the number later changes
   * nothing.
   */
  chain: ChainConfig;
}

export interface ChainConfig {
  lanes: number;
}

/** The replica's knex connection (an object or a postgres:// URL) and its pool. */
export interface ReadReplicaConfig {
  connection: string | Record<string, unknown>;
  /** Connections to the replica (default 0 to 5). */
  pool?: { min: number; max: number };
}

export const defaultConfig: PluginConfig = {
  maxBodyBytes: 64 * 1024,
  rateLimit: {
    enabled: true,
    windowMs: 60_000,
    max: 60,
    readMax: 600,
    store: 'memory',
  },
  publicFormCacheMs: 2000,
  apiTokenCacheMs: 5000,
  verifyBatchSize: 5000,
  retentionCron: '17 3 * * *',
  expiryCron: '41 * * * *',
  registrationForm: null,
  webhooks: defaultWebhooksConfig,
  doubleOptIn: { linkTtlHours: 72, resendMax: 3, resendWindowMs: 3_600_000, publicUrl: null },
  signing: defaultSigningConfig,
  externalTexts: defaultExternalTextsConfig,

  checkpoints: { cron: '*/15 * * * *', witnessUrl: null, witnessTimeoutMs: 10_000 },
  readReplica: null,
  chain: { lanes: 1 },
};

const isPositiveInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0;

/** Strapi calls this synchronously at load; a bad configuration stops the boot with a clear message. */
export const validator = (config: PluginConfig) => {
  const fail = (msg: string) => {
    throw new Error(`[user-consent] invalid configuration: ${msg}`);
  };
  if (!isPositiveInt(config.maxBodyBytes)) fail('maxBodyBytes must be a positive integer');
  if (!Number.isInteger(config.publicFormCacheMs) || config.publicFormCacheMs < 0 || config.publicFormCacheMs > 60_000)
    fail('publicFormCacheMs must be an integer from 0 to 60000');
  if (!Number.isInteger(config.apiTokenCacheMs) || config.apiTokenCacheMs < 0 || config.apiTokenCacheMs > 60_000)
    fail('apiTokenCacheMs must be an integer from 0 to 60000');
  if (!Number.isInteger(config.verifyBatchSize) || config.verifyBatchSize < 100 || config.verifyBatchSize > 100_000)
    fail('verifyBatchSize must be an integer from 100 to 100000');
  for (const [key, example] of [['retentionCron', '17 3 * * *'], ['expiryCron', '41 * * * *']] as const) {
    const rule = config[key];
    if (rule !== false && (typeof rule !== 'string' || rule.trim().split(/\s+/).length < 5)) fail(`${key} must be a cron rule such as "${example}" or false`);
  }
  if (config.registrationForm !== null && (typeof config.registrationForm !== 'string' || !FORM_KEY_PATTERN.test(config.registrationForm)))
    fail('registrationForm must be a form key or null');
  const rl = config.rateLimit;
  if (!rl || typeof rl !== 'object') fail('rateLimit must be an object');
  if (typeof rl.enabled !== 'boolean') fail('rateLimit.enabled must be a boolean');
  if (!isPositiveInt(rl.windowMs)) fail('rateLimit.windowMs must be a positive integer');
  if (!isPositiveInt(rl.max)) fail('rateLimit.max must be a positive integer');
  if (!isPositiveInt(rl.readMax)) fail('rateLimit.readMax must be a positive integer');
  if (rl.store !== 'memory' && rl.store !== 'redis') fail('rateLimit.store must be "memory" or "redis"');
  if (rl.store === 'redis' && (typeof rl.redisUrl !== 'string' || !/^rediss?:\/\//.test(rl.redisUrl)))
    fail('rateLimit.redisUrl must be a redis:// URL when rateLimit.store is "redis"');
  const doi = config.doubleOptIn;
  if (!doi || typeof doi !== 'object') fail('doubleOptIn must be an object');
  if (typeof doi.linkTtlHours !== 'number' || !(doi.linkTtlHours > 0) || doi.linkTtlHours > 24 * 365) fail('doubleOptIn.linkTtlHours must be a number of hours above 0 and at most 8760');
  if (!isPositiveInt(doi.resendMax)) fail('doubleOptIn.resendMax must be a positive integer');
  if (!isPositiveInt(doi.resendWindowMs)) fail('doubleOptIn.resendWindowMs must be a positive integer');
  if (doi.publicUrl !== null && (typeof doi.publicUrl !== 'string' || !/^https?:\/\/[^/]+$/.test(doi.publicUrl.replace(/\/$/, ''))))
    fail('doubleOptIn.publicUrl must be an origin such as https://cms.example or null');
  const webhooks = webhooksConfigError(config.webhooks);
  if (webhooks) fail(webhooks);
  const ext = config.externalTexts;
  if (!ext || typeof ext !== 'object') fail('externalTexts must be an object');
  if (!isPositiveInt(ext.timeoutMs) || ext.timeoutMs > 120_000) fail('externalTexts.timeoutMs must be an integer from 1 to 120000');
  if (!isPositiveInt(ext.maxBytes) || ext.maxBytes > 50 * 1024 * 1024) fail('externalTexts.maxBytes must be an integer from 1 to 52428800');
  if (!Number.isInteger(ext.maxRedirects) || ext.maxRedirects < 0 || ext.maxRedirects > 10) fail('externalTexts.maxRedirects must be an integer from 0 to 10');
  if (typeof ext.allowPrivateAddresses !== 'boolean') fail('externalTexts.allowPrivateAddresses must be a boolean');
  const signing = signingConfigError(config.signing);
  if (signing) fail(signing);
  const cp = config.checkpoints;
  if (!cp || typeof cp !== 'object') fail('checkpoints must be an object { cron, witnessUrl, witnessTimeoutMs }');
  if (cp.cron !== false && (typeof cp.cron !== 'string' || cp.cron.trim().split(/\s+/).length < 5)) fail('checkpoints.cron must be a cron rule such as "*/15 * * * *" or false');
  if (cp.witnessUrl !== null && (typeof cp.witnessUrl !== 'string' || !/^https?:\/\/[^\s/]+/.test(cp.witnessUrl))) fail('checkpoints.witnessUrl must be an http(s) URL or null');
  if (!isPositiveInt(cp.witnessTimeoutMs) || cp.witnessTimeoutMs > 120_000) fail('checkpoints.witnessTimeoutMs must be a positive integer of at most 120000');
  const ch = config.chain;
  if (!ch || typeof ch !== 'object' || !Number.isInteger(ch.lanes) || ch.lanes < 1 || ch.lanes > 64) fail('chain.lanes must be an integer from 1 to 64');
  const rr = config.readReplica;
  if (rr !== null && rr !== undefined) {
    if (typeof rr !== 'object') fail('readReplica must be an object { connection, pool? } or null');
    const c = rr.connection;
    if (!(typeof c === 'string' ? /^postgres(ql)?:\/\//.test(c) : c && typeof c === 'object')) fail('readReplica.connection must be a postgres:// URL or a connection object');
    if (rr.pool !== undefined && !(Number.isInteger(rr.pool?.min) && rr.pool.min >= 0 && isPositiveInt(rr.pool?.max) && rr.pool.max >= rr.pool.min))
      fail('readReplica.pool must be { min, max } with 0 <= min <= max');
  }
};

export default {
  default: defaultConfig,
  validator,
};
