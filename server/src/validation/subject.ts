import { z, parse } from './common';

const subjectQuery = z
  .object({
    email: z.string().trim().max(320).email('must be an e-mail address').optional(),
    phone: z.string().trim().max(50).regex(/\d/, 'must be a phone number').optional(),
  })
  .refine((q) => Boolean(q.email) !== Boolean(q.phone), 'give exactly one of email or phone');

export const validateSubjectQuery = (q: unknown) => parse(subjectQuery, q ?? {});

const withdrawBody = z.strictObject({ note: z.string().trim().min(1, 'say how the withdrawal was received').max(2000) });
export const validateAdminWithdrawal = (b: unknown) => parse(withdrawBody, b ?? {});
