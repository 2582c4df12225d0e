import { z, parse, optionalText, httpUrl, pagingSchema } from './common';
import { BEHAVIOURS, FIELD_TYPES } from '../../../shared/contracts/forms';
import { IP_POLICIES } from '../../../shared/contracts/personal';

const field = z.strictObject({
  name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/, 'must start with a letter and use only letters, digits and _ (max 64)'),
  label: z.string().trim().min(1, 'is required').max(200),
  type: z.enum(FIELD_TYPES),
  required: z.boolean().default(false),
});

const origin = z
  .string()
  .max(300)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === v.replace(/\/$/, '');
    } catch {
      return false;
    }
  }, 'must be an origin such as https://shop.example (scheme, host and optional port, no path)')
  .transform((v) => v.replace(/\/$/, ''));

const shape = {
  key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'must be a slug: lowercase letters, digits and dashes'),
  name: z.string().trim().min(1, 'is required').max(500),
  fields: z
    .array(field)
    .max(50)
    .refine((fs) => new Set(fs.map((f) => f.name)).size === fs.length, 'field names must be unique'),
  agreements: z
    .array(z.strictObject({ agreementId: z.number().int().positive(), behaviour: z.enum(BEHAVIOURS) }))
    .max(20)
    .refine((as) => new Set(as.map((a) => a.agreementId)).size === as.length, 'an agreement can be attached only once'),
  successRedirectUrl: z.union([httpUrl(), z.literal(''), z.null()]).optional().transform((v) => (v === '' ? null : v)),
  successMessage: optionalText(2000),
  allowedOrigins: z.array(origin).max(50),
  storeSubmissions: z.boolean(),
  active: z.boolean(),
  ipPolicy: z.enum(IP_POLICIES),
  retentionDays: z.union([z.number().int().min(1).max(36500), z.null()]),
  withdrawalRetentionDays: z.number().int().min(0).max(3650),
};

const full = z.strictObject({
  ...shape,
  fields: shape.fields.default([]),
  agreements: shape.agreements.default([]),
  allowedOrigins: shape.allowedOrigins.default([]),
  storeSubmissions: shape.storeSubmissions.default(false),
  active: shape.active.default(true),
  ipPolicy: shape.ipPolicy.default('full'),
  retentionDays: shape.retentionDays.default(null),
  withdrawalRetentionDays: shape.withdrawalRetentionDays.default(30),
});
const partial = z.strictObject(shape).partial();

export type FormBody = z.infer<typeof full>;

export const validateFormBody = (body: unknown, isPartial: boolean) => parse(isPartial ? partial : full, body) as Partial<FormBody>;

const listQuery = z.object({ ...pagingSchema, q: z.string().max(200).optional() });
export const validateFormListQuery = (query: unknown) => parse(listQuery, query ?? {});
