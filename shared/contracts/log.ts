/**
 * The consent log: admin routes under /user-consent/consents, /exports and /integrity (consents.read,
 * consents.export, consents.withdraw, consents.verify). Personal fields (ip, subject, userAgent, note)
 * are null for a role without consents.personal-data; `meta.personalData` says which case it is.
 * Filters that name a person (ip, subject) travel only in JSON bodies, never in URLs.
 */
import type { Choices } from './choices';
import { z, pagingSchema } from './common';
import type { ListResponse } from './common';
import {
  CHANNELS,
  CONSENT_ACTIONS,
  CONSENT_STATES,
  EXPORT_DELIMITERS,
  EXPORT_FORMATS,
  EXPORT_LANGS,
  LOG_FILTER_KEYS,
  LOG_PERSONAL_FILTERS,
  LOG_SORTABLE,
  type Behaviour,
  type ConsentAction,
  type ConsentState,
  type ExportFormat,
} from './constants';
import type { BrokenCode } from './integrity';

// The lists themselves are in the zod-free constants.ts, for the panel.
export const SORTABLE = LOG_SORTABLE;
export type SortField = (typeof SORTABLE)[number];
export const FILTER_KEYS = LOG_FILTER_KEYS;
export type FilterKey = (typeof FILTER_KEYS)[number];
/** Filters that name a person: accepted only in a JSON body. */
export const PERSONAL_FILTERS = LOG_PERSONAL_FILTERS;

const isoDate = z
  .string()
  .max(40)
  .refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 date or date-time');
const id = z.coerce.number().int().positive();

/** The log's filters, shared by the list, the export, its download ticket and the export log. */
export const filterShape = {
  from: isoDate.optional(),
  to: isoDate.optional(),
  agreement: id.optional(),
  version: id.optional(),
  form: z.string().max(100).optional(),
  action: z.enum(CONSENT_ACTIONS).optional(),
  /** The decisions in this state now (server/src/events/states.ts). */
  state: z.enum(CONSENT_STATES).optional(),
  /** How the events came: web, api, admin, or import (consents collected elsewhere). */
  channel: z.enum(CHANNELS).optional(),
  /** Exact address, or a prefix ending in "." or ":" (e.g. "203.0.113.") or with a trailing "*". */
  ip: z.string().max(45).regex(/^[0-9a-fA-F.:*]+$/, 'must be an IP address or a prefix such as 203.0.113.*').optional(),
  pageUrl: z.string().max(500).optional(),
  /** An e-mail or a phone number of the subject (matched by its hash, exactly). */
  subject: z.string().max(320).optional(),
};

/** `GET /consents` (filters that name nobody) and `POST /consents/search` (any filter, in the body). */
export namespace ListConsents {
  export const query = z.strictObject({
    ...pagingSchema,
    sort: z.enum(SORTABLE).default('recordedAt'),
    order: z.enum(['asc', 'desc']).default('desc'),
    ...filterShape,
  });
  export type Request = z.input<typeof query>;
  export type Response = ConsentList;
}

/** Whether this runtime's Intl knows the zone (an IANA name such as Europe/Moscow, or UTC). */
export const isTimeZone = (v: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: v });
    return true;
  } catch {
    return false;
  }
};

/** `true`/`false` as JSON, or as text in a query string. */
const flag = z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true');

/**
 * How an export is written (none of it filters): the file format; the CSV delimiter by name; the
 * language of the headers and values (without one: column codes and value codes, as scripts read them);
 * a time zone for a column of local times beside the UTC one; and whether what the person typed into the
 * form comes as columns (personal data: only for a role with the personal-data action).
 */
export const exportOptionShape = {
  format: z.enum(EXPORT_FORMATS).optional(),
  delimiter: z.enum(Object.keys(EXPORT_DELIMITERS) as [keyof typeof EXPORT_DELIMITERS, ...(keyof typeof EXPORT_DELIMITERS)[]]).optional(),
  lang: z.enum(EXPORT_LANGS).optional(),
  timeZone: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone such as Europe/Moscow').optional(),
  typedData: flag.optional(),
};

/** `GET /consents/export` (filters that name nobody), `POST /consents/export` and `POST /consents/export-ticket` (body). */
export namespace ExportConsents {
  export const filter = z.strictObject(filterShape);
  /** The filter and the options, side by side (query string or body). */
  export const request = z.strictObject({ ...filterShape, ...exportOptionShape });
  export type Request = z.input<typeof request>;
  export type Options = Pick<z.output<typeof request>, keyof typeof exportOptionShape>;
  /** `POST /consents/export-ticket`: a one-time link for the browser to download the CSV from. */
  export type TicketResponse = { data: { url: string; expiresAt: string } };
}

/** `POST /expiry/run`: the expiry job now; an empty body. Answers how many `expired` events it appended. */
export namespace RunExpiry {
  export const body = z.strictObject({});
  export type Response = { data: { expired: number; batches: number } };
}

/** `POST /consents/:id/withdraw`: an operator records a withdrawal received by letter or e-mail. */
export namespace WithdrawConsent {
  export const body = z.strictObject({ note: z.string().trim().min(1, 'say how the withdrawal was received').max(2000) });
  export type Request = z.input<typeof body>;
  export type Response = { data: WithdrawalResult };
}

export type LogFilter = z.output<typeof ExportConsents.filter>;
export type LogQuery = z.output<typeof ListConsents.query>;

export interface ConsentSubject {
  email?: string | null;
  phone?: string | null;
  name?: string | null;
}

/** What every view of one consent event shows: which event, on which version, where, how it came. */
export interface ConsentEvent {
  id: number;
  /** A string: it is a bigint on the server. */
  seq: string;
  recordedAt: string;
  action: ConsentAction;
  agreementId: number | null;
  versionId: number | null;
  versionNumber: number | null;
  formKey: string | null;
  pageUrl: string | null;
  channel: string | null;
  receiptId: string | null;
  ip: string | null;
  /** A given consent's end of validity (null: until withdrawn, or not a given consent). */
  expiresAt: string | null;
  /** A consent collected elsewhere (channel `import`): when it was given; `recordedAt` is when it was imported. */
  collectedAt: string | null;
  /** The decision's state now (CONSENT_STATES); null for withdrawals, erasures and expiries. */
  state: ConsentState | null;
}

/** A row of the log. */
export interface ConsentRow extends ConsentEvent {
  agreementName: string | null;
  subject: ConsentSubject | null;
  withdrawsId: number | null;
  /** The event's personal data (subject, IP, user agent, what was typed) was destroyed by an erasure. */
  erased: boolean;
}

/**
 * Where a heavy read was made when the plugin reads a PostgreSQL replica (config `readReplica`): how far
 * behind the primary the replica was, in chain records and in milliseconds (-1: it could not be asked).
 */
export interface ReplicaStatus {
  behind: number;
  lagMs: number;
}

export type ConsentList = ListResponse<ConsentRow> & { meta: { personalData: boolean; replica?: ReplicaStatus } };

/** `record.personal`: the erasure of this event's personal data, when there was one. */
export interface PersonalState {
  erased: boolean;
  erasureId: number | null;
  erasedAt: string | null;
}

/** Every stored field of one event (the receipt token's hash is never sent), with its personal record's. */
export interface ConsentRecord extends Omit<ConsentRow, 'agreementName' | 'erased'> {
  /** The chain lane of a capture appended with `chain.lanes` > 1 (PostgreSQL); absent or null for lane 0. */
  lane?: number | null;
  userAgent: string | null;
  fields: string[] | null;
  behaviour: Behaviour | null;
  prechecked: boolean | null;
  fullTextOpened: boolean | null;
  note: string | null;
  pageQuery: string | null;
  recordedBy: number | null;
  personalId: number | null;
  personalHash: string | null;
  ipPolicy: string | null;
  erasure: Record<string, unknown> | null;
  prevHash: string | null;
  hash: string | null;
  personal: PersonalState;
}

export type ConsentWithdrawal = Pick<ConsentRecord, 'id' | 'seq' | 'recordedAt' | 'channel' | 'note' | 'recordedBy' | 'receiptId' | 'ip'>;

export interface ConsentChain {
  seq: string;
  hash: string | null;
  prevHash: string | null;
  ownHashValid: boolean;
  linksToPrevious: boolean;
  previousId: number | null;
  nextId: number | null;
  /** null when this is the last record of the chain. */
  linkedFromNext: boolean | null;
}

/** `GET /consents/:id` → `{ data: ConsentDetail }`. */
export interface ConsentDetail {
  record: ConsentRecord;
  agreement: { id: number; name: string; template: string | null; type: string } | null;
  /**
   * The version as stored; `htmlShown` and `textShown` (when the record keeps `dataShown`): its text as
   * shown, the captions of the form's fields filled into its data list.
   */
  version: Record<string, unknown> | null;
  /**
   * The text shown: the version's text in the language the decision recorded (`expressed.language`),
   * else in its default language, with that language's own hash and whether the stored text still gives it.
   */
  shown: { language: string | null; label: string; hash: string; hashValid: boolean } | null;
  /**
   * `choices`: the advertising channels ticked or the distribution categories allowed (null: none).
   * `dataShown`: the data list as shown, the captions of the form's fields the text listed (an agreement
   * without data categories); absent when the text listed its own data.
   * `language`: the language the text was shown in, when the decision named it (a proof field).
   */
  expressed: { behaviour: Behaviour | null; prechecked: boolean; fullTextOpened: boolean; channel: string | null; choices?: Choices | null; dataShown?: string[]; language?: string };
  /** A decision's receipt (Kantara 1.1 with ISO/IEC TS 27560 fields); null for a withdrawal or an erasure. */
  receipt: Record<string, unknown> | null;
  withdrawals: ConsentWithdrawal[];
  /** For a withdrawal: the consent it withdraws. */
  withdraws: { id: number; seq: string; action: ConsentAction; receiptId: string | null; recordedAt: string } | null;
  chain: ConsentChain;
  /**
   * The evidence file of a consent collected elsewhere, with the personal-data action (null when the
   * record has none or it was erased; absent without the action). `sha256` is what the keyed hash of
   * the personal record commits to; `matches`: the stored file still has that hash.
   */
  evidence?: { id: number | null; name: string | null; mime: string | null; size: number | null; url: string | null; sha256: string; matches: boolean | null } | null;
  /** What the client typed: null when none is held, absent without the personal-data action. */
  submission?: { formKey: string | null; data: Record<string, unknown>; receivedAt: string | null } | null;
  personalData: boolean;
}

/** `GET /exports`: who exported what. A filter naming a person shows `[hidden]` without the personal-data action. */
export interface ExportEntry {
  id: number;
  adminEmail: string | null;
  filter: Partial<Record<FilterKey, string>> | null;
  withPersonalData: boolean;
  /** The file's format (exports recorded before there was a choice were CSV). */
  format: ExportFormat;
  /** null while the export runs, or when it was interrupted. */
  rows: number | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface WithdrawalResult {
  alreadyWithdrawn: boolean;
  receipt: string;
  withdrawal: { receipt: string; recordedAt: string; channel: string };
}

/** `GET /integrity` → `{ data: IntegrityReport }`. */
export interface IntegrityReport {
  intact: boolean;
  checked: number;
  head: { seq: string; hash: string } | null;
  /** Several chain lanes: every lane's head as verified (lane 0's is also `head`). */
  lanes?: { lane: number; seq: string; hash: string }[];
  firstBroken: {
    /** The record where the chain breaks (null when records at the end are missing). */
    id: number | null;
    seq: string;
    /** What is wrong, in English (for logs and the API). */
    reason: string;
    /** The same as a code the panel translates, with its values (e.g. the missing range). */
    code: BrokenCode;
    params?: Record<string, string>;
  } | null;
  triggersMissing: string[];
  checkedAt: string;
  /** Verified on the read replica (as far as it had replayed): how far behind it was. */
  replica?: ReplicaStatus;
}

/** `GET /consents/:id/proof`: the proof of one consent event as a PDF, in `lang` (else the Accept-Language). */
export namespace ConsentProof {
  export const query = z.object({ lang: z.enum(EXPORT_LANGS).optional() });
  export type Query = z.input<typeof query>;
}

/** A receipt's signature: a compact JWS (detached from its payload, the receipt, for a reader without personal data). */
export interface ProofSignature {
  alg: string;
  kid: string;
  jws: string;
}

/**
 * What the proof-of-consent PDF shows of one event. The personal parts (`who.status: 'shown'`) only for a
 * reader holding the personal-data action; otherwise `hidden`, or `erased` when an erasure destroyed them.
 */
export interface ConsentProofData {
  generatedAt: string;
  personalData: boolean;
  event: {
    id: number;
    seq: string;
    action: ConsentAction;
    state: ConsentState | null;
    recordedAt: string;
    collectedAt: string | null;
    expiresAt: string | null;
    channel: string | null;
    receiptId: string | null;
  };
  who:
    | { status: 'none' | 'hidden' }
    | { status: 'erased'; erasedAt: string | null }
    | {
        status: 'shown';
        subject: Record<string, string> | null;
        ip: string | null;
        userAgent: string | null;
        pageQuery: string | null;
        data: Record<string, unknown> | null;
      };
  /** The form and the page's origin and path (its query is personal: `who.pageQuery`). */
  where: { formKey: string | null; formName: string | null; pageUrl: string | null };
  /** `dataShown`: the captions of the form's fields the text listed (absent when it listed its own data). */
  how: { behaviour: Behaviour | null; prechecked: boolean; fullTextOpened: boolean; dataShown?: string[] };
  agreement: { id: number; name: string } | null;
  /** The version as the person was shown it; `hashValid`: its content hashes to `hash` now. */
  version: {
    id: number;
    number: number | null;
    language: string | null;
    label: string;
    text: string;
    externalUrl: string | null;
    hash: string | null;
    hashValid: boolean | null;
  } | null;
  chain: ConsentChain;
  /** The personal record against the keyed hash the event carries (none: the event has no personal record). */
  personalRecord: 'matches' | 'altered' | 'erased' | 'none';
  /** The receipt of a decision, without its signature; null for a withdrawal, an expiry or an erasure. */
  receipt: Record<string, unknown> | null;
  signature: ProofSignature | null;
  /** The signature is shown without its payload (the receipt with personal data). */
  signatureDetached: boolean;
  withdrawals: { seq: string; recordedAt: string; channel: string | null; receiptId: string | null }[];
  withdraws: { seq: string; action: ConsentAction; receiptId: string | null; recordedAt: string } | null;
  operators: { name: string; address: string | null }[];
}
