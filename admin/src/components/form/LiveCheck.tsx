import { useEffect, useRef } from 'react';
import { useForm } from '@strapi/strapi/admin';
import { flattenErrors, nestErrors, type FlatErrors } from '../../utils/formErrors';

/** Every leaf of a form's values by joined path ("requisites.inn"), as text to compare. */
const leaves = (value: unknown, prefix = '', out: Record<string, string> = {}) => {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out[prefix] = value === null || value === undefined ? '' : String(value);
  }
  return out;
};

/**
 * The panel's own checks as the user types: a field shows its error once it has been edited (a new
 * record does not open covered in "required"), a fixed field loses it at once, and an error the
 * server gave on a field not touched since stays until the next save (also when Save was pressed
 * right after typing).
 */
export const LiveCheck = <V,>({ validate, delay = 250 }: { validate: (values: V) => FlatErrors; delay?: number }) => {
  const values = useForm('LiveCheck', (s) => s.values) as V;
  const initialValues = useForm('LiveCheck', (s) => s.initialValues) as V;
  const errors = useForm('LiveCheck', (s) => s.errors);
  const setErrors = useForm('LiveCheck', (s) => s.setErrors);
  const isSubmitting = useForm('LiveCheck', (s) => s.isSubmitting);
  const edited = useRef(new Set<string>());
  const mine = useRef(new Set<string>());
  const previous = useRef(leaves(values));
  const latest = useRef({ errors, validate });
  latest.current = { errors, validate };

  // A save that stored the values starts over: nothing is edited any more.
  useEffect(() => {
    edited.current.clear();
    mine.current.clear();
    previous.current = leaves(initialValues);
  }, [initialValues]);

  // One look at the values: errors of fields changed since the last look are replaced by the panel's own.
  const look = useRef<() => void>(() => {});
  look.current = () => {
    const now = leaves(values);
    const before = leaves(initialValues);
    const changed = new Set([...Object.keys(now), ...Object.keys(previous.current)].filter((k) => now[k] !== previous.current[k]));
    previous.current = now;
    if (!changed.size) return;
    for (const k of changed) if (now[k] !== before[k]) edited.current.add(k);
    const problems = latest.current.validate(values);
    const next: FlatErrors = flattenErrors(latest.current.errors);
    for (const k of Object.keys(next)) if (changed.has(k) || mine.current.has(k)) delete next[k];
    mine.current.clear();
    for (const [k, message] of Object.entries(problems)) {
      if (!edited.current.has(k)) continue;
      next[k] = message;
      mine.current.add(k);
    }
    setErrors(nestErrors(next) as never);
  };

  useEffect(() => {
    const timer = setTimeout(() => look.current(), delay);
    return () => clearTimeout(timer);
  }, [values, initialValues, delay, setErrors]);

  // Save pressed before the pause after typing: the look happens now, so that it cannot come after
  // the server's answer and take away the error the server gave on the field just typed in.
  useEffect(() => {
    if (isSubmitting) look.current();
  }, [isSubmitting]);
  return null;
};
