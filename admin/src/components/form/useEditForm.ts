import { useCallback, useMemo } from 'react';
import { useForm } from '@strapi/strapi/admin';
import { errorAt, flattenErrors } from '../../utils/formErrors';

/**
 * The state of the edit page's Strapi Form, for a section of it: the values, a typed setter, the
 * errors by joined path ("requisites.inn", "fields.0.name") and whether the role may edit.
 */
export const useEditForm = <V extends object>() => {
  const form = useForm('useEditForm', (s) => s.values) as V;
  const onChange = useForm('useEditForm', (s) => s.onChange);
  const setValues = useForm('useEditForm', (s) => s.setValues) as (values: V) => void;
  const getValues = useForm('useEditForm', (s) => s.getValues) as () => V;
  const nested = useForm('useEditForm', (s) => s.errors);
  const disabled = useForm('useEditForm', (s) => s.disabled);
  const errors = useMemo(() => flattenErrors(nested), [nested]);
  const update = useCallback(<K extends keyof V>(key: K, value: V[K]) => onChange(key as string, value), [onChange]);
  /** Changes several values at once, from the latest ones. */
  const patch = useCallback((change: (values: V) => Partial<V>) => setValues({ ...getValues(), ...change(getValues()) }), [getValues, setValues]);
  return { form, update, patch, errors, disabled };
};

/** One error of the Form, by the path the server (or the panel's own check) names. */
export const useFormError = (path: string) => useForm('useFormError', (s) => errorAt(s.errors, path));
