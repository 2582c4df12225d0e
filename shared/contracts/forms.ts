/** Forms: consent collection points (the CRM-form analogue). Shared by server and admin. */

import type { IpPolicy } from './personal';

export const BEHAVIOURS = ['required-prechecked', 'required-read', 'optional-prechecked', 'optional-unchecked'] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];

export const FIELD_TYPES = ['text', 'email', 'tel', 'textarea'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FormField {
  /** Key used in submissions (`data.<name>`), e.g. "email". */
  name: string;
  /** What the person sees next to the input. */
  label: string;
  type: FieldType;
  required: boolean;
}

export interface FormAgreement {
  agreementId: number;
  behaviour: Behaviour;
}

export interface FormInput {
  key: string;
  name: string;
  fields: FormField[];
  agreements: FormAgreement[];
  successRedirectUrl?: string | null;
  successMessage?: string | null;
  /** Origins allowed to submit (e.g. "https://shop.example"); empty: any origin. */
  allowedOrigins: string[];
  storeSubmissions: boolean;
  active: boolean;
  /** How much of the client IP is kept (default full). */
  ipPolicy?: IpPolicy;
  /** Days personal data is kept after collection; null: until erased. */
  retentionDays?: number | null;
  /** Days personal data is kept after every consent of a capture is withdrawn (default 30). */
  withdrawalRetentionDays?: number;
}

export interface Form extends FormInput {
  id: number;
  documentId: string;
  createdAt: string;
  updatedAt: string;
}

export interface FormWarning {
  agreementId: number;
  /** gdpr-prechecked: a pre-ticked eu-gdpr box; gdpr-ip-full: whole IPs kept for an eu-gdpr agreement. */
  code: 'gdpr-prechecked' | 'gdpr-ip-full';
  message: string;
}

export const behaviourFlags = (b: Behaviour) => ({
  required: b === 'required-prechecked' || b === 'required-read',
  prechecked: b === 'required-prechecked' || b === 'optional-prechecked',
  mustRead: b === 'required-read',
});

/** Public form description: `GET /api/user-consent/forms/:key`. */
export interface PublicForm {
  key: string;
  name: string;
  fields: FormField[];
  successRedirectUrl: string | null;
  successMessage: string | null;
  agreements: {
    agreement: number;
    version: { id: number; number: number; hash: string };
    label: string;
    labelHtml: string;
    behaviour: Behaviour;
    required: boolean;
    prechecked: boolean;
    mustRead: boolean;
    textUrl: string;
  }[];
}
