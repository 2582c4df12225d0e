/**
 * Signed checkpoints of the consent chain (server/src/events/checkpoints.ts): the chain head (position
 * and hash) signed with the plugin's Ed25519 key at a moment. Published at
 * `GET /api/user-consent/checkpoints/latest` and `GET /api/user-consent/checkpoints`; verified with the
 * public keys of `GET /api/user-consent/jwks.json`.
 */
import { z, pagingSchema } from './common';
import type { DataResponse, ListMeta } from './common';

/** Why a checkpoint was signed. */
export const CHECKPOINT_REASONS = ['startup', 'schedule', 'admin'] as const;
export type CheckpointReason = (typeof CHECKPOINT_REASONS)[number];

/** The `typ` of a checkpoint's JWS header and the `type` inside its payload. */
export const CHECKPOINT_TYPE = 'user-consent.checkpoint';
export const CHECKPOINT_JWS_TYP = 'uc-checkpoint+jws';

/**
 * What a checkpoint signs (the JWS payload, canonical JSON: keys sorted, no spaces). `seq` and `hash`
 * are those of the chain's last event when it was signed (`seq` "0" and 64 zeros for an empty chain).
 */
export interface CheckpointContent {
  type: typeof CHECKPOINT_TYPE;
  /** The payload's layout version. */
  version: 1;
  /** The checkpoint's own number, 1 for the first one this database ever had. */
  number: number;
  /** The position of the chain's last event (decimal string: positions are 64-bit). */
  seq: string;
  /** That event's hash (SHA-256, hex). */
  hash: string;
  /** How many events the chain held (positions start at 1 and have no gaps, so this equals seq). */
  events: number;
  /** When it was signed (ISO 8601, UTC). */
  signedAt: string;
  reason: CheckpointReason;
  /** SHA-256 (hex) of the previous checkpoint's compact JWS; null for the first. */
  previous: string | null;
  /**
   * Several chain lanes (each a hash chain of its own): every lane's head, so that one checkpoint
   * fixes the history of all of them. `seq` and `hash` above are then those of the head with the
   * highest position, and `events` is counted (positions have gaps across lanes).
   */
  lanes?: { lane: number; seq: string; hash: string }[];
}

/** One published checkpoint: its content, the key that signed it, and the compact JWS anyone verifies. */
export interface Checkpoint extends Omit<CheckpointContent, 'type' | 'version'> {
  kid: string;
  /** Compact JWS (EdDSA) over the canonical JSON of the content: the only part a verifier needs to keep. */
  jws: string;
}

/** `GET /api/user-consent/checkpoints/latest`. */
export type LatestCheckpointResponse = DataResponse<Checkpoint>;

/** `GET /api/user-consent/checkpoints?page=&pageSize=`: newest first. */
export const ListCheckpoints = {
  query: z.strictObject({ ...pagingSchema }),
};
export type CheckpointList = { data: Checkpoint[]; meta: ListMeta };

/** Admin: `GET /user-consent/checkpoints/latest` (the latest, null before the first; can this app sign). */
export interface CheckpointStatus {
  latest: Checkpoint | null;
  /** A signing key is configured (otherwise no checkpoint can be made). */
  signing: boolean;
}

/** Admin: `POST /user-consent/checkpoints`: 201 with a new checkpoint, or 200 with the latest when the chain has not moved since. */
export type SignCheckpointResponse = { data: Checkpoint; meta: { created: boolean } };
