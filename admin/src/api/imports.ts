import { adminApi } from '@strapi/strapi/admin';
import type { ImportConsents, RecordImportedConsent } from '../../../shared/contracts/imports';
import { dataOf, LIST, onSuccess, send, TAGS, type MutationHook } from './client';

/**
 * Consents collected elsewhere: a CSV with one evidence file, or one consent by hand with its
 * evidence. Both are multipart (FormData: the admin's fetch client sends it as it is). What they store
 * shows in the log and in the subjects' pages, so both invalidate those.
 */
const importsApi = adminApi.enhanceEndpoints({ addTagTypes: TAGS }).injectEndpoints({
  endpoints: (build) => ({
    ucImportCsv: build.mutation<ImportConsents.Summary, FormData>({
      query: (form) => send('POST', '/imports', form),
      transformResponse: dataOf<ImportConsents.Summary>,
      invalidatesTags: onSuccess(() => [{ type: 'UcConsent', id: LIST }, 'UcSubject']),
    }),
    ucImportOne: build.mutation<RecordImportedConsent.Response['data'], FormData>({
      query: (form) => send('POST', '/imports/one', form),
      transformResponse: dataOf<RecordImportedConsent.Response['data']>,
      invalidatesTags: onSuccess(() => [{ type: 'UcConsent', id: LIST }, 'UcSubject']),
    }),
  }),
});

export const useImportCsvMutation: MutationHook<FormData, ImportConsents.Summary> = importsApi.useUcImportCsvMutation;
export const useImportOneMutation: MutationHook<FormData, RecordImportedConsent.Response['data']> = importsApi.useUcImportOneMutation;
