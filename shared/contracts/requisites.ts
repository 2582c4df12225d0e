/**
 * Registration numbers of Russia, Belarus and Kazakhstan (pure functions, no Strapi, no zod): the one
 * module the server's company schema and the admin's live check both run.
 *
 * A number is first brought to its compact form (`compactNumber`: the spaces, hyphens and dashes people
 * type are removed, and so is the number's own name written in front of it, "УНП 591705582",
 * "ИНН: 7707083893"); the compact form is what is checked and stored. Each check then answers null for a
 * valid number, or a problem: its machine code, the part of the number that is wrong, and a short reason
 * in English.
 *
 * What is checked, number by number (python-stdnum's stdnum/ru/inn.py, stdnum/ru/ogrn.py and
 * stdnum/by/unp.py make the same checks; for Kazakhstan, the structure of Government Decree No. 565 of
 * 11 June 2003 and the check digit of the Rules approved by Decree No. 406 of 22 May 2007):
 *
 * - INN: 10 digits (organisation, one check digit) or 12 digits (individual, two check digits).
 * - OGRN: 13 digits, first digit 1 or 5; OGRNIP: 15 digits, first digit 3 or 4; one check digit.
 * - KPP: 9 characters, 4 digits, 2 digits or capital Latin letters, 3 digits; no check digit.
 * - UNP: 9 characters, 2 digits or 2 letters of the UNP alphabet then 7 digits; first character a
 *   region (1–7) or a letter of an individual's UNP (A B C E H K M); one check digit that cannot be 10.
 * - BIN: 12 digits YYMM T A NNNNN C: month 01–12, type T 4 (resident legal entity), 5 (non-resident)
 *   or 6 (individual entrepreneur in joint business), attribute A 0–3 (head office, branch,
 *   representative office, peasant farm); IIN: 12 digits YYMMDD S NNNN C: a real date of birth, S the
 *   century and sex (1–6; 0 in IINs given to some foreigners, whose century is not recorded). Both
 *   end in a check digit computed with two sequences of weights.
 */

const digits = (s: string) => s.split('').map(Number);
const weighted = (d: number[], w: number[]) => w.reduce((sum, wi, i) => sum + wi * d[i], 0);

export const REQUISITE_NUMBER_FIELDS = ['inn', 'ogrn', 'kpp', 'unp', 'bin'] as const;
export type RequisiteField = (typeof REQUISITE_NUMBER_FIELDS)[number];

/** What is wrong: the shape (length, characters), a part of the number (`part`), or its check digits. */
export type ProblemCode = 'requisite-format' | 'requisite-component' | 'requisite-check-digit';

/** The parts of a number that `requisite-component` names. */
export type NumberPart =
  | 'ogrn-first-digit'
  | 'ogrnip-first-digit'
  | 'unp-region'
  | 'unp-letters'
  | 'bin-month'
  | 'bin-type'
  | 'bin-attribute'
  | 'iin-date'
  | 'iin-century';

export interface NumberProblem {
  code: ProblemCode;
  part?: NumberPart;
  /** A short reason in English ("check digit does not match"). */
  reason: string;
}

export type CheckResult = NumberProblem | null;

const format = (reason: string): NumberProblem => ({ code: 'requisite-format', reason });
const component = (part: NumberPart, reason: string): NumberProblem => ({ code: 'requisite-component', part, reason });
const checkDigit = (reason = 'check digit does not match'): NumberProblem => ({ code: 'requisite-check-digit', reason });

/** The names a number may be written after, per field, longest first ("ОГРНИП" before "ОГРН"). */
const PREFIXES: Record<RequisiteField, string[]> = {
  inn: ['ИНН', 'INN'],
  ogrn: ['ОГРНИП', 'OGRNIP', 'ОГРН', 'OGRN'],
  kpp: ['КПП', 'KPP'],
  unp: ['УНП', 'UNP'],
  bin: ['БИН', 'BIN', 'ИИН', 'IIN'],
};

// Cyrillic letters a UNP may be typed with, mapped to the Latin letters they look like.
const CYR_TO_LAT: Record<string, string> = { А: 'A', В: 'B', С: 'C', Е: 'E', Н: 'H', К: 'K', М: 'M', О: 'O', Р: 'P', Т: 'T' };
const UNP_LETTERS = 'ABCEHKMOPT';

/**
 * A number as it is checked and stored: without white space, hyphens and dashes, without its name in
 * front ("УНП", "ИНН:", "BIN №"), in capitals; a UNP's or KPP's Cyrillic letters as their Latin twins.
 */
export const compactNumber = (field: RequisiteField, raw: string): string => {
  let s = raw.replace(/[\s\u00a0\u2010-\u2015-]+/g, '').toUpperCase();
  const prefix = PREFIXES[field].find((p) => s.startsWith(p));
  if (prefix) s = s.slice(prefix.length).replace(/^[:№#.]+/, '');
  if (field === 'unp' || field === 'kpp') s = s.replace(/[АВСЕНКМОРТ]/g, (c) => CYR_TO_LAT[c]);
  return s;
};

/** RU INN: 10 digits (organisations) or 12 digits (individuals), one or two check digits. */
export const checkInn = (value: string): CheckResult => {
  if (!/^\d{10}$|^\d{12}$/.test(value)) return format('must be 10 digits (organisation) or 12 digits (individual)');
  const d = digits(value);
  const check = (w: number[]) => (weighted(d, w) % 11) % 10;
  if (d.length === 10) return check([2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9] ? null : checkDigit();
  const c11 = check([7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
  const c12 = check([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
  return c11 === d[10] && c12 === d[11] ? null : checkDigit('check digits do not match');
};

/**
 * RU OGRN (13 digits, organisations: the first digit 1 or 5) or OGRNIP (15 digits, individual
 * entrepreneurs: 3 or 4). The check digit is the rest of the number without it divided by 11 (OGRN) or
 * 13 (OGRNIP), its last digit when the rest is 10 or more.
 */
export const checkOgrn = (value: string): CheckResult => {
  if (!/^\d{13}$|^\d{15}$/.test(value)) return format('must be 13 digits (OGRN) or 15 digits (OGRNIP)');
  const ip = value.length === 15;
  if (!ip && !'15'.includes(value[0])) return component('ogrn-first-digit', 'an OGRN starts with 1 or 5');
  if (ip && !'34'.includes(value[0])) return component('ogrnip-first-digit', 'an OGRNIP starts with 3 or 4');
  const rest = BigInt(value.slice(0, -1)) % BigInt(ip ? 13 : 11);
  return Number(rest % BigInt(10)) === Number(value[value.length - 1]) ? null : checkDigit();
};

/** RU KPP: 9 characters, NNNNPPNNN where PP may be digits or capital Latin letters; no check digit. */
export const checkKpp = (value: string): CheckResult =>
  /^\d{4}[\dA-Z]{2}\d{3}$/.test(value) ? null : format('must be 9 characters: 4 digits, 2 digits or letters, 3 digits');

/** BY UNP: 9 characters, the last one a check digit (weights 29 23 19 17 13 7 5 3, mod 11, never 10). */
export const checkUnp = (value: string): CheckResult => {
  if (value.length !== 9 || !/^\d{7}$/.test(value.slice(2))) return format('must be 9 characters ending in 7 digits');
  const head = value.slice(0, 2);
  const numeric = /^\d\d$/.test(head);
  if (!numeric && !(UNP_LETTERS.includes(head[0]) && UNP_LETTERS.includes(head[1])))
    return component('unp-letters', 'the first two characters must both be digits or both letters of the UNP alphabet');
  if (!'1234567ABCEHKM'.includes(value[0])) return component('unp-region', 'unknown region code in the first character');
  const values = numeric ? digits(value.slice(0, 8)) : [parseInt(value[0], 36), UNP_LETTERS.indexOf(value[1]), ...digits(value.slice(2, 8))];
  const c = weighted(values, [29, 23, 19, 17, 13, 7, 5, 3]) % 11;
  return c === Number(value[8]) ? null : checkDigit();
};

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (year: number, month: number) => [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];

/** The years a two-digit year of birth may be, by the IIN's century digit (0: the century is not recorded). */
const CENTURIES: Record<string, number[]> = { '0': [1900, 2000], '1': [1800], '2': [1800], '3': [1900], '4': [1900], '5': [2000], '6': [2000] };

/** The structure of a KZ IIN: YYMMDD a real date, then the century and sex digit. */
const iinStructure = (value: string): CheckResult => {
  const yy = Number(value.slice(0, 2));
  const mm = Number(value.slice(2, 4));
  const dd = Number(value.slice(4, 6));
  const centuries = CENTURIES[value[6]];
  if (!centuries) return component('iin-century', 'the 7th digit (century and sex) must be 1 to 6');
  const real = mm >= 1 && mm <= 12 && dd >= 1 && centuries.some((c) => dd <= daysIn(c + yy, mm));
  return real ? null : component('iin-date', 'the first 6 digits must be a date of birth, YYMMDD');
};

/** The structure of a KZ BIN: YYMM of registration, then the type and the attribute digits. */
const binStructure = (value: string): CheckResult => {
  const mm = Number(value.slice(2, 4));
  if (mm < 1 || mm > 12) return component('bin-month', 'the 3rd and 4th digits must be the month of registration, 01 to 12');
  if (!'0123'.includes(value[5])) return component('bin-attribute', 'the 6th digit must be 0 (head office), 1 (branch), 2 (representative office) or 3 (peasant farm)');
  return null;
};

/**
 * KZ BIN or IIN: 12 digits. The 5th digit tells them apart: 4, 5 or 6 is a BIN's type (resident or
 * non-resident legal entity, individual entrepreneur in joint business), 0 to 3 the tens of an IIN's day
 * of birth; 7 to 9 is neither. Then the structure, then the check digit (weights 1..11, and when that
 * gives 10, weights 3..11,1,2; 10 again means the number cannot exist).
 */
export const checkBin = (value: string): CheckResult => {
  if (!/^\d{12}$/.test(value)) return format('must be 12 digits');
  const kind = value[4];
  const structure = '456'.includes(kind) ? binStructure(value) : '0123'.includes(kind) ? iinStructure(value) : component('bin-type', 'the 5th digit must be 4, 5 or 6 (BIN) or 0 to 3 (day of birth of an IIN)');
  if (structure) return structure;
  const d = digits(value);
  let c = weighted(d, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) % 11;
  if (c === 10) c = weighted(d, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]) % 11;
  if (c === 10) return checkDigit('check digit cannot be computed: not a valid number');
  return c === d[11] ? null : checkDigit();
};

export const REQUISITE_CHECKS: Record<RequisiteField, { label: string; maxLength: number; check: (compact: string) => CheckResult }> = {
  inn: { label: 'INN', maxLength: 12, check: checkInn },
  ogrn: { label: 'OGRN/OGRNIP', maxLength: 15, check: checkOgrn },
  kpp: { label: 'KPP', maxLength: 9, check: checkKpp },
  unp: { label: 'UNP', maxLength: 9, check: checkUnp },
  bin: { label: 'BIN/IIN', maxLength: 12, check: checkBin },
};

/** Compacts then checks one number as typed: its compact form and the problem, if any. */
export const checkNumber = (field: RequisiteField, raw: string): { value: string; problem: CheckResult } => {
  const value = compactNumber(field, raw);
  return { value, problem: REQUISITE_CHECKS[field].check(value) };
};

/** Checks every filled registration number as typed; returns { field: "INN reason" } for the wrong ones. */
export const checkRequisites = (values: Partial<Record<RequisiteField, string | null | undefined>>) => {
  const errors: Partial<Record<RequisiteField, string>> = {};
  for (const field of REQUISITE_NUMBER_FIELDS) {
    const v = values[field];
    if (v === undefined || v === null || String(v).trim() === '') continue;
    const { problem } = checkNumber(field, String(v));
    if (problem) errors[field] = `${REQUISITE_CHECKS[field].label} ${problem.reason}`;
  }
  return errors;
};

/**
 * The numbers that identify one legal person, compared between companies to warn of a duplicate. Not the
 * KPP: it is a tax office's code and a reason, which many companies share.
 */
export const IDENTIFYING_NUMBERS = ['inn', 'ogrn', 'unp', 'bin'] as const satisfies readonly RequisiteField[];
