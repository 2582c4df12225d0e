import crypto from 'node:crypto';

// One-shot `crypto.hash` (Node ≥ 20.12) digests the same UTF-8 bytes as a Hash object, without
// allocating one: about twice as fast for the short strings hashed here.
const oneShot = typeof crypto.hash === 'function' ? crypto.hash : null;

export const sha256 = (data: string): string =>
  oneShot ? oneShot('sha256', data, 'hex') : crypto.createHash('sha256').update(data, 'utf8').digest('hex');

/**
 * Strings JSON.stringify writes as they are between two quotes: no quote, backslash, control
 * character or surrogate (JSON.stringify escapes the first three and lone surrogates; pairs are
 * sent to JSON.stringify too, which keeps the test simple and exact).
 */
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** Exactly `JSON.stringify(s)` for a string, without the call for the common plain strings. */
export const jsonString = (s: string): string => (PLAIN.test(s) ? `"${s}"` : JSON.stringify(s));

/**
 * Canonical JSON: object keys sorted at every depth, no whitespace, undefined dropped. Two equal
 * values always give the same string, so their hashes can be compared and recomputed later.
 *
 * The output is byte for byte what the first, `map`/`join` version of this function wrote (chains
 * hashed with it must keep verifying; tests/unit/canonical-json.test.ts compares the two):
 * - primitives are what `JSON.stringify` writes (`null` for undefined, NaN and ±Infinity);
 * - objects are walked through their own enumerable keys, sorted, whatever their prototype (a Date
 *   is `{}`, `toJSON` is not called); keys whose value is undefined are left out;
 * - undefined array items are `null`, holes of sparse arrays are empty (what `join` made of them);
 * - values `JSON.stringify` does not write (functions, symbols) come out as `undefined` inside an
 *   object and as nothing inside an array; a bigint throws, as it did.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return jsonString(value);
    case 'number':
      return Number.isFinite(value) ? `${value}` : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return JSON.stringify(value ?? null);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) out += ',';
      const v = value[i];
      if (v === undefined) {
        if (i in value) out += 'null';
        continue;
      }
      const s = canonicalJson(v) as string | undefined;
      if (s !== undefined) out += s;
    }
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  let first = true;
  for (let i = 0; i < keys.length; i += 1) {
    const k = keys[i];
    const v = obj[k];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${jsonString(k)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
};
