import crypto from 'node:crypto';
import { CompactSign, compactVerify, createLocalJWKSet, exportJWK, type JWK } from 'jose';
import type { Core } from '@strapi/strapi';
import { canonicalJson } from '../utils/hash';

/**
 * The plugin's signing keys (Ed25519): receipts and chain checkpoints are signed with the active key
 * and anyone verifies them with the public keys served as a JWKS. Keys come from the plugin config
 * (`signing.keys`, typically read from the environment): a key with a private part can sign; a retired
 * key keeps only its public part, so that what it signed stays verifiable after a rotation.
 */
export interface SigningKeyConfig {
  /** The key id named in every signature's header (`kid`) and in the JWKS. */
  kid: string;
  /** PKCS#8 PEM of an Ed25519 private key; absent for a retired key. */
  privateKey?: string;
  /** SPKI PEM of the public key; derived from the private key when that is given. */
  publicKey?: string;
}

export interface SigningConfig {
  keys: SigningKeyConfig[];
  /** The kid that signs; null: the first key that has a private part. */
  activeKid: string | null;
}

export const defaultSigningConfig: SigningConfig = { keys: [], activeKid: null };

export const ALG = 'EdDSA';
const KID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

interface LoadedKey {
  kid: string;
  privateKey: crypto.KeyObject | null;
  publicKey: crypto.KeyObject;
  jwk: JWK;
}

const ed25519 = (key: crypto.KeyObject) => key.asymmetricKeyType === 'ed25519';

/** Reads one configured key; a bad key is a message for the configuration check, never a throw later. */
const loadKey = (k: SigningKeyConfig): { key?: Omit<LoadedKey, 'jwk'>; error?: string } => {
  if (!k || typeof k !== 'object') return { error: 'each signing key must be an object { kid, privateKey | publicKey }' };
  if (typeof k.kid !== 'string' || !KID_PATTERN.test(k.kid)) return { error: 'signing key kid must be 1 to 64 letters, digits, ".", "_" or "-"' };
  try {
    const privateKey = k.privateKey ? crypto.createPrivateKey(k.privateKey) : null;
    const publicKey = privateKey ? crypto.createPublicKey(privateKey) : k.publicKey ? crypto.createPublicKey(k.publicKey) : null;
    if (!publicKey) return { error: `signing key ${k.kid} has neither privateKey nor publicKey` };
    if (!ed25519(publicKey) || (privateKey && !ed25519(privateKey))) return { error: `signing key ${k.kid} must be an Ed25519 key` };
    if (privateKey && k.publicKey && !crypto.createPublicKey(k.publicKey).equals(publicKey))
      return { error: `signing key ${k.kid}: publicKey does not belong to privateKey` };
    return { key: { kid: k.kid, privateKey, publicKey } };
  } catch {
    return { error: `signing key ${k.kid} is not a PEM key (PKCS#8 private key or SPKI public key)` };
  }
};

/** The configuration check's message for `signing`, or null when it is valid. */
export const signingConfigError = (config: SigningConfig | undefined): string | null => {
  if (!config || typeof config !== 'object' || !Array.isArray(config.keys)) return 'signing must be an object { keys: [...], activeKid }';
  const kids = new Set<string>();
  for (const k of config.keys) {
    const { error } = loadKey(k);
    if (error) return error;
    if (kids.has(k.kid)) return `signing key kid ${k.kid} is given twice`;
    kids.add(k.kid);
  }
  if (config.activeKid != null) {
    const active = config.keys.find((k) => k.kid === config.activeKid);
    if (!active) return `signing.activeKid ${config.activeKid} names no configured key`;
    if (!active.privateKey) return `signing.activeKid ${config.activeKid} has no privateKey`;
  }
  return null;
};

export interface KeyRing {
  /** The key that signs, or null when none is configured (then nothing is signed). */
  active: LoadedKey | null;
  keys: LoadedKey[];
  /** The public keys as a JWK Set (RFC 7517), every configured key, retired ones too. */
  jwks: { keys: JWK[] };
}

const rings = new WeakMap<object, KeyRing>();

export const buildKeyRing = async (config: SigningConfig): Promise<KeyRing> => {
  const keys: LoadedKey[] = [];
  for (const k of config.keys ?? []) {
    const { key } = loadKey(k);
    if (!key) continue;
    const jwk = { ...(await exportJWK(key.publicKey)), kid: key.kid, alg: ALG, use: 'sig' };
    keys.push({ ...key, jwk });
  }
  const active = (config.activeKid ? keys.find((k) => k.kid === config.activeKid) : keys.find((k) => k.privateKey)) ?? null;
  return { active: active?.privateKey ? active : null, keys, jwks: { keys: keys.map((k) => k.jwk) } };
};

/** The key ring of this app, built once from the plugin config. */
export const keyRing = async (strapi: Core.Strapi): Promise<KeyRing> => {
  const cached = rings.get(strapi);
  if (cached) return cached;
  const config = (strapi.config.get('plugin::user-consent.signing') as SigningConfig | undefined) ?? defaultSigningConfig;
  const ring = await buildKeyRing(config);
  rings.set(strapi, ring);
  return ring;
};

/**
 * A compact JWS (RFC 7515, EdDSA) whose payload is the canonical JSON of `content` (keys sorted, no
 * spaces: utils/hash.ts), so that a verifier who rebuilds the content gets the same bytes; null when no
 * key can sign.
 */
export const signContent = async (ring: KeyRing, content: unknown, typ: string): Promise<string | null> => {
  if (!ring.active?.privateKey) return null;
  const payload = new TextEncoder().encode(canonicalJson(content));
  return new CompactSign(payload).setProtectedHeader({ alg: ALG, kid: ring.active.kid, typ }).sign(ring.active.privateKey);
};

/** Verifies a compact JWS with a JWK Set; the payload's JSON and the header, or a thrown error. */
export const verifyCompactJws = async (jws: string, jwks: { keys: JWK[] }) => {
  const { payload, protectedHeader } = await compactVerify(jws, createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0]), { algorithms: [ALG] });
  return { content: JSON.parse(new TextDecoder().decode(payload)) as unknown, header: protectedHeader };
};

/** A new Ed25519 key pair as PEM strings (the playground's first start, `npm run signing-key`). */
export const generateSigningKey = (kid: string): Required<SigningKeyConfig> => {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  return {
    kid,
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};
