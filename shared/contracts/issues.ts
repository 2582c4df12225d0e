/**
 * The machine code of a validation issue and the values a client needs to say it in its own words.
 * Shared by the server (server/src/validation/common.ts puts it in every 400's `details.errors`) and
 * the admin panel (which runs the same contract schemas as the user types and says each issue with
 * the same texts as the server's refusals).
 */
import type { z } from './common';
import { FIELD_NAME_PATTERN, FORM_KEY_PATTERN, PHONE_PATTERN, RECEIPT_ID_PATTERN } from './constants';

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
 * The code is zod's (too_small, too_big, invalid_format, invalid_type, invalid_value, unrecognized_keys,
 * invalid_union, not_multiple_of, custom…), or for a refinement the contract's own `params.code`
 * (requisite-format, requisite-check-digit, http-url…). Its params: the bound (minimum/maximum,
 * inclusive) and what it counts (origin: string, number, array…), the format and the name of a known
 * pattern, the expected and the received kind, the allowed values, the unknown keys; a refinement's
 * other params. Never the value that was sent.
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
    case 'invalid_union': {
      // A union of "a value or empty" (an optional URL): the value's own issue says more than "invalid".
      const inner = (issue as { errors?: z.core.$ZodIssue[][] }).errors?.find((branch) => branch.some((i) => i.code === 'custom'))?.find((i) => i.code === 'custom');
      if (inner && !issue.discriminator) return issueCode({ ...inner, path: issue.path } as z.core.$ZodIssue, input);
      return { code: issue.code, params: issue.discriminator ? { discriminator: issue.discriminator, options: (issue as { options?: unknown[] }).options ?? [] } : {} };
    }
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

/** One issue as the server's `details.errors` carries it (and the panel's own checks produce). */
export interface CodedIssue {
  path: string[];
  message: string;
  code: string;
  params: Record<string, unknown>;
}

/** Every issue of a failed parse, coded. */
export const codedIssues = (error: z.ZodError, input: unknown): CodedIssue[] =>
  error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message, ...issueCode(issue, input) }));
