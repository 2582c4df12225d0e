import type {
  Agreement,
  AgreementLanguage,
  AgreementInput,
  AgreementType,
  DataSource,
  Purpose,
  Requisites,
  TemplateId,
  ThirdParty,
} from '../../../../../shared/contracts/agreements';
import { DISTRIBUTION_CATEGORIES, DISTRIBUTION_TEMPLATE, isAdvertising, type AdChannel, type DistributionProhibition } from '../../../../../shared/contracts/choices';
import { useEditForm } from '../../../components/form/useEditForm';
import { cleanRequisites, emptyRequisites, toRequisitesForm } from '../../../utils/requisites';

/** The editor's state: every text a string, so that inputs stay controlled. */
export interface AgreementForm {
  name: string;
  type: AgreementType;
  template: TemplateId | '';
  dataSource: DataSource;
  companyId: number | null;
  requisites: Requisites;
  purposes: Purpose[];
  dataCategories: string[];
  thirdParties: ThirdParty[];
  validityKind: 'until-withdrawn' | 'term';
  validityTerm: string;
  /** Whole months, as typed ('' for none). */
  validityMonths: string;
  withdrawalContact: string;
  crossBorderCountries: string[];
  publicSources: boolean;
  label: string;
  customMode: 'html' | 'url';
  customHtml: string;
  externalUrl: string;
  active: boolean;
  /** Advertising: the channels offered. */
  channels: AdChannel[];
  /** Consent to distribution: preset category codes, own categories' titles, web resources, prohibitions, conditions. */
  distCategories: string[];
  distOwn: string[];
  distResources: string[];
  distProhibitions: DistributionProhibition[];
  distConditions: string;
  /** The languages offered, the default first (`label` and `customHtml` are the default's); empty: one, the template's or guessed. */
  languages: AgreementLanguage[];
  /** The label (and a custom text's HTML) in each other language; kept while a language is switched off. */
  translations: Partial<Record<AgreementLanguage, { label: string; customHtml: string }>>;
}

export const emptyForm = (): AgreementForm => ({
  name: '',
  type: 'standard',
  template: '',
  dataSource: 'company',
  companyId: null,
  requisites: emptyRequisites(),
  purposes: [],
  dataCategories: [],
  thirdParties: [],
  validityKind: 'until-withdrawn',
  validityTerm: '',
  validityMonths: '',
  withdrawalContact: '',
  crossBorderCountries: [],
  publicSources: false,
  label: '',
  customMode: 'html',
  customHtml: '',
  externalUrl: '',
  active: true,
  channels: [],
  distCategories: [],
  distOwn: [],
  distResources: [],
  distProhibitions: [],
  distConditions: '',
  languages: [],
  translations: {},
});

const isPreset = (code: string) => DISTRIBUTION_CATEGORIES.some((p) => p.code === code);

export const fromAgreement = (a: Agreement): AgreementForm => ({
  name: a.name ?? '',
  type: a.type,
  template: a.template ?? '',
  dataSource: a.dataSource ?? 'company',
  companyId: a.companyId ?? null,
  requisites: toRequisitesForm(a.requisites),
  purposes: a.purposes ?? [],
  dataCategories: a.dataCategories ?? [],
  thirdParties: (a.thirdParties ?? []).map((p) => ({ name: p.name ?? '', address: p.address ?? '', purpose: p.purpose ?? '' })),
  validityKind: a.validity?.kind === 'term' ? 'term' : 'until-withdrawn',
  validityTerm: a.validity?.kind === 'term' ? a.validity.term : '',
  validityMonths: a.validity?.kind === 'term' && a.validity.months ? String(a.validity.months) : '',
  withdrawalContact: a.withdrawalContact ?? '',
  crossBorderCountries: a.crossBorderCountries ?? [],
  publicSources: !!a.publicSources,
  label: a.label ?? '',
  customMode: a.externalUrl ? 'url' : 'html',
  customHtml: a.customHtml ?? '',
  externalUrl: a.externalUrl ?? '',
  active: a.active ?? true,
  channels: a.channels ?? [],
  distCategories: (a.distribution?.categories ?? []).filter((c) => isPreset(c.code)).map((c) => c.code),
  distOwn: (a.distribution?.categories ?? []).filter((c) => !isPreset(c.code)).map((c) => c.title ?? c.code),
  distResources: a.distribution?.resources ?? [],
  distProhibitions: a.distribution?.prohibitions ?? [],
  distConditions: a.distribution?.conditions ?? '',
  languages: a.languages ?? [],
  translations: Object.fromEntries(Object.entries(a.translations ?? {}).map(([l, tr]) => [l, { label: tr?.label ?? '', customHtml: tr?.customHtml ?? '' }])),
});

/** The other languages' texts as sent: only the languages offered; a standard agreement's label only. */
const translationsOf = (f: AgreementForm, languages: AgreementLanguage[]): AgreementInput['translations'] =>
  Object.fromEntries(
    languages.slice(1).map((l) => {
      const tr = f.translations[l] ?? { label: '', customHtml: '' };
      return [l, f.type === 'custom' ? { label: tr.label, customHtml: tr.customHtml } : { label: tr.label }];
    })
  );

/** The distribution settings as sent; own categories are numbered in the order listed (own-1, own-2…). */
const distributionOf = (f: AgreementForm): AgreementInput['distribution'] =>
  f.template === DISTRIBUTION_TEMPLATE
    ? {
        categories: [...f.distCategories.map((code) => ({ code })), ...nonEmpty(f.distOwn).map((title, i) => ({ code: `own-${i + 1}`, title }))],
        resources: nonEmpty(f.distResources),
        prohibitions: f.distProhibitions,
        conditions: orNull(f.distConditions),
      }
    : null;

/** The months as the server takes them: a number when one was typed (the server checks its range), else none. */
const monthsOf = (typed: string): { months?: number } => (typed.trim() === '' ? {} : { months: Number(typed) });

const nonEmpty = (list: string[]) => list.map((s) => s.trim()).filter(Boolean);
const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/**
 * The body sent to the server (save and preview alike). Blank rows the editor added but did not
 * fill are left out; the fields of the other type or data source are sent as null so that a
 * switch really clears them.
 */
export const toInput = (f: AgreementForm): AgreementInput => {
  // A text given by URL is offered in one language.
  const languages = f.type === 'custom' && f.customMode === 'url' ? f.languages.slice(0, 1) : f.languages;
  const common = { name: f.name.trim(), type: f.type, label: f.label, active: f.active, languages, translations: translationsOf(f, languages) };
  if (f.type === 'custom') {
    return {
      ...common,
      template: null,
      customHtml: f.customMode === 'html' ? f.customHtml : null,
      externalUrl: f.customMode === 'url' ? orNull(f.externalUrl) : null,
    };
  }
  return {
    ...common,
    template: f.template || null,
    dataSource: f.dataSource,
    companyId: f.dataSource === 'company' ? f.companyId : null,
    requisites: f.dataSource === 'manual' ? cleanRequisites(f.requisites) : null,
    purposes: f.purposes.map((p) => ({ ...(p.code ? { code: p.code } : {}), title: p.title.trim() })).filter((p) => p.code || p.title),
    dataCategories: nonEmpty(f.dataCategories),
    thirdParties: f.thirdParties
      .filter((p) => p.name.trim() || (p.address ?? '').trim() || (p.purpose ?? '').trim())
      .map((p) => ({ name: p.name.trim(), address: orNull(p.address ?? ''), purpose: orNull(p.purpose ?? '') })),
    validity: f.validityKind === 'term' ? { kind: 'term', term: f.validityTerm.trim(), ...monthsOf(f.validityMonths) } : { kind: 'until-withdrawn' },
    withdrawalContact: orNull(f.withdrawalContact),
    crossBorderCountries: nonEmpty(f.crossBorderCountries),
    publicSources: f.publicSources,
    customHtml: null,
    externalUrl: null,
    channels: isAdvertising({ type: f.type, template: f.template, purposes: f.purposes }) ? f.channels : [],
    distribution: distributionOf(f),
  };
};

export { sentIndexes } from '../../../utils/formErrors';

/** The editor's values, setter and errors, for a section of the agreement editor. */
export const useAgreementEditor = () => useEditForm<AgreementForm>();
