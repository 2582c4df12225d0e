import { errors } from '@strapi/utils';

/** Every database trigger's message starts with this, so its refusal can be recognised anywhere. */
export const TRIGGER_PREFIX = 'user-consent: refused';

export const IMMUTABLE = {
  consent: 'Consent records can never be changed or deleted; record a withdrawal instead.',
  'agreement-version': 'Agreement versions can never be changed or deleted; edit the agreement to make a new version.',
} as const;

/** A 403 whose message reaches the client (Strapi hides the message of a plain ForbiddenError). */
export const refusal = (message: string, reason = 'immutable') => new errors.PolicyError(message, { reason });

/** Is this error a refusal raised by one of the plugin's database triggers (any dialect)? */
export const isTriggerRefusal = (error: unknown): boolean => {
  if (!error || typeof error !== 'object') return false;
  const e = error as { message?: unknown; sqlMessage?: unknown };
  return [e.message, e.sqlMessage].some((m) => typeof m === 'string' && m.includes(TRIGGER_PREFIX));
};

/** The human part of a trigger message ("user-consent: refused: <why>"). */
export const triggerReason = (error: unknown) => {
  const e = error as { message?: string; sqlMessage?: string };
  const text = String(e.sqlMessage || e.message || '');
  const at = text.indexOf(TRIGGER_PREFIX);
  return text
    .slice(at + TRIGGER_PREFIX.length)
    .replace(/^[:\s]+/, '')
    .split('\n')[0]
    .trim();
};
