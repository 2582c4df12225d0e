/**
 * Every enum, list, limit and key pattern of the plugin's API, declared once. Pure: no zod, no Strapi,
 * no DOM, so that the admin panel and the widget can import values from here without pulling the
 * request schemas (and zod) into their bundles. The request schemas (agreements.ts, companies.ts,
 * forms.ts, public.ts) are built from these.
 */

/** Countries whose registration numbers the plugin knows; OTHER: none checked. */
export const COUNTRIES = ['RU', 'BY', 'KZ', 'OTHER'] as const;
export type Country = (typeof COUNTRIES)[number];

/** The standard agreement templates, in the order the admin offers them. */
export const TEMPLATE_IDS = ['ru-personal-data', 'ru-advertising', 'ru-distribution', 'by-personal-data', 'kz-personal-data', 'eu-gdpr'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** The template whose pre-ticked boxes are not valid consent (GDPR recital 32). */
export const GDPR_TEMPLATE: TemplateId = 'eu-gdpr';

/**
 * The languages an agreement's text may be offered in (ISO 639-1): Russian, English, Kazakh, Belarusian,
 * Ukrainian. An agreement lists the ones it offers, its default first; a page asks for one by its
 * `lang` (the widget) or `?language=` (the public form), and the decision records the one shown.
 */
export const AGREEMENT_LANGUAGES = ['ru', 'en', 'kk', 'be', 'uk'] as const;
export type AgreementLanguage = (typeof AGREEMENT_LANGUAGES)[number];

export const AGREEMENT_TYPES = ['standard', 'custom'] as const;
export type AgreementType = (typeof AGREEMENT_TYPES)[number];

/** Where a standard agreement's requisites come from: a company record, or typed into the agreement. */
export const DATA_SOURCES = ['company', 'manual'] as const;
export type DataSource = (typeof DATA_SOURCES)[number];

/** The four Bitrix checkbox behaviours. */
export const BEHAVIOURS = ['required-prechecked', 'required-read', 'optional-prechecked', 'optional-unchecked'] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];

/** Input types a form field may declare. */
export const FIELD_TYPES = ['text', 'email', 'tel', 'textarea'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/**
 * What a consent event records. Double opt-in: `requested` is a decision that waits for the person to
 * confirm their address (it stands for the consent, as `given` does), `confirmed` the confirmation that
 * names it (`withdrawsId`).
 */
export const CONSENT_ACTIONS = ['given', 'refused', 'withdrawn', 'erased', 'expired', 'requested', 'confirmed'] as const;
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];

/**
 * The state of a decision, derived (after W3C DPV's consent states). A `given` consent is, first match
 * wins: `withdrawn` (a withdrawal names it), `erased` (its personal record was destroyed), `expired`
 * (its validity ended, or an `expired` event names it), `outdated` (a later version of its agreement
 * requires renewed consent), else `given`. A `requested` consent (double opt-in) follows the same rule
 * once a `confirmed` event names it; before that it is `pending`, or `expired` when an `expired` event
 * names it (its link's time ran out). A refusal is `refused`; the other events have no state.
 * server/src/events/states.ts owns the rule.
 */
export const CONSENT_STATES = ['given', 'outdated', 'expired', 'withdrawn', 'erased', 'refused', 'pending'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];
/** The states a given (or requested) consent can be in (the agreement's counts). */
export const GIVEN_STATES = ['given', 'outdated', 'expired', 'withdrawn', 'erased', 'pending'] as const;

/** An agreement's validity term in months (the machine's reading of its printed term). */
export const VALIDITY_MONTHS = { min: 1, max: 1200 } as const;

/**
 * How a consent or withdrawal reached the plugin. `import`: collected elsewhere (paper, phone, an old
 * system) and recorded by an operator, with the original time as `collectedAt`. `self-service`: a
 * withdrawal the person made on their "My consents" page, reached through a link mailed to them.
 */
export const CHANNELS = ['web', 'api', 'admin', 'import', 'self-service'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Warnings the server attaches to a form (meta.warnings[].code). */
export const FORM_WARNING_CODES = ['gdpr-prechecked', 'gdpr-ip-full'] as const;
export type FormWarningCode = (typeof FORM_WARNING_CODES)[number];

/**
 * Machine codes of the domain rules (`error.details.code`), see server/src/rules. A client can show
 * its own text for each; `path`, when the error has one, names the field.
 */
export const RULE_CODES = [
  'agreement-has-consents',
  'agreement-attached',
  'agreement-not-attachable',
  'company-in-use',
  'duplicate-registration',
  'form-has-consents',
  'form-key-in-use',
  'form-key-taken',
  'consent-immutable',
  'version-immutable',
  'advertising-not-optional',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

/** Consents collected elsewhere (shared/contracts/imports.ts): zod-free here, for the panel. */
/** The CSV's columns (its header row names them, in any order; only these). */
export const IMPORT_COLUMNS = ['email', 'phone', 'name', 'externalId', 'version', 'agreement', 'versionNumber', 'decision', 'collectedAt', 'note'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export const IMPORT_DECISIONS = ['given', 'refused'] as const;

/**
 * The codes of the import's own checks (`details.errors[].code`), besides zod's: the file as a whole
 * (row 1 is the header) and each row's facts.
 */
export const IMPORT_ISSUE_CODES = [
  'file-required',
  'evidence-required',
  'file-too-large',
  'not-utf8',
  'empty-file',
  'too-many-rows',
  'csv-quote',
  'cell-count',
  'unknown-column',
  'duplicate-column',
  'missing-column',
  'identifier-required',
  'version-required',
  'iso-date',
  'future-date',
  'date-too-early',
  'unknown-version',
  'version-mismatch',
  'conflicting-decision',
  'already-imported',
] as const;
export type ImportIssueCode = (typeof IMPORT_ISSUE_CODES)[number];

/** A form's key: a slug, also the public route's `:key`. */
export const FORM_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,99}$/;
/** A form field's name: the key of `data.<name>` in a submission. */
export const FIELD_NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;
/** A phone number as a subject gives it (digits, spaces, + ( ) - .). */
export const PHONE_PATTERN = /^\+?[0-9 ()\-.]{3,50}$/;
/** A receipt id (a UUID). */
export const RECEIPT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every size limit of the API. */
export const LIMITS = {
  /** Agreements one form may carry (and decisions one submission may send). */
  agreementsPerForm: 20,
  fieldsPerForm: 50,
  allowedOrigins: 50,
  originLength: 300,
  formKeyLength: 100,
  fieldLabelLength: 200,
  successMessageLength: 2000,
  /** Days personal data may be kept after collection (null: until erased). */
  retentionDays: { min: 1, max: 36500 },
  /** Days personal data is kept after every consent of a capture is withdrawn. */
  withdrawalRetentionDays: { min: 0, max: 3650, default: 30 },
  nameLength: 500,
  urlLength: 2000,
  labelLength: 2000,
  customHtmlLength: 200_000,
  purposes: 50,
  thirdParties: 50,
  dataCategories: 100,
  crossBorderCountries: 100,
  /** A consent to distribution's categories and web resources. */
  distributionCategories: 50,
  distributionResources: 20,
  /** Page URLs longer than this are refused (browsers send longer ones only for abuse). */
  pageUrlLength: 4000,
  /** A submitted field's value. */
  fieldValueLength: 4000,
  emailLength: 320,
  phoneLength: 50,
  subjectNameLength: 300,
  receiptTokenLength: 200,
  /** Double opt-in: a confirmation e-mail's subject and body (per language) as the editor sets them. */
  doiSubjectLength: 300,
  doiBodyLength: 5000,
  /** Receipts one state query may ask about (the widget asks about one form's, at most agreementsPerForm). */
  receiptsPerQuery: 50,
  /** A list's free-text search. */
  searchLength: 200,
  pageSize: { default: 25, max: 100 },
  /** Rows one import file may hold (each becomes a consent event and a personal record). */
  importRows: 10_000,
  /** Bytes of an import's CSV file. */
  importCsvBytes: 5 * 1024 * 1024,
  /** Bytes of an import's evidence file. */
  evidenceBytes: 50 * 1024 * 1024,
  /** A note of an imported consent (how and where it was collected). */
  importNoteLength: 2000,
  externalIdLength: 200,
} as const;

/** What a behaviour means for the checkbox. */
export const behaviourFlags = (b: Behaviour) => ({
  required: b === 'required-prechecked' || b === 'required-read',
  prechecked: b === 'required-prechecked' || b === 'optional-prechecked',
  mustRead: b === 'required-read',
});

/**
 * GDPR recital 32: a pre-ticked box is not valid consent, so a pre-ticked behaviour on an agreement of
 * the eu-gdpr template is warned about (the server's `gdpr-prechecked` warning, the editor's hint).
 */
export const isGdprPrechecked = (template: TemplateId | string | null | undefined, behaviour: Behaviour) =>
  template === GDPR_TEMPLATE && behaviourFlags(behaviour).prechecked;

/** Strapi's list meta. */
export const pageMeta = (page: number, pageSize: number, total: number) => ({
  pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total },
});

/**
 * The consent log's sortable columns, filters, and the filters that name a person (never in a URL).
 * `state` sorts by what the log's State column shows, in the order of CONSENT_STATES (an event without a
 * state, such as a withdrawal, beside the state of its name).
 */
export const LOG_SORTABLE = ['recordedAt', 'seq', 'action', 'state', 'ip', 'formKey', 'agreementId'] as const;
export const LOG_FILTER_KEYS = ['from', 'to', 'agreement', 'version', 'form', 'action', 'state', 'channel', 'ip', 'pageUrl', 'subject'] as const;
export const LOG_PERSONAL_FILTERS = ['ip', 'subject'] as const;

/**
 * The consent log's export: its file formats, the CSV delimiters (by name: a `;` or a tab in a URL is
 * awkward), the languages of its headers and values, and the options that are not the filter.
 */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_DELIMITERS = { comma: ',', semicolon: ';', tab: '\t' } as const;
export type ExportDelimiter = keyof typeof EXPORT_DELIMITERS;
export const EXPORT_LANGS = ['en', 'ru'] as const;
export type ExportLang = (typeof EXPORT_LANGS)[number];
export const EXPORT_OPTION_KEYS = ['format', 'delimiter', 'lang', 'timeZone', 'typedData'] as const;
/** Excel with a Russian locale splits CSV on `;` (its list separator), with an English one on `,`. */
export const DEFAULT_DELIMITER: Record<ExportLang, ExportDelimiter> = { ru: 'semicolon', en: 'comma' };

/** Double opt-in: the languages of the confirmation e-mail and page. */
export const DOI_LANGUAGES = ['en', 'ru'] as const;
export type DoiLanguage = (typeof DOI_LANGUAGES)[number];
/** Placeholders a confirmation e-mail's subject and body may use. */
export const DOI_PLACEHOLDERS = ['{agreement}', '{link}', '{expires}', '{form}'] as const;
