import type {
  Agreement,
  AgreementInput,
  AgreementWithVersion,
  Company,
  PurposePreset,
  Rendered,
  TemplateInfo,
  GetConsentStates,
  Version,
  VersionSummary,
} from '../../../shared/contracts/agreements';
import type { GetDoubleOptInCounts } from '../../../shared/contracts/forms';
import { adminApi } from '@strapi/strapi/admin';
import { dataOf, get, LIST, listTags, onSuccess, send, TAGS, type Id, type MutationHook, type QueryHook, type RecordHooks, type Tag } from './client';
import type { AgreementBody, AgreementQuery, CompanyInput, CompanyQuery, FormSettings, FormSettingsInput, FormWithWarnings, List, ListQuery, SavedAgreement, SavedCompany } from './types';

const consentApi = adminApi.enhanceEndpoints({ addTagTypes: TAGS });
type Build = Parameters<Parameters<typeof consentApi.injectEndpoints>[0]['endpoints']>[0];
type TagList = ({ type: Tag; id?: string | number } | Tag)[];

/**
 * The five endpoints of an edited collection (list, one, create, update, delete) on `/<path>`.
 * A list provides its tag's LIST and each row; a save or delete invalidates the row and the list,
 * plus `alsoChanged` for an update (what the server re-renders from it).
 */
const collection = <Row extends { id: number }, One, Input, Saved, Query>(
  build: Build,
  path: string,
  tag: Tag,
  { unwrapOne = true, alsoChanged = () => [] }: { unwrapOne?: boolean; alsoChanged?: (saved: Saved, id: Id) => TagList } = {}
) => {
  const row = (id: Id) => [
    { type: tag, id: LIST },
    { type: tag, id: Number(id) },
  ];
  return {
    list: build.query<List<Row>, Query>({ query: (q) => get(`/${path}`, q as object), providesTags: listTags(tag) }),
    one: build.query<One, Id>({
      query: (id) => get(`/${path}/${id}`),
      transformResponse: (res: unknown) => (unwrapOne ? dataOf<One>(res) : (res as One)),
      providesTags: (_r, _e, id) => [{ type: tag, id: Number(id) }],
    }),
    create: build.mutation<Saved, Input>({
      query: (body) => send('POST', `/${path}`, body),
      invalidatesTags: onSuccess(() => [{ type: tag, id: LIST }]),
    }),
    update: build.mutation<Saved, { id: Id; body: Partial<Input> }>({
      query: ({ id, body }) => send('PUT', `/${path}/${id}`, body),
      invalidatesTags: onSuccess((saved, { id }) => [...row(id), ...alsoChanged(saved, id)]),
    }),
    remove: build.mutation<unknown, Id>({
      query: (id) => send('DELETE', `/${path}/${id}`),
      invalidatesTags: onSuccess((_r, id) => row(id)),
    }),
  };
};

/**
 * What the editors manage: companies, agreements with their versions, and forms. Reference data
 * (templates, purpose presets) never changes while the panel runs and is kept for the session.
 */
const catalogueApi = consentApi.injectEndpoints({
  endpoints: (build) => {
    // Agreements filled from a company get a new version when its requisites change.
    const companies = collection<Company, Company, CompanyInput, SavedCompany, CompanyQuery>(build, 'companies', 'UcCompany', {
      alsoChanged: (saved) => (saved.meta?.versionsCreated ? ['UcAgreement', 'UcVersion'] : []),
    });
    // A form's warnings depend on its agreements' templates: forms are read again too.
    const agreements = collection<Agreement, AgreementWithVersion, AgreementBody, SavedAgreement, AgreementQuery>(build, 'agreements', 'UcAgreement', {
      alsoChanged: (_saved, id) => [{ type: 'UcVersion', id: `agreement-${id}` }, 'UcForm'],
    });
    // A form comes with the GDPR warnings of its agreements in `meta`: kept whole.
    const forms = collection<FormSettings, FormWithWarnings, FormSettingsInput, FormWithWarnings, ListQuery>(build, 'forms', 'UcForm', {
      unwrapOne: false,
    });
    return {
      ucCompanies: companies.list,
      ucCompany: companies.one,
      ucCreateCompany: companies.create,
      ucUpdateCompany: companies.update,
      ucDeleteCompany: companies.remove,
      ucAgreements: agreements.list,
      ucAgreement: agreements.one,
      ucCreateAgreement: agreements.create,
      ucUpdateAgreement: agreements.update,
      ucDeleteAgreement: agreements.remove,
      ucForms: forms.list,
      ucForm: forms.one,
      ucCreateForm: forms.create,
      ucUpdateForm: forms.update,
      ucDeleteForm: forms.remove,
      // A POST that changes nothing: the agreement as it would read with these settings.
      ucAgreementPreview: build.query<Rendered, AgreementInput>({
        query: (body) => send('POST', '/agreements/preview', body),
        transformResponse: dataOf<Rendered>,
        keepUnusedDataFor: 5,
      }),
      ucAgreementVersions: build.query<VersionSummary[], Id>({
        query: (id) => get(`/agreements/${id}/versions`),
        transformResponse: dataOf<VersionSummary[]>,
        providesTags: (_r, _e, id) => [{ type: 'UcVersion', id: `agreement-${id}` }],
      }),
      // Consents per state: they change with the agreement (a renewal) and with the log.
      ucConsentStates: build.query<GetConsentStates.Counts, Id>({
        query: (id) => get(`/agreements/${id}/consent-states`),
        transformResponse: dataOf<GetConsentStates.Counts>,
        providesTags: (_r, _e, id) => [{ type: 'UcAgreement', id: Number(id) }, { type: 'UcConsent', id: LIST }],
      }),
      // Double opt-in of a form: its requests and confirmations change with the log.
      ucFormDoubleOptIn: build.query<GetDoubleOptInCounts.Response['data'], Id>({
        query: (id) => get(`/forms/${id}/double-opt-in`),
        transformResponse: dataOf<GetDoubleOptInCounts.Response['data']>,
        providesTags: (_r, _e, id) => [{ type: 'UcForm', id: Number(id) }, { type: 'UcConsent', id: LIST }],
      }),
      // A version never changes once made.
      ucVersion: build.query<Version, Id>({ query: (id) => get(`/versions/${id}`), transformResponse: dataOf<Version> }),
      ucTemplates: build.query<TemplateInfo[], void>({
        query: () => get('/templates'),
        transformResponse: dataOf<TemplateInfo[]>,
        keepUnusedDataFor: 3600,
      }),
      ucPurposes: build.query<PurposePreset[], void>({
        query: () => get('/purposes'),
        transformResponse: dataOf<PurposePreset[]>,
        keepUnusedDataFor: 3600,
      }),
    };
  },
});

const hooks = catalogueApi;

export const useCompaniesQuery: QueryHook<CompanyQuery, List<Company>> = hooks.useUcCompaniesQuery;
export const useAgreementsQuery: QueryHook<AgreementQuery, List<Agreement>> = hooks.useUcAgreementsQuery;
export const useFormsQuery: QueryHook<ListQuery, List<FormSettings>> = hooks.useUcFormsQuery;
export const useAgreementPreviewQuery: QueryHook<AgreementInput, Rendered> = hooks.useUcAgreementPreviewQuery;
export const useAgreementVersionsQuery: QueryHook<Id, VersionSummary[]> = hooks.useUcAgreementVersionsQuery;
export const useVersionQuery: QueryHook<Id, Version> = hooks.useUcVersionQuery;
export const useConsentStatesQuery: QueryHook<Id, GetConsentStates.Counts> = hooks.useUcConsentStatesQuery;
export const useFormDoubleOptInQuery: QueryHook<Id, GetDoubleOptInCounts.Response['data']> = hooks.useUcFormDoubleOptInQuery;
export const useTemplatesQuery: QueryHook<void, TemplateInfo[]> = hooks.useUcTemplatesQuery;
export const usePurposesQuery: QueryHook<void, PurposePreset[]> = hooks.useUcPurposesQuery;

/** The hooks of each edited collection, for an edit page's useRecord (components/form). */
const record = <One, Input, Saved>(
  one: QueryHook<Id, One>,
  create: MutationHook<Input, Saved>,
  update: MutationHook<{ id: Id; body: Partial<Input> }, Saved>,
  remove: MutationHook<Id, unknown>
): RecordHooks<One, Input, Saved> => ({ one, create, update, remove });

export const companyRecord = record<Company, CompanyInput, SavedCompany>(
  hooks.useUcCompanyQuery,
  hooks.useUcCreateCompanyMutation,
  hooks.useUcUpdateCompanyMutation,
  hooks.useUcDeleteCompanyMutation
);
export const agreementRecord = record<AgreementWithVersion, AgreementBody, SavedAgreement>(
  hooks.useUcAgreementQuery,
  hooks.useUcCreateAgreementMutation,
  hooks.useUcUpdateAgreementMutation,
  hooks.useUcDeleteAgreementMutation
);
export const formRecord = record<FormWithWarnings, FormSettingsInput, FormWithWarnings>(
  hooks.useUcFormQuery,
  hooks.useUcCreateFormMutation,
  hooks.useUcUpdateFormMutation,
  hooks.useUcDeleteFormMutation
);
