#!/usr/bin/env node
'use strict';

/**
 * Verifies a signed consent receipt offline:
 *
 *   node scripts/verify-receipt.js receipt.json jwks.json
 *   npm run verify-receipt -- receipt.json jwks.json
 *
 * receipt.json: the receipt as `GET /api/user-consent/receipts/:id` answers it (with or without its
 * `{ "data": ... }` envelope). jwks.json: the operator's public keys, `GET /api/user-consent/jwks.json`
 * (kept from any time after the receipt was signed: retired keys stay in it).
 *
 * Checks that `signature.jws` is a compact JWS (EdDSA, Ed25519) made by the key `signature.kid` of
 * the JWKS, and that its payload is exactly the receipt without `signature` (canonical JSON: keys
 * sorted at every depth, no spaces). Exit code 0 when both hold, 1 when not (the reason printed),
 * 2 when the files cannot be read. Needs only Node.js and the `jose` package; no network.
 */
const fs = require('fs');

/** Canonical JSON of parsed JSON data: the plugin's `canonicalJson` for the same values. */
const canonical = (v) => {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  return `{${Object.keys(v)
    .sort()
    .filter((k) => v[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
    .join(',')}}`;
};

/** The first path where two JSON values differ, for the message ("services[0].purposes[0].purpose"). */
const firstDifference = (a, b, path = '') => {
  if (canonical(a) === canonical(b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const sub = Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
      const d = firstDifference(a[k], b[k], sub);
      if (d) return d;
    }
  }
  return path || '(the whole receipt)';
};

const readJson = (file, what) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    const err = new Error(`cannot read ${what} ${file}: ${e.message}`);
    err.exitCode = 2;
    throw err;
  }
};

/** The check itself, for the command line and for tests: { ok, message, ... }. */
const verifyReceipt = async (input, jwks) => {
  const { compactVerify, createLocalJWKSet } = require('jose');
  const receipt = input && typeof input === 'object' && input.data && typeof input.data === 'object' ? input.data : input;
  if (!receipt || typeof receipt !== 'object' || !receipt.consentReceiptID) return { ok: false, message: 'not a consent receipt (no consentReceiptID)' };
  const sig = receipt.signature;
  if (!sig || typeof sig.jws !== 'string') return { ok: false, message: `receipt ${receipt.consentReceiptID} is not signed (signature is null): the operator had no signing key` };
  if (!jwks || !Array.isArray(jwks.keys)) return { ok: false, message: 'the JWKS has no "keys" array' };
  let verified;
  try {
    verified = await compactVerify(sig.jws, createLocalJWKSet(jwks), { algorithms: ['EdDSA'] });
  } catch (e) {
    return { ok: false, message: `the signature does not verify with these keys (${e.code || e.name}: ${e.message})` };
  }
  if (verified.protectedHeader.kid !== sig.kid) return { ok: false, message: `the JWS was made by key ${verified.protectedHeader.kid}, the receipt names ${sig.kid}` };
  let signed;
  try {
    signed = JSON.parse(new TextDecoder().decode(verified.payload));
  } catch {
    return { ok: false, message: 'the signed payload is not JSON' };
  }
  const { signature: _signature, ...content } = receipt;
  if (canonical(signed) !== canonical(content)) {
    return { ok: false, message: `the receipt differs from what was signed, at ${firstDifference(content, signed)}` };
  }
  return {
    ok: true,
    message: `valid: receipt ${receipt.consentReceiptID} signed by key ${sig.kid}; chain position ${content.integrity?.seq ?? '?'}, event hash ${content.integrity?.hash ?? '?'}`,
    kid: sig.kid,
    content: signed,
  };
};

module.exports = { verifyReceipt, canonical };

if (require.main === module) {
  const [receiptFile, jwksFile] = process.argv.slice(2);
  if (!receiptFile || !jwksFile) {
    console.error('usage: node scripts/verify-receipt.js receipt.json jwks.json');
    process.exit(2);
  }
  (async () => {
    const result = await verifyReceipt(readJson(receiptFile, 'the receipt'), readJson(jwksFile, 'the JWKS'));
    if (result.ok) console.log(result.message);
    else console.error(`INVALID: ${result.message}`);
    return result.ok ? 0 : 1;
  })().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e.message);
      process.exit(e.exitCode || 2);
    }
  );
}
