import type { TemplateId } from '../../../../../shared/contracts/agreements';
import { LIMITS, type Behaviour, type DoiLanguage } from '../../../../../shared/contracts/constants';
import type { FormAgreement, FormField } from '../../../../../shared/contracts/forms';
import type { IpPolicy } from '../../../../../shared/contracts/personal';
import type { FormSettings, FormSettingsInput } from '../../../api';
import { useEditForm } from '../../../components/form/useEditForm';

/** A field row with a local id, so that React keeps each row's inputs (and focus) through reorders. */
export interface FieldRow extends FormField {
  uid: string;
}

/** The editor's state: every text a string, so that inputs stay controlled. */
export interface FormState {
  key: string;
  name: string;
  fields: FieldRow[];
  agreements: FormAgreement[];
  successRedirectUrl: string;
  successMessage: string;
  allowedOrigins: string[];
  storeSubmissions: boolean;
  active: boolean;
  ipPolicy: IpPolicy;
  /** Days as typed; empty: kept until erased. */
  retentionDays: string;
  withdrawalRetentionDays: string;
  /** Mail the person a link to their receipt (when the submission has an e-mail). */
  sendReceiptEmail: boolean;
  /** Double opt-in (DoubleOptInTab): the agreements that wait for a confirmed address, the e-mail per language. */
  doubleOptIn: DoubleOptInState;
}

export interface DoubleOptInState {
  agreements: number[];
  templates: Record<DoiLanguage, { subject: string; body: string }>;
}

const emptyDoubleOptIn = (): DoubleOptInState => ({ agreements: [], templates: { en: { subject: '', body: '' }, ru: { subject: '', body: '' } } });

const doubleOptInOf = (d: FormSettings['doubleOptIn']): DoubleOptInState =>
  d
    ? {
        agreements: d.agreements ?? [],
        templates: {
          en: { subject: d.templates?.en?.subject ?? '', body: d.templates?.en?.body ?? '' },
          ru: { subject: d.templates?.ru?.subject ?? '', body: d.templates?.ru?.body ?? '' },
        },
      }
    : emptyDoubleOptIn();

/** Null when nothing is set (no agreement, no text): the form has no double opt-in. Agreements taken off the form are dropped. */
const doubleOptInInput = (s: FormState): FormSettingsInput['doubleOptIn'] => {
  const d = s.doubleOptIn;
  const attached = new Set(s.agreements.map((a) => a.agreementId));
  const agreements = d.agreements.filter((id) => attached.has(id));
  const text = (v: string) => v.trim() || null;
  const templates = {
    en: { subject: text(d.templates.en.subject), body: text(d.templates.en.body) },
    ru: { subject: text(d.templates.ru.subject), body: text(d.templates.ru.body) },
  };
  const anyText = Object.values(templates).some((tpl) => tpl.subject || tpl.body);
  return agreements.length || anyText ? { agreements, templates } : null;
};

/** 152-FZ art. 21 p. 5: personal data is destroyed within 30 days of the withdrawal. */
export const DEFAULT_WITHDRAWAL_RETENTION = LIMITS.withdrawalRetentionDays.default;

let seq = 0;
/** A row added in the editor; stored rows are numbered by position, so that a reload finds the same ids. */
export const newUid = () => `new-${++seq}`;

export const emptyFormState = (): FormState => ({
  key: '',
  name: '',
  fields: [],
  agreements: [],
  successRedirectUrl: '',
  successMessage: '',
  allowedOrigins: [],
  storeSubmissions: false,
  active: true,
  ipPolicy: 'full',
  retentionDays: '',
  withdrawalRetentionDays: String(DEFAULT_WITHDRAWAL_RETENTION),
  sendReceiptEmail: false,
  doubleOptIn: emptyDoubleOptIn(),
});

export const fromForm = (f: FormSettings): FormState => ({
  key: f.key ?? '',
  name: f.name ?? '',
  fields: (f.fields ?? []).map((field, i) => ({ ...field, required: !!field.required, uid: `field-${i}` })),
  agreements: (f.agreements ?? []).map((a) => ({ agreementId: a.agreementId, behaviour: a.behaviour })),
  successRedirectUrl: f.successRedirectUrl ?? '',
  successMessage: f.successMessage ?? '',
  allowedOrigins: f.allowedOrigins ?? [],
  storeSubmissions: !!f.storeSubmissions,
  active: f.active !== false,
  ipPolicy: f.ipPolicy ?? 'full',
  retentionDays: f.retentionDays === null || f.retentionDays === undefined ? '' : String(f.retentionDays),
  withdrawalRetentionDays: String(f.withdrawalRetentionDays ?? DEFAULT_WITHDRAWAL_RETENTION),
  sendReceiptEmail: !!f.sendReceiptEmail,
  doubleOptIn: doubleOptInOf(f.doubleOptIn),
});

/** A whole number of days within the bounds, or null when it is not one. */
const days = (text: string, min: number, max: number) => {
  const v = text.trim();
  if (!/^\d{1,6}$/.test(v)) return null;
  const n = Number(v);
  return n >= min && n <= max ? n : null;
};

export const RETENTION_BOUNDS = {
  retentionDays: [LIMITS.retentionDays.min, LIMITS.retentionDays.max],
  withdrawalRetentionDays: [LIMITS.withdrawalRetentionDays.min, LIMITS.withdrawalRetentionDays.max],
} as const;

/**
 * The settings the panel can check before sending (the server checks them again): the day counts
 * must be whole numbers within their bounds; the retention period may be left empty.
 */
export const settingsProblems = (s: FormState): ('retentionDays' | 'withdrawalRetentionDays')[] => {
  const out: ('retentionDays' | 'withdrawalRetentionDays')[] = [];
  if (s.retentionDays.trim() && days(s.retentionDays, ...RETENTION_BOUNDS.retentionDays) === null) out.push('retentionDays');
  if (days(s.withdrawalRetentionDays, ...RETENTION_BOUNDS.withdrawalRetentionDays) === null) out.push('withdrawalRetentionDays');
  return out;
};

/**
 * What the server receives. Fields are sent as they are (a half-filled row is an error shown on
 * that row, not something to drop silently); blank origins are dropped.
 */
export const toInput = (s: FormState): FormSettingsInput => ({
  key: s.key.trim(),
  name: s.name,
  fields: s.fields.map(({ uid: _uid, ...field }) => field),
  agreements: s.agreements,
  successRedirectUrl: s.successRedirectUrl.trim() || null,
  successMessage: s.successMessage.trim() || null,
  allowedOrigins: s.allowedOrigins.map((o) => o.trim()).filter(Boolean),
  storeSubmissions: s.storeSubmissions,
  active: s.active,
  ipPolicy: s.ipPolicy,
  // A value that is not a whole number in bounds is sent as typed only if settingsProblems was not asked.
  retentionDays: s.retentionDays.trim() ? Number(s.retentionDays.trim()) : null,
  withdrawalRetentionDays: s.withdrawalRetentionDays.trim() ? Number(s.withdrawalRetentionDays.trim()) : DEFAULT_WITHDRAWAL_RETENTION,
  sendReceiptEmail: s.sendReceiptEmail,
  doubleOptIn: doubleOptInInput(s),
});

/** Moves the item at `from` to `to`, returning a new array. */
export const move = <T>(list: T[], from: number, to: number): T[] => {
  if (to < 0 || to >= list.length || from === to) return list;
  const next = list.slice();
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
};

/** The four checkbox modes, in the order of the source document, with their Bitrix-like labels. */
export const BEHAVIOUR_LABELS: Record<Behaviour, [string, string]> = {
  'required-prechecked': ['forms.behaviour.required-prechecked', 'Required, accepted automatically'],
  'required-read': ['forms.behaviour.required-read', 'Required, the full text must be read'],
  'optional-prechecked': ['forms.behaviour.optional-prechecked', 'Optional, accepted automatically'],
  'optional-unchecked': ['forms.behaviour.optional-unchecked', 'Optional, not accepted automatically'],
};

/**
 * The mode a newly attached agreement starts with. An advertising consent must never be a
 * condition of the form (38-FZ art. 18), so it starts optional and unticked; anything else starts
 * as "read the full text", which is valid consent under every template, GDPR included.
 */
export const defaultBehaviour = (template: TemplateId | null | undefined): Behaviour =>
  template === 'ru-advertising' ? 'optional-unchecked' : 'required-read';

/** Which tab holds the field an error path points to. */
export const tabOf = (path: string): 'general' | 'fields' | 'agreements' | 'doubleOptIn' =>
  path === 'fields' || path.startsWith('fields.')
    ? 'fields'
    : path === 'agreements' || path.startsWith('agreements.')
      ? 'agreements'
      : path === 'doubleOptIn' || path.startsWith('doubleOptIn.')
        ? 'doubleOptIn'
        : 'general';

/** The editor's values, setter and errors, for a tab of the form editor. */
export const useFormEditor = () => useEditForm<FormState>();
