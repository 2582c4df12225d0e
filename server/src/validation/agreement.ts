import { z, parse, optionalText, httpUrl, pagingSchema } from './common';
import { errors } from '@strapi/utils';
import { companyShape, assertRequisites } from './company';

export const TEMPLATE_IDS = ['ru-personal-data', 'ru-advertising', 'by-personal-data', 'kz-personal-data', 'eu-gdpr'] as const;

const shortList = (max: number, itemMax: number) =>
  z.array(z.string().trim().min(1, 'must not be empty').max(itemMax)).max(max);

// Requisites typed into an agreement follow the same rules as a company's.
const requisites = z.strictObject(companyShape);

const purpose = z.strictObject({
  code: z.string().max(64).nullish(),
  title: z.string().trim().max(500).default(''),
});

const thirdParty = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(500),
  address: optionalText(2000),
  purpose: optionalText(1000),
});

const validity = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('until-withdrawn') }),
  z.strictObject({ kind: z.literal('term'), term: z.string().trim().min(1, 'is required').max(200) }),
]);

const shape = {
  name: z.string().trim().min(1, 'is required').max(500),
  type: z.enum(['standard', 'custom']),
  template: z.enum(TEMPLATE_IDS).nullish(),
  dataSource: z.enum(['company', 'manual']).optional(),
  companyId: z.number().int().positive().nullish(),
  requisites: requisites.nullish(),
  purposes: z.array(purpose).max(50).optional(),
  dataCategories: shortList(100, 200).optional(),
  thirdParties: z.array(thirdParty).max(50).optional(),
  validity: validity.optional(),
  withdrawalContact: optionalText(1000),
  crossBorderCountries: shortList(100, 100).optional(),
  publicSources: z.boolean().optional(),
  label: z.string().trim().min(1, 'is required').max(2000),
  customHtml: z.union([z.string().max(200_000), z.null()]).optional(),
  externalUrl: z.union([httpUrl(), z.literal(''), z.null()]).optional().transform((v) => (v === '' ? null : v)),
  active: z.boolean().optional(),
};

const full = z.strictObject(shape);
const partial = z.strictObject(shape).partial();

export type AgreementBody = z.infer<typeof full>;

export const validateAgreementBody = (body: unknown, isPartial: boolean) =>
  parse(isPartial ? partial : full, body) as Partial<AgreementBody>;

/** Rules that involve several fields, checked on the merged (stored + incoming) agreement. */
export const checkAgreementRules = (a: Partial<AgreementBody>, { forPreview = false } = {}) => {
  const fail = (path: string, message: string) => {
    throw new errors.ValidationError(`${path}: ${message}`, { errors: [{ path: path.split('.'), message, name: 'ValidationError' }] });
  };
  if (a.type === 'standard') {
    if (!a.template) fail('template', 'a standard agreement needs a template');
    if (a.dataSource === 'company' && !a.companyId) fail('companyId', 'choose the company whose requisites fill the text');
    if (a.dataSource === 'manual') {
      if (!a.requisites) fail('requisites', 'enter the requisites, or use a company as the data source');
      assertRequisites(a.requisites!, ['requisites']);
    }
    // A preview may be rendered while the editor is still choosing purposes; a saved text needs one.
    if (!forPreview && !(a.purposes ?? []).length) fail('purposes', 'state at least one purpose of processing');
    (a.purposes ?? []).forEach((p, i) => {
      if (!p.code && !p.title) fail(`purposes.${i}`, 'each purpose needs a preset code or a title');
    });
  } else {
    if (!a.customHtml?.trim() && !a.externalUrl) fail('customHtml', 'a custom agreement needs its HTML text or an external URL');
  }
};

const listQuery = z.object({
  ...pagingSchema,
  q: z.string().max(200).optional(),
  type: z.enum(['standard', 'custom']).optional(),
  template: z.enum(TEMPLATE_IDS).optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const validateAgreementListQuery = (query: unknown) => parse(listQuery, query ?? {});
