/**
 * Companies: the operators whose requisites fill the agreements' texts. Admin routes under
 * /user-consent/companies (companies.read / companies.manage).
 */
import { z, optionalText, optionalWebsite, requiredText, email, idParams, listQuery } from './common';
import type { DataResponse, ListResponse, MetaResponse, RequestOf } from './common';
import { COUNTRIES, type Country } from './constants';
import { REQUISITE_CHECKS, requisiteCode, type RequisiteField } from './requisites';

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
}

export interface Company extends Requisites {
  id: number;
  documentId: string;
  createdAt: string;
  updatedAt: string;
}

export const REQUISITE_KEYS = ['name', 'legalForm', 'country', 'inn', 'ogrn', 'kpp', 'unp', 'bin', 'legalAddress', 'postalAddress', 'email', 'phone', 'website'] as const;

/**
 * A registration number: filled, it must pass its check (shape and check digits). Checked on the field
 * itself, so that a wrong number is reported together with any other field's error.
 */
const number = (field: RequisiteField, max: number) =>
  optionalText(max).superRefine((v, ctx) => {
    if (!v) return;
    const reason = REQUISITE_CHECKS[field].check(v);
    // The code and the number's field name let a client say it in its language (validation.code.*).
    if (reason) ctx.addIssue({ code: 'custom', message: `${REQUISITE_CHECKS[field].label} ${reason}`, params: { code: requisiteCode(reason), number: field } });
  });

const requisitesShape = {
  name: requiredText(500),
  legalForm: optionalText(100),
  country: z.enum(COUNTRIES),
  inn: number('inn', 12),
  ogrn: number('ogrn', 15),
  kpp: number('kpp', 9),
  unp: number('unp', 9),
  bin: number('bin', 12),
  legalAddress: optionalText(2000),
  postalAddress: optionalText(2000),
  email: z
    .union([email, z.literal(''), z.null()])
    .optional()
    .transform((v) => (v === '' ? null : v)),
  phone: optionalText(50),
  website: optionalWebsite(),
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

/** POST /user-consent/companies → 201 */
export namespace CreateCompany {
  export const body = requisitesSchema;
  export type Body = z.output<typeof body>;
  export type Request = RequestOf<typeof CreateCompany>;
  export type Response = DataResponse<Company>;
}

/**
 * PUT /user-consent/companies/:id (any subset). `meta.versionsCreated`: how many agreements filled from
 * this company got a new version because their text changed.
 */
export namespace UpdateCompany {
  export const params = idParams;
  export const body = partialRequisites;
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
