'use strict';

module.exports = ({ env }) => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET', 'demo-admin-jwt-secret-change-me'),
  },
  apiToken: {
    salt: env('API_TOKEN_SALT', 'demo-api-token-salt'),
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT', 'demo-transfer-token-salt'),
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY', 'demo-encryption-key-change-me'),
  },
  // Strapi limits login attempts per e-mail and IP; the browser tests log in many times in a minute.
  rateLimit: {
    enabled: env.bool('ADMIN_RATE_LIMIT', true),
  },
  flags: {
    nps: false,
    promoteEE: false,
  },
});
