/**
 * Rows of the plugin's content types as the query engine returns them (attribute names, JSON parsed,
 * dates as the driver gives them). The API shapes are in shared/contracts; these are what is stored.
 */
import type { Behaviour, ConsentAction, DataSource, AgreementType, TemplateId } from '../../shared/contracts/constants';
import type { Purpose, Requisites, ThirdParty, Validity } from '../../shared/contracts/agreements';
import type { FormAgreement, FormField } from '../../shared/contracts/forms';
import type { IpPolicy } from '../../shared/contracts/personal';

/** Strapi's columns on every row. */
export interface EntryRow {
  id: number;
  documentId: string;
  createdAt: string | Date;
  updatedAt: string | Date;
  publishedAt?: string | Date | null;
}

export interface CompanyRow extends EntryRow, Requisites {}

export interface AgreementRow extends EntryRow {
  name: string;
  type: AgreementType;
  template: TemplateId | null;
  dataSource: DataSource | null;
  companyId: number | null;
  requisites: Requisites | null;
  purposes: Purpose[] | null;
  dataCategories: string[] | null;
  thirdParties: ThirdParty[] | null;
  validity: Validity | null;
  withdrawalContact: string | null;
  crossBorderCountries: string[] | null;
  publicSources: boolean | null;
  label: string;
  customHtml: string | null;
  externalUrl: string | null;
  active: boolean | null;
  language: string | null;
  currentVersionId: number | null;
  currentVersionNumber: number | null;
}

export interface AgreementVersionRow extends EntryRow {
  agreementId: number;
  number: number;
  language: string | null;
  label: string;
  labelHtml: string;
  html: string | null;
  text: string | null;
  externalUrl: string | null;
  /** What the text was rendered from (RenderContext with the template id). */
  snapshot: VersionSnapshot | null;
  hash: string;
}

/** The render context a version keeps (see templates/types RenderContext). */
export interface VersionSnapshot {
  type?: AgreementType;
  template?: TemplateId | null;
  requisites?: Requisites | null;
  purposes?: Purpose[];
  dataCategories?: string[];
  thirdParties?: ThirdParty[];
  validity?: Validity;
  withdrawalContact?: string | null;
  crossBorderCountries?: string[];
  publicSources?: boolean;
  label?: string;
  customHtml?: string | null;
  externalUrl?: string | null;
}

export interface FormRow extends EntryRow {
  key: string;
  name: string;
  fields: FormField[] | null;
  agreements: FormAgreement[] | null;
  successRedirectUrl: string | null;
  successMessage: string | null;
  allowedOrigins: string[] | null;
  storeSubmissions: boolean | null;
  active: boolean | null;
  ipPolicy: IpPolicy | null;
  retentionDays: number | null;
  withdrawalRetentionDays: number | null;
}

/** One consent event (uc_consents). */
export interface ConsentRow extends EntryRow {
  seq: string | number;
  action: ConsentAction;
  agreementId: number | null;
  versionId: number | null;
  versionNumber: number | null;
  formKey: string | null;
  pageUrl: string | null;
  fields: string[] | null;
  behaviour: Behaviour | null;
  prechecked: boolean | null;
  fullTextOpened: boolean | null;
  receiptId: string | null;
  tokenHash: string | null;
  withdrawsId: number | null;
  channel: string | null;
  note: string | null;
  recordedBy: number | null;
  personalId: number | null;
  personalHash: string | null;
  ipPolicy: IpPolicy | null;
  recordedAt: string | Date;
  prevHash: string;
  hash: string;
}
