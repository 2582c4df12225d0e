/**
 * Rows of the plugin's content types as the query engine returns them (attribute names, JSON parsed,
 * dates as the driver gives them). The API shapes are in shared/contracts; a row is built from the
 * contract type of the same data, with the columns only the table has, and any column may be null.
 */
import type { AgreementType } from '../../shared/contracts/constants';
import type { AgreementContent, AgreementInput, Requisites } from '../../shared/contracts/agreements';
import type { FormInput } from '../../shared/contracts/forms';
import type { ConsentRecord } from '../../shared/contracts/log';
import type { IpPolicy } from '../../shared/contracts/personal';
import type { PublicVersion } from '../../shared/contracts/public';

/** Strapi's columns on every row. */
export interface EntryRow {
  id: number;
  documentId: string;
  createdAt: string | Date;
  updatedAt: string | Date;
  publishedAt?: string | Date | null;
}

/** Every attribute of T as a column: present, and null when nothing was stored. */
type Columns<T> = { [K in keyof T]-?: T[K] | null };

export interface CompanyRow extends EntryRow, Requisites {}

export interface AgreementRow extends EntryRow, Columns<AgreementInput> {
  name: string;
  type: AgreementType;
  label: string;
  language: string | null;
  currentVersionId: number | null;
  currentVersionNumber: number | null;
  renewalFromVersion: number | null;
}

/** The render context a version keeps (see templates/types RenderContext). */
export type VersionSnapshot = AgreementContent;

/** A version as the public sees it, with the agreement's id as a column and what it was rendered from. */
export interface AgreementVersionRow extends EntryRow, Omit<PublicVersion, 'id' | 'agreement' | 'createdAt'> {
  agreementId: number;
  /** What the text was rendered from (RenderContext with the template id). */
  snapshot: VersionSnapshot | null;
  requiresRenewal: boolean | null;
}

export interface FormRow extends EntryRow, Columns<FormInput> {
  key: string;
  name: string;
}

/** The stored fields of a consent event the log's record shows as they are (uc_consents). */
type StoredEventColumns =
  | 'action' | 'agreementId' | 'versionId' | 'versionNumber' | 'formKey' | 'pageUrl' | 'fields' | 'behaviour' | 'prechecked'
  | 'fullTextOpened' | 'receiptId' | 'withdrawsId' | 'channel' | 'note' | 'recordedBy' | 'personalId' | 'personalHash';

/** One consent event (uc_consents): no personal data (that is in the personal store), the token's hash. */
export interface ConsentRow extends EntryRow, Pick<ConsentRecord, StoredEventColumns> {
  seq: string | number;
  tokenHash: string | null;
  ipPolicy: IpPolicy | null;
  recordedAt: string | Date;
  /** A given consent's end of validity (null: until withdrawn); not a proof field, see events/proof.ts. */
  expiresAt: string | Date | null;
  /** A consent collected elsewhere (channel import): when it was given; a proof field when set. */
  collectedAt?: string | Date | null;
  /** The chain lane of an event appended to lane 1 or above (events/lanes.ts); a proof field when set. */
  lane?: number | null;
  /** The channels ticked or the categories allowed (shared/contracts/choices.ts); a proof field when set. */
  choices?: unknown;
  /** The captions of the form's fields the text listed (templates/form-fields.ts); a proof field when set. */
  dataShown?: string[] | null;
  /** The language the agreement's text was shown in, when the decision named one; a proof field when set. */
  language?: string | null;
  prevHash: string;
  hash: string;
}
