/**
 * A field error of the server's 400 ValidationError said in the admin's language. Each item of
 * `details.errors` carries a machine `code` and its `params` (server/src/validation/common.ts
 * issueCode: zod's codes, or a refinement's own) besides the server's English `message`, which is
 * shown only when the code is not one this table knows.
 */
export interface FieldIssue {
  path?: (string | number)[];
  message?: string;
  code?: string;
  params?: Record<string, unknown>;
}

type Values = Record<string, string | number>;
/** A translation: the key under the plugin's prefix, the English text, its values (useT's signature). */
export type Translate = (id: string, defaultMessage: string, values?: Values) => string;
type Text = [id: string, defaultMessage: string, values?: Values];

/**
 * Custom refinements say nothing but their English message; the field they stand on tells what was
 * checked (the check digits of a registration number, an absolute URL, an origin, unique names).
 */
const CUSTOM_BY_FIELD: Record<string, [id: string, defaultMessage: string]> = {
  inn: ['validation.custom.inn', 'Not a valid INN: 10 or 12 digits with a matching check digit'],
  ogrn: ['validation.custom.ogrn', 'Not a valid OGRN/OGRNIP: 13 or 15 digits with a matching check digit'],
  kpp: ['validation.custom.kpp', 'Not a valid KPP: 9 characters, 4 digits, 2 digits or capital Latin letters, 3 digits'],
  unp: ['validation.custom.unp', 'Not a valid UNP: 9 characters with a matching check digit'],
  bin: ['validation.custom.bin', 'Not a valid BIN/IIN: 12 digits with a matching check digit'],
  website: ['validation.custom.url', 'A full address starting with http:// or https://'],
  externalUrl: ['validation.custom.url', 'A full address starting with http:// or https://'],
  successRedirectUrl: ['validation.custom.url', 'A full address starting with http:// or https://'],
  allowedOrigins: ['validation.custom.origin', 'A site address such as https://shop.example: scheme, host and optional port, no path'],
  fields: ['validation.custom.uniqueFields', 'Field names must not repeat'],
  agreements: ['validation.custom.uniqueAgreements', 'An agreement can be attached only once'],
};

const FORMATS: Record<string, [id: string, defaultMessage: string]> = {
  email: ['validation.format.email', 'Not an e-mail address'],
  url: ['validation.format.url', 'Not a valid address'],
  uuid: ['validation.format.uuid', 'Not a valid identifier'],
  'form-key': ['validation.format.formKey', 'Lowercase Latin letters, digits and dashes, starting with a letter or a digit'],
  'field-name': ['validation.format.fieldName', 'A Latin letter first, then Latin letters, digits and _ (up to 64)'],
  phone: ['validation.format.phone', 'Not a phone number'],
  'receipt-id': ['validation.format.receiptId', 'Not a receipt number'],
};

const TYPES: Record<string, [id: string, defaultMessage: string]> = {
  int: ['validation.type.int', 'Must be a whole number'],
  number: ['validation.type.number', 'Must be a number'],
  string: ['validation.type.string', 'Must be text'],
  boolean: ['validation.type.boolean', 'Must be yes or no'],
  array: ['validation.type.array', 'Must be a list'],
};

const REQUIRED: Text = ['validation.required', 'Required'];

/** A bound with what it counts: characters of a text, items of a list, or a number. */
const bound = (side: 'min' | 'max', p: Record<string, unknown>): Text | null => {
  const n = Number(side === 'min' ? p.minimum : p.maximum);
  if (!Number.isFinite(n)) return null;
  const values = { count: n };
  if (p.origin === 'string') {
    if (side === 'min' && n <= 1) return REQUIRED;
    return side === 'min'
      ? ['validation.min.string', 'At least {count, plural, one {# character} other {# characters}}', values]
      : ['validation.max.string', 'At most {count, plural, one {# character} other {# characters}}', values];
  }
  if (p.origin === 'array' || p.origin === 'set') {
    return side === 'min'
      ? ['validation.min.array', 'At least {count, plural, one {# item} other {# items}}', values]
      : ['validation.max.array', 'At most {count, plural, one {# item} other {# items}}', values];
  }
  if (p.origin !== 'number' && p.origin !== 'int' && p.origin !== 'bigint') return null;
  if (p.inclusive === false) return side === 'min' ? ['validation.above', 'Greater than {count}', values] : ['validation.below', 'Less than {count}', values];
  return side === 'min' ? ['validation.min.number', 'At least {count}', values] : ['validation.max.number', 'At most {count}', values];
};

/** The last named segment of a path: "requisites.inn" → inn, "allowedOrigins.2" → allowedOrigins. */
const fieldOf = (path: FieldIssue['path']) => [...(path ?? [])].reverse().find((s) => !/^\d+$/.test(String(s)));

const list = (v: unknown) => (Array.isArray(v) ? v.map(String).join(', ') : '');

/** The translation for a known code, or null: then the server's own message is shown. */
export const issueText = (issue: FieldIssue): Text | null => {
  const p = issue.params ?? {};
  switch (issue.code) {
    case 'too_small':
      return bound('min', p);
    case 'too_big':
      return bound('max', p);
    case 'invalid_type':
      if (p.received === 'undefined' || p.received === 'null') return REQUIRED;
      return TYPES[String(p.expected)] ?? ['validation.type', 'Wrong kind of value'];
    case 'invalid_format':
      return FORMATS[String(p.pattern ?? p.format)] ?? ['validation.format', 'Wrong format'];
    case 'invalid_value':
      return ['validation.oneOf', 'Choose one of: {values}', { values: list(p.values) }];
    case 'invalid_union':
      return ['validation.invalid', 'Not an allowed value'];
    case 'unrecognized_keys':
      return ['validation.unknownKeys', 'Unknown fields: {keys}', { keys: list(p.keys) }];
    case 'not_multiple_of':
      return ['validation.multipleOf', 'Must be a multiple of {count}', { count: Number(p.divisor) }];
    case 'custom': {
      const field = fieldOf(issue.path);
      return (field !== undefined && CUSTOM_BY_FIELD[String(field)]) || null;
    }
    default:
      return null;
  }
};

/**
 * One field error in the admin's language: by its code, or (an item without one) by the domain rule
 * that refused the request (`details.code`, e.g. form-key-taken: errors.<code>); otherwise the server's message.
 */
export const fieldMessage = (issue: FieldIssue, t: Translate, ruleCode?: string): string => {
  const text = issueText(issue);
  if (text) return t(...text);
  if (!issue.code && ruleCode) return t(`errors.${ruleCode}`, issue.message ?? ruleCode);
  return issue.message ?? '';
};
