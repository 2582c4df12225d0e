/** Every database trigger's message starts with this, so its refusal can be recognised anywhere. */
export const TRIGGER_PREFIX = 'user-consent: refused';

export { IMMUTABLE } from '../rules/immutable';

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
