/**
 * Shapes of the consent log's admin routes (server/src/controllers/consent.ts, services/log.ts),
 * as the panel reads them. Personal fields (ip, subject, userAgent, note) are null for a role
 * without the personal-data action; `meta.personalData` / `personalData` says which case it is.
 */
import type { Behaviour } from '../../../shared/contracts/forms';
import type { ListMeta, PublicVersion } from '../../../shared/contracts/agreements';
import type { BrokenCode } from '../../../shared/contracts/integrity';

/** Who a look-up, an export or an erasure is about: an e-mail or a phone, sent in a request body, never in a URL. */
export type SubjectLookup = { email: string } | { phone: string };

export type ConsentAction = 'given' | 'refused' | 'withdrawn';
export const CONSENT_ACTIONS: ConsentAction[] = ['given', 'refused', 'withdrawn'];

export interface ConsentSubject {
  email?: string | null;
  phone?: string | null;
  name?: string | null;
}

/** A row of the log. `seq` is a string: it is a bigint on the server. */
export interface ConsentRow {
  id: number;
  seq: string;
  recordedAt: string;
  action: ConsentAction;
  agreementId: number;
  agreementName: string | null;
  versionId: number;
  versionNumber: number | null;
  formKey: string | null;
  pageUrl: string | null;
  ip: string | null;
  subject: ConsentSubject | null;
  channel: string | null;
  withdrawsId: number | null;
  receiptId: string | null;
  /** The event's personal data (subject, IP, user agent, what was typed) was destroyed by an erasure. */
  erased?: boolean;
}

export interface ConsentList {
  data: ConsentRow[];
  meta: ListMeta & { personalData: boolean };
}

/** The log's filters, as they are kept in the page's URL and sent to the list and the export. */
export interface ConsentFilter {
  from?: string;
  to?: string;
  agreement?: string;
  version?: string;
  form?: string;
  action?: string;
  ip?: string;
  pageUrl?: string;
  subject?: string;
}

export const FILTER_KEYS = ['from', 'to', 'agreement', 'version', 'form', 'action', 'ip', 'pageUrl', 'subject'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export const SORTABLE = ['recordedAt', 'seq', 'action', 'ip', 'formKey', 'agreementId'] as const;
export type SortField = (typeof SORTABLE)[number];

export interface ConsentQuery extends ConsentFilter {
  page?: number;
  pageSize?: number;
  sort?: SortField;
  order?: 'asc' | 'desc';
}

/** Every stored field of one event (the receipt token's hash is never sent). */
export interface ConsentRecord extends Omit<ConsentRow, 'agreementName'> {
  userAgent: string | null;
  fields: string[] | null;
  behaviour: Behaviour | null;
  prechecked: boolean | null;
  fullTextOpened: boolean | null;
  note: string | null;
  recordedBy: number | null;
  submissionId: number | null;
  prevHash: string | null;
  hash: string | null;
  /** Whether the record's personal data was destroyed, by which act and when. */
  personal?: PersonalState | null;
  [key: string]: unknown;
}

/** `record.personal`: the erasure of this event's personal data, when there was one. */
export interface PersonalState {
  erased: boolean;
  erasureId: number | null;
  erasedAt: string | null;
}

/** Whether an event's personal data was destroyed (the list's flag, or the record's `personal`). */
export const isErased = (r: { erased?: unknown; personal?: PersonalState | null }) => r.erased === true || r.personal?.erased === true;

export interface ConsentVersion extends PublicVersion {
  snapshot: Record<string, unknown> | null;
}

export interface ConsentWithdrawal {
  id: number;
  seq: string;
  recordedAt: string;
  channel: string | null;
  note: string | null;
  recordedBy: number | null;
  receiptId: string | null;
  ip: string | null;
}

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

/** A Kantara Consent Receipt 1.1 carrying the fields of an ISO/IEC TS 27560 record (services/receipt.ts). */
export interface ConsentReceipt {
  version: string;
  jurisdiction: string | null;
  consentTimestamp: number;
  collectionMethod: string;
  consentReceiptID: string;
  language: string;
  piiPrincipalId: string | null;
  piiControllers: { piiController: string; contact: string | null; address: string | null; email: string | null; phone: string | null; piiControllerURL: string | null }[];
  policyUrl: string;
  services: { service: string; purposes: { purpose: string; consentType: string; piiCategory: string[]; termination: string; thirdPartyDisclosure: boolean; thirdPartyName: string | null }[] }[];
  state: ConsentAction;
  retention: string;
  notice: { agreement: number; version: number; number: number; hash: string | null; url: string; template: string | null; law: string | null };
  withdrawal: { time: string; channel: string; receipt: string } | null;
  [key: string]: unknown;
}

export interface ConsentDetail {
  record: ConsentRecord;
  agreement: { id: number; name: string; template: string | null; type: string } | null;
  version: ConsentVersion | null;
  expressed: { behaviour: Behaviour | null; prechecked: boolean; fullTextOpened: boolean; channel: string | null };
  /** null for a withdrawal event: it has no receipt of its own to show here. */
  receipt: ConsentReceipt | null;
  withdrawals: ConsentWithdrawal[];
  /** For a withdrawal: the consent it withdraws. */
  withdraws: { id: number; seq: string; action: ConsentAction; receiptId: string | null; recordedAt: string } | null;
  chain: ConsentChain;
  /** What the client typed: null when the form did not store it, absent without the personal-data action. */
  submission?: { id: number; formKey: string | null; data: Record<string, unknown> | null; receivedAt: string | null } | null;
  personalData: boolean;
}

export interface ExportEntry {
  id: number;
  adminEmail: string | null;
  filter: ConsentFilter | null;
  withPersonalData: boolean;
  /** null while the export runs, or when it was interrupted. */
  rows: number | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface SubjectEvent {
  id: number;
  seq: string;
  action: ConsentAction;
  agreementId: number;
  versionId: number;
  versionNumber: number | null;
  formKey: string | null;
  subject: ConsentSubject | null;
  pageUrl: string | null;
  ip: string | null;
  channel: string | null;
  withdrawsId: number | null;
  recordedAt: string;
  /** Personal data destroyed: `subject`, `ip` and `userAgent` are then null. */
  erased: boolean;
  userAgent?: string | null;
}

export interface SubjectReport {
  events: SubjectEvent[];
  /** The state of the subject's consent to each agreement, derived from its latest event. */
  current: { agreement: number; state: ConsentAction; since: string; version: number; event: number }[];
}

export interface IntegrityReport {
  intact: boolean;
  checked: number;
  head: { seq: string; hash: string } | null;
  firstBroken: {
    id: number | null;
    seq: string;
    /** What is wrong, in English (for logs and the API). */
    reason: string;
    /** The same as a code the panel translates, with its values (e.g. the missing range). */
    code?: BrokenCode;
    params?: Record<string, string>;
  } | null;
  triggersMissing: string[];
  checkedAt: string;
}

export interface WithdrawalResult {
  alreadyWithdrawn: boolean;
  receipt: string;
  withdrawal: { receipt: string; recordedAt: string; channel: string };
}

/**
 * A query string with the empty values left out. Built here because the admin fetch client joins
 * `params` objects without encoding them, and a page URL or a phone number ("+7…") must survive.
 */
export const queryString = (params: object) => {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') out.set(k, String(v));
  }
  return out.toString();
};

/** Only the filter keys of a query: what the export and the export log take. */
export const onlyFilter = (q: ConsentFilter): ConsentFilter =>
  Object.fromEntries(FILTER_KEYS.filter((k) => q[k]).map((k) => [k, q[k]])) as ConsentFilter;
