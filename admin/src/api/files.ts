import { useMemo } from 'react';
import { attemptTokenRefresh, FetchError, getFetchClient, useAuth } from '@strapi/strapi/admin';
import type { SubjectExport } from '../../../shared/contracts/personal';
import { apiOrigin } from '../utils/apiOrigin';
import { BASE, queryString } from './client';
import type { SubjectLookup } from './types';

/**
 * Files the panel downloads with the admin token (a person's export, an act of destruction, a proof of consent). The
 * browser saves them at once, so they are not kept in the query cache: a Blob does not belong there.
 */
export const useFiles = () => {
  const token = useAuth('useFiles', (state) => state.token);
  return useMemo(() => {
    const send = (url: string, body: unknown, bearer: string | null) =>
      fetch(`${apiOrigin()}${url}`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` },
        body: JSON.stringify(body),
      });
    /**
     * A POST whose answer is a file. The fetch client reads a blob only from a GET, so this one
     * sends the same admin token itself, refreshes it once on a 401 as the client does, and turns an
     * error answer into the same FetchError (see utils/apiError).
     */
    const postForBlob = async (url: string, body: unknown): Promise<Blob> => {
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

    return {
      /** Everything held about the person: JSON, or a readable PDF in the admin's language. */
      subjectExport: async (who: SubjectLookup, format: 'json' | 'pdf', lang: 'en' | 'ru'): Promise<Blob> => {
        if (format === 'pdf') return postForBlob(`${BASE}/subjects/export?${queryString({ format, lang })}`, who);
        // The JSON is saved as the report itself, indented, for a person or a program to read.
        const { data } = await getFetchClient().post<{ data: SubjectExport }>(`${BASE}/subjects/export?format=json`, who);
        return new Blob([JSON.stringify(data.data, null, 2)], { type: 'application/json' });
      },
      /** The proof of one consent event as a PDF; its personal parts only for a role that may see them. */
      consentProof: async (id: number, lang: 'en' | 'ru'): Promise<Blob> =>
        (await getFetchClient().get(`${BASE}/consents/${id}/proof`, { params: queryString({ lang }), responseType: 'blob' })).data,
      /** The act of destruction as a PDF (the admin token authorises it, so it is fetched, not linked). */
      erasureAct: async (id: number, lang: 'en' | 'ru'): Promise<Blob> =>
        (await getFetchClient().get(`${BASE}/erasures/${id}/act`, { params: queryString({ lang }), responseType: 'blob' })).data,
    };
  }, [token]);
};
