/**
 * Forms: consent collection points (the CRM-form analogue). Admin routes under /user-consent/forms
 * (forms.read / forms.manage); the public form routes are in public.ts.
 */
import { z, optionalText, optionalHttpUrl, requiredText, formKey, idParams, listQuery } from './common';
import type { DataResponse, Fits, ListResponse, MetaResponse, RequestOf } from './common';
import {
  BEHAVIOURS,
  DOI_LANGUAGES,
  FIELD_NAME_PATTERN,
  FIELD_TYPES,
  LIMITS,
  behaviourFlags,
  isGdprPrechecked,
  type Behaviour,
  type FieldType,
  type FormWarningCode,
} from './constants';
import { IP_POLICIES, type IpPolicy } from './personal';
import type { PublicForm } from './public';

// Values re-exported for existing imports; a bundle that only needs them imports ./constants (no zod).
export { BEHAVIOURS, FIELD_TYPES, behaviourFlags, isGdprPrechecked };
export type { Behaviour, FieldType, FormWarningCode, PublicForm };

export interface FormField {
  /** Key used in submissions (`data.<name>`), e.g. "email". */
  name: string;
  /** What the person sees next to the input. */
  label: string;
  type: FieldType;
  required: boolean;
}

export interface FormAgreement {
  agreementId: number;
  behaviour: Behaviour;
}

/** One language's confirmation e-mail; null: the plugin's default text in that language. */
export interface DoubleOptInTemplate {
  subject: string | null;
  body: string | null;
}

/**
 * Double opt-in (a separate setting of the form): the agreements whose acceptance waits for the
 * person to confirm their e-mail address, and the confirmation e-mail per language.
 */
export interface DoubleOptInSettings {
  /** Agreements of this form that need a confirmed address (typically the advertising one). */
  agreements: number[];
  templates: { en: DoubleOptInTemplate; ru: DoubleOptInTemplate };
}

export interface FormInput {
  key: string;
  name: string;
  fields: FormField[];
  agreements: FormAgreement[];
  successRedirectUrl?: string | null;
  successMessage?: string | null;
  /** Origins allowed to submit (e.g. "https://shop.example"); empty: any origin. */
  allowedOrigins: string[];
  storeSubmissions: boolean;
  active: boolean;
  /** How much of the client IP is kept (default full). */
  ipPolicy?: IpPolicy;
  /** Days personal data is kept after collection; null: until erased. */
  retentionDays?: number | null;
  /** Days personal data is kept after every consent of a capture is withdrawn (default 30). */
  withdrawalRetentionDays?: number;
  /** Mail the person a link to their receipt when the submission names an e-mail subject (default off). */
  sendReceiptEmail?: boolean;
  /** Double opt-in by e-mail; null: none of the form's agreements needs it. */
  doubleOptIn?: DoubleOptInSettings | null;
}

export interface Form extends FormInput {
  id: number;
  documentId: string;
  createdAt: string;
  updatedAt: string;
}

export interface FormWarning {
  agreementId: number;
  /** gdpr-prechecked: a pre-ticked eu-gdpr box; gdpr-ip-full: whole IPs kept for an eu-gdpr agreement. */
  code: FormWarningCode;
  message: string;
}

const field = z.strictObject({
  name: z.string().regex(FIELD_NAME_PATTERN, 'must start with a letter and use only letters, digits and _ (max 64)'),
  label: requiredText(LIMITS.fieldLabelLength),
  type: z.enum(FIELD_TYPES),
  required: z.boolean().default(false),
});

const origin = z
  .string()
  .max(LIMITS.originLength)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === v.replace(/\/$/, '');
    } catch {
      return false;
    }
  }, 'must be an origin such as https://shop.example (scheme, host and optional port, no path)')
  .transform((v) => v.replace(/\/$/, ''));

const doiTemplate = z.strictObject({
  subject: z.union([z.string().trim().max(LIMITS.doiSubjectLength).transform((v) => v || null), z.null()]).default(null),
  body: z.union([z.string().trim().max(LIMITS.doiBodyLength).transform((v) => v || null), z.null()]).default(null),
});

/** A form's double opt-in; its agreements must be attached to the form (the service checks). */
export const doubleOptInSettings = z.strictObject({
  agreements: z
    .array(z.number().int().positive())
    .max(LIMITS.agreementsPerForm)
    .refine((as) => new Set(as).size === as.length, 'an agreement can be named only once'),
  templates: z
    .strictObject({ en: doiTemplate.default({ subject: null, body: null }), ru: doiTemplate.default({ subject: null, body: null }) })
    .default({ en: { subject: null, body: null }, ru: { subject: null, body: null } }),
});

/** The languages of the templates are DOI_LANGUAGES (checked by the compiler). */
export type DoiTemplatesFit = Fits<(typeof DOI_LANGUAGES)[number], keyof z.output<typeof doubleOptInSettings>['templates']>;

const formShape = {
  key: formKey,
  name: requiredText(LIMITS.nameLength),
  fields: z
    .array(field)
    .max(LIMITS.fieldsPerForm)
    .refine((fs) => new Set(fs.map((f) => f.name)).size === fs.length, 'field names must be unique'),
  agreements: z
    .array(z.strictObject({ agreementId: z.number().int().positive(), behaviour: z.enum(BEHAVIOURS) }))
    .max(LIMITS.agreementsPerForm)
    .refine((as) => new Set(as.map((a) => a.agreementId)).size === as.length, 'an agreement can be attached only once'),
  successRedirectUrl: optionalHttpUrl(),
  successMessage: optionalText(LIMITS.successMessageLength),
  allowedOrigins: z.array(origin).max(LIMITS.allowedOrigins),
  storeSubmissions: z.boolean(),
  active: z.boolean(),
  ipPolicy: z.enum(IP_POLICIES),
  retentionDays: z.union([z.number().int().min(LIMITS.retentionDays.min).max(LIMITS.retentionDays.max), z.null()]),
  withdrawalRetentionDays: z.number().int().min(LIMITS.withdrawalRetentionDays.min).max(LIMITS.withdrawalRetentionDays.max),
  sendReceiptEmail: z.boolean(),
  doubleOptIn: z.union([doubleOptInSettings, z.null()]),
};

/** A whole form, as POST /forms takes it (what is left out gets its default). */
export const formBody = z.strictObject({
  ...formShape,
  fields: formShape.fields.default([]),
  agreements: formShape.agreements.default([]),
  allowedOrigins: formShape.allowedOrigins.default([]),
  storeSubmissions: formShape.storeSubmissions.default(false),
  active: formShape.active.default(true),
  ipPolicy: formShape.ipPolicy.default('full'),
  retentionDays: formShape.retentionDays.default(null),
  withdrawalRetentionDays: formShape.withdrawalRetentionDays.default(LIMITS.withdrawalRetentionDays.default),
  sendReceiptEmail: formShape.sendReceiptEmail.default(false),
  doubleOptIn: formShape.doubleOptIn.default(null),
});
/** Any subset, as PUT /forms/:id takes it. */
export const formPatch = z.strictObject(formShape).partial();

export type FormBody = z.output<typeof formBody>;

/** The editor's input is acceptable to the schema (checked by the compiler). */
export type FormInputFits = Fits<z.input<typeof formBody>, FormInput>;

/** A form with the warnings the server found for its agreements (GDPR recital 32, art. 5(1)(c)). */
export type FormResponse = MetaResponse<Form, { warnings: FormWarning[] }>;

/** GET /user-consent/forms */
export namespace GetForms {
  export const query = listQuery({});
  export type Query = z.output<typeof query>;
  export type Request = RequestOf<typeof GetForms>;
  export type Response = ListResponse<Form>;
}

/** GET /user-consent/forms/:id */
export namespace GetForm {
  export const params = idParams;
  export type Request = RequestOf<typeof GetForm>;
  export type Response = FormResponse;
}

/** POST /user-consent/forms → 201 */
export namespace CreateForm {
  export const body = formBody;
  export type Request = RequestOf<typeof CreateForm>;
  export type Response = FormResponse;
}

/** PUT /user-consent/forms/:id (any subset); the key of a form with consents cannot change (rule form-key-in-use). */
export namespace UpdateForm {
  export const params = idParams;
  export const body = formPatch;
  export type Request = RequestOf<typeof UpdateForm>;
  export type Response = FormResponse;
}

/** DELETE /user-consent/forms/:id; refused (rule form-has-consents) while consents refer to it. */
export namespace DeleteForm {
  export const params = idParams;
  export type Request = RequestOf<typeof DeleteForm>;
  export type Response = DataResponse<Form>;
}

/** GET /user-consent/forms/:id/double-opt-in: the form's confirmation requests and how many were confirmed. */
export namespace GetDoubleOptInCounts {
  export const params = idParams;
  export type Request = RequestOf<typeof GetDoubleOptInCounts>;
  /** requested: consents that waited for a confirmation (mails sent); confirmed, expired: of them. */
  export type Response = DataResponse<{ requested: number; confirmed: number; expired: number }>;
}
