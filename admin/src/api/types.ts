/**
 * The shapes of the plugin's admin routes as the panel reads them: the contracts' types
 * (shared/contracts), imported as types only, so that no schema (nor zod) reaches the panel's bundle.
 * What is declared here only narrows a contract where the panel reads more precisely.
 */
import type { Agreement, AgreementInput, AgreementWithVersion, TemplateId } from '../../../shared/contracts/agreements';
import type { ListResponse } from '../../../shared/contracts/common';
import type { Requisites, UpdateCompany } from '../../../shared/contracts/companies';
import type { Form, FormInput, FormResponse } from '../../../shared/contracts/forms';
import type { ConsentDetail as ContractDetail, ExportConsents, FilterKey, SortField } from '../../../shared/contracts/log';
import type { ErasureRequest } from '../../../shared/contracts/personal';
import type { PublicVersion, Receipt } from '../../../shared/contracts/public';
import { LOG_FILTER_KEYS, LOG_PERSONAL_FILTERS, LOG_SORTABLE } from '../../../shared/contracts/constants';

export type {
  ConsentList,
  ConsentRecord,
  ConsentRow,
  ExportEntry,
  FilterKey,
  IntegrityReport,
  PersonalState,
  ReplicaStatus,
  SortField,
  WithdrawalResult,
} from '../../../shared/contracts/log';
export type { SubjectEvent, SubjectReport } from '../../../shared/contracts/subjects';

/** The export's options as the panel sends them. */
export type ExportOptions = Pick<ExportConsents.Request, 'format' | 'delimiter' | 'lang' | 'timeZone' | 'typedData'>;
export type { Agreement, AgreementWithVersion, TemplateId };

/** A server-paged list: `{ data, meta: { pagination } }`. */
export type List<T> = ListResponse<T>;

/** What every paged list takes: the page, its size and a free-text search. */
export interface ListQuery {
  page?: number;
  pageSize?: number;
  q?: string;
}
export interface CompanyQuery extends ListQuery {
  country?: string;
}
export interface AgreementQuery extends ListQuery {
  type?: string;
  template?: string;
  active?: 'true' | 'false';
}

export type SavedCompany = UpdateCompany.Response;
/** A company's requisites as sent; `confirmDuplicate` once the editor saw the duplicate-registration warning. */
export type CompanyInput = Requisites & { confirmDuplicate?: boolean };
export interface SavedAgreement {
  data: AgreementWithVersion;
  /** `requiresRenewal` (updates): what the new version records; null when the save made no version. */
  meta: { versionCreated: boolean; requiresRenewal?: boolean | null };
}
/** What a save sends: the agreement, and on an update the answer to "does this require renewed consent?". */
export type AgreementBody = AgreementInput & { requiresRenewal?: boolean };
export type FormSettings = Form;
export type FormSettingsInput = FormInput;
export type FormWithWarnings = FormResponse;

/** Who a look-up, an export or an erasure is about: an e-mail or a phone, sent in a request body, never in a URL. */
export type SubjectLookup = { email: string } | { phone: string };
/** `POST /subjects/erasures` body: who, why, and a note (required when the reason is `other`). */
export type ErasureInput = SubjectLookup & Omit<ErasureRequest, 'email' | 'phone' | 'receipt'>;

/** The version of a record as the person saw it (the detail route sends it with its snapshot). */
/** `htmlShown`/`textShown`: the text as shown, the captions the record keeps filled into its data list. */
export type ConsentVersion = PublicVersion & { snapshot: Record<string, unknown> | null; htmlShown?: string | null; textShown?: string | null };
export type ConsentReceipt = Receipt;
/** `GET /consents/:id`, with its version and receipt read as what they are. */
export type ConsentDetail = Omit<ContractDetail, 'version' | 'receipt'> & { version: ConsentVersion | null; receipt: ConsentReceipt | null };

/** The log's filters, as they are sent in the body of the search and of the export ticket. */
export type ConsentFilter = Partial<Record<FilterKey, string>>;
/** `POST /consents/search`: the filter, the page and the order, all in the body. */
export interface ConsentQuery extends ConsentFilter {
  page?: number;
  pageSize?: number;
  sort?: SortField;
  order?: 'asc' | 'desc';
}

/** The log's lists, as values (from the zod-free constants, so that zod stays out of the panel's bundle). */
export const FILTER_KEYS = LOG_FILTER_KEYS;
export const SORTABLE = LOG_SORTABLE;
/** Filters that name a person: never in a URL, only in request bodies and the page's own state. */
export const PERSONAL_FILTERS = LOG_PERSONAL_FILTERS;
export type PersonalFilterKey = (typeof PERSONAL_FILTERS)[number];

/** The actions the log can be filtered by (an erasure is an event too, but not a decision). */
export const CONSENT_ACTIONS = ['given', 'refused', 'withdrawn', 'expired', 'requested', 'confirmed'] as const;
export { CONSENT_STATES } from '../../../shared/contracts/constants';

/** Whether an event's personal data was destroyed (the list's flag, or the record's `personal`). */
export const isErased = (r: { erased?: unknown; personal?: { erased?: boolean } | null }) => r.erased === true || r.personal?.erased === true;

/** What the export ticket takes: the log's filter, and how the file is written. */
export interface ExportTicketRequest {
  filter: ConsentFilter;
  options: ExportOptions;
}

/** Only the filter keys of a query: what the export ticket takes. */
export const onlyFilter = (q: ConsentFilter): ConsentFilter => Object.fromEntries(FILTER_KEYS.filter((k) => q[k]).map((k) => [k, q[k]])) as ConsentFilter;
