/**
 * What a consent event's hash proves, written out from its specification apart from the plugin's
 * code (nothing here imports server/src), so that a verifier built on it checks the plugin rather
 * than repeats it. The tests' reference verifier (reference-chain.ts) and the benchmark's P4
 * (bench/phases/p4-verify.js, which bundles this file) both use it.
 *
 * The specification (README, "Consents nothing can delete or alter" and "Importing consents collected
 * elsewhere"):
 * - an event's hash is the SHA-256 (hex) of the canonical JSON (keys sorted, no spaces) of its proof
 *   fields: the 23 of REF_PROOF_FIELDS, each present, null when the event has none;
 * - `collectedAt` (when a consent collected elsewhere was given) was added later: it is in the object
 *   only when the event has it, so the events written before it keep their hashes; so was `choices`
 *   (the advertising channels ticked or the distribution categories allowed, a JSON object hashed as
 *   its canonical JSON), likewise only when the event has it, and so was `dataShown` (the captions of
 *   the form's fields an agreement without data categories listed, a JSON array of strings), and
 *   `language` (the language the text was shown in, a string), likewise;
 * - values as stored, read the same on every database: `recordedAt` and `collectedAt` as ISO UTC with
 *   milliseconds, `seq` as a decimal string, `prechecked` and `fullTextOpened` as booleans (SQLite
 *   and MySQL keep 0/1);
 * - `prevHash` is the hash of the event before it; the first event's is 64 zeros.
 */
import crypto from 'node:crypto';

export const REF_GENESIS = '0'.repeat(64);

/** The chain head's table: its one row holds the last event's seq and hash. */
export const REF_HEAD_TABLE = 'uc_chain_head';

/** Every event's proof fields (present in the hashed object, null when absent). */
export const REF_PROOF_FIELDS = [
  'seq',
  'action',
  'agreementId',
  'versionId',
  'versionNumber',
  'formKey',
  'pageUrl',
  'fields',
  'behaviour',
  'prechecked',
  'fullTextOpened',
  'receiptId',
  'tokenHash',
  'withdrawsId',
  'channel',
  'note',
  'recordedBy',
  'personalId',
  'personalHash',
  'ipPolicy',
  'erasure',
  'recordedAt',
  'prevHash',
] as const;

/** Proof fields in the hashed object only when the event has them. */
export const REF_OPTIONAL_FIELDS = ['collectedAt', 'choices', 'dataShown', 'language', 'lane'] as const;

/** Every column a verifier must read to recompute a hash. */
export const REF_HASHED_FIELDS = [...REF_PROOF_FIELDS, ...REF_OPTIONAL_FIELDS] as const;

const DATES = new Set(['recordedAt', 'collectedAt']);

export const refSha256 = (data: string) => crypto.createHash('sha256').update(data, 'utf8').digest('hex');

export const refCanonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : refCanonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${refCanonicalJson(obj[k])}`).join(',')}}`;
};

export const refNormalise = (field: string, value: unknown) => {
  if (value === undefined || value === null) return null;
  if (DATES.has(field)) return new Date(value as string | number | Date).toISOString();
  if (field === 'seq') return String(value);
  if (field === 'lane') return Number(value);
  if (typeof value === 'boolean') return value;
  if (field === 'prechecked' || field === 'fullTextOpened') return Boolean(value);
  return value;
};

/** The canonical JSON an event's hash is taken of (`row` keyed by attribute names). */
export const refProofJson = (row: Record<string, unknown>) => {
  const proof: Record<string, unknown> = {};
  for (const f of REF_PROOF_FIELDS) proof[f] = refNormalise(f, row[f]);
  for (const f of REF_OPTIONAL_FIELDS) {
    const v = refNormalise(f, row[f]);
    if (v !== null) proof[f] = v;
  }
  return refCanonicalJson(proof);
};

export const refEventHash = (row: Record<string, unknown>) => refSha256(refProofJson(row));
