/**
 * Agreements: consent texts (a standard template filled with requisites, or custom HTML), each visible
 * change stored as an immutable version. Admin routes under /user-consent/... (agreements.read /
 * agreements.manage); the public version routes are in public.ts.
 */
import { z, optionalText, optionalHttpUrl, httpUrl, requiredText, idParams, listQuery } from './common';
import type { DataResponse, Fits, ListMeta, ListResponse, MetaResponse, RequestOf } from './common';
import { AGREEMENT_LANGUAGES, AGREEMENT_TYPES, DATA_SOURCES, GIVEN_STATES, LIMITS, TEMPLATE_IDS, VALIDITY_MONTHS, type AgreementLanguage, type AgreementType, type Country, type DataSource, type TemplateId } from './constants';
import { requisitesSchema, type Company, type Requisites } from './companies';
import type { PublicVersion } from './public';
import { AD_CHANNELS, CHOICE_CODE_PATTERN, DISTRIBUTION_CATEGORIES, DISTRIBUTION_PROHIBITIONS, DISTRIBUTION_TEMPLATE, isAdvertising, type AdChannel, type DistributionSettings } from './choices';

export { AGREEMENT_LANGUAGES };
export type { AgreementLanguage, AgreementType, Company, Country, DataSource, ListMeta, PublicVersion, Requisites, TemplateId };

export interface TemplateInfo {
  id: TemplateId;
  country: Country | 'EU';
  /** The template's own language: the text the law was written from (the first of `languages`). */
  language: string;
  /** Every language the template has a text in, its own first (e.g. ["ru", "en"]). */
  languages: string[];
  title: string;
  /** The law the template is written from, e.g. "152-FZ art. 9". */
  law: string;
  /** The label proposed for a new agreement; the part in [brackets] links to the full text. */
  defaultLabel: string;
  /** Preset purpose codes proposed for a new agreement of this template. */
  defaultPurposes: string[];
  /** The label proposed in each of `languages` (its own language's is `defaultLabel`); GET /templates gives it. */
  defaultLabels?: Record<string, string>;
}

/**
 * An agreement's text in one of its other languages, as the editor writes it: the checkbox label, and
 * for a custom agreement its HTML (a standard agreement's text comes from its template in that language).
 */
export interface AgreementTranslation {
  label: string;
  customHtml?: string | null;
}

/** One language of a version other than its default: what was shown in it, and that text's own hash. */
export interface VersionTranslation {
  label: string;
  labelHtml: string;
  html: string | null;
  text: string | null;
  /** SHA-256 of this language's content, the same canonical content as a one-language version's hash. */
  hash: string;
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

/**
 * How long a consent lasts. `term` is the text the agreement prints ("5 years"); `months`, when set,
 * is the same term for the machine: a consent given on a version with it expires that many months
 * after it was recorded (without it, a term consent lasts until withdrawn, as before).
 */
export type Validity = { kind: 'until-withdrawn' } | { kind: 'term'; term: string; months?: number | null };

/**
 * What an agreement's text is rendered from, any part of it: an update sends a subset, and a version's
 * snapshot keeps what it was rendered from (the requisites resolved, from the company or as typed).
 */
export interface AgreementContent {
  type?: AgreementType;
  template?: TemplateId | null;
  /** The operator's requisites (typed into the agreement when dataSource is "manual"). */
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
  label?: string;
  /** Custom agreements: own HTML, sanitised against an allowlist. */
  customHtml?: string | null;
  /** Custom agreements: a URL of the full text instead of customHtml. */
  externalUrl?: string | null;
  /** Advertising agreements: the channels offered, each ticked by the person (empty: none to choose). */
  channels?: AdChannel[];
  /** Consents to distribution (ru-distribution): categories, web resources, prohibitions and conditions. */
  distribution?: DistributionSettings | null;
  /**
   * The languages the agreement is offered in, its default first (`label` and `customHtml` are the
   * default's). Empty: one language, the template's (or, for a custom text, guessed from its script).
   */
  languages?: AgreementLanguage[];
  /** The label (and a custom agreement's HTML) in each other language of `languages`. */
  translations?: Partial<Record<AgreementLanguage, AgreementTranslation>>;
}

/** What an editor sends to create or update an agreement (update: any subset). */
export interface AgreementInput extends AgreementContent {
  name: string;
  type: AgreementType;
  label: string;
  dataSource?: DataSource;
  companyId?: number | null;
  active?: boolean;
}

/** The rendered content of a version: exactly what a person is shown. */
export interface Rendered {
  language: string;
  /** Label as plain text, without the brackets. */
  label: string;
  /** Label as HTML: the bracketed part is <a data-uc-full-text href="...">...</a>. */
  labelHtml: string;
  /** Full text as HTML: an external text's sanitised snapshot (null only for versions made before snapshots). */
  html: string | null;
  /** Full text as plain text. */
  text: string | null;
  externalUrl: string | null;
  /** The other languages of the text (absent or null: one language). */
  translations?: Record<string, VersionTranslation> | null;
}

/**
 * What was kept of an external text when its version was made: the page fetched by the server,
 * sanitised, and stored in the version's `html` and `text`. The version's hash covers the snapshot,
 * this record (the URL, the address the redirects ended at, the fetch time) and the label.
 */
export interface ExternalText {
  /** The URL the editor gave. */
  url: string;
  /** The URL the page was read from, after redirects. */
  finalUrl: string;
  /** When the server fetched the page (ISO 8601). */
  fetchedAt: string;
  /** The page's media type, e.g. "text/html". */
  contentType: string;
  /** `html`: sanitised as custom HTML is; `text`: plain text kept as it was. */
  format: 'html' | 'text';
  /** SHA-256 (hex) of the kept snapshot: the sanitised HTML, or the plain text. */
  sha256: string;
}

/**
 * Why a version of an external text could not be made (400, `details.code`, on the `externalUrl` field):
 * the address is not http(s), resolves to a refused address, the page cannot be reached, answers an
 * error status or too many redirects, is too large, is of another type than HTML or plain text, or has
 * no text.
 */
export const EXTERNAL_TEXT_CODES = [
  'external-text-scheme',
  'external-text-address',
  'external-text-unreachable',
  'external-text-status',
  'external-text-redirects',
  'external-text-too-large',
  'external-text-content-type',
  'external-text-empty',
] as const;
export type ExternalTextCode = (typeof EXTERNAL_TEXT_CODES)[number];

export interface VersionSummary {
  id: number;
  agreement: number;
  number: number;
  hash: string;
  createdAt: string;
  /** Whether consents given on earlier versions must be given again (they become `outdated`). */
  requiresRenewal: boolean;
}

export interface Version extends VersionSummary, Rendered {
  documentId: string;
  /** An external text's snapshot record (null for a text written here, and for versions made before snapshots). */
  externalText: ExternalText | null;
  /** The data the version was rendered from (requisites as they were, purposes, third parties, ...). */
  snapshot: Record<string, unknown>;
  updatedAt: string;
  /** Every language of the version, its default first, each with its own text's hash. */
  languages: { language: string; hash: string }[];
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
  /** The latest version that requires renewed consent (null: none): consents on earlier ones are outdated. */
  renewalFromVersion: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface AgreementWithVersion extends Agreement {
  currentVersion: Version | null;
}

const shortList = (max: number, itemMax: number) => z.array(z.string().trim().min(1, 'must not be empty').max(itemMax)).max(max);

const purpose = z.strictObject({
  code: z.string().max(64).nullish(),
  title: z.string().trim().max(500).default(''),
});

const thirdParty = z.strictObject({
  name: requiredText(500),
  address: optionalText(2000),
  purpose: optionalText(1000),
});

const validity = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('until-withdrawn') }),
  z.strictObject({ kind: z.literal('term'), term: requiredText(200), months: z.number().int().min(VALIDITY_MONTHS.min).max(VALIDITY_MONTHS.max).nullish() }),
]);

const distributionCategory = z.strictObject({
  code: z.string().regex(CHOICE_CODE_PATTERN, 'must be a code: lowercase letters, digits and dashes (max 40)'),
  title: optionalText(200),
});

const distribution = z.strictObject({
  categories: z
    .array(distributionCategory)
    .max(LIMITS.distributionCategories)
    .refine((cs) => new Set(cs.map((c) => c.code)).size === cs.length, 'a category can be listed only once'),
  resources: z.array(httpUrl()).max(LIMITS.distributionResources),
  prohibitions: z
    .array(z.enum(DISTRIBUTION_PROHIBITIONS))
    .refine((ps) => new Set(ps).size === ps.length, 'a prohibition can be listed only once')
    .optional(),
  conditions: optionalText(2000),
});

const agreementShape = {
  name: requiredText(LIMITS.nameLength),
  type: z.enum(AGREEMENT_TYPES),
  template: z.enum(TEMPLATE_IDS).nullish(),
  dataSource: z.enum(DATA_SOURCES).optional(),
  companyId: z.number().int().positive().nullish(),
  // Requisites typed into an agreement follow the same rules as a company's (check digits included).
  requisites: requisitesSchema.nullish(),
  purposes: z.array(purpose).max(LIMITS.purposes).optional(),
  dataCategories: shortList(LIMITS.dataCategories, 200).optional(),
  thirdParties: z.array(thirdParty).max(LIMITS.thirdParties).optional(),
  validity: validity.optional(),
  withdrawalContact: optionalText(1000),
  crossBorderCountries: shortList(LIMITS.crossBorderCountries, 100).optional(),
  publicSources: z.boolean().optional(),
  label: requiredText(LIMITS.labelLength),
  customHtml: z.union([z.string().max(LIMITS.customHtmlLength), z.null()]).optional(),
  externalUrl: optionalHttpUrl(),
  active: z.boolean().optional(),
  channels: z
    .array(z.enum(AD_CHANNELS))
    .refine((cs) => new Set(cs).size === cs.length, 'a channel can be listed only once')
    .optional(),
  distribution: z.union([distribution, z.null()]).optional(),
  languages: z
    .array(z.enum(AGREEMENT_LANGUAGES))
    .max(AGREEMENT_LANGUAGES.length)
    .refine((ls) => new Set(ls).size === ls.length, 'a language can be listed only once')
    .optional(),
  translations: z
    .partialRecord(
      z.enum(AGREEMENT_LANGUAGES),
      z.strictObject({
        label: z.string().trim().max(LIMITS.labelLength),
        customHtml: z.union([z.string().max(LIMITS.customHtmlLength), z.null()]).optional(),
      })
    )
    .optional(),
};

/** A whole agreement, as POST /agreements takes it. */
export const agreementBody = z.strictObject(agreementShape);
/** Any subset, as PUT /agreements/:id and the preview take it. */
export const agreementPatch = z.strictObject(agreementShape).partial();

export type AgreementBody = z.output<typeof agreementBody>;

/**
 * One issue of a cross-field rule: the field it concerns, why (English), and its machine code with
 * params, which the admin says in its language (validation.code.<code>) as it does the schema's issues.
 */
export interface FieldIssue {
  path: string[];
  message: string;
  code: AgreementRuleCode;
  params: Record<string, unknown>;
}

/** The codes of the cross-field rules of an agreement. */
export const AGREEMENT_RULE_CODES = [
  'template-required',
  'company-required',
  'requisites-required',
  'purposes-required',
  'purpose-incomplete',
  'content-required',
  'company-not-found',
  'purpose-unknown',
  'channels-not-advertising',
  'distribution-categories-required',
  'distribution-resources-required',
  'category-title-required',
  'translation-label-required',
  'translation-content-required',
  'external-text-one-language',
  'language-not-in-template',
] as const;
export type AgreementRuleCode = (typeof AGREEMENT_RULE_CODES)[number];

/**
 * Rules that involve several fields, checked on the merged (stored + incoming) agreement. Pure, so
 * that the editor can show the same issues before saving; the server refuses the first one.
 */
export const agreementIssues = (a: Partial<AgreementBody>, { forPreview = false } = {}): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  const add = (path: string, code: AgreementRuleCode, message: string, params: Record<string, unknown> = {}) =>
    issues.push({ path: path.split('.'), message, code, params });
  if (a.type === 'standard') {
    if (!a.template) add('template', 'template-required', 'a standard agreement needs a template');
    if (a.dataSource === 'company' && !a.companyId) add('companyId', 'company-required', 'choose the company whose requisites fill the text');
    if (a.dataSource === 'manual' && !a.requisites) add('requisites', 'requisites-required', 'enter the requisites, or use a company as the data source');
    // A preview may be rendered while the editor is still choosing purposes; a saved text needs one.
    if (!forPreview && !(a.purposes ?? []).length) add('purposes', 'purposes-required', 'state at least one purpose of processing');
    (a.purposes ?? []).forEach((p, i) => {
      if (!p.code && !p.title) add(`purposes.${i}`, 'purpose-incomplete', 'each purpose needs a preset code or a title', { index: i });
    });
  } else if (!a.customHtml?.trim() && !a.externalUrl) {
    add('customHtml', 'content-required', 'a custom agreement needs its HTML text or an external URL');
  }
  // Channels are chosen only in an advertising agreement (38-FZ art. 18).
  if ((a.channels ?? []).length && !isAdvertising(a)) add('channels', 'channels-not-advertising', 'only an advertising agreement (ru-advertising, or the advertising purpose) offers channels');
  // A consent to distribution names what is published and where (RKN Order No. 18 items 4 and 6).
  if (!forPreview && a.type === 'standard' && a.template === DISTRIBUTION_TEMPLATE) {
    if (!(a.distribution?.categories ?? []).length) add('distribution.categories', 'distribution-categories-required', 'list at least one category of data the person may allow to be published');
    if (!(a.distribution?.resources ?? []).length) add('distribution.resources', 'distribution-resources-required', 'list the web resources where the data are published');
  }
  (a.distribution?.categories ?? []).forEach((c, i) => {
    if (!DISTRIBUTION_CATEGORIES.some((p) => p.code === c.code) && !c.title) {
      add(`distribution.categories.${i}.title`, 'category-title-required', 'a category of your own needs a title', { index: i });
    }
  });
  // Every language offered besides the default has its own label (and a custom agreement its own text).
  const languages = a.languages ?? [];
  if (a.type === 'custom' && a.externalUrl && languages.length > 1) {
    add('languages', 'external-text-one-language', 'a text given by URL is offered in one language only');
  } else if (!forPreview) {
    languages.slice(1).forEach((language) => {
      const t = a.translations?.[language];
      if (!t?.label?.trim()) add(`translations.${language}.label`, 'translation-label-required', `the label in "${language}" is empty`, { language });
      if (a.type === 'custom' && !t?.customHtml?.trim()) add(`translations.${language}.customHtml`, 'translation-content-required', `the text in "${language}" is empty`, { language });
    });
  }
  return issues;
};

/** The editor's input is acceptable to the schema (checked by the compiler). */
export type AgreementInputFits = Fits<z.input<typeof agreementBody>, AgreementInput>;

/** A stored agreement; `meta.versionCreated` says whether a new version was stored with it. */
type SavedAgreement = MetaResponse<AgreementWithVersion, { versionCreated: boolean }>;

/**
 * An update's answer: `requiresRenewal` is what the new version records, or null when the save made
 * no new version (nothing shown changed), in which case a `requiresRenewal` sent was not recorded.
 */
type UpdatedAgreement = MetaResponse<AgreementWithVersion, { versionCreated: boolean; requiresRenewal: boolean | null }>;

/** GET /user-consent/templates */
export namespace GetTemplates {
  export type Response = DataResponse<TemplateInfo[]>;
}

/** GET /user-consent/purposes */
export namespace GetPurposes {
  export type Response = DataResponse<PurposePreset[]>;
}

/** GET /user-consent/agreements */
export namespace GetAgreements {
  export const query = listQuery({
    type: z.enum(AGREEMENT_TYPES).optional(),
    template: z.enum(TEMPLATE_IDS).optional(),
    active: z.enum(['true', 'false']).optional(),
  });
  export type Query = z.output<typeof query>;
  export type Request = RequestOf<typeof GetAgreements>;
  export type Response = ListResponse<Agreement>;
}

/** GET /user-consent/agreements/:id */
export namespace GetAgreement {
  export const params = idParams;
  export type Request = RequestOf<typeof GetAgreement>;
  export type Response = DataResponse<AgreementWithVersion>;
}

/** POST /user-consent/agreements/preview: renders without storing (agreements.read). */
export namespace PreviewAgreement {
  export const body = agreementPatch;
  export type Request = RequestOf<typeof PreviewAgreement>;
  export type Response = DataResponse<Rendered>;
}

/** POST /user-consent/agreements → 201; `meta.versionCreated` says whether version 1 was stored. */
export namespace CreateAgreement {
  export const body = agreementBody;
  export type Request = RequestOf<typeof CreateAgreement>;
  export type Response = SavedAgreement;
}

/** PUT /user-consent/agreements/:id (any subset); a new version exactly when what is shown changes. */
export namespace UpdateAgreement {
  export const params = idParams;
  /** `requiresRenewal`: the editor's answer to "does this change require renewed consent?" (default false). */
  export const body = agreementPatch.extend({ requiresRenewal: z.boolean().optional() });
  export type Body = z.output<typeof body>;
  export type Request = RequestOf<typeof UpdateAgreement>;
  export type Response = UpdatedAgreement;
}

/**
 * GET /user-consent/agreements/:id/consent-states: how many consents given to the agreement are in
 * each state now (and how many were refused).
 */
export namespace GetConsentStates {
  export const params = idParams;
  export type Request = RequestOf<typeof GetConsentStates>;
  export type Counts = Record<(typeof GIVEN_STATES)[number] | 'refused', number>;
  export type Response = DataResponse<Counts>;
}

/**
 * DELETE /user-consent/agreements/:id; refused (rules agreement-has-consents, agreement-attached)
 * while it has consents or a form carries it. Its versions stay.
 */
export namespace DeleteAgreement {
  export const params = idParams;
  export type Request = RequestOf<typeof DeleteAgreement>;
  export type Response = DataResponse<Agreement>;
}

/** GET /user-consent/agreements/:id/versions, newest first. */
export namespace GetAgreementVersions {
  export const params = idParams;
  export type Request = RequestOf<typeof GetAgreementVersions>;
  export type Response = DataResponse<VersionSummary[]>;
}

/** GET /user-consent/versions/:id: one version with its snapshot (the admin's view). */
export namespace GetVersion {
  export const params = idParams;
  export type Request = RequestOf<typeof GetVersion>;
  export type Response = DataResponse<Version>;
}
