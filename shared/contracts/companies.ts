/**
 * Companies: the operators whose requisites fill the agreements' texts. Admin routes under
 * /user-consent/companies (companies.read / companies.manage).
 */
import { z, optionalText, optionalWebsite, requiredText, email, idParams, listQuery } from './common';
import type { DataResponse, ListResponse, MetaResponse, RequestOf } from './common';
import { COUNTRIES, type Country } from './constants';
import { REQUISITE_CHECKS, checkNumber, type RequisiteField } from './requisites';

export type { Country };

/** An operator's requisites: a company's, or the ones typed into an agreement. */
export interface Requisites {
  name: string;
  legalForm?: string | null;
  country: Country;
  inn?: string | null;
  ogrn?: string | null;
  kpp?: string | null;
  unp?: string | null;
  bin?: string | null;
  legalAddress?: string | null;
  postalAddress?: string | null;
  email?: string | null;
  phone?: string | null;
  website?: string | null;
  /** The data protection officer (GDPR art. 37–39), named by the `eu-gdpr` text (art. 13(1)(b)) when set. */
  dpoName?: string | null;
  dpoEmail?: string | null;
  dpoPhone?: string | null;
  dpoAddress?: string | null;
  /** The representative in the Union of a controller established outside it (GDPR art. 27), named by `eu-gdpr`. */
  euRepName?: string | null;
  euRepAddress?: string | null;
  euRepEmail?: string | null;
}

export interface Company extends Requisites {
  id: number;
  documentId: string;
  createdAt: string;
  updatedAt: string;
}

export const REQUISITE_KEYS = [
  'name',
  'legalForm',
  'country',
  'inn',
  'ogrn',
  'kpp',
  'unp',
  'bin',
  'legalAddress',
  'postalAddress',
  'email',
  'phone',
  'website',
  'dpoName',
  'dpoEmail',
  'dpoPhone',
  'dpoAddress',
  'euRepName',
  'euRepAddress',
  'euRepEmail',
] as const;

/** How long a number may be as typed (spaces, hyphens, its name in front), before it is compacted. */
const TYPED_NUMBER_LENGTH = 40;

/**
 * A registration number: typed as people write it ("УНП 591705582", "990 140 004 654"), it is compacted
 * (shared/contracts/requisites.ts) and, filled, must pass every check of its kind; it is stored compact.
 * Checked on the field itself, so that a wrong number is reported together with any other field's error;
 * the code, the part and the number's field name let a client say it in its language
 * (validation.code.<code>.<number>[.<part>]).
 */
const number = (field: RequisiteField) =>
  optionalText(TYPED_NUMBER_LENGTH)
    .transform((v) => (v ? checkNumber(field, v).value || null : v))
    .superRefine((v, ctx) => {
      if (!v) return;
      const problem = REQUISITE_CHECKS[field].check(v);
      if (!problem) return;
      ctx.addIssue({
        code: 'custom',
        message: `${REQUISITE_CHECKS[field].label} ${problem.reason}`,
        params: { code: problem.code, number: field, ...(problem.part ? { part: problem.part } : {}) },
      });
    });

/** An optional e-mail: '' becomes null. */
const optionalEmail = () =>
  z
    .union([email, z.literal(''), z.null()])
    .optional()
    .transform((v) => (v === '' ? null : v));

const requisitesShape = {
  name: requiredText(500),
  legalForm: optionalText(100),
  country: z.enum(COUNTRIES),
  inn: number('inn'),
  ogrn: number('ogrn'),
  kpp: number('kpp'),
  unp: number('unp'),
  bin: number('bin'),
  legalAddress: optionalText(2000),
  postalAddress: optionalText(2000),
  email: optionalEmail(),
  phone: optionalText(50),
  website: optionalWebsite(),
  dpoName: optionalText(500),
  dpoEmail: optionalEmail(),
  dpoPhone: optionalText(50),
  dpoAddress: optionalText(2000),
  euRepName: optionalText(500),
  euRepAddress: optionalText(2000),
  euRepEmail: optionalEmail(),
};

/** Requisites as a company or a manual agreement sends them. */
export const requisitesSchema = z.strictObject(requisitesShape);
const partialRequisites = z.strictObject(requisitesShape).partial();

/** GET /user-consent/companies */
export namespace GetCompanies {
  export const query = listQuery({ country: z.enum(COUNTRIES).optional() });
  export type Query = z.output<typeof query>;
  export type Request = RequestOf<typeof GetCompanies>;
  export type Response = ListResponse<Company>;
}

/** GET /user-consent/companies/:id */
export namespace GetCompany {
  export const params = idParams;
  export type Request = RequestOf<typeof GetCompany>;
  export type Response = DataResponse<Company>;
}

/**
 * Sent with a company whose INN, OGRN, UNP or BIN another company already has: the editor saw the
 * warning (409, details.code duplicate-registration) and saves anyway (a branch, a company entered twice
 * on purpose).
 */
const confirmDuplicate = { confirmDuplicate: z.boolean().optional() };

/** `details.params` of a duplicate-registration refusal. */
export interface DuplicateRegistration {
  /** The numbers another company already has. */
  fields: RequisiteField[];
  /** The companies that have them (at most 10). */
  companies: { id: number; name: string }[];
}

/**
 * POST /user-consent/companies → 201. A registration number another company has: 409 Conflict,
 * `details.code: 'duplicate-registration'`, `details.params`: the numbers (`fields`) and the companies
 * that have them (`companies`: id and name), unless `confirmDuplicate: true`.
 */
export namespace CreateCompany {
  export const body = z.strictObject({ ...requisitesShape, ...confirmDuplicate });
  export type Body = z.output<typeof body>;
  export type Request = RequestOf<typeof CreateCompany>;
  export type Response = DataResponse<Company>;
}

/**
 * PUT /user-consent/companies/:id (any subset; a duplicate number refused as on create). `meta.versionsCreated`: how many agreements filled from
 * this company got a new version because their text changed.
 */
export namespace UpdateCompany {
  export const params = idParams;
  export const body = partialRequisites.extend(confirmDuplicate);
  export type Body = z.output<typeof body>;
  export type Request = RequestOf<typeof UpdateCompany>;
  export type Response = MetaResponse<Company, { versionsCreated: number }>;
}

/** DELETE /user-consent/companies/:id; refused (rule company-in-use) while an agreement uses it. */
export namespace DeleteCompany {
  export const params = idParams;
  export type Request = RequestOf<typeof DeleteCompany>;
  export type Response = DataResponse<Company>;
}
