/**
 * Personal data apart from the proof: erasure, acts of destruction, retention, IP policies and access
 * requests. Shared by the server, the admin panel and the tests.
 */
import type { ConsentEvent } from './log';

/** How much of the client IP a form keeps: all of it, IPv4 /24 and IPv6 /48, or nothing. */
export const IP_POLICIES = ['full', 'truncated', 'none'] as const;
export type IpPolicy = (typeof IP_POLICIES)[number];

/** Why personal data was destroyed. `other` needs a note. */
export const ERASURE_REASONS = ['subject-request', 'withdrawal', 'retention', 'other'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

/** How the persons of an erasure were named. */
export const ERASURE_KINDS = ['email', 'phone', 'externalId', 'receipt', 'retention'] as const;
export type ErasureKind = (typeof ERASURE_KINDS)[number];

/** The categories of personal data the plugin stores (what an act of destruction lists). */
export const PERSONAL_CATEGORIES = ['email', 'phone', 'name', 'externalId', 'ip', 'userAgent', 'pageQuery', 'formData', 'note', 'evidence'] as const;
export type PersonalCategory = (typeof PERSONAL_CATEGORIES)[number];

/** Who an erasure or an access request is about: exactly one of these. */
export type SubjectIdentifier = { email: string } | { phone: string } | { receipt: string };

/** `POST /user-consent/subjects/erasures` body. */
export type ErasureRequest = SubjectIdentifier & { reason: ErasureReason; note?: string | null };

/** `POST /user-consent/subjects/erasures` → 201 `{ data }`. */
export interface ErasureResult {
  id: number;
  /** Consent events whose personal data was destroyed. */
  events: number;
  /** Distinct persons (captures) whose personal records were destroyed. */
  subjects: number;
  /** Personal records destroyed (a person may have left several). */
  records?: number;
  /**
   * Evidence files of imported consents removed from the Media Library: those no remaining record
   * names (one file imported for several people stays until the last of them is erased).
   */
  evidenceFiles?: number;
  erasedAt: string;
}

/** `POST /user-consent/subjects/erasures/preview` → `{ data }`: what an erasure would destroy. */
export interface ErasurePreview {
  events: number;
  subjects: number;
  categories: PersonalCategory[];
  forms: string[];
  agreements: { id: number; name: string | null }[];
  first: string | null;
  last: string | null;
}

/** One act of destruction: `GET /user-consent/erasures` lists them, `GET /user-consent/erasures/:id`. */
export interface ErasureAct {
  id: number;
  kind: ErasureKind;
  reason: ErasureReason;
  note: string | null;
  events: number;
  subjects: number;
  categories: PersonalCategory[];
  forms: string[];
  /** The operator(s): the companies of the agreements concerned, as their requisites were then. */
  operators: { name: string; inn?: string | null; ogrn?: string | null; address?: string | null }[];
  admin: { id: number | null; name: string | null; email: string | null } | null;
  erasedAt: string;
  /** The `erased` event in the chain that records it. */
  seq: string | null;
}

/** One event as an access request shows it to the person. */
export interface SubjectExportEvent extends Omit<ConsentEvent, 'action'> {
  action: string;
  agreementName: string | null;
  userAgent: string | null;
  subject: Record<string, string> | null;
  /** What the person typed into the form, when the form keeps it. */
  data: Record<string, string> | null;
  erased: boolean;
}

/** `POST /user-consent/subjects/export` (JSON; `?format=pdf` for the readable PDF). */
export interface SubjectExport {
  generatedAt: string;
  identifier: { kind: 'email' | 'phone' | 'externalId'; value: string };
  events: SubjectExportEvent[];
  current: { agreement: number; agreementName: string | null; state: string; since: string }[];
  /** The texts the person agreed to (or refused), one per version. */
  texts: { versionId: number; agreementName: string | null; number: number; language: string; hash: string; text: string }[];
  operators: ErasureAct['operators'];
}
