import type { ErasureAct, ErasurePreview, ErasureResult } from '../../../shared/contracts/personal';
import { adminApi } from '@strapi/strapi/admin';
import { compact, dataOf, get, LIST, listTags, onSuccess, send, TAGS, type Id, type LazyQueryHook, type MutationHook, type QueryHook } from './client';
import {
  onlyFilter,
  type ConsentDetail,
  type ConsentList,
  type ConsentQuery,
  type ErasureInput,
  type ExportEntry,
  type ExportTicketRequest,
  type IntegrityReport,
  type List,
  type ListQuery,
  type SubjectLookup,
  type SubjectReport,
  type WithdrawalResult,
} from './types';

const consentApi = adminApi.enhanceEndpoints({ addTagTypes: TAGS });

/**
 * The consent log and what is done with it: search (a POST, since a filter may name a person),
 * one record, withdrawal, export (CSV or XLSX), verification, and a person's events, export and erasure.
 * The log grows without the panel doing anything (sites send consents), so its pages ask the
 * server again each time they open (`refetchOnMountOrArgChange`), and use the cache only to share.
 */
const logApi = consentApi.injectEndpoints({
  endpoints: (build) => ({
    ucConsents: build.query<ConsentList, ConsentQuery>({
      query: (body) => send('POST', '/consents/search', compact(body)),
      providesTags: listTags('UcConsent'),
    }),
    ucConsent: build.query<ConsentDetail, Id>({
      query: (id) => get(`/consents/${id}`),
      transformResponse: dataOf<ConsentDetail>,
      providesTags: (_r, _e, id) => [{ type: 'UcConsent', id: Number(id) }],
    }),
    ucWithdrawConsent: build.mutation<WithdrawalResult, { id: Id; note: string }>({
      query: ({ id, note }) => send('POST', `/consents/${id}/withdraw`, { note }),
      transformResponse: dataOf<WithdrawalResult>,
      invalidatesTags: onSuccess((_r, { id }) => [{ type: 'UcConsent', id: LIST }, { type: 'UcConsent', id: Number(id) }, 'UcSubject']),
    }),
    /**
     * A one-time link (valid for a minute) to download the export of a filter: the browser saves the
     * server's stream straight to disk, however large the export. The filter and the options go in the body.
     */
    ucExportTicket: build.mutation<{ url: string; expiresAt: string }, ExportTicketRequest>({
      query: ({ filter, options }) => send('POST', '/consents/export-ticket', { ...onlyFilter(filter), ...options }),
      transformResponse: dataOf<{ url: string; expiresAt: string }>,
      invalidatesTags: onSuccess(() => [{ type: 'UcExport', id: LIST }]),
    }),
    ucExports: build.query<List<ExportEntry>, ListQuery>({
      query: (q) => get('/exports', q),
      providesTags: listTags('UcExport'),
    }),
    ucIntegrity: build.query<IntegrityReport, void>({
      query: () => get('/integrity'),
      transformResponse: dataOf<IntegrityReport>,
      keepUnusedDataFor: 0,
    }),

    /** Every event of one person. The e-mail or phone goes in the body: personal data stays out of URLs and logs. */
    ucSubject: build.query<SubjectReport, SubjectLookup>({
      query: (who) => send('POST', '/subjects/lookup', who),
      transformResponse: dataOf<SubjectReport>,
      providesTags: ['UcSubject'],
      keepUnusedDataFor: 0,
    }),
    /** What an erasure of this person would destroy (nothing is changed). */
    ucErasurePreview: build.query<ErasurePreview, SubjectLookup>({
      query: (who) => send('POST', '/subjects/erasures/preview', who),
      transformResponse: dataOf<ErasurePreview>,
      providesTags: ['UcSubject'],
      keepUnusedDataFor: 0,
    }),
    /** Destroys the person's personal data; the consent events stay, marked erased. */
    ucErase: build.mutation<ErasureResult, ErasureInput>({
      query: (body) => send('POST', '/subjects/erasures', body),
      transformResponse: dataOf<ErasureResult>,
      invalidatesTags: onSuccess(() => ['UcSubject', 'UcConsent', { type: 'UcErasure', id: LIST }]),
    }),
    ucErasures: build.query<List<ErasureAct>, ListQuery>({
      query: (q) => get('/erasures', q),
      providesTags: listTags('UcErasure'),
    }),
  }),
});

const hooks = logApi;

export const useConsentsQuery: QueryHook<ConsentQuery, ConsentList> = hooks.useUcConsentsQuery;
export const useConsentQuery: QueryHook<Id, ConsentDetail> = hooks.useUcConsentQuery;
export const useWithdrawConsentMutation: MutationHook<{ id: Id; note: string }, WithdrawalResult> = hooks.useUcWithdrawConsentMutation;
export const useExportTicketMutation: MutationHook<ExportTicketRequest, { url: string; expiresAt: string }> = hooks.useUcExportTicketMutation;
export const useExportsQuery: QueryHook<ListQuery, List<ExportEntry>> = hooks.useUcExportsQuery;
export const useLazyIntegrityQuery: LazyQueryHook<IntegrityReport> = hooks.useLazyUcIntegrityQuery;
export const useSubjectQuery: QueryHook<SubjectLookup, SubjectReport> = hooks.useUcSubjectQuery;
export const useErasurePreviewQuery: QueryHook<SubjectLookup, ErasurePreview> = hooks.useUcErasurePreviewQuery;
export const useEraseMutation: MutationHook<ErasureInput, ErasureResult> = hooks.useUcEraseMutation;
export const useErasuresQuery: QueryHook<ListQuery, List<ErasureAct>> = hooks.useUcErasuresQuery;
