import crypto from 'node:crypto';

export const sha256 = (data: string) => crypto.createHash('sha256').update(data, 'utf8').digest('hex');

/**
 * Canonical JSON: object keys sorted at every depth, no whitespace, undefined dropped. Two equal
 * values always give the same string, so their hashes can be compared and recomputed later.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
};
