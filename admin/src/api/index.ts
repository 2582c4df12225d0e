import { useMemo } from 'react';
import { attemptTokenRefresh, FetchError, useAuth, useFetchClient } from '@strapi/strapi/admin';
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
import type { ErasureAct, ErasurePreview, ErasureReason, ErasureResult, IpPolicy, SubjectExport } from '../../../shared/contracts/personal';
import { apiOrigin } from '../utils/apiOrigin';
import {
  onlyFilter,
  queryString,
  type ConsentDetail,
  type ConsentFilter,
  type ConsentList,
  type ConsentQuery,
  type ExportEntry,
  type IntegrityReport,
  type SubjectLookup,
  type SubjectReport,
  type WithdrawalResult,
} from './consents';

/**
 * A form's personal-data settings (how much of the IP it keeps, how long it keeps what it collected).
 * The server's form contract gains them as well; the panel declares them here so that it does not
 * depend on that change.
 */
export interface FormPersonalSettings {
  ipPolicy?: IpPolicy;
  /** Days personal data is kept after collection; null: until it is erased. */
  retentionDays?: number | null;
  /** Days personal data is kept after the consent is withdrawn (152-FZ art. 21 p. 5). */
  withdrawalRetentionDays?: number;
}
export type FormSettings = Form & FormPersonalSettings;
export type FormSettingsInput = FormInput & FormPersonalSettings;

/** `POST /subjects/erasures` body: who, why, and a note (required when the reason is `other`). */
export type ErasureInput = SubjectLookup & { reason: ErasureReason; note?: string | null };

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
  data: FormSettings;
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
 * A POST whose answer is a file. The admin fetch client reads a blob only from a GET, so this one
 * sends the same admin token itself, refreshes it once on a 401 as the client does, and turns an
 * error answer into the same FetchError (see utils/apiError).
 */
const usePostForBlob = () => {
  const token = useAuth('usePostForBlob', (state) => state.token);
  return useMemo(() => {
    const send = (url: string, body: unknown, bearer: string | null) =>
      fetch(`${apiOrigin()}${url}`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` },
        body: JSON.stringify(body),
      });
    return async (url: string, body: unknown): Promise<Blob> => {
      let res = await send(url, body, token);
      if (res.status === 401) {
        const fresh = await attemptTokenRefresh(token).catch(() => null);
        if (fresh) res = await send(url, body, fresh);
      }
      if (!res.ok) {
        const parsed = await res.json().catch(() => null);
        const error = new FetchError(parsed?.error?.message ?? `HTTP ${res.status}`, parsed?.error ? { data: parsed } : undefined);
        error.status = res.status;
        throw error;
      }
      return res.blob();
    };
  }, [token]);
};

/**
 * Typed calls to the plugin's admin routes. useFetchClient adds the admin token and throws a
 * FetchError (see utils/apiError) for any non-2xx answer.
 */
export const useConsentApi = () => {
  const { get, post, put, del } = useFetchClient();
  const postForBlob = usePostForBlob();

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
        list: async (query: FormQuery = {}) => (await get<List<FormSettings>>(`${base}/forms`, { params: compact(query) })).data,
        get: async (id: number | string) => (await get<FormWithWarnings>(`${base}/forms/${id}`)).data,
        create: async (body: FormSettingsInput) => (await post<FormWithWarnings>(`${base}/forms`, body)).data,
        update: async (id: number | string, body: Partial<FormSettingsInput>) =>
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
        /** Every event of one person. The e-mail or phone goes in the body: personal data stays out of URLs and logs. */
        subject: async (who: SubjectLookup) =>
          (await post<{ data: SubjectReport }>(`${base}/subjects/lookup`, who)).data.data,
        verify: async () => (await get<{ data: IntegrityReport }>(`${base}/integrity`)).data.data,
      },
      subjects: {
        /** What an erasure of this person would destroy (nothing is changed). */
        erasurePreview: async (who: SubjectLookup) =>
          (await post<{ data: ErasurePreview }>(`${base}/subjects/erasures/preview`, who)).data.data,
        /** Destroys the person's personal data; the consent events stay, marked erased. */
        erase: async (body: ErasureInput) => (await post<{ data: ErasureResult }>(`${base}/subjects/erasures`, body)).data.data,
        /** Everything held about the person, as a file: JSON, or a readable PDF in the admin's language. */
        export: async (who: SubjectLookup, format: 'json' | 'pdf', lang: 'en' | 'ru'): Promise<Blob> => {
          if (format === 'pdf') return postForBlob(`${base}/subjects/export?${queryString({ format, lang })}`, who);
          // The JSON is saved as the report itself, indented, for a person or a program to read.
          const report = (await post<{ data: SubjectExport }>(`${base}/subjects/export?format=json`, who)).data.data;
          return new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' });
        },
      },
      erasures: {
        list: async (query: { page?: number; pageSize?: number } = {}) =>
          (await get<List<ErasureAct>>(`${base}/erasures`, { params: queryString(query) })).data,
        /** The act of destruction as a PDF (the admin token authorises it, so it is fetched, not linked). */
        act: async (id: number, lang: 'en' | 'ru') =>
          (await get(`${base}/erasures/${id}/act`, { params: queryString({ lang }), responseType: 'blob' })).data,
      },
      templates: async () => (await get<{ data: TemplateInfo[] }>(`${base}/templates`)).data.data,
      purposes: async () => (await get<{ data: PurposePreset[] }>(`${base}/purposes`)).data.data,
    };
  }, [get, post, put, del, postForBlob]);
};

export type ConsentApi = ReturnType<typeof useConsentApi>;
