import { useCallback } from 'react';
import { useNotification } from '@strapi/strapi/admin';
import { useErrorMessage } from '../../../hooks/useErrorMessage';

/** Runs a mutation and tells the admin how it went: `success` when it did, the server's reason when not. */
export const useNotified = () => {
  const { toggleNotification } = useNotification();
  const errorMessage = useErrorMessage();
  return useCallback(
    async (send: () => Promise<unknown>, success: string) => {
      try {
        await send();
        toggleNotification({ type: 'success', message: success });
      } catch (e) {
        toggleNotification({ type: 'danger', message: errorMessage(e) });
      }
    },
    [toggleNotification, errorMessage]
  );
};
