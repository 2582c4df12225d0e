/**
 * The person's own pages (public, no login): the receipt page and "My consents". The receipt page uses
 * the receipt routes of public.ts; "My consents" is reached through a link mailed to a verified
 * address. Tokens travel in bodies and URL fragments, never in a URL's path or query.
 */
import { z, email, receiptId } from './common';
import type { DataResponse, MetaResponse, RequestOf } from './common';
import type { ConsentState } from './constants';
import type { WithdrawalResult } from './public';

/** The languages of the pages and mails. */
export const SELF_LANGS = ['en', 'ru'] as const;
export type SelfLang = (typeof SELF_LANGS)[number];

/** A link or session token (random, base64url; only its hash is stored). */
const selfToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'must be a link token');

/** Minutes a mailed link, and then the session it opens, stay valid. */
export const SELF_LINK_MINUTES = 30;

/** POST /api/user-consent/me/link: mails a link to "My consents" when the address has consents. */
export namespace RequestMyConsentsLink {
  export const body = z.strictObject({ email, lang: z.enum(SELF_LANGS).optional() });
  export type Body = z.output<typeof body>;
  export type Request = RequestOf<typeof RequestMyConsentsLink>;
  /** The same 202 whether or not the address is known. */
  export type Response = MetaResponse<{ accepted: true }, { message: string }>;
}

/** One agreement the person decided on, as it stands. */
export interface MyConsent {
  agreement: number;
  /** The label the person saw (of the version decided on). */
  label: string;
  version: number | null;
  versionNumber: number | null;
  /** The version's full text: /api/user-consent/versions/:id/text. */
  textUrl: string | null;
  state: ConsentState;
  /** When the decision was made. */
  decidedAt: string;
  /** When the withdrawal or expiry that ended it was recorded. */
  endedAt: string | null;
  /** The decision's receipt id: what a withdrawal names. */
  receipt: string | null;
  /** A given consent that still stands (given, outdated or expired) can be withdrawn. */
  withdrawable: boolean;
}

/** POST /api/user-consent/me/session: a mailed link's token exchanged (once) for a session. */
export namespace OpenMyConsents {
  export const body = z.strictObject({ token: selfToken });
  export type Request = RequestOf<typeof OpenMyConsents>;
  export type Response = MetaResponse<MyConsent[], { session: string; expiresAt: string }>;
}

/** POST /api/user-consent/me/consents: the list again, for an open session. */
export namespace ListMyConsents {
  export const body = z.strictObject({ session: selfToken });
  export type Request = RequestOf<typeof ListMyConsents>;
  export type Response = DataResponse<MyConsent[]>;
}

/** POST /api/user-consent/me/withdrawals: withdraws one of the person's consents (channel self-service). */
export namespace WithdrawMyConsent {
  export const body = z.strictObject({ session: selfToken, receipt: receiptId });
  export type Body = z.output<typeof body>;
  export type Request = RequestOf<typeof WithdrawMyConsent>;
  export type Response = MetaResponse<WithdrawalResult, { message: string }>;
}

/** GET /api/user-consent/pages/receipt and /pages/me: HTML pages (`?lang=en|ru`, else Accept-Language). */
export namespace GetSelfPage {
  export const query = z.object({ lang: z.enum(SELF_LANGS).optional() });
  export type Request = RequestOf<typeof GetSelfPage>;
  export type Response = string;
}
