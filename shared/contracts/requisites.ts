/**
 * Registration numbers with check digits (pure functions, no Strapi).
 * Each validator returns null when the value is valid, or a short reason in English.
 */

const digits = (s: string) => s.split('').map(Number);
const weighted = (d: number[], w: number[]) => w.reduce((sum, wi, i) => sum + wi * d[i], 0);

export type CheckResult = string | null;

/** RU INN: 10 digits (organisations) or 12 digits (individuals), one or two check digits. */
export const checkInn = (value: string): CheckResult => {
  if (!/^\d{10}$|^\d{12}$/.test(value)) return 'must be 10 digits (organisation) or 12 digits (individual)';
  const d = digits(value);
  const check = (w: number[]) => (weighted(d, w) % 11) % 10;
  if (d.length === 10) {
    return check([2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9] ? null : 'check digit does not match';
  }
  const c11 = check([7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
  const c12 = check([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
  return c11 === d[10] && c12 === d[11] ? null : 'check digits do not match';
};

/** RU OGRN (13 digits, organisations) or OGRNIP (15 digits, individual entrepreneurs). */
export const checkOgrn = (value: string): CheckResult => {
  if (!/^\d{13}$|^\d{15}$/.test(value)) return 'must be 13 digits (OGRN) or 15 digits (OGRNIP)';
  const body = BigInt(value.slice(0, -1));
  const mod = BigInt(value.length === 13 ? 11 : 13);
  const expected = Number((body % mod) % BigInt(10));
  return expected === Number(value[value.length - 1]) ? null : 'check digit does not match';
};

/** RU KPP: 9 characters, NNNNPPNNN where PP may be digits or capital Latin letters; no check digit. */
export const checkKpp = (value: string): CheckResult =>
  /^\d{4}[\dA-Z]{2}\d{3}$/.test(value) ? null : 'must be 9 characters: 4 digits, 2 digits or letters, 3 digits';

// Cyrillic letters that UNPs of individual entrepreneurs use, mapped to their Latin look-alikes.
const CYR_TO_LAT: Record<string, string> = { А: 'A', В: 'B', С: 'C', Е: 'E', Н: 'H', К: 'K', М: 'M', О: 'O', Р: 'P', Т: 'T' };
const UNP_LETTERS = 'ABCEHKMOPT';

/** BY UNP: 9 characters, the last one a check digit (weights 29 23 19 17 13 7 5 3, mod 11). */
export const checkUnp = (raw: string): CheckResult => {
  const value = raw.toUpperCase().replace(/[АВСЕНКМОРТ]/g, (c) => CYR_TO_LAT[c]);
  if (value.length !== 9 || !/^\d{7}$/.test(value.slice(2))) return 'must be 9 characters ending in 7 digits';
  const head = value.slice(0, 2);
  const numeric = /^\d\d$/.test(head);
  if (!numeric && !(UNP_LETTERS.includes(head[0]) && UNP_LETTERS.includes(head[1])))
    return 'the first two characters must be digits or letters of the UNP alphabet';
  if (!'1234567ABCEHKM'.includes(value[0])) return 'unknown region code in the first character';
  const values = numeric
    ? digits(value.slice(0, 8))
    : [parseInt(value[0], 36), UNP_LETTERS.indexOf(value[1]), ...digits(value.slice(2, 8))];
  const c = weighted(values, [29, 23, 19, 17, 13, 7, 5, 3]) % 11;
  if (c > 9) return 'check digit does not match';
  return c === Number(value[8]) ? null : 'check digit does not match';
};

/** KZ BIN or IIN: 12 digits, the last a check digit computed with two weight sequences, mod 11. */
export const checkBin = (value: string): CheckResult => {
  if (!/^\d{12}$/.test(value)) return 'must be 12 digits';
  const d = digits(value);
  let c = weighted(d, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) % 11;
  if (c === 10) c = weighted(d, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]) % 11;
  if (c === 10) return 'check digit cannot be computed: not a valid number';
  return c === d[11] ? null : 'check digit does not match';
};

export const REQUISITE_CHECKS = {
  inn: { label: 'INN', check: checkInn },
  ogrn: { label: 'OGRN/OGRNIP', check: checkOgrn },
  kpp: { label: 'KPP', check: checkKpp },
  unp: { label: 'UNP', check: checkUnp },
  bin: { label: 'BIN/IIN', check: checkBin },
} as const;

export type RequisiteField = keyof typeof REQUISITE_CHECKS;

/**
 * What is wrong with a number, as a machine code: `requisite-check-digit` when it has the right shape
 * but its check digits do not match, `requisite-format` otherwise (length, characters, region).
 */
export const requisiteCode = (reason: string) => (/check digit/.test(reason) ? 'requisite-check-digit' : 'requisite-format');

/** Checks every filled registration number; returns { field: reason } for the wrong ones. */
export const checkRequisites = (values: Partial<Record<RequisiteField, string | null | undefined>>) => {
  const errors: Partial<Record<RequisiteField, string>> = {};
  for (const field of Object.keys(REQUISITE_CHECKS) as RequisiteField[]) {
    const v = values[field];
    if (v === undefined || v === null || v === '') continue;
    const reason = REQUISITE_CHECKS[field].check(String(v).trim());
    if (reason) errors[field] = `${REQUISITE_CHECKS[field].label} ${reason}`;
  }
  return errors;
};
