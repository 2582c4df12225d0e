import { useState } from 'react';
import { useNotification } from '@strapi/strapi/admin';
import { apiErrorMessage } from '../utils/apiError';
import { saveBlob } from '../utils/download';

/**
 * Fetches a file with the admin token and lets the browser save it; `busy` names the download in
 * progress, and a failure is told with the server's reason, or `failed`.
 */
export const useDownload = (failed: string) => {
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = useState<string | null>(null);
  const download = async (key: string, fetchFile: () => Promise<Blob>, filename: string) => {
    setBusy(key);
    try {
      saveBlob(await fetchFile(), filename);
    } catch (e) {
      toggleNotification({ type: 'danger', message: apiErrorMessage(e) ?? failed });
    } finally {
      setBusy(null);
    }
  };
  return { busy, download };
};
