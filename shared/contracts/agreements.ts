/**
 * Request and response shapes of the agreements API, used by the server and the admin panel alike.
 * Admin routes live under /user-consent/..., public ones under /api/user-consent/...
 */

export type Country = 'RU' | 'BY' | 'KZ' | 'OTHER';

export interface Requisites {
  name: string;
  legalForm?: string | null;
  country: Country;
  inn?: string | null;
  ogrn?: string | null;
  kpp?: string | null;
  unp?: string | null;
  bin?: string | null;
  legalAddress?: string | null;
  postalAddress?: string | null;
  email?: string | null;
  phone?: string | null;
  website?: string | null;
}

export interface Company extends Requisites {
  id: number;
  documentId: string;
  createdAt: string;
  updatedAt: string;
}

export type TemplateId = 'ru-personal-data' | 'ru-advertising' | 'by-personal-data' | 'kz-personal-data' | 'eu-gdpr';

export interface TemplateInfo {
  id: TemplateId;
  country: Country | 'EU';
  language: string;
  title: string;
  /** The law the template is written from, e.g. "152-FZ art. 9". */
  law: string;
  /** The label proposed for a new agreement; the part in [brackets] links to the full text. */
  defaultLabel: string;
  /** Preset purpose codes proposed for a new agreement of this template. */
  defaultPurposes: string[];
}

export interface PurposePreset {
  code: string;
  /** Titles by language: en, ru. */
  title: Record<'en' | 'ru', string>;
  /** Kantara Consent Receipt purpose category. */
  kantaraCategory: string;
  /** W3C DPV purpose concept, e.g. "dpv:ServiceProvision". */
  dpv: string;
}

/** A purpose stated in an agreement: a preset (code) or a free entry (title only). */
export interface Purpose {
  code?: string | null;
  title: string;
}

export interface ThirdParty {
  name: string;
  address?: string | null;
  purpose?: string | null;
}

export type Validity = { kind: 'until-withdrawn' } | { kind: 'term'; term: string };

export type AgreementType = 'standard' | 'custom';
export type DataSource = 'company' | 'manual';

/** What an editor sends to create or update an agreement (update: any subset). */
export interface AgreementInput {
  name: string;
  type: AgreementType;
  template?: TemplateId | null;
  dataSource?: DataSource;
  companyId?: number | null;
  /** Requisites typed into the agreement when dataSource is "manual". */
  requisites?: Requisites | null;
  purposes?: Purpose[];
  /** Personal-data categories; empty means "the fields of the form in which consent is given". */
  dataCategories?: string[];
  thirdParties?: ThirdParty[];
  validity?: Validity;
  withdrawalContact?: string | null;
  /** Countries data may be transferred to (KZ art. 8 / cross-border); empty: no cross-border transfer. */
  crossBorderCountries?: string[];
  /** Whether data is published in public sources (KZ art. 8). */
  publicSources?: boolean;
  /** Checkbox text; the part in [brackets] links to the full text. */
  label: string;
  /** Custom agreements: own HTML, sanitised against an allowlist. */
  customHtml?: string | null;
  /** Custom agreements: a URL of the full text instead of customHtml. */
  externalUrl?: string | null;
  active?: boolean;
}

/** The rendered content of a version: exactly what a person is shown. */
export interface Rendered {
  language: string;
  /** Label as plain text, without the brackets. */
  label: string;
  /** Label as HTML: the bracketed part is <a data-uc-full-text href="...">...</a>. */
  labelHtml: string;
  /** Full text as HTML (null when externalUrl replaces the text). */
  html: string | null;
  /** Full text as plain text. */
  text: string | null;
  externalUrl: string | null;
}

export interface VersionSummary {
  id: number;
  agreement: number;
  number: number;
  hash: string;
  createdAt: string;
}

export interface Version extends VersionSummary, Rendered {
  labelHtml: string;
  /** The data the version was rendered from (requisites as they were, purposes, third parties, ...). */
  snapshot: Record<string, unknown>;
}

export interface Agreement extends Required<Omit<AgreementInput, 'template' | 'companyId' | 'requisites'>> {
  id: number;
  documentId: string;
  template: TemplateId | null;
  companyId: number | null;
  requisites: Requisites | null;
  language: string | null;
  currentVersionId: number | null;
  currentVersionNumber: number;
  createdAt: string;
  updatedAt: string;
}

export interface AgreementWithVersion extends Agreement {
  currentVersion: Version | null;
}

export interface ListMeta {
  pagination: { page: number; pageSize: number; pageCount: number; total: number };
}

/** What the public may see of a version: the text as shown, never anything personal. */
export interface PublicVersion {
  id: number;
  agreement: number;
  number: number;
  language: string | null;
  label: string;
  labelHtml: string;
  html: string | null;
  text: string | null;
  externalUrl: string | null;
  hash: string;
  createdAt: string;
}
