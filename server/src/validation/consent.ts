import { z, parse, httpUrl } from './common';

/** Page URLs longer than this are refused (browsers send longer ones only for abuse). */
export const MAX_PAGE_URL = 4000;
export const MAX_FIELD_VALUE = 4000;

const pageUrl = httpUrl(MAX_PAGE_URL);

const subject = z.strictObject({
  email: z.string().trim().max(320).email('must be an e-mail address').optional(),
  phone: z
    .string()
    .trim()
    .max(50)
    .regex(/^\+?[0-9 ()\-.]{3,50}$/, 'must be a phone number')
    .optional(),
  name: z.string().trim().min(1).max(300).optional(),
});

const decision = z.strictObject({
  version: z.number().int().positive(),
  accepted: z.boolean(),
  fullTextOpened: z.boolean().optional(),
});

const body = z.strictObject({
  pageUrl,
  subject: subject.optional(),
  data: z.record(z.string().max(64), z.string().max(MAX_FIELD_VALUE, `must be at most ${MAX_FIELD_VALUE} characters`)).optional(),
  decisions: z.array(decision).min(1, 'must list one decision for every agreement of the form').max(20),
});

export type ConsentBody = z.infer<typeof body>;

export const validateConsentBody = (input: unknown): ConsentBody => {
  // A JSON body that is not an object (an array, a string, nothing) is a 400 like any other bad input.
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    return parse(body, {}, 'body must be a JSON object');
  }
  return parse(body, input);
};

const receiptQuery = z.object({ token: z.string().min(1).max(200) });
export const validateReceiptQuery = (q: unknown) => parse(receiptQuery, q ?? {});

const withdrawal = z.strictObject({
  receipt: z.string().uuid('must be a receipt id'),
  token: z.string().min(1).max(200),
});
export const validateWithdrawalBody = (input: unknown) => parse(withdrawal, input ?? {});
