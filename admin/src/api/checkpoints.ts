import { adminApi } from '@strapi/strapi/admin';
import type { Checkpoint, CheckpointStatus, SignCheckpointResponse } from '../../../shared/contracts/checkpoints';
import { dataOf, get, send, TAGS, type MutationHook, type QueryHook } from './client';

export type { Checkpoint, CheckpointStatus, SignCheckpointResponse } from '../../../shared/contracts/checkpoints';

/**
 * Signed checkpoints of the chain: the latest (and whether this app has a key to sign), and "sign one
 * now". The chain moves while the panel is open, so a page asks again each time it opens.
 */
const checkpointsApi = adminApi.enhanceEndpoints({ addTagTypes: [...TAGS, 'UcCheckpoint'] }).injectEndpoints({
  endpoints: (build) => ({
    ucCheckpointStatus: build.query<CheckpointStatus, void>({
      query: () => get('/checkpoints/latest'),
      transformResponse: dataOf<CheckpointStatus>,
      providesTags: ['UcCheckpoint'],
    }),
    ucSignCheckpoint: build.mutation<SignCheckpointResponse, void>({
      query: () => send('POST', '/checkpoints', {}),
      invalidatesTags: (_r, error) => (error ? [] : ['UcCheckpoint']),
    }),
  }),
});

export const useCheckpointStatusQuery: QueryHook<void, CheckpointStatus> = checkpointsApi.useUcCheckpointStatusQuery;
export const useSignCheckpointMutation: MutationHook<void, SignCheckpointResponse> = checkpointsApi.useUcSignCheckpointMutation;
