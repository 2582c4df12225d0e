import { errors } from '@strapi/utils';
import { z, parse, optionalText, httpUrl, pagingSchema } from './common';
import { checkRequisites } from '../utils/requisites';

const email = z.string().max(320).email('must be an e-mail address');

export const companyShape = {
  name: z.string().trim().min(1, 'is required').max(500),
  legalForm: optionalText(100),
  country: z.enum(['RU', 'BY', 'KZ', 'OTHER']),
  inn: optionalText(12),
  ogrn: optionalText(15),
  kpp: optionalText(9),
  unp: optionalText(9),
  bin: optionalText(12),
  legalAddress: optionalText(2000),
  postalAddress: optionalText(2000),
  email: z.union([email, z.literal(''), z.null()]).optional().transform((v) => (v === '' ? null : v)),
  phone: optionalText(50),
  website: z.union([httpUrl(), z.literal(''), z.null()]).optional().transform((v) => (v === '' ? null : v)),
};

const full = z.strictObject(companyShape);
const partial = z.strictObject(companyShape).partial();

export type CompanyInput = z.infer<typeof full>;

/** Refuses every registration number whose check digits are wrong, naming each (path prefix optional). */
export const assertRequisites = (input: Partial<CompanyInput>, prefix: string[] = []) => {
  const wrong = checkRequisites(input);
  const fields = Object.keys(wrong) as (keyof typeof wrong)[];
  if (fields.length) {
    throw new errors.ValidationError(
      fields.map((f) => `${[...prefix, f].join('.')}: ${wrong[f]}`).join('; '),
      { errors: fields.map((f) => ({ path: [...prefix, f], message: wrong[f], name: 'ValidationError' })) }
    );
  }
};

export const validateCompanyInput = async (body: unknown, { partial: isPartial }: { partial: boolean }) => {
  const input = parse(isPartial ? partial : full, body) as Partial<CompanyInput>;
  assertRequisites(input);
  return input;
};

const listQuery = z.object({
  ...pagingSchema,
  q: z.string().max(200).optional(),
  country: z.enum(['RU', 'BY', 'KZ', 'OTHER']).optional(),
});

export const validateListQuery = async (query: unknown) => parse(listQuery, query ?? {});
