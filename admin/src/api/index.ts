import { useMemo } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../pluginId';
import type {
  Agreement,
  AgreementInput,
  AgreementWithVersion,
  Company,
  ListMeta,
  PurposePreset,
  Rendered,
  Requisites,
  TemplateInfo,
  Version,
  VersionSummary,
} from '../../../shared/contracts/agreements';
import type { Form, FormInput, FormWarning } from '../../../shared/contracts/forms';
import {
  onlyFilter,
  queryString,
  type ConsentDetail,
  type ConsentFilter,
  type ConsentList,
  type ConsentQuery,
  type ExportEntry,
  type IntegrityReport,
  type SubjectReport,
  type WithdrawalResult,
} from './consents';

export interface List<T> {
  data: T[];
  meta: ListMeta;
}

export interface SavedAgreement {
  data: AgreementWithVersion;
  meta: { versionCreated: boolean };
}

/** A form with the GDPR warnings the server found for its agreements. */
export interface FormWithWarnings {
  data: Form;
  meta: { warnings: FormWarning[] };
}

export interface FormQuery {
  page?: number;
  pageSize?: number;
  q?: string;
}

export interface CompanyQuery {
  page?: number;
  pageSize?: number;
  q?: string;
  country?: string;
}

export interface AgreementQuery {
  page?: number;
  pageSize?: number;
  q?: string;
  type?: string;
  template?: string;
  active?: 'true' | 'false';
}

/** Drops empty values so that the server sees only the filters actually set. */
const compact = <T extends object>(params: T) =>
  Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ''));

/**
 * Typed calls to the plugin's admin routes. useFetchClient adds the admin token and throws a
 * FetchError (see utils/apiError) for any non-2xx answer.
 */
export const useConsentApi = () => {
  const { get, post, put, del } = useFetchClient();

  return useMemo(() => {
    const base = `/${PLUGIN_ID}`;
    return {
      companies: {
        list: async (query: CompanyQuery = {}) =>
          (await get<List<Company>>(`${base}/companies`, { params: compact(query) })).data,
        get: async (id: number | string) => (await get<{ data: Company }>(`${base}/companies/${id}`)).data.data,
        create: async (body: Requisites) =>
          (await post<{ data: Company }>(`${base}/companies`, body)).data.data,
        update: async (id: number | string, body: Partial<Requisites>) =>
          (await put<{ data: Company }>(`${base}/companies/${id}`, body)).data.data,
        remove: async (id: number | string) => {
          await del(`${base}/companies/${id}`);
        },
      },
      agreements: {
        list: async (query: AgreementQuery = {}) =>
          (await get<List<Agreement>>(`${base}/agreements`, { params: compact(query) })).data,
        get: async (id: number | string) =>
          (await get<{ data: AgreementWithVersion }>(`${base}/agreements/${id}`)).data.data,
        create: async (body: AgreementInput) => (await post<SavedAgreement>(`${base}/agreements`, body)).data,
        update: async (id: number | string, body: Partial<AgreementInput>) =>
          (await put<SavedAgreement>(`${base}/agreements/${id}`, body)).data,
        remove: async (id: number | string) => {
          await del(`${base}/agreements/${id}`);
        },
        preview: async (body: AgreementInput, signal?: AbortSignal) =>
          (await post<{ data: Rendered }>(`${base}/agreements/preview`, body, { signal })).data.data,
        versions: async (id: number | string) =>
          (await get<{ data: VersionSummary[] }>(`${base}/agreements/${id}/versions`)).data.data,
      },
      forms: {
        list: async (query: FormQuery = {}) => (await get<List<Form>>(`${base}/forms`, { params: compact(query) })).data,
        get: async (id: number | string) => (await get<FormWithWarnings>(`${base}/forms/${id}`)).data,
        create: async (body: FormInput) => (await post<FormWithWarnings>(`${base}/forms`, body)).data,
        update: async (id: number | string, body: Partial<FormInput>) =>
          (await put<FormWithWarnings>(`${base}/forms/${id}`, body)).data,
        remove: async (id: number | string) => {
          await del(`${base}/forms/${id}`);
        },
      },
      versions: {
        get: async (id: number | string) => (await get<{ data: Version }>(`${base}/versions/${id}`)).data.data,
      },
      consents: {
        list: async (query: ConsentQuery, signal?: AbortSignal) =>
          (await get<ConsentList>(`${base}/consents`, { params: queryString(query), signal })).data,
        get: async (id: number | string) => (await get<{ data: ConsentDetail }>(`${base}/consents/${id}`)).data.data,
        /**
         * A one-time link (valid for a minute) to download the CSV of a filter: the browser saves the
         * server's stream straight to disk, however large the export.
         */
        exportLink: async (filter: ConsentFilter) => {
          const qs = queryString(onlyFilter(filter));
          const res = await post<{ data: { url: string; expiresAt: string } }>(`${base}/consents/export-ticket${qs ? `?${qs}` : ''}`, {});
          return res.data.data;
        },
        withdraw: async (id: number | string, note: string) =>
          (await post<{ data: WithdrawalResult }>(`${base}/consents/${id}/withdraw`, { note })).data.data,
        exports: async (query: { page?: number; pageSize?: number } = {}) =>
          (await get<List<ExportEntry>>(`${base}/exports`, { params: queryString(query) })).data,
        subject: async (query: { email?: string; phone?: string }) =>
          (await get<{ data: SubjectReport }>(`${base}/subjects`, { params: queryString(query) })).data.data,
        verify: async () => (await get<{ data: IntegrityReport }>(`${base}/integrity`)).data.data,
      },
      templates: async () => (await get<{ data: TemplateInfo[] }>(`${base}/templates`)).data.data,
      purposes: async () => (await get<{ data: PurposePreset[] }>(`${base}/purposes`)).data.data,
    };
  }, [get, post, put, del]);
};

export type ConsentApi = ReturnType<typeof useConsentApi>;
