'use strict';

const { repoRoot } = require('../src/paths');
const signingKeys = require('../src/signing-keys');

module.exports = ({ env }) => ({
  // Mail goes to the playground's own SMTP catcher (src/mail/catcher.js, listed at /demo/mail); a real
  // app names its SMTP server here, or another provider.
  email: {
    config: {
      provider: 'nodemailer',
      providerOptions: {
        host: env('SMTP_HOST', '127.0.0.1'),
        port: env.int('SMTP_PORT', 1025),
        secure: false,
        ignoreTLS: true,
      },
      settings: {
        defaultFrom: env('MAIL_FROM', 'Consents <consents@playground.example>'),
        defaultReplyTo: env('MAIL_FROM', 'consents@playground.example'),
      },
    },
  },
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET', 'demo-users-permissions-jwt-secret'),
    },
  },
  'user-consent': {
    enabled: true,
    // The plugin lives at the repository root. An absolute path: Strapi first tries require.resolve()
    // on this value from its own folder, where a relative '..' would point inside @strapi/core.
    resolve: repoRoot,
    config: {
      maxBodyBytes: env.int('UC_MAX_BODY_BYTES', 64 * 1024),
      publicFormCacheMs: env.int('UC_FORM_CACHE_MS', 2000),
      // Rows per batch of verification (the tests lower it to cross batch boundaries with fewer events).
      verifyBatchSize: env.int('UC_VERIFY_BATCH', 5000),
      // A form whose agreements registration (POST /api/auth/local/register) requires; none by default.
      registrationForm: env('UC_REGISTRATION_FORM', null),
      rateLimit: {
        enabled: env.bool('UC_RATE_LIMIT', true),
        windowMs: env.int('UC_RATE_LIMIT_WINDOW_MS', 60000),
        max: env.int('UC_RATE_LIMIT_MAX', 60),
        readMax: env.int('UC_RATE_LIMIT_READ_MAX', 600),
        // Several Strapi processes: UC_RATE_LIMIT_STORE=redis and UC_REDIS_URL=redis://127.0.0.1:6379
        store: env('UC_RATE_LIMIT_STORE', 'memory'),
        redisUrl: env('UC_REDIS_URL'),
      },
      // Double opt-in: how long a confirmation link works (the tests shorten it), resends per address.
      doubleOptIn: {
        linkTtlHours: env.float('UC_DOI_TTL_HOURS', 72),
        resendMax: env.int('UC_DOI_RESEND_MAX', 3),
        resendWindowMs: env.int('UC_DOI_RESEND_WINDOW_MS', 3600000),
        publicUrl: env('UC_PUBLIC_URL', null),
      },
      // Delivery of the consent events to Strapi's webhooks (the tests shorten the waits).
      webhooks: {
        dispatch: env.bool('UC_WEBHOOK_DISPATCH', true),
        pollMs: env.int('UC_WEBHOOK_POLL_MS', 2000),
        timeoutMs: env.int('UC_WEBHOOK_TIMEOUT_MS', 10000),
        maxAttempts: env.int('UC_WEBHOOK_MAX_ATTEMPTS', 12),
        backoffMs: env.int('UC_WEBHOOK_BACKOFF_MS', 1000),
        leaseMs: env.int('UC_WEBHOOK_LEASE_MS', 60000),
      },
      // Agreements whose full text is an external URL: the page is fetched into each version. Private and
      // loopback addresses are refused unless UC_EXTERNAL_ALLOW_PRIVATE=true (the tests serve pages on
      // 127.0.0.1; the playground serves one at /demo/texts/terms).
      externalTexts: {
        timeoutMs: env.int('UC_EXTERNAL_TIMEOUT_MS', 10000),
        maxBytes: env.int('UC_EXTERNAL_MAX_BYTES', 2 * 1024 * 1024),
        maxRedirects: env.int('UC_EXTERNAL_MAX_REDIRECTS', 3),
        allowPrivateAddresses: env.bool('UC_EXTERNAL_ALLOW_PRIVATE', false),
      },
      // Ed25519 keys that sign receipts and checkpoints: UC_SIGNING_KEYS, or one kept in playground/.keys.
      signing: signingKeys(),
      // Signed checkpoints of the chain: on this cron rule ("false": only at the first start and from
      // the admin), each pushed to an outside witness when UC_CHECKPOINT_WITNESS_URL names one.
      checkpoints: {
        cron: env('UC_CHECKPOINT_CRON', '*/15 * * * *') === 'false' ? false : env('UC_CHECKPOINT_CRON', '*/15 * * * *'),
        witnessUrl: env('UC_CHECKPOINT_WITNESS_URL', '') || null,
        witnessTimeoutMs: env.int('UC_CHECKPOINT_WITNESS_TIMEOUT_MS', 10000),
      },
      // A PostgreSQL read replica (a streaming standby of DATABASE_*) for the log, the export and the
      // verification: DATABASE_REPLICA_PORT (and DATABASE_REPLICA_HOST) name it; same database and user.
      // Chain lanes (PostgreSQL): with several Strapi processes on one database, 1 + their number.
      chain: { lanes: env.int('UC_CHAIN_LANES', 1) },
      readReplica: env('DATABASE_REPLICA_PORT')
        ? {
            connection: {
              host: env('DATABASE_REPLICA_HOST', env('DATABASE_HOST', '127.0.0.1')),
              port: env.int('DATABASE_REPLICA_PORT'),
              database: env('DATABASE_NAME', 'strapi'),
              user: env('DATABASE_USERNAME', 'postgres'),
              password: env('DATABASE_PASSWORD', ''),
            },
          }
        : null,
    },
  },
});
