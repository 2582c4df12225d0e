/**
 * The plugin's home page and the Strapi home-page widget: `GET /user-consent/overview` (consents.read).
 * Counts only: no person, no IP, nothing typed. Days are calendar days in the time zone asked for.
 */
import { z } from './common';
import type { DataResponse } from './common';
import type { ConsentAction } from './constants';
import type { BrokenCode } from './integrity';
import { isTimeZone } from './log';

/** How far back the home page looks by default, and the most it may ask for. */
export const OVERVIEW_DAYS = { default: 90, max: 366 } as const;

export namespace ConsentOverview {
  export const query = z.strictObject({
    /** The last `days` calendar days, today included. */
    days: z.coerce.number().int().min(1).max(OVERVIEW_DAYS.max).default(OVERVIEW_DAYS.default),
    /** The IANA time zone whose calendar days the events are counted in (the admin's own). */
    tz: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone such as Europe/Moscow').default('UTC'),
  });
  export type Request = z.input<typeof query>;
  export type Query = z.output<typeof query>;
  export type Response = DataResponse<Overview>;
}

/** Events recorded, by action (every action present, 0 when none). */
export type ActionCounts = Record<ConsentAction, number>;

/** The latest check of the hash chain (by the admin panel, the API or `npm run verify-consents`). */
export interface IntegritySummary {
  intact: boolean;
  /** Events verified. */
  checked: number;
  checkedAt: string;
  /** The chain head's seq at the time (null: the log was empty). */
  headSeq: string | null;
  /** Why the chain was broken, when it was. */
  code: BrokenCode | null;
  /** How many of the database triggers that refuse changes were missing. */
  triggersMissing: number;
}

export interface Overview {
  days: number;
  timeZone: string;
  /** The first and the last day counted (today), `YYYY-MM-DD` in `timeZone`. */
  from: string;
  to: string;
  /** Events recorded per day, every day from `from` to `to`, oldest first. */
  perDay: { day: string; counts: ActionCounts }[];
  /** The same over the whole period. */
  totals: ActionCounts;
  /** Per form over the period; `key` null for events recorded without a form (API, import, erasures). */
  forms: { key: string | null; name: string | null; counts: ActionCounts }[];
  /** Per agreement over the period (events that name one). */
  agreements: { id: number; name: string | null; counts: ActionCounts }[];
  /** Given consents whose state is now outdated or expired (server/src/events/states.ts), whenever given. */
  states: { outdated: number; expired: number };
  /** null: the chain was never checked. */
  integrity: IntegritySummary | null;
}
