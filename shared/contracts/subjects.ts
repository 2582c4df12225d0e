/**
 * Data subjects: look-up, access export, erasure and its acts, retention (admin routes under
 * /user-consent/subjects, /erasures and /retention). The identifier always travels in a JSON body.
 * The response types are in personal.ts (zod-free, for the panel).
 */
import { z, email, phone, receiptId } from './common';
import type { ListResponse } from './common';
import { ERASURE_REASONS, type ErasureAct, type ErasurePreview, type ErasureResult, type SubjectExport } from './personal';
import type { ConsentState } from './constants';
import type { ConsentEvent } from './log';

const required = <T extends z.ZodString>(s: T) => s.min(1, 'is required');
/** The id the site gives its own user, e.g. `users-permissions:<documentId>` for a users-permissions user. */
const externalId = z.string().trim().min(1, 'is required').max(200);
/** One person: by e-mail, phone or the site's user id. */
export const person = { email: required(email).optional(), phone: required(phone).optional(), externalId: externalId.optional() };
export const exactlyOne = (keys: string[]) => (b: Record<string, unknown>) => keys.filter((k) => b[k] !== undefined).length === 1;

/** `POST /subjects/lookup` and `POST /subjects/export?format=json|pdf`: exactly one of e-mail, phone or external id. */
export namespace LookUpSubject {
  export const body = z.strictObject(person).refine(exactlyOne(['email', 'phone', 'externalId']), 'give exactly one of email, phone or externalId');
  export type Request = z.input<typeof body>;
  export type Response = { data: SubjectReport };
  /** `?format=json|pdf`; `lang=ru|en` picks the PDF's language (else the admin's Accept-Language). */
  export const exportQuery = z.object({ format: z.enum(['json', 'pdf']).default('json') });
  export type ExportResponse = { data: SubjectExport };
}

/** `POST /subjects/erasures/preview`: exactly one of e-mail, phone, external id or receipt. */
export namespace PreviewErasure {
  export const body = z
    .strictObject({ ...person, receipt: receiptId.optional() })
    .refine(exactlyOne(['email', 'phone', 'externalId', 'receipt']), 'give exactly one of email, phone, externalId or receipt');
  export type Request = z.input<typeof body>;
  export type Response = { data: ErasurePreview };
}

/** `POST /subjects/erasures` → 201; 404 when nothing matches. `other` needs a note. */
export namespace EraseSubject {
  export const body = z
    .strictObject({
      ...person,
      receipt: receiptId.optional(),
      reason: z.enum(ERASURE_REASONS),
      note: z.string().trim().max(2000).nullable().optional(),
    })
    .refine(exactlyOne(['email', 'phone', 'externalId', 'receipt']), 'give exactly one of email, phone, externalId or receipt')
    .refine((b) => b.reason !== 'other' || Boolean(b.note), { message: 'say why (a note) when the reason is "other"', path: ['note'] });
  export type Request = z.input<typeof body>;
  export type Response = { data: ErasureResult };
}

/** `GET /erasures` and `GET /erasures/:id`; `GET /erasures/:id/act?lang=ru|en` is the act as a PDF. */
export namespace ListErasures {
  export type Response = ListResponse<ErasureAct>;
}

/** `POST /retention/run`: the retention job now; an empty body. */
export namespace RunRetention {
  export const body = z.strictObject({});
  export type Response = { data: { records: number; events: number; batches: number; compacted?: boolean } };
}

/** One event of a person, with what their record holds (null when erased). */
export interface SubjectEvent extends ConsentEvent {
  pageQuery: string | null;
  withdrawsId: number | null;
  subject: Record<string, string> | null;
  userAgent: string | null;
  note: string | null;
  data: Record<string, string> | null;
  erased: boolean;
}

export interface SubjectReport {
  events: SubjectEvent[];
  /**
   * The state of the person's consent to each agreement: of their latest decision (given or refused),
   * since when it holds, and the event that set it (the withdrawal or expiry that ended it, else the decision).
   */
  current: { agreement: number; state: ConsentState; since: string; version: number; event: number }[];
}
