import { errors } from '@strapi/utils';
import { z } from '../../../shared/contracts/common';
import { FIELD_NAME_PATTERN, FORM_KEY_PATTERN, PHONE_PATTERN, RECEIPT_ID_PATTERN } from '../../../shared/contracts/constants';

// The schemas live in shared/contracts (one per endpoint); this module turns their failures into
// Strapi's errors. Re-exported for the modules that still build schemas here (log, subject).
export { z, optionalText, httpUrl, pagingSchema } from '../../../shared/contracts/common';
export { pageMeta } from '../../../shared/contracts/constants';

/** The key patterns of the contracts by name, for an `invalid_format` issue of a regex. */
const PATTERN_NAMES: [RegExp, string][] = [
  [FORM_KEY_PATTERN, 'form-key'],
  [FIELD_NAME_PATTERN, 'field-name'],
  [PHONE_PATTERN, 'phone'],
  [RECEIPT_ID_PATTERN, 'receipt-id'],
];

/** What was sent at `path`: only its kind (undefined, null, string, number, boolean, array, object), never the value. */
const kindAt = (input: unknown, path: PropertyKey[]) => {
  let node = input;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  return node === null ? 'null' : Array.isArray(node) ? 'array' : typeof node;
};

/** A bound as a plain number (zod may give a bigint). */
const bound = (n: number | bigint) => Number(n);

/**
 * The stable machine code of a zod issue and the values a client needs to say it in its own words.
 * The code is zod's (too_small, too_big, invalid_format, invalid_type, invalid_value, unrecognized_keys,
 * invalid_union, not_multiple_of, custom…), or for a refinement the contract's own `params.code`.
 * Its params: the bound (minimum/maximum, inclusive) and what it counts (origin: string, number,
 * array…), the format and the name of a known pattern, the expected and the received kind, the
 * allowed values, the unknown keys; a refinement's other params. Never the value that was sent.
 */
export const issueCode = (issue: z.core.$ZodIssue, input: unknown): { code: string; params: Record<string, unknown> } => {
  switch (issue.code) {
    case 'too_small':
      return { code: issue.code, params: { origin: issue.origin, minimum: bound(issue.minimum), inclusive: issue.inclusive !== false, ...(issue.exact ? { exact: true } : {}) } };
    case 'too_big':
      return { code: issue.code, params: { origin: issue.origin, maximum: bound(issue.maximum), inclusive: issue.inclusive !== false, ...(issue.exact ? { exact: true } : {}) } };
    case 'invalid_format': {
      const pattern = issue.format === 'regex' ? PATTERN_NAMES.find(([re]) => String(re) === issue.pattern)?.[1] : undefined;
      return { code: issue.code, params: { format: issue.format, ...(pattern ? { pattern } : {}) } };
    }
    case 'invalid_type':
      return { code: issue.code, params: { expected: issue.expected, received: kindAt(input, issue.path) } };
    case 'invalid_value':
      return { code: issue.code, params: { values: issue.values.map((v) => (typeof v === 'bigint' || typeof v === 'symbol' ? String(v) : v)) } };
    case 'unrecognized_keys':
      return { code: issue.code, params: { keys: issue.keys } };
    case 'invalid_union':
      return { code: issue.code, params: issue.discriminator ? { discriminator: issue.discriminator, options: (issue as { options?: unknown[] }).options ?? [] } : {} };
    case 'not_multiple_of':
      return { code: issue.code, params: { divisor: issue.divisor } };
    case 'custom': {
      const { code, ...params } = (issue.params ?? {}) as Record<string, unknown>;
      return { code: typeof code === 'string' && code ? code : 'custom', params };
    }
    default:
      return { code: issue.code, params: {} };
  }
};

/**
 * Parses `data` with a zod schema and turns a failure into Strapi's ValidationError (400), whose
 * message names the first offending field so that an API client sees at once what to fix. Each item
 * of `details.errors` keeps zod's (or the contract's) English message and adds its machine `code` and
 * `params` (see issueCode), which the admin panel says in the user's language.
 */
export const parse = <T extends z.ZodType>(schema: T, data: unknown, prefix?: string): z.output<T> => {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String),
    message: issue.message,
    name: 'ValidationError',
    ...issueCode(issue, data),
  }));
  const first = issues[0];
  const where = first.path.length ? `${first.path.join('.')}: ` : '';
  throw new errors.ValidationError(`${prefix ? `${prefix}: ` : ''}${where}${first.message}`, { errors: issues });
};

/** A JSON body must be an object: an array, a string or nothing is a 400 like any other bad input. */
export const parseBody = <T extends z.ZodType>(schema: T, body: unknown): z.output<T> =>
  !body || typeof body !== 'object' || Array.isArray(body) ? parse(schema, {}, 'body must be a JSON object') : parse(schema, body);

/** Parses with the schema; any failure is `orElse` (e.g. a 404 for a malformed key or receipt id). */
export const parseOr = <T extends z.ZodType>(schema: T, data: unknown, orElse: () => Error): z.output<T> => {
  const result = schema.safeParse(data);
  if (!result.success) throw orElse();
  return result.data;
};

/** A positive integer id from a route parameter; anything else is a 400, never a 500. */
export const parseId = (raw: unknown, name = 'id'): number => {
  const s = String(raw ?? '');
  if (!/^[1-9]\d{0,15}$/.test(s)) throw new errors.ValidationError(`${name} must be a positive integer`);
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new errors.ValidationError(`${name} must be a positive integer`);
  return n;
};
