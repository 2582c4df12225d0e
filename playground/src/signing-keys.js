'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { appRoot } = require('./paths');

/**
 * The playground's signing keys (receipts and chain checkpoints). A real app gives its keys in the
 * environment: UC_SIGNING_KEYS, a JSON array of { kid, privateKey } (PEM; retired keys { kid, publicKey }).
 * Without it the playground makes one Ed25519 key at its first start and keeps it in
 * playground/.keys/signing.json (not committed), so that its receipts stay verifiable across restarts.
 */
const keyFile = () => process.env.UC_SIGNING_KEYS_FILE || path.join(appRoot, '.keys', 'signing.json');

const generate = () => {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  const kid = `playground-${new Date().toISOString().slice(0, 10)}-${crypto.randomBytes(3).toString('hex')}`;
  return {
    keys: [
      {
        kid,
        privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      },
    ],
  };
};

module.exports = () => {
  if (process.env.UC_SIGNING_KEYS) return { keys: JSON.parse(process.env.UC_SIGNING_KEYS), activeKid: process.env.UC_SIGNING_ACTIVE_KID || null };
  const file = keyFile();
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
    fs.writeFileSync(tmp, JSON.stringify(generate(), null, 2), { mode: 0o600 });
    // link() fails when another process made the file first: then its key is the one kept.
    try {
      fs.linkSync(tmp, file);
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    } finally {
      fs.unlinkSync(tmp);
    }
  }
  const kept = JSON.parse(fs.readFileSync(file, 'utf8'));
  return { keys: kept.keys, activeKid: kept.activeKid || null };
};
