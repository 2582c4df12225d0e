import { z, parse } from './common';
import { ERASURE_REASONS } from '../../../shared/contracts/personal';

const subjectQuery = z
  .object({
    email: z.string().trim().max(320).email('must be an e-mail address').optional(),
    phone: z.string().trim().max(50).regex(/\d/, 'must be a phone number').optional(),
  })
  .refine((q) => Boolean(q.email) !== Boolean(q.phone), 'give exactly one of email or phone');

export const validateSubjectQuery = (q: unknown) => parse(subjectQuery, q ?? {});

const withdrawBody = z.strictObject({ note: z.string().trim().min(1, 'say how the withdrawal was received').max(2000) });
export const validateAdminWithdrawal = (b: unknown) => parse(withdrawBody, b ?? {});

const email = z.string().trim().min(1, 'is required').max(320).email('must be an e-mail address');
const phone = z.string().trim().min(1, 'is required').max(50).regex(/\d/, 'must be a phone number');
const receipt = z.string().trim().uuid('must be a receipt id');

/** Exactly one of e-mail, phone or receipt, in a JSON body (personal data stays out of URLs and logs). */
const identifier = (withReceipt: boolean) =>
  z
    .strictObject({ email: email.optional(), phone: phone.optional(), ...(withReceipt ? { receipt: receipt.optional() } : {}) })
    .refine((b: Record<string, unknown>) => ['email', 'phone', 'receipt'].filter((k) => b[k] !== undefined).length === 1, withReceipt ? 'give exactly one of email, phone or receipt' : 'give exactly one of email or phone');

export const validateSubjectBody = (b: unknown) => parse(identifier(false), b ?? {}) as { email?: string; phone?: string };
export const validatePreviewBody = (b: unknown) => parse(identifier(true), b ?? {}) as { email?: string; phone?: string; receipt?: string };

const erasureBody = z
  .strictObject({
    email: email.optional(),
    phone: phone.optional(),
    receipt: receipt.optional(),
    reason: z.enum(ERASURE_REASONS),
    note: z.string().trim().max(2000).nullable().optional(),
  })
  .refine((b) => [b.email, b.phone, b.receipt].filter((v) => v !== undefined).length === 1, 'give exactly one of email, phone or receipt')
  .refine((b) => b.reason !== 'other' || Boolean(b.note), { message: 'say why (a note) when the reason is "other"', path: ['note'] });

export const validateErasureBody = (b: unknown) => parse(erasureBody, b ?? {});
