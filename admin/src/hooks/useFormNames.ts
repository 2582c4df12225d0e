import { useFormsQuery } from '../api';
import { useAllowed } from './useAllowed';

const ALL = { pageSize: 100 };

/** A form's name by its key (the key itself when the role may not read forms, or the form is gone). */
export const useFormNames = () => {
  const allowed = useAllowed();
  const forms = useFormsQuery(ALL, { skip: !allowed.formsRead });
  const names = new Map((forms.data?.data ?? []).map((f) => [f.key, f.name] as const));
  return (key: string) => names.get(key) ?? key;
};
