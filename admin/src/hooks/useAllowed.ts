import { useMemo } from 'react';
import { useAuth } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../permissions';

type Key = keyof typeof PERMISSIONS;

/**
 * Which of the plugin's actions the signed-in user holds, by our own keys. Strapi's useRBAC names
 * results after the last segment of the action id only (companies.read and agreements.read would
 * both be "canRead"), so we read the user's permissions directly. This only hides UI: every admin
 * route checks the same actions on the server.
 */
export const useAllowed = (): Record<Key, boolean> & { isLoading: boolean } => {
  const permissions = useAuth('useAllowed', (state) => state.permissions);
  const isLoading = useAuth('useAllowed', (state) => state.isLoading);
  return useMemo(() => {
    const held = new Set((permissions ?? []).map((p: { action: string }) => p.action));
    const result = { isLoading } as Record<Key, boolean> & { isLoading: boolean };
    for (const key of Object.keys(PERMISSIONS) as Key[]) {
      result[key] = PERMISSIONS[key].every((p) => held.has(p.action));
    }
    return result;
  }, [permissions, isLoading]);
};
