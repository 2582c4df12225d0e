import { IMPORT_ISSUE_CODES } from '../../../shared/contracts/constants';
import { AGREEMENT_RULE_CODES, EXTERNAL_TEXT_CODES } from '../../../shared/contracts/agreements';

/**
 * A field error of the server's 400 ValidationError said in the admin's language. Each item of
 * `details.errors` carries a machine `code` and its `params` (server/src/validation/common.ts
 * issueCode: zod's codes, or a refinement's own) besides the server's English `message`, which is
 * shown only when the code is not one this table knows. The texts are `validation.*` in en.json and
 * ru.json (tests/unit/validation-messages checks every one the table can name).
 */
export interface FieldIssue {
  path?: (string | number)[];
  message?: string;
  code?: string;
  params?: Record<string, unknown>;
}

type Values = Record<string, string | number>;
/** A translation: the key under the plugin's prefix, the text when it is missing, its values (useT's signature). */
export type Translate = (id: string, defaultMessage: string, values?: Values) => string;
/** The translation of an issue: its key under `validation.` and its values. */
type Text = [key: string, values?: Values];

/** zod's formats and the contracts' named patterns the panel has a text for (`validation.format.<name>`). */
const FORMATS = ['email', 'url', 'uuid', 'form-key', 'field-name', 'phone', 'receipt-id'];
/** The expected kinds of value the panel has a text for (`validation.type.<kind>`). */
const TYPES = ['int', 'number', 'string', 'boolean', 'array'];
/**
 * Custom refinements say nothing but their English message; the field they stand on tells what was
 * checked (the check digits of a registration number, an absolute URL, an origin, unique names):
 * `validation.custom.<check>` by field.
 */
const CUSTOM_BY_FIELD: Record<string, string> = {
  ...Object.fromEntries(['inn', 'ogrn', 'kpp', 'unp', 'bin'].map((number) => [number, number])),
  ...Object.fromEntries(['website', 'externalUrl', 'successRedirectUrl'].map((url) => [url, 'url'])),
  allowedOrigins: 'origin',
  fields: 'uniqueFields',
  agreements: 'uniqueAgreements',
};

/**
 * The contracts' own codes (a refinement's `params.code`, a cross-field rule of an agreement, a
 * service's check): `validation.code.<code>` with the issue's params as values. A registration
 * number's codes are told per number (`validation.code.requisite-format.inn`).
 */
const OWN_CODES = [
  ...AGREEMENT_RULE_CODES,
  ...EXTERNAL_TEXT_CODES,
  'field-required',
  'unknown-field',
  'personal-filter-in-url',
];
const NUMBERS = ['inn', 'ogrn', 'kpp', 'unp', 'bin'];

const values = (p: Record<string, unknown>): Values =>
  Object.fromEntries(Object.entries(p).filter(([, v]) => typeof v === 'string' || typeof v === 'number')) as Values;

const REQUIRED: Text = ['required'];
const NUMERIC = ['number', 'int', 'bigint'];

/** A bound with what it counts: characters of a text, items of a list, or a number. */
const bound = (side: 'min' | 'max', p: Record<string, unknown>): Text | null => {
  const count = Number(side === 'min' ? p.minimum : p.maximum);
  if (!Number.isFinite(count)) return null;
  if (p.origin === 'string' && side === 'min' && count <= 1) return REQUIRED;
  const counts = p.origin === 'string' ? 'string' : p.origin === 'array' || p.origin === 'set' ? 'array' : NUMERIC.includes(String(p.origin)) ? 'number' : null;
  if (!counts) return null;
  // A strict bound of a number: "greater than 0".
  if (counts === 'number' && p.inclusive === false) return [side === 'min' ? 'above' : 'below', { count }];
  return [`${side}.${counts}`, { count }];
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
      return [TYPES.includes(String(p.expected)) ? `type.${p.expected}` : 'type'];
    case 'invalid_format': {
      const name = String(p.pattern ?? p.format);
      return [FORMATS.includes(name) ? `format.${name}` : 'format'];
    }
    case 'invalid_value':
      return ['oneOf', { values: list(p.values) }];
    case 'invalid_union':
      return ['invalid'];
    case 'unrecognized_keys':
      return ['unknownKeys', { keys: list(p.keys) }];
    case 'not_multiple_of':
      return ['multipleOf', { count: Number(p.divisor) }];
    case 'custom': {
      const check = CUSTOM_BY_FIELD[String(fieldOf(issue.path))];
      return check ? [`custom.${check}`] : null;
    }
    case 'http-url':
      return ['custom.url'];
    case 'requisite-format':
    case 'requisite-check-digit':
      return NUMBERS.includes(String(p.number)) ? [`code.${issue.code}.${p.number}`] : null;
    // A part of the number that cannot be (an OGRNIP's first digit, a KZ IIN's date): said per part.
    case 'requisite-component':
      return typeof p.part === 'string' && /^[a-z-]+$/.test(p.part) ? [`code.requisite-component.${p.part}`] : null;
    default:
      // The import's own checks (a row of a CSV, or the file itself): `validation.import.<code>`.
      if ((IMPORT_ISSUE_CODES as readonly string[]).includes(String(issue.code))) return [`import.${issue.code}`, importValues(p)];
      return issue.code && OWN_CODES.includes(issue.code) ? [`code.${issue.code}`, values(p)] : null;
  }
};

/** The values an import issue's text may name (numbers and column names; never a value that was sent). */
const importValues = (p: Record<string, unknown>): Values => {
  const out: Values = {};
  for (const key of ['maximum', 'column', 'version', 'agreement', 'versionNumber', 'cells', 'columns']) {
    const v = p[key];
    if (typeof v === 'number' || typeof v === 'string') out[key] = v;
    else if (Array.isArray(v)) out[key] = list(v);
  }
  return out;
};

/**
 * One field error in the admin's language: by its code, or (an item without one) by the domain rule
 * that refused the request (`details.code`, e.g. form-key-taken: errors.<code>); otherwise the server's message.
 */
export const fieldMessage = (issue: FieldIssue, t: Translate, ruleCode?: string): string => {
  const text = issueText(issue);
  if (text) return t(`validation.${text[0]}`, issue.message ?? text[0], text[1]);
  if (!issue.code && ruleCode) return t(`errors.${ruleCode}`, issue.message ?? ruleCode);
  return issue.message ?? '';
};
