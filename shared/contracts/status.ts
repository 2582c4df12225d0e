/**
 * The status API, for the systems that use consents (a mailer, a CRM): may I write to this person, for
 * this agreement or purpose, now? Content-API routes authorised by Strapi API tokens (Settings → API
 * Tokens, action `status.query` of user-consent), never public:
 *
 *   POST /api/user-consent/status/query   { "email": "a@b.example", "purpose": "newsletters-advertising" }
 *   GET  /api/user-consent/status?email=a@b.example   (the same in the query; POST keeps it out of URLs)
 *
 * The same answer comes from `strapi.plugin('user-consent').service('consent').status(query)`.
 */
import { z } from './common';
import type { DataResponse } from './common';
import type { ConsentState } from './constants';
import { exactlyOne, person } from './subjects';
import type { AdChannel } from './choices';

export namespace ConsentStatus {
  /** Exactly one of e-mail, phone or the site's user id; optionally one agreement (id) or a purpose (preset code). */
  export const query = z
    .strictObject({
      ...person,
      agreement: z.coerce.number().int().positive().optional(),
      purpose: z.string().trim().min(1, 'is required').max(100).optional(),
    })
    .refine(exactlyOne(['email', 'phone', 'externalId']), 'give exactly one of email, phone or externalId');
  export type Query = z.output<typeof query>;
  export type Request = z.input<typeof query>;

  /** The person's latest decision on one agreement, and its state now. */
  export interface Item {
    agreement: number;
    /** given (may be relied on), outdated, expired, withdrawn, refused; erased records cannot be found. */
    state: ConsentState;
    /** The agreement version decided on (id) and its number. */
    version: number | null;
    versionNumber: number | null;
    /** When the decision (given or refused) was made: recorded, or for an imported one collected (`collectedAt`). */
    givenAt: string;
    /** When a given consent's validity ends (null: until withdrawn). */
    expiresAt: string | null;
    /** The decision's receipt id. */
    receipt: string | null;
    /** The withdrawal or expiry that ended it, when one did. */
    endedAt: string | null;
    /**
     * Advertising with channels (38-FZ art. 18): per channel, whether it may be used now: ticked in this
     * decision and the state is `given`. Absent when the decision chose no channels.
     */
    channels?: Record<AdChannel, boolean>;
    /**
     * Consent to distribution (152-FZ art. 10.1): per category of the decision, whether it may be
     * published now: allowed in this decision and the state is `given`. Absent when it has none.
     */
    categories?: Record<string, boolean>;
  }
  export type Response = DataResponse<Item[]>;
}
